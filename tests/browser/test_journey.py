"""Issue 10's journey in a real browser, through the pages only: the demo coordinator sees
the overdue successor first, creates a plan, reads what blocks open_consultation, completes
the contents and consultees, walks the plan to in force (one refusal and one version
conflict from a second browser on the way), reads its obligations; the auditor exports the
audit CSV; the coordinator subscribes to the calendar and a calendar client fetches it; a
member of another board finds neither the board nor the plan."""
from __future__ import annotations

import csv
import io
import urllib.request

import icalendar
from playwright.sync_api import expect

from lifecycle.rules.checklist import MATTERS
from tests.browser.harness import DEMO_PEOPLE, assert_accessible
from tests.browser.test_records import add_consultee, fill_date, save_matter
from tests.support.http import call

TITLE = "Northshire Children and Young People's Plan 2017-2020"
CONSULTEES = [("e", "Northshire LSCB"), ("k", "Northshire Schools Forum"),
              ("l", "Northshire Admission Forum"), ("a", "Northshire Connexions"),
              ("b", "Westmoor Academy Trust"), ("f", "Northtown Children's Centre AB"),
              ("h", "Diocese of Northshire (CofE)"), ("j", "Northshire Independent Schools")]
CHANNELS = [("authority_website", {"url": "https://www.northshire.gov.uk/cypp-2017"}),
            ("pct_website", {"url": "https://www.northshire.nhs.uk/cypp-2017"}),
            ("public_place", {"place": "Northtown Central Library"})]


def fire(page, plan_id: int, event: str, reason: str | None = None) -> None:
    """Fire an event dated today through its form (confirming where it asks)."""
    page.goto(f"/plans/{plan_id}")
    page.locator(f"#check-{event}").get_by_role("button").click()
    if reason:
        page.get_by_label("Reason").fill(reason)
    page.locator("form button[value=fire], form button[value=continue]").click()
    if page.locator("h1").inner_text().startswith("Check your answers"):
        page.locator("form button[value=confirm]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("2 June 2014")


def create_plan(page) -> int:
    page.goto("/")
    first = page.locator("section", has_text="Northshire Children's Trust Board").locator(
        ".cypp-plan-card").first
    expect(first).to_contain_text("Northshire Children and Young People's Plan 2014-2017")
    expect(first).to_contain_text("Overdue")
    page.goto("/boards/1")
    page.get_by_role("button", name="Create a plan").click()
    page.get_by_label("Title").fill(TITLE)
    fill_date(page, "period_start", "2017-04-01")
    fill_date(page, "period_end", "2020-03-31")
    page.get_by_role("button", name="Create plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    return int(page.url.rsplit("/", 1)[1])


def refused_open_consultation(page, plan_id: int) -> None:
    check = page.locator("#check-open_consultation")
    expect(check).to_contain_text("Not ready yet")
    expect(check).to_contain_text("the Local Safeguarding Children Board has no consultee "
                                  "record (reg 7(1)(e))")
    check.get_by_role("button").click()
    page.get_by_role("button", name="Open consultation").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "the schools forum has no consultee record (reg 7(1)(k))")


def prepare(page, plan_id: int) -> None:
    for matter in MATTERS:
        save_matter(page, plan_id, matter.key, f"Northshire 2017: {matter.matter}",
                    matter.takes_report)
    for letter, name in CONSULTEES:
        add_consultee(page, plan_id, letter, name, invited="2014-05-01", due="2014-05-20")
    add_consultee(page, plan_id, "m", None, note="No specialist college in Northshire")


def approve(page, plan_id: int) -> None:
    page.goto(f"/plans/{plan_id}/approval")
    fill_date(page, "approved_on", "2014-06-02")
    page.get_by_label("Minute reference").fill("CTB/2014/06 item 2")
    page.get_by_role("button", name="Save approval").click()
    fire(page, plan_id, "approve")
    for channel, where in CHANNELS:
        page.goto(f"/plans/{plan_id}/publication/new")
        page.locator(f"input[name=channel][value={channel}]").check()
        fill_date(page, "done_on", "2014-06-02")
        if "url" in where:
            page.locator("#url").fill(where["url"])
        else:
            page.locator("#place").fill(where["place"])
        page.get_by_role("button", name="Save publication step").click()


def publish_with_a_conflict(page, other, plan_id: int) -> None:
    """The coordinator and an admin both open the publish form; the admin publishes first."""
    for each in (page, other):
        each.goto(f"/plans/{plan_id}/events/publish")
    page.get_by_label("Reason (optional)").fill("Agreed by the Board on 2 June")
    other.get_by_role("button", name="Continue").click()
    other.get_by_role("button", name="Publish the plan").click()
    expect(other.locator(".govuk-notification-banner--success")).to_contain_text(
        "Plan published on 2 June 2014")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#conflict")).to_contain_text("Someone else changed this plan")
    expect(page.get_by_label("Reason (optional)")).to_have_value("Agreed by the Board on 2 June")
    page.locator("#conflict").get_by_role("link").click()
    expect(page.locator("#plan-facts")).to_contain_text("In force")


def calendar_feed(page) -> bytes:
    page.goto("/boards/1")
    page.get_by_role("link", name="Subscribe in your calendar").click()
    page.get_by_label("Link name").fill("Journey calendar")
    page.get_by_role("button", name="Make calendar link").click()
    url = page.locator("#calendar-url").inner_text().strip()
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def test_the_issue_10_journey(server, as_coordinator, as_auditor, signed_in):
    page = as_coordinator
    plan_id = create_plan(page)
    refused_open_consultation(page, plan_id)
    prepare(page, plan_id)
    for event in ("open_consultation", "close_consultation"):
        fire(page, plan_id, event)
    approve(page, plan_id)
    publish_with_a_conflict(page, signed_in(DEMO_PEOPLE["admin"]), plan_id)

    page.goto(f"/plans/{plan_id}/obligations")
    expect(page.locator("#timeline")).to_contain_text("Publication of the successor plan")
    expect(page.locator("#timeline")).to_contain_text("12 May 2020")
    expect(page.locator("#timeline")).to_contain_text("Due in 2171 days")
    assert_accessible(page)

    as_auditor.goto(f"/audit?plan_id={plan_id}")
    with as_auditor.expect_download() as download:
        as_auditor.get_by_role("link", name="Download these records as a spreadsheet (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    events = [r["event"] for r in rows]
    assert events.count("plan.publish") == 1 and "plan.open_consultation" in events, events
    assert {r["plan_id"] for r in rows} == {str(plan_id)}

    feed = icalendar.Calendar.from_ical(calendar_feed(page))
    summaries = [str(e["summary"]) for e in feed.walk("VEVENT")]
    assert any("reg 5(2)" in s for s in summaries), summaries

    admin = server.cypp("tokens", "issue", DEMO_PEOPLE["admin"]).strip()
    status, other = call(f"{server.url}/api/v1/boards", "POST", admin, {
        "name": "Journey Southshire Board", "authority": "Southshire County Council",
        "pct": "NHS Southshire"})
    assert status == 201, other
    server.cypp("users", "create", "journey-south-member", "--role", "member", "--board",
                str(other["id"]), "--password", stdin="south-password-1\n")
    stranger = signed_in("journey-south-member", "south-password-1")
    assert stranger.goto("/boards/1").status == 404
    assert stranger.goto(f"/plans/{plan_id}").status == 404
