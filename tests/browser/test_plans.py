"""A plan's pages in a real browser: the overview with its next action, diagram and dry-run
checks; the event form (a refusal with citations, a version conflict between two browsers,
publish's confirmation); obligations, reminders and audit trail; and 404 for other boards.

Each test builds its own board through the services, on the server's database, so tests
do not depend on one another or on the demo."""
from __future__ import annotations

import itertools
from datetime import date

import pytest
from playwright.sync_api import expect

from lifecycle import services
from lifecycle.bootstrap import runtime
from lifecycle.clock import clock_from_env
from lifecycle.services import access, people
from tests.browser.harness import DEMO_PEOPLE, assert_accessible, screenshot
from tests.support import builders

_boards = itertools.count(1)


@pytest.fixture(scope="module")
def uow(server):
    """Units of work on the server's database, on its pinned clock."""
    return runtime(server.env["CYPP_DATABASE_URL"], clock_from_env(server.env)).uow


COORDINATOR, PASSWORD = "plan-pages-coordinator", "plan-pages-password-1"


@pytest.fixture(scope="module")
def coordinator_id(uow):
    """A coordinator of the boards these tests make (not the demo's, whose dashboard
    stays as the demo has it)."""
    return access.create_user(uow(), "tester", name=COORDINATOR, role="coordinator",
                              board_ids=[1], password=PASSWORD)["id"]


@pytest.fixture
def board_id(uow, coordinator_id):
    """A fresh board of its own, coordinated by ``COORDINATOR``."""
    found = builders.board(uow, name=f"Plan pages test board {next(_boards)}")["id"]
    mine = people.get_user(uow(), coordinator_id)["board_ids"]
    people.update_user(uow(), "tester", coordinator_id, role="coordinator",
                       board_ids=sorted(set(mine) | {found}))
    return found


@pytest.fixture
def as_coordinator(board_id, signed_in):
    """Signed in as the coordinator of ``board_id``."""
    return signed_in(COORDINATOR, PASSWORD)


def new_plan(uow, board_id: int) -> int:
    return builders.plan(uow, board_id, start=date(2014, 4, 1), end=date(2017, 3, 31))["id"]


def open_event_form(page, plan_id: int, event: str) -> None:
    page.goto(f"/plans/{plan_id}")
    page.locator(f"#check-{event}").get_by_role("button").click()


def test_the_overview_shows_the_next_action_the_diagram_and_the_path(uow, board_id,
                                                                     as_coordinator):
    plan_id = new_plan(uow, board_id)
    page = as_coordinator
    page.goto(f"/plans/{plan_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("CYPP 2014")
    card = page.locator("#next-action")
    expect(card).to_contain_text("Finish the draft and open consultation under reg 7")
    expect(card).to_contain_text("publication of the board's first plan, on or before "
                                 "1 April 2011 (reg 5(1))")
    expect(card).to_contain_text("1 April 2011, overdue by 1158 days")
    expect(page.locator("#diagram svg")).to_be_visible()
    expect(page.locator("#diagram svg title").first).to_contain_text("now drafting")
    expect(page.get_by_role("table").filter(has_text="What happened")).to_contain_text(
        "Plan created")
    expect(page.get_by_role("navigation", name="Sections of this plan")).to_contain_text(
        "Audit trail")
    screenshot(page, "plan-overview")
    assert_accessible(page)


def test_a_new_plan_lists_what_blocks_open_consultation_with_citations(uow, board_id,
                                                                      as_coordinator):
    plan_id = new_plan(uow, board_id)
    page = as_coordinator
    page.goto(f"/plans/{plan_id}")
    check = page.locator("#check-open_consultation")
    expect(check).to_contain_text("Not ready yet")
    for citation in ("(reg 7(1)(e))", "(reg 7(1)(k))", "(reg 7(1)(l))", "(product rule"):
        expect(check.locator(".cypp-requirements--unmet")).to_contain_text(citation)
    expect(page.locator("#check-withdraw")).to_contain_text("a reason is required")


def test_a_coordinator_creates_a_plan_from_the_form(uow, board_id, as_coordinator):
    first = new_plan(uow, board_id)
    page = as_coordinator
    page.goto(f"/boards/{board_id}/plans/new")
    page.get_by_label("Title").fill("CYPP 2017-2020")
    start = page.get_by_role("group", name="When does the plan period start?")
    start.get_by_label("Day").fill("1")
    start.get_by_label("Month").fill("4")
    start.get_by_label("Year").fill("2017")
    expect(page.get_by_label("CYPP 2014")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Create plan").click()
    expect(page.get_by_text("has been created in drafting")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("CYPP 2017-2020")
    created = int(page.url.rsplit("/", 1)[1])
    assert services.get_plan(uow(), created)["predecessor_id"] == first
    assert services.get_plan(uow(), created)["period_end"] == date(2020, 3, 31)


def test_the_new_plan_form_names_a_missing_start_date(board_id, as_coordinator):
    page = as_coordinator
    page.goto(f"/boards/{board_id}/plans/new")
    page.get_by_label("Title").fill("CYPP without dates")
    page.get_by_role("button", name="Create plan").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the date the plan period starts.")


def test_firing_an_event_through_the_form_moves_the_plan_and_says_so(uow, board_id,
                                                                    as_coordinator):
    plan_id = new_plan(uow, board_id)
    page = as_coordinator
    open_event_form(page, plan_id, "withdraw")
    page.get_by_label("Reason").fill("Merged into the joint plan with Westshire")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    page.get_by_role("button", name="Withdraw the plan").click()
    expect(page.get_by_role("alert")).to_contain_text("Plan withdrawn on 2 June 2014.")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Withdrawn")
    assert services.get_plan(uow(), plan_id)["state"] == "withdrawn"


def test_a_refused_event_shows_its_unmet_requirements_in_words_with_citations(uow, board_id,
                                                                             as_coordinator):
    plan_id = new_plan(uow, board_id)
    page = as_coordinator
    open_event_form(page, plan_id, "open_consultation")
    expect(page.locator("#check")).to_contain_text("Not possible yet for 2 June 2014")
    page.get_by_role("button", name="Open consultation").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Open consultation cannot be done yet")
    expect(summary).to_contain_text(
        "the Local Safeguarding Children Board has no consultee record (reg 7(1)(e))")
    screenshot(page, "plan-event-refused")
    assert_accessible(page)
    assert services.get_plan(uow(), plan_id)["state"] == "drafting"


def test_a_dated_check_and_a_successful_event_with_a_date(uow, board_id, as_coordinator):
    plan_id = new_plan(uow, board_id)
    services.update_checklist_item(uow(), "tester", plan_id, "needs_assessment",
                                   status="drafted", text="JSNA", )
    builders.consultees(uow, plan_id, invited=date(2014, 5, 1), due=date(2014, 5, 30),
                        responded=date(2014, 5, 20))
    page = as_coordinator
    page.goto(f"/plans/{plan_id}/events/open_consultation?on=2014-05-12")
    expect(page.locator("#check")).to_contain_text("Ready for 12 May 2014")
    expect(page.get_by_label("Day")).to_have_value("12")
    screenshot(page, "plan-event-form")
    assert_accessible(page)
    page.get_by_label("Day").fill("13")
    page.get_by_role("button", name="Check this date").click()
    expect(page.locator("#check")).to_contain_text("Ready for 13 May 2014")
    page.get_by_role("button", name="Open consultation").click()
    expect(page.get_by_role("alert")).to_contain_text("Consultation opened on 13 May 2014.")
    path = services.plan_path(uow(), plan_id)["steps"]
    assert (path[-1]["event"], path[-1]["on"]) == ("open_consultation", date(2014, 5, 13))


def test_a_version_conflict_keeps_what_the_second_person_typed(uow, board_id, as_coordinator,
                                                              signed_in):
    plan_id = new_plan(uow, board_id)
    builders.to_state(uow, plan_id, "finalising")
    first, second = as_coordinator, signed_in(DEMO_PEOPLE["admin"])
    for page in (first, second):
        page.goto(f"/plans/{plan_id}/events/reopen_consultation")
    first.get_by_label("Reason").fill("The schools forum asked for more time")
    first.get_by_role("button", name="Reopen consultation").click()
    expect(first.get_by_role("alert")).to_contain_text("Consultation reopened")

    second.get_by_label("Reason").fill("A new children's centre opened in Eastvale")
    second.get_by_role("button", name="Reopen consultation").click()
    expect(second.locator("#conflict")).to_contain_text(
        "Someone else changed this plan while you were filling in this form")
    expect(second.get_by_label("Reason")).to_have_value(
        "A new children's centre opened in Eastvale")
    expect(second.locator("#check")).to_contain_text(
        "this cannot be done while the plan is in consultation")
    expect(second.locator("#conflict").get_by_role("link", name="reload the plan")
           ).to_have_attribute("href", f"/plans/{plan_id}")
    screenshot(second, "plan-conflict")
    assert_accessible(second)
    assert len([s for s in services.plan_path(uow(), plan_id)["steps"]
                if s["event"] == "reopen_consultation"]) == 1


def test_a_stale_form_is_caught_before_the_confirmation_step(uow, board_id, as_coordinator,
                                                             signed_in):
    plan_id = new_plan(uow, board_id)
    first, second = as_coordinator, signed_in(DEMO_PEOPLE["admin"])
    for page in (first, second):
        page.goto(f"/plans/{plan_id}/events/withdraw")
    builders.fire(uow, plan_id, "withdraw", reason="Replaced by a joint plan")
    second.get_by_label("Reason").fill("Board asked us to start again")
    second.get_by_role("button", name="Continue").click()
    expect(second.locator("#conflict")).to_be_visible()
    expect(second.get_by_label("Reason")).to_have_value("Board asked us to start again")


def test_publish_asks_for_confirmation_before_it_is_done(uow, board_id, as_coordinator):
    plan_id = new_plan(uow, board_id)
    builders.to_state(uow, plan_id, "approved")
    builders.publication(uow, plan_id, date(2014, 5, 1))
    page = as_coordinator
    open_event_form(page, plan_id, "publish")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before you publish the plan")
    expect(page.locator(".govuk-warning-text")).to_contain_text("cannot be undone")
    assert services.get_plan(uow(), plan_id)["state"] == "approved"
    assert_accessible(page)
    page.get_by_role("button", name="Publish the plan").click()
    expect(page.get_by_role("alert")).to_contain_text("Plan published on 2 June 2014.")
    assert services.get_plan(uow(), plan_id)["state"] == "in_force"


def test_obligations_reminders_and_audit_trail_pages(uow, board_id, as_coordinator):
    plan_id = new_plan(uow, board_id)
    builders.fire(uow, plan_id, "withdraw", reason="Started again with new data")
    plan_id = new_plan(uow, board_id)
    page = as_coordinator
    page.goto(f"/plans/{plan_id}/obligations")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Publication of the Board's first plan")
    expect(timeline).to_contain_text("on or before 1 April 2011 (reg 5(1))")
    expect(timeline).to_contain_text("Overdue")
    expect(timeline).to_contain_text("Overdue by 1158 days")
    screenshot(page, "plan-obligations")
    assert_accessible(page)

    page.get_by_role("link", name="Reminders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders")
    expect(page.get_by_role("heading", name="Publication of the Board's first plan")).to_be_visible()
    screenshot(page, "plan-reminders")
    assert_accessible(page)

    page.get_by_role("link", name="Audit trail").click()
    trail = page.locator("#audit-trail")
    expect(trail).to_contain_text("Plan created")
    expect(trail).to_contain_text("tester")
    screenshot(page, "plan-audit")
    assert_accessible(page)


def test_the_audit_trail_of_a_withdrawn_plan_says_who_why_and_from_which_state(
        uow, board_id, as_auditor):
    plan_id = new_plan(uow, board_id)
    builders.fire(uow, plan_id, "withdraw", on=date(2014, 5, 2), reason="Duplicate plan")
    as_auditor.goto(f"/plans/{plan_id}/audit")
    row = as_auditor.get_by_role("row").filter(has_text="Plan withdrawn")
    expect(row).to_contain_text("dated 2 May 2014")
    expect(row).to_contain_text("From drafting to withdrawn")
    expect(row).to_contain_text("Reason: Duplicate plan")


def test_a_member_of_another_board_finds_no_such_plan(uow, board_id, as_member):
    plan_id = new_plan(uow, board_id)
    for path in ("", "/obligations", "/reminders", "/audit", "/events/withdraw"):
        assert as_member.goto(f"/plans/{plan_id}{path}").status == 404, path
    expect(as_member.get_by_role("heading", name="Page not found")).to_be_visible()


def test_a_member_sees_the_plan_but_no_event_buttons(as_member):
    as_member.goto("/plans/2")
    expect(as_member.locator("#next-action")).to_be_visible()
    expect(as_member.locator("#check-close_consultation")).to_be_visible()
    expect(as_member.locator("#check-close_consultation").get_by_role("button")).to_have_count(0)
    assert as_member.goto("/plans/2/events/close_consultation").status == 403
