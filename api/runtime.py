"""The API's units of work: the app's one factory, ``UOW_FACTORY`` in its config.

The composition root (``cli.app.create_app``) builds it once and hands the
same factory to the API and the web pages.
Config key ``EMAIL_ENABLED``: whether reminders queued by a request (such as a chase)
go by email too; the composition root sets it (``CYPP_SMTP_HOST`` is set, as for the
scheduler) for the API and the web pages alike.
"""
from __future__ import annotations

from flask import Flask, current_app, g


def init_app(app: Flask) -> None:
    """Take this app's unit-of-work factory from its config."""
    app.extensions["cypp.uow_factory"] = app.config["UOW_FACTORY"]


def new_uow():
    """A plain unit of work (authentication, scope, idempotency bookkeeping)."""
    return current_app.extensions["cypp.uow_factory"]()


def uow():
    """The unit of work for this request's use case (claiming its idempotency key, if any)."""
    unit = new_uow()
    claim = g.get("idempotency_claim")
    return claim.wrap(unit) if claim is not None else unit


def email_enabled() -> bool:
    """Whether email is configured, so that reminders queued now go by email as well."""
    return bool(current_app.config.get("EMAIL_ENABLED"))
