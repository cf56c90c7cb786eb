"""A plan's records in a real browser: the reg 4 contents, the reg 7 consultee tracker with
chasing, the Board's approval and reg 6 publication, and reg 8(4) changes on a revision.

Each test works on its own plan of its own board (made through the API as setup), so the
demo board the other browser tests read is left alone.
"""
from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from lifecycle.rules.checklist import MATTERS
from tests.browser.harness import DEMO_PEOPLE, assert_accessible, screenshot
from tests.support.http import call

API = "/api/v1"
PASSWORD = "records-password-1"
_boards = itertools.count(1)
MANDATORY = [("e", "Westshire LSCB"), ("k", "Westshire Schools Forum"),
             ("l", "Westshire Admission Forum"), ("a", "Westshire Connexions"),
             ("b", "Westmoor Academy Trust"), ("f", "Westtown Children's Centre Advisory Board"),
             ("h", "Diocese of Westshire"), ("j", "Westshire Independent Schools Group")]


class Board:
    """A board of its own, with a coordinator and a member who sign in, driven by the API."""

    def __init__(self, server, signed_in):
        self.server, self.signed_in = server, signed_in
        self.token = server.cypp("tokens", "issue", DEMO_PEOPLE["admin"]).strip()
        n = next(_boards)
        self.id = self.api("POST", "/boards", {
            "name": f"Westshire {n} Children's Trust Board", "authority": "Westshire Council",
            "pct": "NHS Westshire"}, 201)["id"]
        self.api("POST", f"/boards/{self.id}/members", {
            "organisation": "Westshire Council", "partner_type": "local_authority",
            "statutory": True, "joined_on": "2013-04-01"}, 201)
        self.coordinator, self.member = f"west{n}-coordinator", f"west{n}-member"
        for name, role in ((self.coordinator, "coordinator"), (self.member, "member")):
            server.cypp("users", "create", name, "--role", role, "--board", str(self.id),
                        "--password", stdin=PASSWORD + "\n")

    def api(self, method: str, path: str, body=None, expected: int = 200):
        status, answer = call(f"{self.server.url}{API}{path}", method, self.token, body)
        assert status == expected, (path, status, answer)
        return answer

    def sign_in(self, who: str):
        return self.signed_in(who, PASSWORD)

    def new_plan(self) -> int:
        return self.api("POST", f"/boards/{self.id}/plans", {
            "title": "Westshire Children and Young People's Plan 2014-2017",
            "period_start": "2014-04-01", "period_end": "2017-03-31"}, 201)["id"]

    def fire(self, plan_id: int, event: str, on: str, **extra) -> None:
        version = self.api("GET", f"/plans/{plan_id}")["version"]
        self.api("POST", f"/plans/{plan_id}/events",
                 {"event": event, "on": on, "version": version, **extra})

    def consult(self, plan_id: int) -> None:
        for letter, name in MANDATORY:
            self.api("POST", f"/plans/{plan_id}/consultees", {
                "category": letter, "name": name, "invited_on": "2014-01-06",
                "response_due": "2014-02-03", "responded_on": "2014-01-20"}, 201)
        self.api("POST", f"/plans/{plan_id}/consultees", {
            "category": "m", "none_in_area": True, "note": "No specialist college"}, 201)

    def to_finalising(self, plan_id: int) -> None:
        self.api("PUT", f"/plans/{plan_id}/checklist/needs_assessment",
                 {"status": "drafted", "text": "JSNA 2013"})
        self.consult(plan_id)
        self.fire(plan_id, "open_consultation", "2014-01-06")
        self.fire(plan_id, "close_consultation", "2014-02-10")
        for matter in MATTERS:
            body = {"status": "complete", "text": matter.matter}
            if matter.takes_report:
                body |= {"report_ref": "Annual report 2013", "report_date": "2013-10-01"}
            self.api("PUT", f"/plans/{plan_id}/checklist/{matter.key}", body)


@pytest.fixture
def board(server, signed_in):
    return Board(server, signed_in)


def fill_date(page, name: str, iso: str) -> None:
    year, month, day = iso.split("-")
    page.locator(f"#{name}-day").fill(str(int(day)))
    page.locator(f"#{name}-month").fill(str(int(month)))
    page.locator(f"#{name}-year").fill(year)


def save_matter(page, plan_id: int, key: str, text: str, report: bool) -> None:
    page.goto(f"/plans/{plan_id}/contents/{key}")
    page.get_by_label("Complete: final wording agreed").check()
    page.get_by_label("What the plan says").fill(text)
    if report:
        page.get_by_label("Report reference").fill("Westshire LSCB annual report 2013-14")
        fill_date(page, "report_date", "2013-10-15")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("has been saved")


def test_a_coordinator_completes_the_plans_contents_through_the_forms(board):
    plan_id = board.new_plan()
    page = board.sign_in(board.coordinator)
    page.goto(f"/plans/{plan_id}/contents")
    expect(page.get_by_role("heading", name="Contents of the plan")).to_be_visible()
    expect(page.locator("#checklist tbody tr")).to_have_count(len(MATTERS))
    expect(page.locator("#checklist-counts")).to_contain_text("0 of 14 complete")
    expect(page.locator("#safeguarding")).to_contain_text("reg 4(3)(f)")
    expect(page.locator("#safeguarding")).to_contain_text("not recorded")
    screenshot(page, "records-checklist")
    assert_accessible(page)

    page.locator("#safeguarding").get_by_role("link", name="Change").click()
    page.get_by_label("Complete: final wording agreed").check()
    page.get_by_label("Report reference").fill("Westshire LSCB annual report 2013-14")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#text-error")).to_contain_text("Give the text")
    expect(page.get_by_label("Report reference")).to_have_value(
        "Westshire LSCB annual report 2013-14")
    expect(page.get_by_label("Complete: final wording agreed")).to_be_checked()
    screenshot(page, "records-checklist-item-error")
    assert_accessible(page)

    for matter in MATTERS:
        save_matter(page, plan_id, matter.key, f"Westshire's plan for {matter.matter}",
                    matter.takes_report)
    page.goto(f"/plans/{plan_id}/contents")
    expect(page.locator("#checklist .govuk-tag", has_text="Complete")).to_have_count(len(MATTERS))
    expect(page.locator("#checklist-counts")).to_contain_text("14 of 14 complete")
    expect(page.locator("#safeguarding")).to_contain_text(
        "Westshire LSCB annual report 2013-14, dated 15 October 2013")


def test_a_report_not_yet_submitted_shows_as_a_warning_on_the_contents(board):
    plan_id = board.new_plan()
    page = board.sign_in(board.coordinator)
    page.goto(f"/plans/{plan_id}/contents/behaviour_attendance")
    page.get_by_label("Drafted: written, not final").check()
    page.get_by_label("What the plan says").fill("Behaviour and attendance priorities")
    page.get_by_label("No report has been submitted to the Board yet").check()
    page.get_by_label("Note (optional)").fill("The partnerships report in July")
    page.get_by_role("button", name="Save").click()
    row = page.locator("#behaviour_attendance")
    expect(row.locator(".govuk-warning-text")).to_contain_text("No report yet")
    expect(row).to_contain_text("The partnerships report in July")


def add_consultee(page, plan_id: int, letter: str, name: str | None, invited: str | None = None,
                  due: str | None = None, note: str | None = None) -> None:
    page.goto(f"/plans/{plan_id}/consultees/new")
    page.locator(f"input[name=category][value={letter}]").check()
    if name is None:
        page.get_by_label("There is none in the area").check()
    else:
        page.get_by_label("Name of the body").fill(name)
    if invited:
        fill_date(page, "invited_on", invited)
    if due:
        fill_date(page, "response_due", due)
    if note:
        page.get_by_label("Note (optional)").fill(note)
    page.get_by_role("button", name="Add consultee").click()


def test_consultees_for_the_mandatory_categories_are_added_and_one_is_chased(board):
    plan_id = board.new_plan()
    page = board.sign_in(board.coordinator)
    page.goto(f"/plans/{plan_id}/consultees")
    missing = page.locator("#mandatory-missing")
    expect(missing).to_contain_text("The schools forum has no consultee record")
    expect(missing).to_contain_text("reg 7(1)(k)")

    page.goto(f"/plans/{plan_id}/consultees/new")
    page.get_by_role("button", name="Add consultee").click()
    expect(page.locator("#category-error")).to_contain_text("Choose who is being consulted")
    screenshot(page, "records-new-consultee")
    assert_accessible(page)

    for letter, name in MANDATORY:
        add_consultee(page, plan_id, letter, name, invited="2014-05-01", due="2014-05-20")
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(name)
    add_consultee(page, plan_id, "m", None, note="No independent specialist college here")
    expect(page.locator("#category-m")).to_contain_text("None in the area")
    expect(page.locator("#mandatory-missing")).to_have_count(0)
    overdue = page.locator("#category-k tr", has_text="Westshire Schools Forum")
    expect(overdue).to_contain_text("Overdue")

    page.locator("#not-replied-list tr", has_text="Westshire Schools Forum").get_by_role(
        "button", name="Chase").click()
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("A reminder to chase Westshire Schools Forum has been queued")
    expect(page.locator("#category-k tr", has_text="Westshire Schools Forum")).to_contain_text(
        "Chased 1 time")
    screenshot(page, "records-consultees")
    assert_accessible(page)

    forum = next(c for k in board.api("GET", f"/plans/{plan_id}/consultee-tracker")["categories"]
                 for c in k["consultees"] if c["name"] == "Westshire Schools Forum")
    chases = board.api("GET", f"/plans/{plan_id}/reminders")["chases"]
    assert [c["consultee_id"] for c in chases] == [forum["id"]]


def test_a_member_records_a_response_but_is_not_offered_the_name_or_invitation(board):
    plan_id = board.new_plan()
    board.api("POST", f"/plans/{plan_id}/consultees", {
        "category": "k", "name": "Westshire Schools Forum", "invited_on": "2014-05-01",
        "response_due": "2014-06-20"}, 201)
    page = board.sign_in(board.member)
    page.goto(f"/plans/{plan_id}/consultees")
    expect(page.get_by_role("link", name="Add a consultee")).to_have_count(0)
    expect(page.get_by_role("button", name="Chase")).to_have_count(0)
    page.get_by_role("link", name="Record response for Westshire Schools Forum").click()
    expect(page.get_by_label("Name of the body")).to_have_count(0)
    expect(page.locator("#invited_on-day")).to_have_count(0)
    expect(page.locator("#response_due-day")).to_have_count(0)
    fill_date(page, "responded_on", "2014-05-28")
    page.get_by_label("Summary of their response (optional)").fill("Supports the priorities")
    page.get_by_role("button", name="Save").click()
    row = page.locator("#category-k tr", has_text="Westshire Schools Forum")
    expect(row).to_contain_text("Responded")
    expect(row).to_contain_text("28 May 2014")


def test_the_consultation_record_is_fixed_once_consultation_closes(board):
    plan_id = board.new_plan()
    board.to_finalising(plan_id)
    page = board.sign_in(board.coordinator)
    add_consultee(page, plan_id, "n", "Westtown Community Association", invited="2014-02-11")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "the consultation record is fixed when consultation closes")
    expect(page.get_by_label("Name of the body")).to_have_value("Westtown Community Association")


def test_a_coordinator_records_the_approval_and_the_publication_channels(board):
    plan_id = board.new_plan()
    board.to_finalising(plan_id)
    page = board.sign_in(board.coordinator)
    page.goto(f"/plans/{plan_id}/publication")
    expect(page.locator("#check-approve")).to_contain_text(
        "the Board's approval (date and minute reference) is not recorded (product rule)")
    page.get_by_role("link", name="Record the Board's approval").click()
    fill_date(page, "approved_on", "2014-02-20")
    page.get_by_label("Minute reference").fill("WCTB/2014/02 item 3")
    page.get_by_role("button", name="Save approval").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("approval")
    expect(page.locator(".govuk-summary-list")).to_contain_text("20 February 2014")
    expect(page.locator("#check-approve")).to_contain_text("Ready")
    board.fire(plan_id, "approve", "2014-02-20")

    page.goto(f"/plans/{plan_id}/publication")
    check = page.locator("#check-publish")
    expect(check).to_contain_text("the plan is not on the establishing authority's website")
    expect(check).to_contain_text("reg 6(a)")
    page.get_by_role("link", name="Record a publication step").click()
    page.locator("input[name=channel][value=authority_website]").check()
    fill_date(page, "done_on", "2014-03-01")
    page.get_by_role("button", name="Save publication step").click()
    expect(page.locator("#url-error")).to_contain_text("needs a url")
    page.get_by_role("textbox", name="Web address").fill("https://www.westshire.gov.uk/cypp")
    page.get_by_role("button", name="Save publication step").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "on the council's website")
    for channel, where in (("pct_website", "https://www.westshire.nhs.uk/cypp"),
                           ("public_place", "Westtown Central Library")):
        page.get_by_role("link", name="Record a publication step").click()
        page.locator(f"input[name=channel][value={channel}]").check()
        fill_date(page, "done_on", "2014-03-01")
        label = "Web address" if channel.endswith("website") else "Place, or how it was sent"
        page.get_by_role("textbox", name=label).fill(where)
        page.get_by_role("button", name="Save publication step").click()
    check = page.locator("#check-publish")
    expect(check).to_contain_text("Ready")
    expect(check).to_contain_text("no child-friendly version of the plan is recorded")
    expect(page.get_by_role("link", name="Publish the plan")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Westtown Central Library")
    screenshot(page, "records-publication")
    assert_accessible(page)


def test_a_revision_acknowledges_the_boards_membership_changes(board):
    plan_id = board.new_plan()
    board.to_finalising(plan_id)
    board.api("POST", f"/plans/{plan_id}/approval",
              {"approved_on": "2014-02-20", "minute_ref": "WCTB/2014/02 item 3"})
    board.fire(plan_id, "approve", "2014-02-20")
    for channel, where in (("authority_website", {"url": "https://w.example/cypp"}),
                           ("pct_website", {"url": "https://nhs.example/cypp"}),
                           ("public_place", {"place": "Westtown Central Library"})):
        board.api("POST", f"/plans/{plan_id}/publication-channels",
                  {"channel": channel, "done_on": "2014-03-01", **where}, 201)
    board.fire(plan_id, "publish", "2014-03-01")
    board.api("POST", f"/boards/{board.id}/members", {
        "organisation": "Westmoor Academy Trust", "partner_type": "academy",
        "statutory": True, "joined_on": "2014-04-15"}, 201)
    board.fire(plan_id, "start_review", "2014-05-01")
    board.fire(plan_id, "begin_revision", "2014-05-10", reason="Academy conversions")

    page = board.sign_in(board.coordinator)
    page.goto(f"/plans/{plan_id}/reviews")
    expect(page.locator(".cypp-review")).to_contain_text("Revision 1 begun 10 May 2014")
    expect(page.get_by_role("link", name="Publish the revision")).to_be_visible()
    changes = page.locator("#membership-changes ~ .cypp-table-scroll")
    expect(changes).to_contain_text("Westmoor Academy Trust")
    expect(changes).to_contain_text("Not yet")
    page.get_by_role("button", name="Acknowledge changes").click()
    expect(page.locator("#change_ids-error")).to_contain_text("Choose at least one change")
    page.get_by_label("Westmoor Academy Trust joined the Board on 15 April 2014").check()
    page.get_by_label("How the revision takes them into account (optional)").fill(
        "Academy representation added to the key actions")
    page.get_by_role("button", name="Acknowledge changes").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "1 membership change acknowledged")
    expect(changes).to_contain_text("Acknowledged")
    assert all(c["acknowledged"] for c in board.api(
        "GET", f"/plans/{plan_id}/membership-changes"))
    screenshot(page, "records-reviews")
    assert_accessible(page)


def test_a_plan_of_another_board_is_not_found(board):
    plan_id = board.new_plan()
    page = board.signed_in(DEMO_PEOPLE["coordinator"])
    for path in ("contents", "consultees", "publication", "reviews"):
        assert page.goto(f"/plans/{plan_id}/{path}").status == 404
