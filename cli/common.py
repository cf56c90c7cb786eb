"""What every ``cypp`` command shares: the date type, the runtime built once per command,
JSON output, and the group that turns domain errors into one line on stderr."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from sqlalchemy import make_url
from sqlalchemy.exc import SQLAlchemyError

from lifecycle.bootstrap import runtime
from lifecycle.db.engine import database_url
from lifecycle.db.uow import StoreUnavailable
from lifecycle.errors import DomainError, GuardRefused
from lifecycle.views import as_iso


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not an ISO date (YYYY-MM-DD)", param, ctx)


DATE = _Date()


class CyppGroup(click.Group):
    """Turns every domain error into one clear line on stderr and exit status 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GuardRefused as err:
            lines = [f"error: {err.event} refused:"] + [f"  - {r}" for r in err.findings.unmet]
            click.echo("\n".join(lines), err=True)
            sys.exit(1)
        except (DomainError, StoreUnavailable) as err:
            click.echo(f"error: {err.message}", err=True)
            sys.exit(1)
        except SQLAlchemyError as err:
            detail = str(getattr(err, "orig", None) or err).splitlines()[0]
            click.echo(f"error: database: {detail} (is CYPP_DATABASE_URL right, and has "
                       "`cypp db upgrade` run?)", err=True)
            sys.exit(1)


def get_runtime(ctx: click.Context, *, creates: bool = False):
    """The process runtime, built once per command from the environment.

    Only a command that ``creates`` the database may run on a SQLite file that does not
    exist yet; any other stops with one line naming the database and how to create it,
    rather than leave an empty file behind."""
    root = ctx.find_root()
    root.obj = root.obj or {}
    if "runtime" not in root.obj:
        url = database_url()
        missing = missing_sqlite_file(url)
        if missing and not creates:
            click.echo(f"error: no database at {missing}; `cypp db upgrade` creates it there "
                       "(`make run` also loads the demo), or set CYPP_DATABASE_URL", err=True)
            sys.exit(1)
        root.obj["runtime"] = runtime(url)
    return root.obj["runtime"]


def missing_sqlite_file(url: str) -> Path | None:
    """The file of a SQLite ``url`` when it does not exist yet, else None."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    return None if path.exists() else path.resolve()


def echo_json(value) -> None:
    click.echo(json.dumps(as_iso(value), indent=2, sort_keys=True))
