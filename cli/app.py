"""``create_app``: one Flask app serving the web pages at ``/`` and the API at ``/api/v1``,
with ``/healthz``, ``/readyz`` and ``/metrics`` and a JSON log line per request (``ops``).

The runtime (database engine and clock) is built here once and its unit-of-work
factory handed to both, so a page and an API call reach the data the same way.
"""
from __future__ import annotations

import os

from flask import Flask, request
from werkzeug.exceptions import HTTPException

import api.app
import ops
import web
from lifecycle.bootstrap import runtime

API_PREFIX = "/api/"


def uow_factory(config: dict):
    """Where units of work come from, first found: ``UOW_FACTORY`` (tests join their
    transaction), ``RUNTIME``, or ``DATABASE_URL`` and ``CLOCK`` (default: the environment's
    ``CYPP_DATABASE_URL`` and ``CYPP_CLOCK``)."""
    if config.get("UOW_FACTORY") is not None:
        return config["UOW_FACTORY"]
    rt = config.get("RUNTIME") or runtime(config.get("DATABASE_URL"), config.get("CLOCK"))
    config["RUNTIME"] = rt
    return rt.uow


def create_app(test_config: dict | None = None) -> Flask:
    """The whole service; ``test_config`` may set ``UOW_FACTORY``, ``RUNTIME``,
    ``DATABASE_URL``, ``CLOCK``, ``SECRET_KEY``, ``EMAIL_ENABLED`` (default: ``CYPP_SMTP_HOST``
    is set), ``SCHEDULER_EXPECTED``, ``HEARTBEAT_MAX_AGE`` and any Flask or extension setting."""
    app = Flask(__name__, static_folder=None)
    web.configure(app)
    if test_config:
        app.config.update(test_config)
    app.config["UOW_FACTORY"] = uow_factory(app.config)
    # One decision for the API and the pages, as for the scheduler: email only with an SMTP host.
    app.config.setdefault("EMAIL_ENABLED", bool(os.environ.get("CYPP_SMTP_HOST", "").strip()))
    ops.init_app(app)
    api.app.init_app(app)
    web.init_app(app)
    api_errors = app.extensions["cypp.api"].handle_http_exception

    def http_error(error: HTTPException):
        """A request that matched no view: JSON under /api/, an HTML page elsewhere."""
        if request.path.startswith(API_PREFIX):
            return api_errors(error)
        return web.error_page(error)
    app.register_error_handler(HTTPException, http_error)
    return app
