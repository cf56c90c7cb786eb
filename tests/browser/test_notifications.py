"""In-app notifications in a real browser: the scheduler's reminders reach a board's
coordinator, unread first; one is marked read, then all."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lifecycle.bootstrap import runtime
from lifecycle.clock import clock_from_env
from lifecycle.services import access
from tests.browser.harness import assert_accessible, screenshot
from tests.support import builders

NAME, PASSWORD = "nora-notified", "nora-password-1"


@pytest.fixture(scope="module")
def notified(server):
    """A coordinator of two boards without a plan (each first plan overdue since 2011), and
    the scheduler run once, so each board's overdue reminder is in her notifications."""
    uow = runtime(server.env["CYPP_DATABASE_URL"], clock_from_env(server.env)).uow
    boards = [builders.board(uow, name=f"Notified board {n}")["id"] for n in (1, 2)]
    access.create_user(uow(), "tester", name=NAME, role="coordinator", board_ids=boards,
                       password=PASSWORD)
    server.cypp("scheduler", "--once")
    return boards


def test_a_coordinator_reads_reminders_marks_one_then_all_read(notified, signed_in):
    page = signed_in(NAME, PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    items, unread = page.locator(".cypp-notification"), page.locator(".cypp-notification--unread")
    expect(unread).to_have_count(2)
    expect(page.get_by_text("You have 2 unread of 2.")).to_be_visible()
    expect(items.first).to_contain_text("overdue")
    expect(items.first).to_contain_text("reg 5(1)")
    screenshot(page, "notifications")
    assert_accessible(page)

    subject = items.first.locator("h2").inner_text()
    items.first.get_by_role("button", name="Mark as read").click()
    expect(page.get_by_text(f"\u201c{subject}\u201d marked as read.")).to_be_visible()
    expect(unread).to_have_count(1)
    # Unread ones stay first: the one just read moved below.
    expect(items.first).to_contain_text("Unread")
    expect(items.last).to_contain_text(subject)
    expect(items.last.get_by_role("button", name="Mark as read")).to_have_count(0)

    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("1 notification marked as read.")).to_be_visible()
    expect(unread).to_have_count(0)
    expect(page.get_by_role("button", name="Mark all as read")).to_have_count(0)


def test_nobody_marks_someone_elses_notification_read(notified, as_member):
    as_member.goto("/notifications/")
    expect(as_member.get_by_text("You have no notifications.")).to_be_visible()
    token = as_member.locator("input[name=csrf_token]").first.get_attribute("value")
    headers = {"Referer": as_member.url}
    for notification_id in range(1, 4):
        response = as_member.request.post("/notifications/read", headers=headers, form={
            "csrf_token": token, "notification_id": str(notification_id)})
        assert response.status == 404
