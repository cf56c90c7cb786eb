"""Engines for SQLite (embedded default) and PostgreSQL (production)."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import sessionmaker

from lifecycle.db.orm import start_mappers

DEFAULT_URL = "sqlite:///cypp.db"


def database_url(environ: dict | None = None) -> str:
    """``CYPP_DATABASE_URL``, or a SQLite file in the working directory."""
    url = (environ if environ is not None else os.environ).get("CYPP_DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{Path.cwd() / 'cypp.db'}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str | None = None, **kwargs) -> Engine:
    """An engine with the settings each backend needs to keep its promises."""
    url = url or database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _make_sqlite_transactional(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True, **kwargs)
    return engine


def _make_sqlite_transactional(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, run transactions; take the write lock at BEGIN.

    BEGIN IMMEDIATE serialises writers up front, so a read-then-write unit of
    work never fails half way with "database is locked" (SQLAlchemy's pysqlite
    notes on serializable isolation and savepoints).
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker:
    """Sessions whose objects stay readable after commit (services return them)."""
    start_mappers()
    return sessionmaker(bind=engine, expire_on_commit=False)
