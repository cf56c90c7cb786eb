"""Persistence: tables, mapping, engine, unit of work and Alembic migrations."""
