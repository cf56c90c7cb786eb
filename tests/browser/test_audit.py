"""The audit log in a real browser: auditors check the hash chain, filter the log, page
through it and download the filtered records as CSV; others may not open it."""
from __future__ import annotations

import csv
import io

from playwright.sync_api import expect

from tests.browser.harness import assert_accessible, screenshot


def test_the_auditor_checks_the_chain_then_filters_and_pages(as_auditor):
    page = as_auditor
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    expect(page.locator("#chain-status")).to_contain_text("not been checked yet")
    page.get_by_role("button", name="Check the whole chain now").click()
    expect(page.locator("#chain-status")).to_contain_text("Intact:")
    expect(page.locator("#chain-status")).to_contain_text("records checked")
    expect(page.locator("#audit-records")).to_contain_text("Board created: Northshire "
                                                           "Children's Trust Board")
    page.get_by_role("link", name="Next page").click()
    expect(page.locator("caption")).to_contain_text("a later page")
    expect(page.locator("#audit-records")).not_to_contain_text("Board created: Northshire")
    page.get_by_role("link", name="First page").click()
    expect(page.locator("#audit-records")).to_contain_text("Board created: Northshire")

    page.get_by_label("Plan number").fill("2")
    page.get_by_label("What").select_option(label="Open consultation")
    page.get_by_role("group", name="From").get_by_label("Day").fill("2")
    page.get_by_role("group", name="From").get_by_label("Month").fill("6")
    page.get_by_role("group", name="From").get_by_label("Year").fill("2014")
    page.get_by_role("button", name="Apply filters").click()
    rows = page.locator("#audit-records tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Open consultation, dated 3 February 2014")
    expect(rows.first).to_contain_text("From drafting to consultation")
    expect(rows.first).to_contain_text("demo")
    expect(page.get_by_role("link", name="Next page")).to_have_count(0)
    screenshot(page, "audit")
    assert_accessible(page)


def test_the_csv_download_has_the_filtered_rows(as_auditor):
    page = as_auditor
    page.goto("/audit?board_id=1&event=open_consultation")
    shown = page.locator("#audit-records tbody tr").count()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these records as a spreadsheet (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert download.value.suggested_filename == "audit-log.csv"
    assert len(rows) == shown == 2
    assert {r["event"] for r in rows} == {"plan.open_consultation"}
    assert {r["board_id"] for r in rows} == {"1"}
    assert [r["to"] for r in rows] == ["consultation", "consultation"]
    assert all(r["hash"] and r["on"] for r in rows)


def test_a_bad_filter_is_named_next_to_its_field(as_auditor):
    page = as_auditor
    page.goto("/audit?board_id=one&from-day=31&from-month=2&from-year=2014")
    expect(page.locator("#board_id-error")).to_contain_text("Enter a board number")
    expect(page.locator("#from-error")).to_contain_text("Enter a real date")
    assert_accessible(page)


def test_coordinators_may_not_read_the_audit_log(as_coordinator):
    expect(as_coordinator.get_by_role("link", name="Audit log")).to_have_count(0)
    assert as_coordinator.goto("/audit").status == 403
    assert as_coordinator.goto("/audit.csv").status == 403
