"""Use cases for users, their API tokens, request scope and idempotent requests.

Tokens are shown once, when issued, and stored only as their SHA-256. An
idempotency key is claimed in the same transaction as the change it guards
(``ClaimingUnitOfWork``), so a retried request can never apply twice.
"""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from lifecycle.access import ROLES, ApiToken, User
from lifecycle.db.access_tables import idempotency_keys
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput, NotFound
from lifecycle.model import AnnualReport, Board
from lifecycle.services.common import load_board, load_plan, record, require_actor

TOKEN_PREFIX = "cypp_"
PENDING = 0  # the status of a claimed key whose response is not stored yet


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def user_view(user: User) -> dict:
    """What a caller sees of a user (never a token)."""
    return {"id": user.id, "name": user.name, "role": user.role, "email": user.email,
            "board_ids": [b.id for b in user.boards], "created_at": user.created_at}


def _load_user(uow: UnitOfWork, name: str) -> User:
    user = uow.session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"user {name!r} does not exist")
    return user


def create_user(uow: UnitOfWork, actor: str, *, name: str, role: str,
                board_ids: list[int] | tuple = (), email: str | None = None) -> dict:
    """A new user with a role and, for coordinators and members, the boards they belong to."""
    actor = require_actor(actor)
    name = (name or "").strip()
    if not name:
        raise InvalidInput("name is required", {"name": ["Missing data for required field."]})
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}",
                           {"role": [f"Must be one of: {', '.join(ROLES)}."]})
    with uow:
        if uow.session.scalar(select(User.id).where(User.name == name)) is not None:
            raise InvalidInput(f"user {name!r} already exists", {"name": ["Already taken."]})
        boards = [load_board(uow, board_id) for board_id in dict.fromkeys(board_ids)]
        user = User(name=name, role=role, email=email, created_at=uow.clock.now(), boards=boards)
        uow.session.add(user)
        uow.flush()
        view = user_view(user)
        record(uow, actor, "user.created", user_id=user.id, name=name, role=role,
               board_ids=view["board_ids"], email=email)
        uow.commit()
        return view


def list_users(uow: UnitOfWork) -> list[dict]:
    """Every user, by name."""
    with uow:
        return [user_view(u) for u in uow.session.scalars(select(User).order_by(User.name))]


def issue_token(uow: UnitOfWork, actor: str, name: str) -> dict:
    """A new bearer token for the user: the plaintext is in the result and nowhere else."""
    actor = require_actor(actor)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with uow:
        user = _load_user(uow, name)
        issued = ApiToken(user_id=user.id, token_hash=token_hash(token),
                          created_at=uow.clock.now(), revoked_at=None)
        uow.session.add(issued)
        uow.flush()
        record(uow, actor, "token.issued", user_id=user.id, name=user.name, token_id=issued.id)
        uow.commit()
        return {"user": user.name, "token_id": issued.id, "token": token}


def revoke(uow: UnitOfWork, actor: str, name: str) -> int:
    """Revoke every live token of the user; how many were revoked."""
    actor = require_actor(actor)
    with uow:
        user = _load_user(uow, name)
        live = [t for t in user.tokens if t.revoked_at is None]
        for issued in live:
            issued.revoked_at = uow.clock.now()
        record(uow, actor, "token.revoked", user_id=user.id, name=user.name,
               token_ids=[t.id for t in live])
        uow.commit()
        return len(live)


def authenticate(uow: UnitOfWork, token: str | None) -> dict | None:
    """The user a live bearer token belongs to, or ``None``."""
    if not token:
        return None
    with uow:
        query = select(User).join(ApiToken, ApiToken.user_id == User.id).where(
            ApiToken.token_hash == token_hash(token), ApiToken.revoked_at.is_(None))
        user = uow.session.scalar(query)
        return user_view(user) if user is not None else None


def board_of(uow: UnitOfWork, *, board_id: int | None = None, plan_id: int | None = None,
             report_id: int | None = None) -> int:
    """The board a request is about (its own, its plan's or its annual report's); ``NotFound``
    if it is missing."""
    with uow:
        if report_id is not None:
            found = uow.session.scalar(select(AnnualReport.board_id).where(
                AnnualReport.id == report_id))
            if found is None:
                raise NotFound(f"annual report {report_id} does not exist")
            return found
        if plan_id is not None:
            plan = load_plan(uow, plan_id)
            if board_id is not None and plan.board_id != board_id:
                raise NotFound(f"plan {plan_id} of board {board_id} does not exist")
            return plan.board_id
        if uow.session.get(Board, board_id) is None:
            raise NotFound(f"board {board_id} does not exist")
        return board_id


def find_idempotent_request(uow: UnitOfWork, user_id: int, key: str) -> dict | None:
    """The stored request under this user's key: its hash, status (0 = pending) and body."""
    with uow:
        row = uow.session.execute(
            select(idempotency_keys.c.request_hash, idempotency_keys.c.status,
                   idempotency_keys.c.body)
            .where(idempotency_keys.c.user_id == user_id, idempotency_keys.c.key == key)).first()
        return dict(row._mapping) if row is not None else None


def store_idempotent_response(uow: UnitOfWork, user_id: int, key: str, status: int,
                              body) -> None:
    """Record the response to a claimed key, for retries to replay."""
    with uow:
        uow.session.execute(
            update(idempotency_keys)
            .where(idempotency_keys.c.user_id == user_id, idempotency_keys.c.key == key)
            .values(status=status, body=body))
        uow.commit()


class KeyAlreadyClaimed(Exception):
    """Another request with the same idempotency key committed first; nothing was applied."""


class ClaimingUnitOfWork:
    """A unit of work whose commit also claims an idempotency key, in the same transaction.

    If the key is already taken (a concurrent retry won), the whole change rolls
    back and ``KeyAlreadyClaimed`` is raised.
    """

    def __init__(self, inner: UnitOfWork, user_id: int, key: str, request_hash: str):
        self.inner, self.user_id, self.key, self.request_hash = inner, user_id, key, request_hash
        self.claimed = False

    def __enter__(self) -> ClaimingUnitOfWork:
        self.inner.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        return self.inner.__exit__(exc_type, exc, tb)

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def flush(self) -> None:
        self.inner.flush()

    def commit(self) -> None:
        self.inner.flush()
        try:
            self.inner.session.execute(insert(idempotency_keys).values(
                user_id=self.user_id, key=self.key, request_hash=self.request_hash,
                status=PENDING, body={}, created_at=self.inner.clock.now()))
        except IntegrityError as exc:
            raise KeyAlreadyClaimed(self.key) from exc
        self.inner.commit()
        self.claimed = True
