"""Rate limits (Flask-Limiter): failed sign-in attempts per address and user name.

Only failures count (a successful sign-in redirects), so people who sign in
often are never locked out, while guessing stops after ``SIGN_IN_LIMIT``.

The counters live in ``RATELIMIT_STORAGE_URI`` (``CYPP_RATELIMIT_STORAGE_URI``,
default ``memory://``: one process's memory, so each gunicorn worker counts on
its own; point it at Redis or Memcached to share them).
"""
from __future__ import annotations

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(get_remote_address, default_limits=[])


def _address_and_name() -> str:
    return f"{get_remote_address()}|{request.form.get('name', '').strip().lower()}"


def sign_in_limit():
    """Decorator for the sign-in view: ``SIGN_IN_LIMIT`` failed POSTs per address and name."""
    return limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT"],
                         key_func=_address_and_name, methods=["POST"],
                         deduct_when=lambda response: response.status_code != 302)


def init_app(app: Flask) -> None:
    """Count against this app's storage."""
    limiter.init_app(app)
