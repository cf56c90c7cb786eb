"""What a board's calendar feed shows: its obligations, its reminder ladder, the installation's
identity (calendar UIDs are unique per installation) and when the feed last changed.

The iCalendar text is written by the API; this is the one unit of work behind it.
"""
from __future__ import annotations

import uuid
from datetime import datetime, time, timezone

from sqlalchemy import func, select

from lifecycle.clock import LONDON
from lifecycle.db.schedule_tables import notification_settings
from lifecycle.db.tables import audit_records, installation
from lifecycle.db.uow import UnitOfWork
from lifecycle.rules.reminders import Ladder
from lifecycle.services.common import load_board
from lifecycle.services.obligations import obligation_report_in
from lifecycle.services.upsert import insert_ignoring_duplicates


def installation_id(uow: UnitOfWork) -> str:
    """This installation's identity, made the first time it is asked for and never changed
    (inside the caller's unit of work; the caller commits)."""
    found = uow.session.scalar(select(installation.c.installation_id))
    if found is None:
        insert_ignoring_duplicates(uow.session, installation, [{
            "id": 1, "installation_id": str(uuid.uuid4()), "created_at": uow.clock.now()}])
        found = uow.session.scalar(select(installation.c.installation_id))
    return found


def _as_utc(instant: datetime) -> datetime:
    return instant.replace(tzinfo=timezone.utc) if instant.tzinfo is None else instant


def calendar_feed(uow: UnitOfWork, board_id: int) -> dict:
    """A board's feed as of today: board name, today, the obligations, the ladder, the
    installation id and ``last_modified`` (the board's last audited change, or the start of
    today if later: overdue items move to today's date every day)."""
    with uow:
        today = uow.clock.today()
        board = load_board(uow, board_id)
        report = obligation_report_in(uow, board, today)
        ladder = uow.session.scalar(select(notification_settings.c.ladder).where(
            notification_settings.c.board_id == board_id))
        changed = uow.session.scalar(select(func.max(audit_records.c.at)).where(
            audit_records.c.board_id == board_id))
        start_of_today = datetime.combine(today, time(0), LONDON).astimezone(timezone.utc)
        feed = {"board_id": board_id, "board_name": board.name, "today": today,
                "obligations": report["obligations"], "ladder": Ladder.from_settings(ladder),
                "installation_id": installation_id(uow),
                "last_modified": max(start_of_today, _as_utc(changed)) if changed
                else start_of_today}
        uow.commit()
        return feed
