"""Scratch PostgreSQL databases for the benchmarks: made fresh, dropped after."""
from __future__ import annotations

from sqlalchemy import create_engine, text


def _admin(server: str, *statements: str) -> None:
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        for statement in statements:
            c.execute(text(statement))
    admin.dispose()


def fresh_database(server: str, name: str) -> str:
    """An empty database ``name`` on ``server`` (dropped first if it exists); its URL."""
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def drop_database(server: str, name: str) -> None:
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
