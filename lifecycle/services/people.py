"""Use cases for people: signing in, sessions, passwords, and the admin's changes to users.

Every change is audited under its actor, never with a password or a token. A
deactivated user can neither sign in nor use a token; a session is tied to the
password it was opened with (``session_key``) and to the user being active.
"""
from __future__ import annotations

from sqlalchemy import func, select

from lifecycle.access import ROLES
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput, NotFound
from lifecycle.model import User
from lifecycle.passwords import check_password, hash_password, session_key, verify_password
from lifecycle.services.access import load_user, user_view
from lifecycle.services.common import load_board, record, require_actor

PAGE_SIZE = 20


def _session_view(user: User) -> dict:
    return user_view(user) | {"session_key": session_key(user.password_hash)}


def _get(uow: UnitOfWork, user_id: int) -> User:
    user = uow.session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} does not exist")
    return user


def sign_in(uow: UnitOfWork, name: str, password: str) -> dict | None:
    """The active user with this name and password (with their ``session_key``), or ``None``."""
    with uow:
        user = uow.session.scalar(select(User).where(User.name == (name or "").strip()))
        ok = verify_password(user.password_hash if user else None, password or "")
        if user is None or not ok or not user.active:
            return None
        return _session_view(user)


def session_user(uow: UnitOfWork, user_id: int, key: str) -> dict | None:
    """The user of a session if still active and their password has not changed since."""
    with uow:
        user = uow.session.get(User, user_id)
        if user is None or not user.active or session_key(user.password_hash) != key:
            return None
        return _session_view(user)


def get_user(uow: UnitOfWork, user_id: int) -> dict:
    """One user (``NotFound`` if there is none)."""
    with uow:
        return user_view(_get(uow, user_id))


def page_users(uow: UnitOfWork, page: int = 1, per_page: int = PAGE_SIZE) -> dict:
    """One page of users by name: ``{"users", "page", "pages", "total"}``."""
    with uow:
        total = uow.session.scalar(select(func.count()).select_from(User))
        pages = max(1, -(-total // per_page))
        page = min(max(1, page), pages)
        found = uow.session.scalars(select(User).order_by(User.name)
                                    .offset((page - 1) * per_page).limit(per_page))
        return {"users": [user_view(u) for u in found], "page": page, "pages": pages,
                "total": total}


def set_password(uow: UnitOfWork, actor: str, user_id: int, password: str) -> dict:
    """Set (or reset) a user's password; their other sessions end. Audited without it."""
    actor = require_actor(actor)
    password_hash = hash_password(check_password(password))
    with uow:
        user = _get(uow, user_id)
        user.password_hash = password_hash
        record(uow, actor, "user.password_set", user_id=user.id, name=user.name)
        view = _session_view(user)
        uow.commit()
        return view


def set_password_by_name(uow: UnitOfWork, actor: str, name: str, password: str) -> dict:
    """``set_password`` for the user called ``name`` (the command line's way in)."""
    with uow:
        user_id = load_user(uow, name).id
    return set_password(uow, actor, user_id, password)


def change_own_password(uow: UnitOfWork, user_id: int, current: str, new: str) -> dict:
    """A user changes their own password, proving the current one first."""
    check_password(new, "new_password")
    with uow:
        user = _get(uow, user_id)
        if not verify_password(user.password_hash, current or ""):
            raise InvalidInput("the current password is wrong",
                               {"current_password": ["Your current password is not right."]})
        name = user.name
    return set_password(uow, name, user_id, new)


def update_user(uow: UnitOfWork, actor: str, user_id: int, *, role: str,
                board_ids: list[int] | tuple = ()) -> dict:
    """Change a user's role and boards; an admin may not change their own role."""
    actor = require_actor(actor)
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}",
                           {"role": [f"Must be one of: {', '.join(ROLES)}."]})
    with uow:
        user = _get(uow, user_id)
        if user.name == actor and role != user.role:
            raise InvalidInput("you cannot change your own role (product rule: another admin "
                               "must)", {"role": ["You cannot change your own role."]})
        before = user_view(user)
        user.role = role
        user.boards = [load_board(uow, b) for b in dict.fromkeys(board_ids)]
        uow.flush()
        view = user_view(user)
        record(uow, actor, "user.updated", user_id=user.id, name=user.name,
               role={"from": before["role"], "to": role},
               board_ids={"from": before["board_ids"], "to": view["board_ids"]})
        uow.commit()
        return view


def set_active(uow: UnitOfWork, actor: str, user_id: int, active: bool) -> dict:
    """Deactivate (no sign-in, no tokens) or reactivate a user; nobody deactivates themselves."""
    actor = require_actor(actor)
    with uow:
        user = _get(uow, user_id)
        if user.name == actor and not active:
            raise InvalidInput("you cannot deactivate yourself (product rule: another admin "
                               "must)", {"active": ["You cannot deactivate yourself."]})
        if user.active != active:
            user.active = active
            record(uow, actor, "user.reactivated" if active else "user.deactivated",
                   user_id=user.id, name=user.name)
        view = user_view(user)
        uow.commit()
        return view
