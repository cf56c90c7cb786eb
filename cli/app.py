"""``create_app``: one Flask app serving the web pages at ``/`` and the API at ``/api/v1``,
with ``/healthz``, ``/readyz`` and ``/metrics`` and a JSON log line per request (``ops``).

The runtime (database engine and clock) is built here once and its unit-of-work
factory handed to both, so a page and an API call reach the data the same way.
"""
from __future__ import annotations

import os

from flask import Flask, abort, request
from werkzeug.exceptions import HTTPException

import api.app
import ops
import web
from lifecycle.bootstrap import runtime

API_PREFIX = "/api/"
MAX_BODY_ENV = "CYPP_MAX_BODY_BYTES"


def max_body_bytes(environ=os.environ) -> int:
    """The largest request body taken (``CYPP_MAX_BODY_BYTES``, default 1 MiB); a larger one
    is a 413 before it is read."""
    raw = environ.get(MAX_BODY_ENV, "").strip()
    if not raw:
        return api.app.MAX_BODY_BYTES
    if not raw.isdigit() or int(raw) < 1024:
        raise ValueError(f"{MAX_BODY_ENV} must be a whole number of bytes, at least 1024, "
                         f"not {raw!r}")
    return int(raw)


def _refuse_large_bodies(app: Flask) -> None:
    """Answer 413 from the declared length, before anything reads the body (pages and API);
    a body sent without a length is cut off at the limit by Werkzeug as it is read."""
    def check_length():
        limit = app.config["MAX_CONTENT_LENGTH"]
        if request.content_length is not None and request.content_length > limit:
            abort(413)
    app.before_request(check_length)


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
    is set), ``MAX_CONTENT_LENGTH`` (default: ``CYPP_MAX_BODY_BYTES``), ``SCHEDULER_EXPECTED``,
    ``HEARTBEAT_MAX_AGE`` and any Flask or extension setting."""
    app = Flask(__name__, static_folder=None)
    web.configure(app)
    if test_config:
        app.config.update(test_config)
    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's own default: no limit
        app.config["MAX_CONTENT_LENGTH"] = max_body_bytes()
    app.config["UOW_FACTORY"] = uow_factory(app.config)
    # One decision for the API and the pages, as for the scheduler: email only with an SMTP host.
    app.config.setdefault("EMAIL_ENABLED", bool(os.environ.get("CYPP_SMTP_HOST", "").strip()))
    ops.init_app(app)
    _refuse_large_bodies(app)
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
