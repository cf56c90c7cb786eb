"""``cypp serve``: the web pages and the API on the development server (werkzeug).

Request lines are logged with the path only: a query string may carry a
calendar token, and no token may appear in a log. Without ``CYPP_SECRET_KEY``
a local key is made once and kept in ``.cypp-secret-key`` (git-ignored); on a
loopback address cookies are not marked ``Secure`` unless ``CYPP_SECURE_COOKIES``
says so, since local development runs on plain http.
"""
from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click
from werkzeug.serving import WSGIRequestHandler, run_simple

from lifecycle.cli import get_runtime

LOCAL_KEY_FILE = Path(".cypp-secret-key")


class PathOnlyRequestHandler(WSGIRequestHandler):
    """Logs ``GET /path HTTP/1.1 200``, never the query string."""

    def log_request(self, code="-", size="-") -> None:
        full = self.path
        self.path = urlsplit(full).path or "/"
        try:
            super().log_request(code, size)
        finally:
            self.path = full


def local_secret_key(path: Path = LOCAL_KEY_FILE) -> str:
    """The development server's secret key, made on first use and kept in ``path``."""
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.touch(mode=0o600)
    path.write_text(key + "\n")
    return key


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def server_config(host: str, rt) -> dict:
    """The app config of the development server on ``host``."""
    config: dict = {"RUNTIME": rt}
    if not os.environ.get("CYPP_SECRET_KEY"):
        config["SECRET_KEY"] = local_secret_key()
    if not os.environ.get("CYPP_SECURE_COOKIES") and _loopback(host):
        config["SESSION_COOKIE_SECURE"] = config["REMEMBER_COOKIE_SECURE"] = False
    return config


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--with-scheduler", is_flag=True,
              help="Also run the deadline scheduler in this process.")
@click.pass_context
def serve(ctx, host: str, port: int, with_scheduler: bool) -> None:
    """Serve the web pages and the API (development server; gunicorn 'cli.wsgi:app' in
    production)."""
    from cli.app import create_app
    rt = get_runtime(ctx)
    app = create_app(server_config(host, rt))
    if with_scheduler:
        start_scheduler(rt)
    where = f"http://{host}:{port}" if port else f"http://{host}:<the port below>"
    click.echo(f"web pages on {where}/ - sign in with a user name and password (create one with "
               f"`cypp users create NAME --role admin --password`; the demo's people are listed "
               f"by `cypp demo --if-empty`); API on {where}/api/v1 (docs: /api/v1/docs)", err=True)
    run_simple(host, port, app, threaded=True, request_handler=PathOnlyRequestHandler)


def start_scheduler(rt) -> None:
    """Start the scheduler in the background, or exit with one clear line if it is missing."""
    try:
        from schedules.runner import start_in_background
    except ImportError as err:
        click.echo(f"error: --with-scheduler needs schedules.runner ({err})", err=True)
        sys.exit(1)
    start_in_background(rt)
