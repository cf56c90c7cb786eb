"""The WSGI target for production: ``gunicorn 'cli.wsgi:app'`` (``gunicorn.conf.py`` holds
the settings).

Reads ``CYPP_DATABASE_URL``; refuses to start without ``CYPP_SECRET_KEY``;
session cookies are ``Secure`` unless ``CYPP_SECURE_COOKIES=off``. Logs are JSON lines
(``ops.logs``), set up here unless the server configured logging already.
"""
import logging

from cli.app import create_app
from ops.logs import configure_logging

if not logging.getLogger().handlers:
    configure_logging()

app = create_app({"REQUIRE_SECRET_KEY": True})
