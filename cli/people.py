"""``cypp users`` and ``cypp tokens``: people, their passwords and their API tokens.

A password is typed twice at a terminal, or read as one line from standard
input when that is not a terminal (``echo "$PW" | cypp users set-password ada``);
it is never an argument, so it stays out of shell history and process lists.
"""
from __future__ import annotations

import getpass
import sys

import click

from cli.common import echo_json, get_runtime
from lifecycle.access import ROLES
from lifecycle.services import access, people


def cli_actor() -> str:
    """Who a command's changes are audited under: the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def read_password() -> str:
    """A new password: prompted twice at a terminal, else the first line of stdin."""
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@click.group()
def users() -> None:
    """People who use the service, their roles and passwords."""


@users.command("create")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--board", "boards", type=int, multiple=True,
              help="A board the user belongs to (repeatable).")
@click.option("--email")
@click.option("--password", "with_password", is_flag=True,
              help="Set a password to sign in to the web pages (prompted, or read from stdin).")
@click.pass_context
def users_create(ctx, name: str, role: str, boards: tuple[int, ...], email: str | None,
                 with_password: bool) -> None:
    """Create a user with a role (and, for coordinators and members, their boards)."""
    password = read_password() if with_password else None
    user = access.create_user(get_runtime(ctx).uow(), cli_actor(), name=name, role=role,
                              board_ids=list(boards), email=email, password=password)
    click.echo(f"user {user['name']} ({user['role']}) created"
               + (f", boards {', '.join(map(str, user['board_ids']))}" if user["board_ids"] else "")
               + (", may sign in" if user["has_password"] else ""))


@users.command("set-password")
@click.argument("name")
@click.pass_context
def users_set_password(ctx, name: str) -> None:
    """Set user NAME's password (prompted twice, or read from stdin); their sessions end."""
    people.set_password_by_name(get_runtime(ctx).uow(), cli_actor(), name, read_password())
    click.echo(f"password of {name} set")


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
        status = "" if user["active"] else "\tdeactivated"
        click.echo(f"{user['name']}\t{user['role']}\tboards: {boards}{status}")


@click.group()
def tokens() -> None:
    """Bearer tokens for the API (shown once, stored hashed)."""


@tokens.command("issue")
@click.argument("name")
@click.option("--name", "label", default="issued by the command line", show_default=True,
              help="What the token is for.")
@click.pass_context
def tokens_issue(ctx, name: str, label: str) -> None:
    """Issue a token for user NAME; prints the token alone on stdout."""
    issued = access.issue_token(get_runtime(ctx).uow(), cli_actor(), name, label)
    click.echo(issued["token"])


@tokens.command("revoke")
@click.argument("name")
@click.pass_context
def tokens_revoke(ctx, name: str) -> None:
    """Revoke every token of user NAME."""
    count = access.revoke(get_runtime(ctx).uow(), cli_actor(), name)
    click.echo(f"{count} token(s) of {name} revoked")
