"""Per-board notification settings: the reminder ladder, who hears, the webhook, how often
a delivery is tried before it becomes an incident. The webhook's secret is stored encrypted
(``lifecycle.sealing``) and never shown."""
from __future__ import annotations

from sqlalchemy import select, update

from lifecycle import sealing
from lifecycle.access import ROLES
from lifecycle.db.schedule_tables import notification_settings
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput
from lifecycle.rules.reminders import Ladder
from lifecycle.services.common import load_board, record, require_actor
from lifecycle.services.evaluation import wake_board
from lifecycle.services.schedule_facts import DEFAULT_MAX_ATTEMPTS, DEFAULT_ROLES

MAX_SECRET = 200
FIELDS = ("ladder", "roles", "extra_recipients", "webhook_url", "webhook_secret", "max_attempts")


def _defaults(board_id: int) -> dict:
    return {"board_id": board_id, "ladder": Ladder().as_settings(), "roles": list(DEFAULT_ROLES),
            "extra_recipients": [], "webhook_url": None, "webhook_secret": None,
            "max_attempts": DEFAULT_MAX_ATTEMPTS}


def _view(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "webhook_secret"} | {
        "webhook_signed": bool(row.get("webhook_secret"))}


def settings_of(uow: UnitOfWork, board_id: int) -> dict:
    """The board's settings, read within the caller's unit of work (defaults until changed);
    the webhook secret is never shown."""
    row = uow.session.execute(select(notification_settings).where(
        notification_settings.c.board_id == board_id)).mappings().first()
    return _view(dict(row) if row else _defaults(board_id))


def get_notification_settings(uow: UnitOfWork, board_id: int) -> dict:
    """The board's settings (defaults until changed); the webhook secret is never shown."""
    with uow:
        load_board(uow, board_id)
        return settings_of(uow, board_id)


def _checked(changes: dict) -> dict:
    unknown = set(changes) - set(FIELDS)
    problems = {k: ["Unknown field."] for k in unknown}
    if "ladder" in changes:
        ladder = Ladder.from_settings(changes["ladder"])
        problems |= {"ladder": ladder.check()} if ladder.check() else {}
        changes["ladder"] = ladder.as_settings()
    if set(changes.get("roles", ())) - set(ROLES):
        problems["roles"] = [f"Each must be one of: {', '.join(ROLES)}."]
    if changes.get("max_attempts") is not None and int(changes["max_attempts"]) < 1:
        problems["max_attempts"] = ["Must be at least 1."]
    url = changes.get("webhook_url")
    if url and not url.startswith(("http://", "https://")):
        problems["webhook_url"] = ["Must be an http(s) URL."]
    secret = changes.get("webhook_secret")
    if secret is not None and not 1 <= len(secret) <= MAX_SECRET:
        problems["webhook_secret"] = [f"Must be 1 to {MAX_SECRET} characters."]
    if problems:
        raise InvalidInput("invalid notification settings", problems)
    if secret is not None:
        changes["webhook_secret"] = sealing.seal(secret)
    return changes


def update_notification_settings(uow: UnitOfWork, actor: str, board_id: int, **changes) -> dict:
    """Change some settings; the board is evaluated again at the next run."""
    actor = require_actor(actor)
    changes = _checked(dict(changes))
    with uow:
        load_board(uow, board_id)
        row = uow.session.execute(select(notification_settings).where(
            notification_settings.c.board_id == board_id)).mappings().first()
        values = (dict(row) if row else _defaults(board_id)) | changes
        if values["webhook_url"] and not values["webhook_secret"]:
            raise InvalidInput("a webhook needs a secret to sign with",
                               {"webhook_secret": ["Required with webhook_url."]})
        if row:
            uow.session.execute(update(notification_settings).where(
                notification_settings.c.board_id == board_id).values(values))
        else:
            uow.session.execute(notification_settings.insert().values(values))
        wake_board(uow, board_id)
        record(uow, actor, "notifications.settings_updated", board_id=board_id,
               **_view(changes))
        uow.commit()
        return _view(values)
