"""The unit of work: one transaction per use case, rolled back unless committed."""
from __future__ import annotations

from sqlalchemy.exc import OperationalError
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
        if isinstance(exc, OperationalError) and _is_disconnect(exc):
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


def _is_disconnect(exc: OperationalError) -> bool:
    return bool(getattr(exc, "connection_invalidated", False)) or "connect" in str(exc.orig).lower()
