"""Every request: a request id, one JSON log line, and its metrics.

The request id is the caller's ``X-Request-ID`` when it is sane (1-128 letters,
digits and ``.-_:``), else a new one; it is returned in the ``X-Request-ID`` response
header and written in the log line. The line holds the method, the route template
(``/api/v1/plans/<int:plan_id>``), the path without its query string (a calendar URL
carries a token there), the status, the duration in milliseconds and the user, if one
was authenticated (the API puts its caller in ``g.user``; the web pages' Flask-Login
keeps the signed-in person in ``g._login_user``). A POST of a lifecycle event (any route
ending ``/events`` with an ``event`` in its JSON or form) is also counted by outcome.
"""
from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

from lifecycle.machine import EVENTS
from ops.metrics import LATENCY, PLAN_EVENTS, REQUESTS

SANE_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
HEADER = "X-Request-ID"
OUTCOMES = {409: "conflict", 422: "refused"}
log = logging.getLogger("cypp.request")


def request_id() -> str:
    """This request's id (the caller's if sane, else a new one)."""
    offered = request.headers.get(HEADER, "")
    return offered if SANE_ID.fullmatch(offered) else uuid.uuid4().hex


def _start() -> None:
    g.request_id = request_id()
    g.request_started = time.perf_counter()


def _finish(response: Response) -> Response:
    response.headers[HEADER] = g.get("request_id") or request_id()
    seconds = time.perf_counter() - g.get("request_started", time.perf_counter())
    route = request.url_rule.rule if request.url_rule else "<unmatched>"
    REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    LATENCY.labels(route, request.method).observe(seconds)
    _count_event(route, response.status_code)
    log.info("%s %s %s", request.method, request.path, response.status_code, extra={
        "request_id": response.headers[HEADER], "method": request.method, "route": route,
        "path": request.path, "status": response.status_code,
        "duration_ms": round(seconds * 1000, 1), "user": _user()})
    return response


def _user() -> str | None:
    api_caller = g.get("user")
    if api_caller is not None:
        return api_caller.name
    person = g.get("_login_user")
    if person is not None and getattr(person, "is_authenticated", False):
        return getattr(person, "view", {}).get("name")
    return None


def _count_event(route: str, status: int) -> None:
    if request.method != "POST" or not route.endswith("/events"):
        return
    body = request.get_json(silent=True) if request.is_json else request.form
    event = body.get("event") if hasattr(body, "get") else None
    if event not in EVENTS:
        return
    outcome = "accepted" if status < 400 else OUTCOMES.get(status)
    if outcome:
        PLAN_EVENTS.labels(event, outcome).inc()


def init_app(app: Flask) -> None:
    """Give every request of ``app`` an id, a log line and its metrics."""
    app.before_request(_start)
    app.after_request(_finish)
