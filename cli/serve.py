"""``cypp serve``: the web pages and the API on the development server (werkzeug).

Logs are JSON lines on stderr (``ops.logs``); each request is one line written by
``ops.requests`` with the path only: a query string may carry a calendar token,
and no token may appear in a log (werkzeug's own coloured request line is off).
The port is checked before anything else happens: a busy one is one line and exit
status 1, with no scheduler started (``--check-port`` only checks). Without ``CYPP_SECRET_KEY``
a local key is made once and kept in ``.cypp-secret-key`` (git-ignored); on a
loopback address cookies are not marked ``Secure`` unless ``CYPP_SECURE_COOKIES``
says so, since local development runs on plain http.
"""
from __future__ import annotations

import errno
import ipaddress
import os
import secrets
import socket
import sys
from pathlib import Path

import click
from werkzeug.serving import WSGIRequestHandler, make_server

from cli.common import get_runtime
from ops.logs import configure_logging

LOCAL_KEY_FILE = Path(".cypp-secret-key")


class QuietRequestHandler(WSGIRequestHandler):
    """No request line of werkzeug's own (it would carry the query string and colour codes):
    the app logs each request as JSON."""

    def log_request(self, code="-", size="-") -> None:
        return None


def port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on, in one line, or None if it can."""
    if port == 0:
        return None
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.create_server((host, port), family=family):
            return None
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            return (f"{host}:{port} is already in use (is the service already running?); stop "
                    f"it or choose another port: --port N, or `make run PORT=N`")
        return f"cannot listen on {host}:{port}: {err.strerror or err}"


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
@click.option("--check-port", is_flag=True, help="Only check that HOST:PORT is free, then exit.")
@click.pass_context
def serve(ctx, host: str, port: int, with_scheduler: bool, check_port: bool) -> None:
    """Serve the web pages and the API (development server; gunicorn 'cli.wsgi:app' in
    production)."""
    problem = port_problem(host, port)
    if problem:
        click.echo(f"error: {problem}", err=True)
        sys.exit(1)
    if check_port:
        return
    from cli.app import create_app
    configure_logging()
    rt = get_runtime(ctx)
    app = create_app(server_config(host, rt) | {"SCHEDULER_EXPECTED": with_scheduler})
    server = make_server(host, port, app, threaded=True, request_handler=QuietRequestHandler)
    if with_scheduler:
        start_scheduler(rt)
    where = f"http://{host}:{server.server_port}"
    click.echo(f"web pages on {where}/ - sign in with a user name and password (create one with "
               f"`cypp users create NAME --role admin --password`; the demo's people are listed "
               f"by `cypp demo --if-empty`); API on {where}/api/v1 (docs: /api/v1/docs)", err=True)
    click.echo(f" * Running on {where}/ (Ctrl-C stops it)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def start_scheduler(rt) -> None:
    """Start the scheduler in the background, or exit with one clear line if it is missing."""
    try:
        from schedules.runner import start_in_background
    except ImportError as err:
        click.echo(f"error: --with-scheduler needs schedules.runner ({err})", err=True)
        sys.exit(1)
    start_in_background(rt)
