"""The ``cypp`` command line: the composition root that puts the domain's services, the API
and web server, and the scheduler behind one command."""
from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import click
from alembic import command
from sqlalchemy import inspect

from cli.common import DATE, CyppGroup, echo_json, get_runtime
from cli.people import tokens, users
from cli.scheduling import incidents, notify, replay, scheduler
from cli.serve import serve
from lifecycle import services
from lifecycle.audit_anchor import audit_key
from lifecycle.db.migrate import alembic_config
from lifecycle.rules.rulebooks import (
    DEFAULT_PLAN_LENGTH_MONTHS,
    DEFAULT_REVIEW_BASIS,
    DEFAULT_SUCCESSOR_GRACE_DAYS,
    LOCAL_POLICY,
    REVIEW_BASES,
)


@click.group(cls=CyppGroup)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Run a Children's Trust Board's CYPP through the 2010 regulations."""
    ctx.obj = ctx.obj or {}


@cli.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@click.pass_context
def db_upgrade(ctx) -> None:
    """Create or migrate the schema (Alembic) on CYPP_DATABASE_URL."""
    rt = get_runtime(ctx, creates=True)
    with rt.engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    click.echo(f"database at head: {rt.engine.url.render_as_string(hide_password=True)}")


def database_is_empty(rt) -> bool:
    return "boards" not in inspect(rt.engine).get_table_names() or not services.list_boards(rt.uow())


@cli.command()
@click.option("--if-empty", is_flag=True, help="Only when the database has no boards yet.")
@click.pass_context
def demo(ctx, if_empty: bool) -> None:
    """Create the Northshire demo Board with its 2010-2014 history."""
    from cli.demo import demo_sign_ins, load_demo
    rt = get_runtime(ctx, creates=True)
    if if_empty and not database_is_empty(rt):
        click.echo("database already has boards; demo not loaded. An API token: "
                   "`cypp tokens issue NAME` (e.g. `cypp tokens issue northshire-coordinator`) "
                   "prints a new one.")
    else:
        ids = load_demo(rt.uow, rt.clock.today())
        click.echo(f"demo board {ids['board']} created (plans: "
                   f"{', '.join(str(ids[k]) for k in ('plan1', 'plan2') if k in ids) or 'none yet'})")
        for name, token in ids["tokens"].items():
            click.echo(f"API token for {name}: {token}")
    sign_ins = demo_sign_ins(rt.uow)
    if sign_ins:
        click.echo("sign in to the web pages as any of the demo's people:")
        for line in sign_ins:
            click.echo(f"  {line}")


OBLIGATION_COLUMNS = ("kind", "plan_id", "due_on", "status", "met_on", "citation")


def obligations_table(rows: list[dict]) -> str:
    """Obligations as a fixed-width text table (reason shown for not_required ones)."""
    cells = [[_cell(r, c) for c in OBLIGATION_COLUMNS] + [_note(r)] for r in rows]
    header = list(OBLIGATION_COLUMNS) + ["note"]
    widths = [max(len(x) for x in col) for col in zip(header, *cells)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def _cell(row: dict, column: str) -> str:
    value = row.get(column)
    return "-" if value is None else str(value)


def _note(row: dict) -> str:
    if row["status"] == "not_required":
        return row["reason"] or ""
    if row["kind"] == "annual_review":
        note = f"year {row['year_start']} to {row['year_end']}"
    elif row["kind"] == "annual_report":
        note = f"year {row['year_start']} to {row['year_end']}; due date set by the Board"
    else:
        note = ""
    if row["late"]:
        note = f"{note}; met late".lstrip("; ")
    return note


@cli.command()
@click.argument("board_id", type=int)
@click.option("--as-of", "as_of", type=DATE, help="What stood on this date (default today).")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@click.pass_context
def obligations(ctx, board_id: int, as_of: date | None, as_json: bool) -> None:
    """The board's statutory obligations as of a date, each with its citation."""
    report = services.board_obligation_report(get_runtime(ctx).uow(), board_id, as_of)
    if as_json:
        echo_json(report["obligations"])
    else:
        click.echo(obligations_table(report["obligations"]))
    if report["notice"]:
        click.echo(f"note: {report['notice']}", err=as_json)


@cli.group()
def board() -> None:
    """A board's settings that take effect from a date."""


@board.command("basis")
@click.argument("board_id", type=int)
@click.argument("basis", type=click.Choice(REVIEW_BASES))
@click.option("--actor", required=True, help="Who is making the change (audited).")
@click.option("--effective-from", "effective_from", type=DATE,
              help="Not before today; default the start of the next year under BASIS.")
@click.pass_context
def board_basis(ctx, board_id: int, basis: str, actor: str, effective_from: date | None) -> None:
    """Change the year basis of reg 8(1) reviews; past years keep the old one."""
    view = services.update_board(get_runtime(ctx).uow(), actor, board_id, review_basis=basis,
                                 effective_from=effective_from)
    change = view["review_basis_changes"][-1]
    click.echo(f"board {board_id}: review basis {change['review_basis']} from "
               f"{change['effective_from']}")


@board.command("rulebook")
@click.argument("board_id", type=int)
@click.option("--actor", required=True, help="Who is making the change (audited).")
@click.option("--effective-from", "effective_from", type=DATE,
              help="Not before today; default the start of the next year under its basis.")
@click.option("--name", "rulebook", default=LOCAL_POLICY, show_default=True)
@click.option("--plan-length-months", type=int, default=DEFAULT_PLAN_LENGTH_MONTHS,
              show_default=True)
@click.option("--successor-grace-days", type=int, default=DEFAULT_SUCCESSOR_GRACE_DAYS,
              show_default=True)
@click.option("--review-basis", type=click.Choice(REVIEW_BASES), default=DEFAULT_REVIEW_BASIS,
              show_default=True)
@click.pass_context
def board_rulebook(ctx, board_id: int, actor: str, **switch) -> None:
    """Move the board onto a local-policy rulebook from a date; past years keep theirs."""
    view = services.switch_rulebook(get_runtime(ctx).uow(), actor, board_id,
                                    **{k: v for k, v in switch.items() if v is not None})
    latest = max(view["rulebooks"], key=lambda r: r["effective_from"])
    click.echo(f"board {board_id}: {latest['rulebook']} from {latest['effective_from']}")


@cli.group()
def plan() -> None:
    """Show plans and fire lifecycle events."""


@plan.command("show")
@click.argument("plan_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def plan_show(ctx, plan_id: int, as_json: bool) -> None:
    """A plan's state, version, available events, checklist, consultees and publication."""
    view = services.get_plan(get_runtime(ctx).uow(), plan_id)
    if as_json:
        echo_json(view)
        return
    from cli.plan_text import describe
    click.echo(describe(view))


@plan.command("event")
@click.argument("plan_id", type=int)
@click.argument("event")
@click.option("--actor", required=True, help="Who is firing the event (audited).")
@click.option("--on", type=DATE, help="The date it happened (default today).")
@click.option("--reason")
@click.option("--outcome", help="For conclude_review: no_revision_needed.")
@click.option("--version", "expected_version", type=int, help="Refuse if the plan moved on.")
@click.pass_context
def plan_event(ctx, plan_id, event, actor, on, reason, outcome, expected_version) -> None:
    """Fire EVENT on a plan; every unmet requirement is listed with its citation."""
    view = services.fire_event(get_runtime(ctx).uow(), actor, plan_id, event, on=on,
                               reason=reason, outcome=outcome, expected_version=expected_version)
    click.echo(f"plan {plan_id}: {event} -> {view['state']} (version {view['version']})")
    for warning in view["warnings"]:
        click.echo(f"warning: {warning['citation']}: {warning['requirement']}")


@plan.command("diagram")
def plan_diagram() -> None:
    """The lifecycle as a Mermaid state diagram."""
    from lifecycle.machine import diagram
    click.echo(diagram())


@cli.group()
def audit() -> None:
    """The append-only audit log."""


@audit.command("verify")
@click.option("--anchor", "anchor_file", type=click.File("r"),
              help="Also check the log still holds the head this saved anchor vouches for "
                   "(needs CYPP_AUDIT_KEY).")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="one per CPU",
              help="Processes that walk a long chain at once on PostgreSQL (1: one walk).")
@click.pass_context
def audit_verify(ctx, anchor_file, workers) -> None:
    """Check the hash chain; exit 1 naming the first bad record if it is broken."""
    from lifecycle.services.audit_log import verify_audit_log
    anchor, key = None, None
    if anchor_file is not None:
        anchor, key = anchor_file.read(), audit_key(os.environ)
    report = verify_audit_log(get_runtime(ctx).uow(), anchor, key, workers=workers)
    if report["intact"]:
        click.echo(f"audit log intact: {report['records']} records"
                   + (", matching its anchor" if anchor is not None else ""))
        return
    click.echo(f"error: audit log broken at record {report['first_bad_id']}: {report['problem']}",
               err=True)
    sys.exit(1)


@audit.command("anchor")
@click.option("--output", type=click.Path(dir_okay=False, writable=True),
              help="Also write the anchor to this file (keep it where the database's users "
                   "cannot write).")
@click.pass_context
def audit_anchor(ctx, output: str | None) -> None:
    """Print the chain's head (records, last id, last hash) signed with CYPP_AUDIT_KEY."""
    from lifecycle.services.audit_log import anchor_audit_log
    anchor = json.dumps(anchor_audit_log(get_runtime(ctx).uow(), audit_key(os.environ)),
                        sort_keys=True)
    if output:
        Path(output).write_text(anchor + "\n")
    click.echo(anchor)


for subcommand in (serve, users, tokens, scheduler, replay, incidents, notify):
    cli.add_command(subcommand)


def main() -> None:
    cli(prog_name="cypp")
