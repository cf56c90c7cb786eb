"""The web pages for people: server-rendered GOV.UK Design System pages on the same app as the API.

Conventions for every page (read before adding one):

- **An area is a blueprint** in its own module (``web/account.py``), created with
  ``Blueprint("account", __name__)`` and listed in ``AREAS`` below; it is nested in
  the ``web`` blueprint, so its endpoints are ``web.<area>.<view>`` and it inherits
  sign-in, CSRF, security headers and HTML error pages.
- **Navigation** is ``NAVIGATION`` below: one ``NavItem(text, endpoint, action)`` line
  per page; it is shown to users who ``may`` do ``action`` (``None``: everyone signed in).
  ``/`` is the dashboard (``web.home.HOME``), where sign-in leads.
- **Every page needs sign-in** unless its view is decorated ``@public``. Views get the
  person from ``web.session.person()`` (a ``Caller``: id, name, role, board_ids) and
  their audit name from ``actor()``; ``require(action)`` refuses with 403;
  ``board_for(board_id=...|plan_id=...)`` answers 404 for a board the person may not see.
- **One unit of work per use case**: ``web.session.uow()`` (the same factory the API
  uses); call one ``lifecycle.services`` function, never query in a view.
- **Forms**: ``web.forms.Form`` parses ``request.form`` with a marshmallow schema and
  shows errors GOV.UK-style (declare schema fields in the order the page asks them);
  templates use the macros in ``templates/macros/forms.html``. Every POST form
  includes ``{{ csrf_field() }}``. Shared input schemas live in ``lifecycle/schemas/``.
- **Templates** extend ``base.html`` and fill ``title`` and ``page`` (optionally
  ``backLink``); flashed messages (``flash(text, "success"|"error")``) show above ``page``.
  GOV.UK macros come from ``govuk_frontend_jinja/components/<name>/macro.html``. No
  inline script or style (the CSP forbids them); our own CSS is ``static/cypp.css``;
  ``|when`` formats a date or instant in England.
- **Errors**: ``abort(403)``/``abort(404)`` and unhandled domain errors become pages in
  the service's look (``web/errors.py``); ``NotFound`` is always a 404 page.
- **Browser tests** live in ``tests/browser/`` (fixtures ``server``, ``page``,
  ``new_page``, ``signed_in``, ``as_coordinator``/``as_member``/``as_auditor``/``as_admin``;
  helpers ``assert_accessible`` and ``screenshot`` in ``tests/browser/harness.py``).
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Flask

from lifecycle.access import ADMINISTER, AUDIT
from web import (
    account,
    admin,
    audit,
    auth,
    boards,
    calendar,
    display,
    errors,
    home,
    limits,
    monitoring,
    notifications,
    plans,
    records,
    security,
    session,
)
from web.errors import error_page  # noqa: F401  (the composition root's HTML error page)

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static")

# Each area of the site; a new page module adds its blueprint here.
AREAS = [home.bp, auth.bp, account.bp, calendar.bp, admin.bp, boards.bp, plans.bp, records.bp,
         audit.bp, notifications.bp, monitoring.bp]
for _area in AREAS:
    bp.register_blueprint(_area)
bp.before_request(session.guard)
errors.register(bp)
bp.add_app_template_filter(display.when, "when")
bp.add_app_template_filter(display.dates_in_words, "dates_in_words")
bp.add_app_template_global(display.navigation, "navigation")


@dataclass(frozen=True)
class NavItem:
    """One link in the service navigation, shown to whoever may do ``action``."""

    text: str
    endpoint: str
    action: str | None = None


NAVIGATION = [
    NavItem("Dashboard", "web.home.index"),
    NavItem("Boards", "web.boards.index"),
    NavItem("Notifications", "web.notifications.index"),
    NavItem("Audit log", "web.audit.index", AUDIT),
    NavItem("Your account", "web.account.index"),
    NavItem("Users", "web.admin.users", ADMINISTER),
]


def configure(app: Flask) -> None:
    """Defaults from the environment (secret key, cookies, rate-limit storage)."""
    security.configure(app)


def init_app(app: Flask) -> None:
    """Register the pages, their sign-in, CSRF, rate limits, headers and error pages."""
    app.register_blueprint(bp)
    security.init_app(app)
    session.init_app(app)
    limits.init_app(app)
    app.extensions["cypp.web.navigation"] = NAVIGATION
