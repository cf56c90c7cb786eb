"""Calendar links in a real browser: made by a board's coordinator, fetched by a calendar client,
never logged; other boards' pages do not exist for them."""
from __future__ import annotations

import urllib.error
import urllib.request

import icalendar
from playwright.sync_api import expect

from tests.browser.harness import DEMO_PEOPLE, assert_accessible, screenshot, wait_until
from tests.support.http import call


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_a_coordinator_makes_a_calendar_link_that_a_calendar_client_can_fetch(server,
                                                                            as_coordinator):
    page = as_coordinator
    page.goto("/account/")
    page.get_by_role("link", name="Calendar links for Northshire Children's Trust Board").click()
    page.get_by_label("Link name").fill("Coordinator's Outlook")
    page.get_by_role("button", name="Make calendar link").click()
    url = page.locator("#calendar-url").inner_text().strip()
    token = url.split("token=", 1)[1]
    assert page.locator("#subscribe-link").get_attribute("href") == "webcal://" + url.split("://")[1]
    screenshot(page, "calendar-link-made")
    assert_accessible(page)
    status, body = fetch(url)
    assert status == 200
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")]
    assert any("reg 5(2)" in s and "overdue" in s for s in summaries), summaries
    assert wait_until(lambda: "/calendar.ics" in server.printed())
    assert token not in server.printed()
    page.goto(page.url)
    page.get_by_role("row").filter(has_text="Coordinator's Outlook").get_by_role(
        "button", name="Revoke").click()
    expect(page.get_by_text("has been revoked")).to_be_visible()
    assert fetch(url)[0] == 401
    screenshot(page, "calendar-links")
    assert_accessible(page)


def test_a_users_api_token_does_not_open_the_calendar_url(server):
    token = server.cypp("tokens", "issue", DEMO_PEOPLE["auditor"]).strip()
    assert fetch(f"{server.url}/api/v1/boards/1/calendar.ics?token={token}")[0] == 401


def test_a_member_may_not_make_calendar_links(as_member):
    assert as_member.goto("/boards/1/calendar/").status == 403


def test_a_coordinator_of_another_board_finds_no_such_page(server, signed_in):
    admin_token = server.cypp("tokens", "issue", DEMO_PEOPLE["admin"]).strip()
    status, board = call(f"{server.url}/api/v1/boards", "POST", admin_token, {
        "name": "Southshire Children's Trust Board", "authority": "Southshire County Council",
        "pct": "NHS Southshire"})
    assert status == 201, board
    server.cypp("users", "create", "sam-southshire", "--role", "coordinator", "--board",
                str(board["id"]), "--password", stdin="sam-password-1\n")
    sam = signed_in("sam-southshire", "sam-password-1")
    assert sam.goto(f"/boards/{board['id']}/calendar/").status == 200
    response = sam.goto("/boards/1/calendar/")
    assert response.status == 404
    expect(sam.get_by_role("heading", name="Page not found")).to_be_visible()
