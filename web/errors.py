"""Error pages in the service's look: 400, 401, 403, 404, 405, 413, 429, 500 and 503.

Domain errors a view does not handle itself become pages too: ``NotFound``
is a 404 (a board the person may not see does not exist for them), a
database outage a 503; nothing is ever shown as a stack trace.
"""
from __future__ import annotations

import logging

from flask import Blueprint, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from lifecycle.db.uow import StoreUnavailable, is_unavailable
from lifecycle.errors import DomainError, NotFound

log = logging.getLogger(__name__)

PAGES = {
    400: ("There is a problem with the request",
          "The page could not use what was sent. Go back, check what you entered and try again."),
    401: ("Sign in to continue", "You need to sign in to see this page."),
    403: ("You do not have permission to do that",
          "Your role does not allow this. Ask an admin if you think it should."),
    404: ("Page not found",
          "If you typed the web address, check it is correct. If you followed a link, the "
          "thing it pointed to does not exist or you do not have access to it."),
    405: ("That action is not available here", "Go back and use the buttons on the page."),
    413: ("What you sent is too large",
          "Nothing was changed. Go back and send less, or a smaller file."),
    429: ("Too many attempts",
          "You have tried too many times in a short while. Wait a minute, then try again."),
    500: ("Sorry, there is a problem with the service",
          "Nothing was changed. Try again later."),
    503: ("Sorry, the service is unavailable",
          "The database cannot be reached just now. Nothing was changed. Try again shortly."),
}
CSRF_MESSAGE = ("The form had expired or did not come from this service, so nothing was "
                "changed. Go back, reload the page and try again.")


def page(status: int, detail: str | None = None):
    """The error page for ``status``, with an optional specific explanation."""
    title, body = PAGES.get(status, PAGES[500 if status >= 500 else 400])
    return render_template("error.html", status=status, title=title, body=detail or body), status


def error_page(error: HTTPException):
    """An HTTP error as a page (also used by the composition root for unrouted paths)."""
    if isinstance(error, InternalServerError):
        log.error("unexpected error", exc_info=error.original_exception)
    if isinstance(error, CSRFError):
        return page(400, CSRF_MESSAGE)
    if isinstance(error, MethodNotAllowed):  # with its Allow header (RFC 9110 15.5.6)
        return *page(405), {"Allow": ", ".join(error.valid_methods or [])}
    return page(error.code or 500)


def _domain(error: DomainError):
    if isinstance(error, StoreUnavailable):
        return page(503)
    if isinstance(error, NotFound):
        return page(404)
    return page(400, error.message)


def _database(error: SQLAlchemyError):
    if is_unavailable(error):
        log.warning("database unavailable on a page: %s", error)
        return page(503)
    log.error("database error on a page: %s", error, exc_info=error)
    return page(500)


def register(web: Blueprint) -> None:
    """Handle errors of every web page with a page."""
    web.register_error_handler(HTTPException, error_page)
    web.register_error_handler(DomainError, _domain)
    web.register_error_handler(SQLAlchemyError, _database)
