"""``GET /healthz``, ``GET /readyz`` and ``GET /metrics``: unauthenticated, never audited.

``/healthz`` answers 200 while the process can answer at all (it reads nothing).
``/readyz`` answers 200 when the database is reachable, its schema is at the
migrations' head and - if ``SCHEDULER_EXPECTED`` (``CYPP_SCHEDULER_EXPECTED=on``) -
a scheduler finished a job within ``HEARTBEAT_MAX_AGE`` seconds
(``CYPP_HEARTBEAT_MAX_AGE``, default the larger of 300 and three dispatch intervals);
otherwise 503. Both bodies say each check's finding in words. ``/metrics`` is the
Prometheus text format (``ops.metrics``).
"""
from __future__ import annotations

import os
from datetime import timedelta

from flask import Blueprint, Flask, current_app, jsonify

from lifecycle.services.operations import check_readiness
from ops.metrics import exposition

bp = Blueprint("ops", __name__)
NO_STORE = {"Cache-Control": "no-store"}


@bp.get("/healthz")
def healthz():
    """The process is up."""
    return jsonify(status="ok"), 200, NO_STORE


@bp.get("/readyz")
def readyz():
    """Ready to take traffic: database, migrations and, when expected, the scheduler."""
    config = current_app.config
    readiness = check_readiness(config["UOW_FACTORY"](),
                                scheduler_expected=config["SCHEDULER_EXPECTED"],
                                heartbeat_max_age=timedelta(seconds=config["HEARTBEAT_MAX_AGE"]))
    body = {"status": "ready" if readiness.ready else "not ready", "checks": readiness.checks}
    return jsonify(body), 200 if readiness.ready else 503, NO_STORE


@bp.get("/metrics")
def metrics():
    """Prometheus metrics."""
    body, content_type = exposition(current_app.config["UOW_FACTORY"])
    return body, 200, {"Content-Type": content_type, **NO_STORE}


def _switch(value: str) -> bool:
    text = value.strip().lower()
    if text not in ("on", "off", "true", "false", "1", "0", "yes", "no", ""):
        raise ValueError(f"CYPP_SCHEDULER_EXPECTED must be on or off, not {value!r}")
    return text in ("on", "true", "1", "yes")


def configure(app: Flask) -> None:
    """``SCHEDULER_EXPECTED`` and ``HEARTBEAT_MAX_AGE`` from the environment, unless set."""
    dispatch = int(os.environ.get("CYPP_DISPATCH_SECONDS", "") or 60)
    app.config.setdefault("SCHEDULER_EXPECTED",
                          _switch(os.environ.get("CYPP_SCHEDULER_EXPECTED", "")))
    app.config.setdefault("HEARTBEAT_MAX_AGE",
                          int(os.environ.get("CYPP_HEARTBEAT_MAX_AGE", "") or max(300, 3 * dispatch)))
