"""The in-app notifications feed: each user's reminders, newest first, marked read by them."""
from __future__ import annotations

from sqlalchemy import case, func, select, update

from lifecycle.db.schedule_tables import notifications
from lifecycle.db.tables import boards
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import NotFound
from lifecycle.services.common import check_paging

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


def page_notifications(uow: UnitOfWork, user_id: int, page: int = 1,
                       per_page: int = 20) -> dict:
    """One page of the user's notifications, unread ones first, newest first within each,
    with their board's name; how many there are and how many are unread."""
    check_paging(page, per_page)
    mine = notifications.c.user_id == user_id
    with uow:
        query = (select(*COLUMNS, boards.c.name.label("board_name"))
                 .join(boards, boards.c.id == notifications.c.board_id).where(mine)
                 .order_by(case((notifications.c.read_at.is_(None), 0), else_=1),
                           notifications.c.id.desc())
                 .limit(per_page).offset((page - 1) * per_page))
        found = [dict(row) for row in uow.session.execute(query).mappings()]
        total, unread = uow.session.execute(select(
            func.count(), func.count(case((notifications.c.read_at.is_(None), 1))))
            .where(mine)).one()
        return {"notifications": found, "total": total, "unread": unread, "page": page,
                "per_page": per_page, "pages": -(-total // per_page)}


def mark_all_notifications_read(uow: UnitOfWork, user_id: int) -> int:
    """Mark every unread notification of the user read; how many were marked."""
    with uow:
        marked = uow.session.execute(update(notifications).where(
            notifications.c.user_id == user_id, notifications.c.read_at.is_(None))
            .values(read_at=uow.clock.now())).rowcount
        uow.commit()
        return marked
