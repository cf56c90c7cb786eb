"""The unit of work: one transaction per use case, rolled back unless committed."""
from __future__ import annotations

from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from lifecycle.clock import Clock
from lifecycle.errors import Conflict, DomainError


class StoreUnavailable(DomainError):
    """The database cannot be reached; nothing was written."""

    code = "store_unavailable"


class UnitOfWork:
    """``with uow: ...; uow.commit()`` (cosmicpython's unit_of_work.py)."""

    session: Session

    def __init__(self, sessions: sessionmaker, clock: Clock):
        self.sessions = sessions
        self.clock = clock

    def __enter__(self) -> UnitOfWork:
        self.session = self.sessions()
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            self.session.rollback()
        finally:
            self.session.close()
        if is_unavailable(exc):
            raise StoreUnavailable("the database is unavailable; nothing was changed") from exc

    def flush(self) -> None:
        """Write pending changes now, turning a lost optimistic-lock race into ``Conflict``."""
        try:
            self.session.flush()
        except StaleDataError as exc:
            raise Conflict("the plan was changed by someone else; reload and retry") from exc

    def commit(self) -> None:
        self.flush()
        self.session.commit()


# PostgreSQL's connection exceptions (class 08), shutdowns (57P01-57P03) and a full server
# (53300); psycopg's own failures to connect or keep a connection carry no SQLSTATE.
_UNAVAILABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")
_UNAVAILABLE_WORDS = ("connect", "server closed", "terminating connection",
                      "unable to open database", "database is locked", "disk i/o error")


def is_unavailable(exc: BaseException | None) -> bool:
    """Whether ``exc`` means the database cannot be reached (a 503, try again later), as
    opposed to a statement the database refused (a bug: a 500, logged with its cause)."""
    if isinstance(exc, DisconnectionError):
        return True
    if not isinstance(exc, (OperationalError, InterfaceError)):
        return False
    if getattr(exc, "connection_invalidated", False):
        return True
    sqlstate = getattr(exc.orig, "sqlstate", None) or ""
    if sqlstate.startswith(_UNAVAILABLE_SQLSTATES):
        return True
    return any(word in str(exc.orig).lower() for word in _UNAVAILABLE_WORDS)
