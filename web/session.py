"""Who is signed in, and the unit of work each page uses (the app's one factory).

Sessions are Flask-Login's: the user is loaded from the database on every
request, and a session ends when the user is deactivated or their password
changes (the session id carries ``session_key``, a digest of the password hash).
CSRF is checked on every POST to the web pages (Flask-WTF).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, abort, current_app, request
from flask_login import LoginManager, UserMixin, current_user
from flask_wtf.csrf import CSRFProtect

from lifecycle.access import Caller, may, sees_board
from lifecycle.errors import NotFound
from lifecycle.services import access, people

csrf = CSRFProtect()
SIGN_IN = "web.auth.sign_in"


class SignedIn(UserMixin):
    """Flask-Login's user: wraps the user view (``.view``) of the person signed in."""

    def __init__(self, view: dict):
        self.view = view
        self.caller = Caller(id=view["id"], name=view["name"], role=view["role"],
                             board_ids=frozenset(view["board_ids"]))

    def get_id(self) -> str:
        return f"{self.view['id']}:{self.view['session_key']}"


def uow():
    """A new unit of work from the app's factory (the same one the API uses)."""
    return current_app.config["UOW_FACTORY"]()


def person() -> Caller:
    """Whoever is signed in, as the access rules take them (id, name, role, board_ids)."""
    if not current_user.is_authenticated:
        abort(401)
    return current_user.caller


def actor() -> str:
    """The name a change made on a page is audited under."""
    return person().name


def public(view):
    """Mark a view as open without signing in (the sign-in page itself)."""
    view.public = True
    return view


def require(action: str, board_id: int | None = None) -> None:
    """Refuse (403) unless the person may do ``action`` (on ``board_id``)."""
    if not may(person(), action, board_id):
        abort(403)


def board_for(*, board_id: int | None = None, plan_id: int | None = None) -> int:
    """The board of ``board_id``/``plan_id`` if the person may see it; otherwise 404."""
    found = access.board_of(uow(), board_id=board_id, plan_id=plan_id)
    if not sees_board(person(), found):
        raise NotFound(f"{'plan' if plan_id else 'board'} {plan_id or board_id} does not exist")
    return found


def safe_next(target: str | None, default: str) -> str:
    """A redirect target only within this site (no open redirects)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def _load(session_id: str) -> SignedIn | None:
    user_id, _, key = session_id.partition(":")
    if not user_id.isdigit():
        return None
    view = people.session_user(uow(), int(user_id), key)
    return SignedIn(view) if view is not None else None


def guard():
    """``before_request`` of the web blueprint: every page needs sign-in unless ``@public``;
    every POST needs a valid CSRF token."""
    csrf.protect()
    view = current_app.view_functions.get(request.endpoint)
    if request.endpoint == "web.static" or getattr(view, "public", False):
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    return None


def init_app(app: Flask) -> None:
    """Flask-Login and CSRF (checked by ``guard``, so for the web pages only)."""
    manager = LoginManager()
    manager.login_view = SIGN_IN
    manager.login_message = "Sign in to see that page."
    manager.login_message_category = "info"
    manager.session_protection = "basic"
    manager.user_loader(_load)
    manager.init_app(app)
    csrf.init_app(app)

