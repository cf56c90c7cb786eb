"""Bearer-token authentication, board scope and role checks, applied to every API request.

Order of checks: no or unknown token 401; a board or plan the user may not
see 404 (never 403, which would say it exists); a visible resource the
user's role may not change 403. Each view declares what it needs:

    class Plans(MethodView):
        permissions = {"get": READ, "post": CHANGE}

A view without a declaration is refused (403), so a new route cannot slip
through. Views that authenticate some other way (e.g. a calendar feed with a
token in its URL) are marked with ``@public`` and check access themselves
with ``require_board``.
"""
from __future__ import annotations

from flask import Flask, abort, current_app, g, request

from api.runtime import new_uow
from lifecycle.access import Caller, boards_of, may, sees_board
from lifecycle.errors import NotFound
from lifecycle.services import access

PUBLIC_ENDPOINTS = {"api-docs.openapi_json", "docs.page", "docs.reference", "docs.static"}
SCOPE_ARGS = ("board_id", "plan_id", "report_id")


def public(view):
    """Mark a view (function or MethodView class) as needing no bearer token."""
    view.public = True
    return view


def current_user() -> Caller:
    """The authenticated caller of this request (id, name, role, board_ids)."""
    user = g.get("user")
    if user is None:
        abort(401, description="a bearer token is required")
    return user


def actor() -> str:
    """The name every change of this request is audited under."""
    return current_user().name


def visible_boards() -> set[int] | None:
    """The boards the current user may see (``None``: all)."""
    return boards_of(current_user())


def require_board(user: Caller, board_id: int | None = None, plan_id: int | None = None,
                  report_id: int | None = None) -> int:
    """The board of ``board_id``/``plan_id``/``report_id`` if ``user`` may see it; else
    ``NotFound`` (404)."""
    found = access.board_of(new_uow(), board_id=board_id, plan_id=plan_id, report_id=report_id)
    return visible(user, found, board_id=board_id, plan_id=plan_id, report_id=report_id)


def visible(user: Caller, found: int, board_id: int | None = None, plan_id: int | None = None,
            report_id: int | None = None) -> int:
    """The request's board ``found`` if ``user`` may see it; else ``NotFound`` (404), named
    as the request named it."""
    if not sees_board(user, found):
        what = ("annual report", report_id) if report_id else \
            ("plan", plan_id) if plan_id else ("board", board_id)
        raise NotFound(f"{what[0]} {what[1]} does not exist")
    return found


def _view(endpoint: str):
    func = current_app.view_functions[endpoint]
    return getattr(func, "view_class", func)


def _permission(view) -> str | None:
    declared = getattr(view, "permissions", None)
    if isinstance(declared, dict):
        method = "get" if request.method == "HEAD" else request.method.lower()
        return declared.get(method)
    return declared


def _bearer_token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def authorize_request():
    """``before_request``: who is asking, which board it concerns, and whether they may."""
    if request.blueprint not in current_app.extensions["cypp.api_blueprints"]:
        return  # not an API endpoint (a web page, or no route at all)
    if request.routing_exception is not None or request.endpoint in PUBLIC_ENDPOINTS:
        return
    view = _view(request.endpoint)
    if getattr(view, "public", False) or request.method == "OPTIONS":
        return
    scope = {k: v for k, v in (request.view_args or {}).items() if k in SCOPE_ARGS}
    # One query: the token's user and the board the request is about.
    found = access.authorize(new_uow(), _bearer_token(), **scope)
    if found is None:
        abort(401, description="a valid bearer token is required (Authorization: Bearer ...)")
    g.user, board_id = found
    g.board_id = visible(g.user, board_id, **scope) if scope else None
    action = _permission(view)
    if action is None or not may(g.user, action, g.board_id):
        abort(403, description=f"{g.user.role} {g.user.name!r} may not "
                               f"{request.method} {request.path}")


def init_app(app: Flask, blueprint_names: set[str]) -> None:
    """Check every request to these (the API's) blueprints before its view runs."""
    app.extensions["cypp.api_blueprints"] = frozenset(blueprint_names)
    app.before_request(authorize_request)
