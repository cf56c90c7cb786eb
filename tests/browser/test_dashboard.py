"""The dashboard at ``/`` in a real browser: the demo's overdue successor first, in words and
not by colour alone; boards paged for people who see every board; readable on a phone."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import assert_accessible, screenshot


def test_the_coordinator_sees_the_overdue_successor_first_in_words(as_coordinator):
    page = as_coordinator
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your boards and plans")
    first_row = page.locator("section", has_text="Northshire Children's Trust Board").locator(
        ".cypp-plan-card").first
    expect(first_row).to_contain_text("Northshire Children and Young People's Plan 2014-2017")
    expect(first_row).to_contain_text("Overdue")
    expect(first_row).to_contain_text("On or before 12 May 2014")
    expect(first_row).to_contain_text("reg 5(2)")
    expect(first_row).to_contain_text("Deadline missed: overdue by 21 days")
    # The mark is a tag with words, not a colour alone.
    expect(first_row.locator(".govuk-tag")).to_have_text("Overdue")
    screenshot(page, "dashboard")
    assert_accessible(page)
    first_row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2014-2017")


def test_signing_in_leads_to_the_dashboard_with_its_navigation(as_member):
    expect(as_member.get_by_role("heading", level=1)).to_have_text("Your boards and plans")
    navigation = as_member.get_by_role("navigation", name="Menu")
    for item in ("Dashboard", "Boards", "Notifications", "Your account"):
        expect(navigation.get_by_role("link", name=item)).to_be_visible()
    expect(navigation.get_by_role("link", name="Audit log")).to_have_count(0)


def test_the_dashboard_reads_at_phone_width(as_coordinator):
    page = as_coordinator
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/")
    expect(page.get_by_text("Deadline missed: overdue by 21 days").first).to_be_visible()
    screenshot(page, "dashboard-phone")
    assert_accessible(page)
