"""Inserts that let a unique constraint, not a prior read, decide whether a row is new.

Two scheduler processes racing to raise the same reminder both try the insert;
the database keeps one and the other learns it lost (no row returned), on
PostgreSQL and SQLite alike (``INSERT ... ON CONFLICT DO NOTHING``).
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def _insert(session: Session, table: Table):
    dialect = session.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(table)


def insert_ignoring_duplicates(session: Session, table: Table, rows: list[dict]) -> None:
    """Insert the rows; any that would break a unique constraint are left out."""
    if rows:
        session.connection().execute(_insert(session, table).on_conflict_do_nothing(), rows)


def insert_or_update(session: Session, table: Table, rows: list[dict],
                     key: Sequence[str]) -> None:
    """Insert the rows; one whose ``key`` columns match a stored row updates its other columns
    instead (``INSERT ... ON CONFLICT DO UPDATE``). The rows' keys must be distinct."""
    if not rows:
        return
    statement = _insert(session, table)
    statement = statement.on_conflict_do_update(index_elements=list(key), set_={
        name: statement.excluded[name] for name in rows[0] if name not in key})
    session.connection().execute(statement, rows)


def insert_if_new(session: Session, table: Table, row: dict) -> int | None:
    """Insert one row and return its id, or None if an equal row already exists."""
    statement = _insert(session, table).values(row).on_conflict_do_nothing().returning(table.c.id)
    return session.execute(statement).scalar()
