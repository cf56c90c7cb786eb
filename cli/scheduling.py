"""``cypp scheduler``, ``cypp replay``, ``cypp incidents`` and ``cypp notify``."""
from __future__ import annotations

import logging
from datetime import date

import click

from cli.common import DATE, echo_json, get_runtime
from lifecycle.services.incidents import list_incidents
from lifecycle.services.notification_settings import (
    get_notification_settings,
    update_notification_settings,
)
from ops.logs import configure_logging
from schedules.config import settings_from_env
from schedules.jobs import dispatch, evaluate
from schedules.replay import replay as run_replay
from schedules.runner import build


@click.command()
@click.option("--once", is_flag=True, help="Run the evaluation and one dispatch, then exit "
              "(for cron-style deployments).")
@click.pass_context
def scheduler(ctx, once: bool) -> None:
    """Run the scheduler: daily evaluation (CYPP_EVALUATION_TIME, default 07:00 Europe/London)
    and dispatch of reminders every CYPP_DISPATCH_SECONDS (default 60)."""
    configure_logging()  # JSON lines on stderr, the web process's format
    rt, settings = get_runtime(ctx), settings_from_env()
    if not settings.smtp.enabled:
        logging.getLogger("cypp.scheduler").info("email is off: CYPP_SMTP_HOST is not set")
    if once:
        result = evaluate(rt, settings)
        outcomes = dispatch(rt, settings)
        led = "skipped (another scheduler leads)" if result is None else (
            f"{result.boards} boards, {len(result.reminders)} reminders raised, "
            f"{len(result.skipped)} rungs skipped")
        delivered = sum(1 for o in outcomes if o["status"] == "delivered")
        click.echo(f"evaluation: {led}; dispatch: {delivered} delivered, "
                   f"{len(outcomes) - delivered} not delivered")
        return
    logging.getLogger("cypp.scheduler").info(
        "scheduler running (evaluation daily at %s %s); Ctrl-C stops it",
        f"{settings.evaluation_time:%H:%M}", settings.timezone.key)
    try:
        build(rt, settings, blocking=True).start()
    except (KeyboardInterrupt, SystemExit):
        pass


@click.command()
@click.option("--from", "start", type=DATE, required=True)
@click.option("--to", "end", type=DATE, required=True)
@click.option("--board", "board_id", type=int, help="Only this board.")
@click.option("--deliver", is_flag=True, help="Also send the reminders through the channels.")
@click.pass_context
def replay(ctx, start: date, end: date, board_id: int | None, deliver: bool) -> None:
    """Run the jobs day by day on a simulated clock over the stored data and print the
    timeline; nothing stored is changed."""
    if end < start:
        raise click.BadParameter("--to is before --from")
    counts = run_replay(get_runtime(ctx).engine, start, end, settings_from_env(),
                        board_id=board_id, deliver=deliver)
    summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in sorted(counts.items()))
    click.echo(f"replayed {start} to {end}: {summary or 'nothing happened'}")


@click.command()
@click.option("--board", "board_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def incidents(ctx, board_id: int | None, as_json: bool) -> None:
    """Boards whose daily evaluation fails, and deliveries that failed for good."""
    rows = list_incidents(get_runtime(ctx).uow(), {board_id} if board_id else None)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("no incidents")
    for r in rows:
        if r["kind"] == "evaluation":
            click.echo(f"evaluation  board {r['board_id']}  {r['attempts']} days  last at "
                       f"{r['failed_at']}: {r['last_error']}  [{r['subject']}]")
            continue
        click.echo(f"delivery {r['delivery_id']}  board {r['board_id']}  {r['channel']} to "
                   f"{r['recipient']}  {r['attempts']} attempts  last at {r['failed_at']}: "
                   f"{r['last_error']}  [{r['subject']}]")


@click.group()
def notify() -> None:
    """Per-board notification settings."""


@notify.command("settings")
@click.argument("board_id", type=int)
@click.option("--actor", help="Who is changing the settings (audited); needed to change them.")
@click.option("--ladder", help="Days before the due date, e.g. 90,30,14,7,1.")
@click.option("--on-due-date/--not-on-due-date", default=None)
@click.option("--overdue-every", type=int, help="Days between overdue notices (0: none).")
@click.option("--role", "roles", multiple=True, help="Roles that hear (default coordinator).")
@click.option("--recipient", "recipients", multiple=True, help="Extra email address.")
@click.option("--webhook-url")
@click.option("--webhook-secret")
@click.option("--max-attempts", type=int)
@click.pass_context
def notify_settings(ctx, board_id, actor, ladder, on_due_date, overdue_every, roles, recipients,
                    webhook_url, webhook_secret, max_attempts) -> None:
    """Show the board's settings, or change those given."""
    rt = get_runtime(ctx)
    changes = _setting_changes(get_notification_settings(rt.uow(), board_id), ladder,
                               on_due_date, overdue_every, roles, recipients)
    changes |= {k: v for k, v in (("webhook_url", webhook_url), ("webhook_secret",
                                  webhook_secret), ("max_attempts", max_attempts)) if v}
    if changes:
        if not actor:
            raise click.UsageError("--actor is required to change settings")
        echo_json(update_notification_settings(rt.uow(), actor, board_id, **changes))
    else:
        echo_json(get_notification_settings(rt.uow(), board_id))


def _setting_changes(current, ladder, on_due_date, overdue_every, roles, recipients) -> dict:
    changes = {}
    if ladder is not None or on_due_date is not None or overdue_every is not None:
        new = dict(current["ladder"])
        if ladder is not None:
            try:
                new["before"] = [int(d) for d in ladder.split(",") if d.strip()]
            except ValueError as exc:
                raise click.BadParameter(f"--ladder must be days like 90,30,7: {exc}") from exc
        if on_due_date is not None:
            new["on_due_date"] = on_due_date
        if overdue_every is not None:
            new["overdue_every_days"] = overdue_every or None
        changes["ladder"] = new
    if roles:
        changes["roles"] = list(roles)
    if recipients:
        changes["extra_recipients"] = list(recipients)
    return changes
