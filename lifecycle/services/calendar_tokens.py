"""Calendar tokens: named, read-only, revocable tokens for one board's calendar feed.

Calendar clients cannot send a bearer header, so the token rides in the feed's
URL, where it may leak (shared links, proxies); it therefore opens that one
board's feed and nothing else. Shown once, stored only as its SHA-256.
"""
from __future__ import annotations

import secrets

from sqlalchemy import select

from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import NotFound
from lifecycle.model import CalendarToken
from lifecycle.services.access import token_hash, token_name
from lifecycle.services.common import load_board, record, require_actor

CALENDAR_PREFIX = "cal_"


def _view(issued: CalendarToken) -> dict:
    return {"id": issued.id, "board_id": issued.board_id, "name": issued.name,
            "created_by": issued.created_by, "created_at": issued.created_at,
            "revoked_at": issued.revoked_at}


def issue_calendar_token(uow: UnitOfWork, actor: str, board_id: int, name: str) -> dict:
    """A new calendar token for the board; the plaintext is in the result and nowhere else."""
    actor = require_actor(actor)
    label = token_name(name)
    token = CALENDAR_PREFIX + secrets.token_urlsafe(32)
    with uow:
        load_board(uow, board_id)
        issued = CalendarToken(board_id=board_id, name=label, token_hash=token_hash(token),
                               created_by=actor, created_at=uow.clock.now(), revoked_at=None)
        uow.session.add(issued)
        uow.flush()
        record(uow, actor, "calendar_token.issued", board_id=board_id, token_id=issued.id,
               token_name=label)
        view = _view(issued) | {"token": token}
        uow.commit()
        return view


def list_calendar_tokens(uow: UnitOfWork, board_id: int) -> list[dict]:
    """The board's calendar tokens, newest first, revoked ones included."""
    with uow:
        load_board(uow, board_id)
        found = uow.session.scalars(select(CalendarToken)
                                    .where(CalendarToken.board_id == board_id)
                                    .order_by(CalendarToken.id.desc()))
        return [_view(t) for t in found]


def revoke_calendar_token(uow: UnitOfWork, actor: str, board_id: int, token_id: int) -> dict:
    """Revoke one of the board's calendar tokens (a token of another board does not exist)."""
    actor = require_actor(actor)
    with uow:
        issued = uow.session.get(CalendarToken, token_id)
        if issued is None or issued.board_id != board_id:
            raise NotFound(f"calendar token {token_id} does not exist")
        if issued.revoked_at is None:
            issued.revoked_at = uow.clock.now()
            record(uow, actor, "calendar_token.revoked", board_id=board_id, token_id=issued.id,
                   token_name=issued.name)
        view = _view(issued)
        uow.commit()
        return view


def calendar_board(uow: UnitOfWork, token: str | None) -> int | None:
    """The board whose feed a live calendar token opens, or ``None``."""
    if not token:
        return None
    with uow:
        return uow.session.scalar(select(CalendarToken.board_id).where(
            CalendarToken.token_hash == token_hash(token), CalendarToken.revoked_at.is_(None)))
