"""The Board's duties beyond the plan in a real browser: its composition and relevant
partners (s12A(2)), a joint Board's authorities and PCTs (s12A(6)), monitoring entries
(s17A(3)(a)) and the annual report refused, then published (s17A(3)(b))."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import assert_accessible, screenshot


def test_the_demo_board_shows_its_relevant_partners_and_no_composition_gap(as_coordinator):
    page = as_coordinator
    page.goto("/boards/1")
    expect(page.locator("#composition-ok")).to_contain_text(
        "Every body the Board must include is represented")
    expect(page.locator("#composition-gaps")).to_have_count(0)
    partners = page.locator("#relevant-partners")
    expect(partners).to_contain_text("Jobcentre Plus Northshire")
    expect(partners).to_contain_text("Eastvale District Council")
    expect(partners).to_contain_text("Northshire District Councils")
    expect(page.get_by_role("link", name="Monitoring the plan's implementation")).to_be_visible()
    expect(page.get_by_role("link", name="Annual reports")).to_be_visible()
    page.locator("#composition").scroll_into_view_if_needed()
    screenshot(page, "board-composition")
    assert_accessible(page)


def test_a_new_relevant_partner_nobody_represents_shows_as_a_gap_until_a_member_does(
        as_joint_coordinator):
    page = as_joint_coordinator
    page.goto("/boards/2")
    page.get_by_role("button", name="Add a relevant partner").click()
    page.get_by_role("button", name="Add relevant partner").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the partner's name.")
    assert_accessible(page)
    page.get_by_label("Name of the partner").fill("Dale Probation Office")
    page.get_by_label("Kind of partner").select_option("probation")
    page.get_by_role("button", name="Add relevant partner").click()
    expect(page.get_by_text("Dale Probation Office has been recorded")).to_be_visible()
    expect(page.locator("#composition-gaps")).to_contain_text(
        "Dale Probation Office: no member represents this relevant partner (Probation)")
    expect(page.locator("#composition-gaps")).to_contain_text("(s12A(2))")

    page.get_by_role("button", name="Add a member").click()
    page.get_by_label("Partner organisation").fill("Dale Probation Office")
    page.get_by_label("Kind of partner").select_option("probation")
    page.get_by_label("Yes, a relevant partner").check()
    page.get_by_label("Dale Probation Office (Probation)").check()
    page.locator("#joined_on-day").fill("1")
    page.locator("#joined_on-month").fill("6")
    page.locator("#joined_on-year").fill("2014")
    assert_accessible(page)
    page.get_by_role("button", name="Add member").click()
    expect(page.locator("#composition-gaps")).to_have_count(0)
    row = page.locator("#relevant-partners tr", has_text="Dale Probation Office")
    expect(row.locator("td").nth(3)).to_have_text("Dale Probation Office")


def test_the_joint_demo_board_lists_both_authorities_and_both_pcts(as_joint_coordinator):
    page = as_joint_coordinator
    page.goto("/boards/2")
    organisations = page.locator("#organisations")
    for name in ("Riverside Borough Council", "Dale County Council", "NHS Riverside",
                 "NHS Dale"):
        expect(organisations).to_contain_text(name)
    expect(organisations).to_contain_text("Local authorities")
    expect(organisations).to_contain_text("Primary Care Trusts")


def test_a_member_records_a_monitoring_entry_and_finds_it_by_year_and_partner(as_member):
    page = as_member
    page.goto("/boards/1")
    page.get_by_role("link", name="Monitoring the plan's implementation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring the plan")
    page.get_by_role("button", name="Record a monitoring entry").click()
    page.get_by_role("button", name="Save monitoring entry").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose the partner assessed.")
    expect(summary).to_contain_text("Enter the evidence the assessment rests on.")
    assert_accessible(page)
    page.get_by_label("Partner assessed").select_option(label="Northshire Constabulary")
    page.locator("#on-day").fill("1")
    page.locator("#on-month").fill("5")
    page.locator("#on-year").fill("2014")
    page.get_by_label("In accordance with the plan", exact=True).check()
    page.get_by_label("Evidence").fill("Police input to the May 2014 Board challenge session")
    page.get_by_role("button", name="Save monitoring entry").click()
    expect(page.get_by_text("Monitoring recorded: Northshire Constabulary on 1 May 2014.")
           ).to_be_visible()
    entries = page.locator("#monitoring-entries")
    expect(entries).to_contain_text("Police input to the May 2014 Board challenge session")

    page.get_by_label("Year").select_option(label="1 April 2013 to 31 March 2014")
    page.get_by_label("Partner").select_option(label="Northshire Constabulary")
    page.get_by_role("button", name="Show entries").click()
    expect(entries.locator("tbody tr")).to_have_count(1)
    expect(entries).to_contain_text("13 March 2014")
    expect(entries).to_contain_text("Partly in accordance with the plan")
    screenshot(page, "monitoring")
    assert_accessible(page)


def _publish(page, day: str, month: str, year: str, url: str) -> None:
    page.get_by_role("button", name="Publish the report").click()
    page.locator("#published_on-day").fill(day)
    page.locator("#published_on-month").fill(month)
    page.locator("#published_on-year").fill(year)
    page.get_by_label("Web address where it is published").fill(url)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before you publish the annual report")
    assert_accessible(page)
    page.get_by_role("button", name="Publish the report").click()


def _draft_of_2013(page):
    row = page.locator("#annual-reports tbody tr", has_text="1 April 2013 to 31 March 2014")
    return row.get_by_role("link", name="Draft")


def test_the_2013_14_report_is_refused_until_jobcentre_plus_is_monitored_then_published(
        as_coordinator):
    page = as_coordinator
    page.goto("/boards/1")
    page.get_by_role("link", name="Annual reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual reports")
    screenshot(page, "annual-reports")
    assert_accessible(page)
    _draft_of_2013(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Annual report 1 April 2013 to 31 March 2014")
    expect(page.locator("#check")).to_be_visible()
    screenshot(page, "annual-report")
    assert_accessible(page)

    _publish(page, "2", "6", "2014", "https://www.northshire.gov.uk/cypp/annual-report-2013")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Jobcentre Plus Northshire")
    expect(summary).to_contain_text("(s17A(3)(b))")
    screenshot(page, "annual-report-refused")
    assert_accessible(page)

    page.get_by_role("link", name="Record a monitoring entry").click()
    page.get_by_label("Partner assessed").select_option(label="Jobcentre Plus Northshire")
    page.locator("#on-day").fill("28")
    page.locator("#on-month").fill("3")
    page.locator("#on-year").fill("2014")
    page.get_by_label("Partly in accordance with the plan").check()
    page.get_by_label("Evidence").fill("Jobcentre Plus return to the Board, March 2014")
    page.get_by_role("button", name="Save monitoring entry").click()
    expect(page.get_by_text("Monitoring recorded: Jobcentre Plus Northshire")).to_be_visible()

    page.goto("/boards/1/annual-reports")
    _draft_of_2013(page).click()
    _publish(page, "2", "6", "2014", "https://www.northshire.gov.uk/cypp/annual-report-2013")
    expect(page.get_by_text("The annual report was published on 2 June 2014.")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Published")
    expect(page.get_by_role("button", name="Publish the report")).to_have_count(0)
    page.get_by_role("link", name="The report as a web page").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("annual report")
    expect(page.locator("body")).to_contain_text("Jobcentre Plus return to the Board, March 2014")
