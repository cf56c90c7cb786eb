"""Use cases for users, their API tokens, request scope and idempotent requests.

Tokens are shown once, when issued, and stored only as their SHA-256; a token
of a deactivated user authenticates nobody, and its last use is recorded at
most once every ``LAST_USED_EVERY`` (a cheap write on a busy API). An
idempotency key is claimed in the same transaction as the change it guards
(``ClaimingUnitOfWork``), so a retried request can never apply twice.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone
from functools import cache

from sqlalchemy import bindparam, insert, null, select, update
from sqlalchemy.exc import IntegrityError

from lifecycle.access import ROLES, Caller
from lifecycle.db.access_tables import api_tokens, idempotency_keys, user_boards, users
from lifecycle.db.monitoring_tables import annual_reports
from lifecycle.db.tables import boards, plans
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput, NotFound
from lifecycle.model import ApiToken, User
from lifecycle.passwords import check_password, hash_password
from lifecycle.services.common import load_board, record, require_actor

TOKEN_PREFIX = "cypp_"
TOKEN_NAME_MAX = 100
LAST_USED_EVERY = timedelta(minutes=5)
PENDING = 0  # the status of a claimed key whose response is not stored yet


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def user_view(user: User) -> dict:
    """What a caller sees of a user (never a token)."""
    return {"id": user.id, "name": user.name, "role": user.role, "email": user.email,
            "board_ids": [b.id for b in user.boards], "created_at": user.created_at,
            "active": user.active, "has_password": user.password_hash is not None}


def load_user(uow: UnitOfWork, name: str) -> User:
    user = uow.session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"user {name!r} does not exist")
    return user


def create_user(uow: UnitOfWork, actor: str, *, name: str, role: str,
                board_ids: list[int] | tuple = (), email: str | None = None,
                password: str | None = None) -> dict:
    """A new user with a role and, for coordinators and members, the boards they belong to.

    Without a password the user cannot sign in to the web pages (API tokens only)."""
    actor = require_actor(actor)
    password_hash = hash_password(check_password(password)) if password is not None else None
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
        user = User(name=name, role=role, email=email, created_at=uow.clock.now(), boards=boards,
                    password_hash=password_hash, active=True)
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


def token_name(value: str | None) -> str:
    """A token's name as given (what it is for): required, at most 100 characters."""
    value = (value or "").strip()
    if not value:
        raise InvalidInput("token name is required", {"name": ["Enter a name for the token."]})
    if len(value) > TOKEN_NAME_MAX:
        raise InvalidInput("token name is too long", {
            "name": [f"Name must be at most {TOKEN_NAME_MAX} characters."]})
    return value


def issue_token(uow: UnitOfWork, actor: str, name: str, token_label: str = "API token") -> dict:
    """A new bearer token for user ``name``: the plaintext is in the result and nowhere else."""
    actor = require_actor(actor)
    label = token_name(token_label)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with uow:
        user = load_user(uow, name)
        issued = ApiToken(user_id=user.id, name=label, token_hash=token_hash(token),
                          created_at=uow.clock.now(), revoked_at=None, last_used_at=None)
        uow.session.add(issued)
        uow.flush()
        record(uow, actor, "token.issued", user_id=user.id, name=user.name, token_id=issued.id,
               token_name=label)
        uow.commit()
        return {"user": user.name, "token_id": issued.id, "name": label, "token": token}


def token_view(issued: ApiToken) -> dict:
    """What its owner sees of a token (never the token)."""
    return {"id": issued.id, "name": issued.name, "created_at": issued.created_at,
            "last_used_at": issued.last_used_at, "revoked_at": issued.revoked_at}


def list_tokens(uow: UnitOfWork, user_id: int) -> list[dict]:
    """The user's tokens, newest first, revoked ones included."""
    with uow:
        found = uow.session.scalars(select(ApiToken).where(ApiToken.user_id == user_id)
                                    .order_by(ApiToken.id.desc()))
        return [token_view(t) for t in found]


def revoke_token(uow: UnitOfWork, actor: str, user_id: int, token_id: int) -> dict:
    """Revoke one of the user's own tokens (another user's token does not exist for them)."""
    actor = require_actor(actor)
    with uow:
        issued = uow.session.get(ApiToken, token_id)
        if issued is None or issued.user_id != user_id:
            raise NotFound(f"token {token_id} does not exist")
        if issued.revoked_at is None:
            issued.revoked_at = uow.clock.now()
            record(uow, actor, "token.revoked", user_id=user_id, token_ids=[issued.id],
                   token_name=issued.name)
        view = token_view(issued)
        uow.commit()
        return view


def revoke(uow: UnitOfWork, actor: str, name: str) -> int:
    """Revoke every live token of the user; how many were revoked."""
    actor = require_actor(actor)
    with uow:
        user = load_user(uow, name)
        live = [t for t in user.tokens if t.revoked_at is None]
        for issued in live:
            issued.revoked_at = uow.clock.now()
        record(uow, actor, "token.revoked", user_id=user.id, name=user.name,
               token_ids=[t.id for t in live])
        uow.commit()
        return len(live)


def authorize(uow: UnitOfWork, token: str | None, *, board_id: int | None = None,
              plan_id: int | None = None, report_id: int | None = None
              ) -> tuple[Caller, int | None] | None:
    """The caller a live bearer token belongs to and the board the request is about (its
    own, its plan's or its annual report's), read in one query: ``None`` if the token
    authenticates nobody, ``NotFound`` if the board, plan or report is missing. Notes when
    the token was used."""
    if not token:
        return None
    kind, owner_id = _owner_key(board_id=board_id, plan_id=plan_id, report_id=report_id)
    with uow:
        rows = uow.session.execute(_authorize_query(kind), {
            "token_hash": token_hash(token), "owner_id": owner_id}).all()
        if not rows:
            return None
        first = rows[0]
        caller = Caller(id=first.id, name=first.name, role=first.role,
                        board_ids=frozenset(r.board_id for r in rows if r.board_id is not None))
        _note_use(uow, first.token_id, first.last_used_at)
        if board_id is None and plan_id is None and report_id is None:
            return caller, None
        return caller, _scope(first.owner, board_id=board_id, plan_id=plan_id,
                              report_id=report_id)


def authenticate(uow: UnitOfWork, token: str | None) -> Caller | None:
    """The active user a live bearer token belongs to, or ``None``; notes when it was used."""
    found = authorize(uow, token)
    return found[0] if found else None


def _owner_key(*, board_id: int | None, plan_id: int | None, report_id: int | None
               ) -> tuple[str | None, int | None]:
    """Which kind of record the request is about, and its id (the most specific wins)."""
    for kind, given in (("report", report_id), ("plan", plan_id), ("board", board_id)):
        if given is not None:
            return kind, given
    return None, None


@cache
def _owner_query(kind: str | None):
    """The board owning the ``kind`` record ``owner_id``: the report's, the plan's or the
    board itself (``None`` for no record)."""
    owner_id = bindparam("owner_id")
    return {
        "report": select(annual_reports.c.board_id).where(annual_reports.c.id == owner_id),
        "plan": select(plans.c.board_id).where(plans.c.id == owner_id),
        "board": select(boards.c.id).where(boards.c.id == owner_id),
    }.get(kind)


@cache
def _authorize_query(kind: str | None):
    """The caller of a token hash, and the board owning the request's record. Built once per
    kind, so SQLAlchemy keys its compiled form without rebuilding the joins on every request."""
    owner = _owner_query(kind)
    return (select(users.c.id, users.c.name, users.c.role, user_boards.c.board_id,
                   api_tokens.c.id.label("token_id"), api_tokens.c.last_used_at,
                   (owner.scalar_subquery() if owner is not None else null()).label("owner"))
            .select_from(api_tokens.join(users, users.c.id == api_tokens.c.user_id)
                         .outerjoin(user_boards, user_boards.c.user_id == users.c.id))
            .where(api_tokens.c.token_hash == bindparam("token_hash"),
                   api_tokens.c.revoked_at.is_(None), users.c.active.is_(True)))


def _scope(owner: int | None, *, board_id: int | None, plan_id: int | None,
           report_id: int | None) -> int:
    """The request's board, from the owner the query found; ``NotFound`` if it is missing."""
    if report_id is not None:
        if owner is None:
            raise NotFound(f"annual report {report_id} does not exist")
    elif plan_id is not None:
        if owner is None:
            raise NotFound(f"plan {plan_id} does not exist")
        if board_id is not None and owner != board_id:
            raise NotFound(f"plan {plan_id} of board {board_id} does not exist")
    elif owner is None:
        raise NotFound(f"board {board_id} does not exist")
    return owner


def _note_use(uow: UnitOfWork, token_id: int, last_used_at: datetime | None) -> None:
    """Record the token's use at most once every ``LAST_USED_EVERY`` (a cheap write)."""
    now = uow.clock.now()
    if last_used_at is None or now - _aware(last_used_at) >= LAST_USED_EVERY:
        uow.session.execute(update(api_tokens).where(api_tokens.c.id == token_id)
                            .values(last_used_at=now))
        uow.commit()


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for UTC columns."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def board_of(uow: UnitOfWork, *, board_id: int | None = None, plan_id: int | None = None,
             report_id: int | None = None) -> int:
    """The board a request is about (its own, its plan's or its annual report's); ``NotFound``
    if it is missing."""
    kind, owner_id = _owner_key(board_id=board_id, plan_id=plan_id, report_id=report_id)
    with uow:
        owner = (uow.session.scalar(_owner_query(kind), {"owner_id": owner_id})
                 if kind is not None else None)
        return _scope(owner, board_id=board_id, plan_id=plan_id, report_id=report_id)


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
    """A unit of work that claims an idempotency key first, in the same transaction as the
    change, and keeps it only if the change commits.

    The key is inserted when the transaction begins, before the use case reads the plan's
    version: a concurrent copy of the request waits on the key (PostgreSQL's unique index
    holds it until the first commits or rolls back) and then finds it taken, so it answers
    with the first request's result rather than a stale-version conflict. If the key is
    already taken, nothing is done and ``KeyAlreadyClaimed`` is raised.
    """

    def __init__(self, inner: UnitOfWork, user_id: int, key: str, request_hash: str):
        self.inner, self.user_id, self.key, self.request_hash = inner, user_id, key, request_hash
        self.claimed = False

    def __enter__(self) -> ClaimingUnitOfWork:
        self.inner.__enter__()
        if not self.claimed:
            try:
                self._claim()
            except BaseException as exc:  # close the session (an outage becomes StoreUnavailable)
                self.inner.__exit__(type(exc), exc, exc.__traceback__)
                raise
        return self

    def _claim(self) -> None:
        try:
            self.inner.session.execute(insert(idempotency_keys).values(
                user_id=self.user_id, key=self.key, request_hash=self.request_hash,
                status=PENDING, body={}, created_at=self.inner.clock.now()))
        except IntegrityError as exc:
            raise KeyAlreadyClaimed(self.key) from exc

    def __exit__(self, exc_type, exc, tb):
        return self.inner.__exit__(exc_type, exc, tb)

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def flush(self) -> None:
        self.inner.flush()

    def commit(self) -> None:
        self.inner.commit()
        self.claimed = True
