"""The app's units of work: one factory per app, from the environment or injected by tests.

``create_app`` config keys: ``EMAIL_ENABLED`` (whether reminders queued by a request, such
as a chase, go by email too; default: ``CYPP_SMTP_HOST`` is set, as for the scheduler),
``UOW_FACTORY`` (a callable returning a unit of
work; tests pass one joined to their transaction), or ``RUNTIME`` (a
``lifecycle.bootstrap.Runtime``), or ``DATABASE_URL`` and ``CLOCK``; by
default ``CYPP_DATABASE_URL`` and ``CYPP_CLOCK``.
"""
from __future__ import annotations

import os

from flask import Flask, current_app, g

from lifecycle.bootstrap import runtime


def init_app(app: Flask) -> None:
    """Choose where this app's units of work come from."""
    factory = app.config.get("UOW_FACTORY")
    if factory is None:
        rt = app.config.get("RUNTIME") or runtime(app.config.get("DATABASE_URL"),
                                                  app.config.get("CLOCK"))
        app.config["RUNTIME"] = rt
        factory = rt.uow
    app.extensions["cypp.uow_factory"] = factory


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
    configured = current_app.config.get("EMAIL_ENABLED")
    if configured is None:
        return bool(os.environ.get("CYPP_SMTP_HOST", "").strip())
    return bool(configured)
