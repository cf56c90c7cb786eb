"""Boards in a real browser: the paged list, a board's page with its members over time
(adding one, marking one as left), its settings (a change of year basis with the day it
takes effect), and 404 for people of another board."""
from __future__ import annotations

import itertools
from datetime import date

import pytest
from playwright.sync_api import expect

from lifecycle.bootstrap import runtime
from lifecycle.clock import clock_from_env
from lifecycle.services import access
from tests.browser.harness import assert_accessible, screenshot
from tests.support import builders

_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def uow(server):
    """Units of work on the server's database, on its pinned clock."""
    return runtime(server.env["CYPP_DATABASE_URL"], clock_from_env(server.env)).uow


def test_an_admin_pages_through_the_boards_and_creates_one(uow, as_admin):
    for n in range(1, 24):
        builders.board(uow, name=f"Paging test board {n:02d}")
    page = as_admin
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Boards").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boards")
    expect(page.locator("caption")).to_contain_text("page 1 of")
    expect(page.get_by_role("link", name="Northshire Children's Trust Board")).to_be_visible()
    screenshot(page, "boards")
    assert_accessible(page)
    page.get_by_role("navigation", name="Pagination").get_by_role("link", name="Next").click()
    expect(page.locator("caption")).to_contain_text("page 2 of")
    expect(page.get_by_role("link", name="Northshire Children's Trust Board")).to_have_count(0)

    page.goto("/boards/")
    page.get_by_role("button", name="Create a board").click()
    page.get_by_role("button", name="Create board").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the board's name.")
    expect(summary).to_contain_text("Enter the Primary Care Trust.")
    assert_accessible(page)
    page.get_by_label("Board name").fill("Westshire Children's Trust Board")
    page.get_by_label("Local authority", exact=True).fill("Westshire Council")
    page.get_by_label("Primary Care Trust", exact=True).fill("NHS Westshire")
    page.get_by_role("button", name="Create board").click()
    expect(page.get_by_text("Westshire Children's Trust Board has been created.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Westshire Children's Trust Board")


def test_the_board_page_lists_plans_members_over_time_settings_and_the_calendar(as_coordinator):
    page = as_coordinator
    page.goto("/boards/1")
    current, past = page.locator("#current-members"), page.locator("#past-members")
    expect(current).to_contain_text("Northshire Constabulary")
    expect(current).to_contain_text("Westmoor Academy Trust")
    expect(current).to_contain_text("Further education college (statutory)")
    expect(past).to_contain_text("Eastvale District Council")
    expect(past).to_contain_text("31 March 2012")
    expect(page.locator("table").first).to_contain_text("Northshire Children and Young "
                                                        "People's Plan 2014-2017")
    expect(page.get_by_role("button", name="Create a plan")).to_be_visible()
    expect(page.locator(".govuk-summary-list").last).to_contain_text("Financial year")
    expect(page.get_by_role("link", name="Subscribe in your calendar")).to_have_attribute(
        "href", "/boards/1/calendar/")
    screenshot(page, "board")
    assert_accessible(page)


@pytest.fixture
def own_board(uow, signed_in):
    """A fresh board with a plan starting 1 April 2014, and a page signed in as its
    coordinator (so changes here leave the demo board as it is for other tests)."""
    board_id = builders.board(uow, name=f"Boards test board {next(_numbers)}")["id"]
    builders.plan(uow, board_id, start=date(2014, 4, 1), end=date(2017, 3, 31))
    name = f"bea-boards-{board_id}"
    access.create_user(uow(), "tester", name=name, role="coordinator", board_ids=[board_id],
                       password="bea-password-1")
    return board_id, signed_in(name, "bea-password-1")


def test_a_coordinator_adds_a_member_and_marks_one_as_left(own_board):
    board_id, page = own_board
    page.goto(f"/boards/{board_id}")
    current, past = page.locator("#current-members"), page.locator("#past-members")
    page.get_by_role("button", name="Add a member").click()
    page.get_by_role("button", name="Add member").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the partner organisation.")
    assert_accessible(page)
    page.get_by_label("Partner organisation").fill("Northshire Fire and Rescue")
    page.get_by_label("Kind of partner").select_option(label="Other partner")
    page.get_by_label("No, it takes part by agreement").check()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("5")
    page.get_by_label("Year").fill("2014")
    page.get_by_role("button", name="Add member").click()
    expect(page.get_by_text("Northshire Fire and Rescue has been added as a member from "
                            "1 May 2014.")).to_be_visible()
    expect(current).to_contain_text("Northshire Fire and Rescue")
    expect(past).to_have_count(0)

    current.get_by_role("row").filter(has_text="Northshire Fire and Rescue").get_by_role(
        "link", name="Mark as left").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mark Northshire Fire and Rescue as left")
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2014")
    page.get_by_role("button", name="Mark as left").click()
    expect(page.locator("#left_on-error")).to_contain_text("before the day it joined")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("6")
    page.get_by_role("button", name="Mark as left").click()
    expect(page.get_by_text("Northshire Fire and Rescue left the board on 1 June 2014.")
           ).to_be_visible()
    expect(past).to_contain_text("Northshire Fire and Rescue")
    expect(current).not_to_contain_text("Northshire Fire and Rescue")


def test_an_admin_changes_the_year_basis_and_sees_the_day_it_takes_effect(own_board, as_admin):
    board_id, _ = own_board
    page = as_admin
    page.goto(f"/boards/{board_id}")
    page.get_by_role("link", name="Change settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Board settings")
    screenshot(page, "board-settings")
    assert_accessible(page)
    page.get_by_role("group", name="New year basis").get_by_label("Plan year").check()
    page.get_by_role("button", name="Change year basis").click()
    expect(page.get_by_text("The year basis for reviews changes to plan year from "
                            "1 April 2015.")).to_be_visible()
    expect(page.locator(".govuk-summary-list").first).to_contain_text(
        "Plan year (each year from the plan's start date) from 1 April 2015 (planned)")

    page.get_by_label("Days before a deadline to send a reminder").fill("60, 14, x")
    page.get_by_role("button", name="Save reminder settings").click()
    expect(page.locator("#before-error")).to_contain_text("whole numbers of days")
    assert_accessible(page)
    page.get_by_label("Days before a deadline to send a reminder").fill("60, 14, 2")
    page.get_by_label("Once overdue, remind every how many days?").fill("3")
    page.get_by_label("Other email addresses (optional)").fill("cypp-team@northshire.example")
    page.get_by_role("button", name="Save reminder settings").click()
    expect(page.get_by_text("The reminder settings have been saved.")).to_be_visible()
    summary = page.locator(".govuk-summary-list").first
    expect(summary).to_contain_text("60, 14, 2 days before a deadline")
    expect(summary).to_contain_text("every 3 days once overdue")
    expect(summary).to_contain_text("cypp-team@northshire.example")


def test_coordinators_and_members_see_no_settings_form(as_coordinator, as_member):
    assert as_coordinator.goto("/boards/1/settings").status == 403
    as_member.goto("/boards/1")
    expect(as_member.get_by_role("button", name="Add a member")).to_have_count(0)
    expect(as_member.get_by_role("link", name="Mark as left")).to_have_count(0)
    expect(as_member.get_by_role("link", name="Change settings")).to_have_count(0)
    assert as_member.goto("/boards/1/members/new").status == 403


def test_a_member_of_another_board_finds_no_such_board(uow, signed_in):
    other = builders.board(uow, name="Eastshire Children's Trust Board")["id"]
    access.create_user(uow(), "tester", name="eve-eastshire", role="member", board_ids=[other],
                       password="eve-password-1")
    eve = signed_in("eve-eastshire", "eve-password-1")
    assert eve.goto(f"/boards/{other}").status == 200
    for path in ("/boards/1", "/boards/1/members/new", "/boards/1/settings",
                 "/boards/1/members/1/left"):
        response = eve.goto(path)
        assert response.status == 404, path
    expect(eve.get_by_role("heading", name="Page not found")).to_be_visible()
    eve.goto("/boards/")
    expect(eve.get_by_role("link", name="Northshire Children's Trust Board")).to_have_count(0)
