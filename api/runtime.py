"""The API's units of work: the app's one factory, ``UOW_FACTORY`` in its config.

The composition root (``cli.app.create_app``) builds it once and hands the
same factory to the API and the web pages. A request has one unit of work
(``RequestUnitOfWork``): authentication, scope, the use case and the
idempotency bookkeeping share its session, so a request is one transaction
(STYLE habit 13) unless a step commits before the next begins.
Config key ``EMAIL_ENABLED``: whether reminders queued by a request (such as a chase)
go by email too; the composition root sets it (``CYPP_SMTP_HOST`` is set, as for the
scheduler) for the API and the web pages alike.
"""
from __future__ import annotations

import logging

from flask import Flask, current_app, g
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)


class RequestUnitOfWork:
    """The unit of work of one request, entered by each of its steps (``with uow: ...``).

    The first step opens the session; a later step goes on in the same transaction. A
    step that raises rolls back and closes it (as a unit of work does), so the next step
    starts afresh; at the end of the request whatever was not committed is rolled back.
    """

    def __init__(self, inner):
        self.inner = inner
        self.entered = False

    def __enter__(self) -> RequestUnitOfWork:
        if not self.entered:
            self.inner.__enter__()
            self.entered = True
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            return self.close(exc_type, exc, tb)
        return None

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def close(self, exc_type=None, exc=None, tb=None):
        """Roll back what was not committed and give the connection back."""
        if not self.entered:
            return None
        self.entered = False
        return self.inner.__exit__(exc_type, exc, tb)


def init_app(app: Flask) -> None:
    """Take this app's unit-of-work factory from its config; close each request's unit."""
    app.extensions["cypp.uow_factory"] = app.config["UOW_FACTORY"]
    app.teardown_request(_close_request_unit)


def _close_request_unit(_error=None) -> None:
    unit = g.pop("request_uow", None)
    if unit is None:
        return
    try:
        unit.close()
    except SQLAlchemyError:
        log.warning("could not roll back the request's unit of work", exc_info=True)


def new_uow() -> RequestUnitOfWork:
    """This request's unit of work (authentication, scope, idempotency bookkeeping)."""
    unit = g.get("request_uow")
    if unit is None:
        unit = g.request_uow = RequestUnitOfWork(current_app.extensions["cypp.uow_factory"]())
    return unit


def uow():
    """The unit of work for this request's use case (claiming its idempotency key, if any)."""
    unit = new_uow()
    claim = g.get("idempotency_claim")
    return claim.wrap(unit) if claim is not None else unit


def email_enabled() -> bool:
    """Whether email is configured, so that reminders queued now go by email as well."""
    return bool(current_app.config.get("EMAIL_ENABLED"))
