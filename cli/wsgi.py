"""The WSGI target for production: ``gunicorn 'cli.wsgi:app'``.

Reads ``CYPP_DATABASE_URL``; refuses to start without ``CYPP_SECRET_KEY``;
session cookies are ``Secure`` unless ``CYPP_SECURE_COOKIES=off``.
"""
from cli.app import create_app

app = create_app({"REQUIRE_SECRET_KEY": True})
