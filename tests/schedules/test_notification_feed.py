"""The notifications page's feed: a page at a time, unread first, each with its board's name;
marking all read touches only the user's own."""
from __future__ import annotations

import pytest

from lifecycle.db.access_tables import user_boards
from lifecycle.errors import InvalidInput
from lifecycle.services.notifications import (
    mark_all_notifications_read,
    mark_notification_read,
    page_notifications,
)
from tests.schedules.support import add_user, settings_for
from tests.schedules.test_delivery import raise_first_rung
from tests.support import builders


@pytest.fixture
def cora(uow, runtime) -> int:
    """A coordinator of three boards without a plan: one overdue reminder for each."""
    boards = [builders.board(uow, name=f"Board {n}")["id"] for n in (1, 2, 3)]
    user = add_user(runtime, "cora", boards[0])
    runtime.others = [add_user(runtime, f"other-{board_id}", board_id)
                      for board_id in boards[1:]]
    with runtime.uow() as unit:
        unit.session.execute(user_boards.insert(), [{"user_id": user, "board_id": b}
                                                    for b in boards[1:]])
        unit.commit()
    raise_first_rung(runtime, settings_for(None))
    return user


def test_unread_notifications_come_first_then_the_newest(uow, cora):
    everything = page_notifications(uow(), cora, 1, 10)
    assert everything["total"] == everything["unread"] == 3
    oldest = everything["notifications"][-1]
    mark_notification_read(uow(), cora, everything["notifications"][0]["id"])
    again = page_notifications(uow(), cora, 1, 10)
    assert again["unread"] == 2
    assert [n["read_at"] is None for n in again["notifications"]] == [True, True, False]
    assert again["notifications"][1]["id"] == oldest["id"]
    assert {n["board_name"] for n in again["notifications"]} == {"Board 1", "Board 2", "Board 3"}


def test_the_feed_is_paged(uow, cora):
    first, second = page_notifications(uow(), cora, 1, 2), page_notifications(uow(), cora, 2, 2)
    assert first["pages"] == 2 and len(first["notifications"]) == 2
    assert len(second["notifications"]) == 1
    assert not {n["id"] for n in first["notifications"]} & {n["id"] for n in
                                                           second["notifications"]}
    with pytest.raises(InvalidInput):
        page_notifications(uow(), cora, 0, 2)


def test_marking_all_read_leaves_other_peoples_notifications_unread(uow, runtime, cora):
    assert mark_all_notifications_read(uow(), cora) == 3
    assert page_notifications(uow(), cora)["unread"] == 0
    assert [page_notifications(uow(), other)["unread"] for other in runtime.others] == [1, 1]
    assert mark_all_notifications_read(uow(), cora) == 0
