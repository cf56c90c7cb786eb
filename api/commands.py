"""``cypp serve``, ``cypp users`` and ``cypp tokens`` (added to ``cypp`` by entry points)."""
from __future__ import annotations

import getpass
import sys

import click

from lifecycle.access import ROLES
from lifecycle.cli import echo_json, get_runtime
from lifecycle.services import access


def cli_actor() -> str:
    """Who a command's changes are audited under: the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--with-scheduler", is_flag=True,
              help="Also run the deadline scheduler in this process.")
@click.pass_context
def serve(ctx, host: str, port: int, with_scheduler: bool) -> None:
    """Serve the HTTP API (development server; use gunicorn 'api.wsgi:app' in production)."""
    from werkzeug.serving import run_simple

    from api.app import create_app
    rt = get_runtime(ctx)
    if with_scheduler:
        start_scheduler(rt)
    click.echo(f"serving on http://{host}:{port}/api/v1 (docs: /api/v1/docs)", err=True)
    run_simple(host, port, create_app({"RUNTIME": rt}), threaded=True)


def start_scheduler(rt) -> None:
    """Start the scheduler in the background, or exit with one clear line if it is missing."""
    try:
        from schedules.runner import start_in_background
    except ImportError as err:
        click.echo(f"error: --with-scheduler needs schedules.runner ({err})", err=True)
        sys.exit(1)
    start_in_background(rt)


@click.group()
def users() -> None:
    """People who may use the API, and their roles."""


@users.command("create")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--board", "boards", type=int, multiple=True,
              help="A board the user belongs to (repeatable).")
@click.option("--email")
@click.pass_context
def users_create(ctx, name: str, role: str, boards: tuple[int, ...], email: str | None) -> None:
    """Create a user with a role (and, for coordinators and members, their boards)."""
    user = access.create_user(get_runtime(ctx).uow(), cli_actor(), name=name, role=role,
                              board_ids=list(boards), email=email)
    click.echo(f"user {user['name']} ({user['role']}) created"
               + (f", boards {', '.join(map(str, user['board_ids']))}" if user["board_ids"] else ""))


@users.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def users_list(ctx, as_json: bool) -> None:
    """Every user with their role and boards."""
    found = access.list_users(get_runtime(ctx).uow())
    if as_json:
        echo_json(found)
        return
    for user in found:
        boards = ", ".join(map(str, user["board_ids"])) or "-"
        click.echo(f"{user['name']}\t{user['role']}\tboards: {boards}")


@click.group()
def tokens() -> None:
    """Bearer tokens for the API (shown once, stored hashed)."""


@tokens.command("issue")
@click.argument("name")
@click.pass_context
def tokens_issue(ctx, name: str) -> None:
    """Issue a token for user NAME; prints the token alone on stdout."""
    issued = access.issue_token(get_runtime(ctx).uow(), cli_actor(), name)
    click.echo(issued["token"])


@tokens.command("revoke")
@click.argument("name")
@click.pass_context
def tokens_revoke(ctx, name: str) -> None:
    """Revoke every token of user NAME."""
    count = access.revoke(get_runtime(ctx).uow(), cli_actor(), name)
    click.echo(f"{count} token(s) of {name} revoked")
