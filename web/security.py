"""Settings that keep the pages safe: secret key, cookie flags, security headers, templates.

``CYPP_SECRET_KEY`` signs sessions (required in production: ``REQUIRE_SECRET_KEY``);
``CYPP_SECURE_COOKIES`` (``on``/``off``, default on) marks cookies ``Secure``;
``CYPP_RATELIMIT_STORAGE_URI`` (default ``memory://``, per process; e.g.
``redis://host:6379`` to share limits between gunicorn workers).
"""
from __future__ import annotations

import os
import secrets

from flask import Flask, request
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

# The one inline script of govuk-frontend's page template (it marks the body as able to run
# GOV.UK Frontend's JavaScript), allowed by its hash; no other inline script may run.
GOVUK_TEMPLATE_SCRIPT = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", f"script-src 'self' {GOVUK_TEMPLATE_SCRIPT}", "style-src 'self'",
    "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "object-src 'none'",
    "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
])
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Never send a URL (a calendar link carries a token) to another site.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in ("1", "on", "true", "yes")


def configure(app: Flask) -> None:
    """Defaults read from the environment; a test or entrypoint config may override them."""
    secure = _flag("CYPP_SECURE_COOKIES", True)
    app.config.update(
        SECRET_KEY=os.environ.get("CYPP_SECRET_KEY") or None,
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure, REMEMBER_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax",
        WTF_CSRF_CHECK_DEFAULT=False,  # only the web pages check CSRF; the API uses bearer tokens
        RATELIMIT_STORAGE_URI=os.environ.get("CYPP_RATELIMIT_STORAGE_URI") or "memory://",
        RATELIMIT_STRATEGY="moving-window",  # a fixed window would reset mid-burst
        SIGN_IN_LIMIT="5/minute",
    )


def _require_secret_key(app: Flask) -> None:
    if app.config.get("SECRET_KEY"):
        return
    if app.config.get("REQUIRE_SECRET_KEY"):
        raise RuntimeError("CYPP_SECRET_KEY is not set: production refuses to start without a "
                           "secret key (e.g. python3 -c 'import secrets; "
                           "print(secrets.token_hex(32))')")
    app.config["SECRET_KEY"] = secrets.token_hex(32)  # tests: sessions last as long as the app


def _headers(response):
    response.headers.update(HEADERS)
    if not request.path.startswith("/api/"):  # the API's own docs page styles itself inline
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response


def init_app(app: Flask) -> None:
    """Secret key, GOV.UK macros for the templates, and security headers on every answer."""
    _require_secret_key(app)
    app.jinja_loader = ChoiceLoader([PrefixLoader(
        {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.after_request(_headers)
