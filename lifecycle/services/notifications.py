"""The in-app notifications feed: each user's reminders, newest first, marked read by them."""
from __future__ import annotations

from sqlalchemy import select, update

from lifecycle.db.schedule_tables import notifications
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import NotFound

COLUMNS = (notifications.c.id, notifications.c.board_id, notifications.c.reminder_id,
           notifications.c.subject, notifications.c.body, notifications.c.created_at,
           notifications.c.read_at)


def list_notifications(uow: UnitOfWork, user_id: int, *, unread_only: bool = False,
                       limit: int = 100) -> list[dict]:
    """The user's notifications, newest first."""
    with uow:
        query = select(*COLUMNS).where(notifications.c.user_id == user_id)
        if unread_only:
            query = query.where(notifications.c.read_at.is_(None))
        query = query.order_by(notifications.c.id.desc()).limit(limit)
        return [dict(row) for row in uow.session.execute(query).mappings()]


def mark_notification_read(uow: UnitOfWork, user_id: int, notification_id: int) -> dict:
    """Mark one of the user's notifications read (again is harmless); another's is not found."""
    with uow:
        found = uow.session.execute(select(*COLUMNS).where(
            notifications.c.id == notification_id,
            notifications.c.user_id == user_id)).mappings().first()
        if found is None:
            raise NotFound(f"notification {notification_id} does not exist")
        view = dict(found)
        if view["read_at"] is None:
            view["read_at"] = uow.clock.now()
            uow.session.execute(update(notifications).where(
                notifications.c.id == notification_id).values(read_at=view["read_at"]))
        uow.commit()
        return view


def mark_board_notifications_read(uow: UnitOfWork, user_id: int, board_id: int,
                                  ids: list[int] | None = None) -> list[dict]:
    """Mark the user's notifications of one board read (only ``ids`` if given); those marked."""
    with uow:
        now = uow.clock.now()
        condition = [notifications.c.user_id == user_id, notifications.c.board_id == board_id,
                     notifications.c.read_at.is_(None)]
        if ids is not None:
            condition.append(notifications.c.id.in_(ids))
        marked = [dict(r) for r in uow.session.execute(select(*COLUMNS).where(*condition))
                  .mappings()]
        uow.session.execute(update(notifications).where(*condition).values(read_at=now))
        uow.commit()
        return [m | {"read_at": now} for m in marked]
