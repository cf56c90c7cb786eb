"""Signing in and out in a real browser: wrong passwords, rate limits, CSRF, the look."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.harness import DEMO_PEOPLE, assert_accessible, screenshot, sign_in


def test_a_wrong_password_is_refused_with_a_message_and_the_user_name_kept(page):
    sign_in(page, DEMO_PEOPLE["coordinator"], "not-the-password")
    summary = page.locator(".govuk-error-summary")
    assert "user name or password is not right" in summary.inner_text()
    assert page.get_by_label("User name").input_value() == DEMO_PEOPLE["coordinator"]
    assert page.get_by_label("Password", exact=True).input_value() == ""
    screenshot(page, "sign-in-wrong-password")
    assert_accessible(page)


def test_an_empty_sign_in_names_each_missing_field_next_to_it(page):
    page.goto("/sign-in")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#name-error")).to_contain_text("Enter your user name.")
    expect(page.locator("#password-error")).to_contain_text("Enter your password.")
    page.locator(".govuk-error-summary a[href='#name']").click()
    assert page.evaluate("document.activeElement.id") == "name"


def test_sign_in_attempts_are_limited_per_address_and_user_name(page, new_page):
    for _ in range(5):
        sign_in(page, "ratelimited-person", "wrong-password-1")
        assert page.title().startswith("Error: Sign in")
    sign_in(page, "ratelimited-person", "wrong-password-1")
    expect(page.get_by_role("heading", name="Too many attempts")).to_be_visible()
    screenshot(page, "error-429")
    assert_accessible(page)
    other = new_page()
    sign_in(other, DEMO_PEOPLE["auditor"])
    expect(other.get_by_text(f"Signed in as {DEMO_PEOPLE['auditor']}")).to_be_visible()


def test_a_page_asks_for_sign_in_and_then_opens(page):
    page.goto("/account/tokens")
    assert re.search(r"/sign-in\?next=%2Faccount%2Ftokens$", page.url)
    page.get_by_label("User name").fill(DEMO_PEOPLE["member"])
    page.get_by_label("Password", exact=True).fill("northshire-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile("/account/tokens$"))
    expect(page.get_by_role("heading", name="Your API tokens")).to_be_visible()


def test_signing_out_ends_the_session(as_member):
    as_member.get_by_role("button", name="Sign out").click()
    expect(as_member.get_by_text("You have signed out.")).to_be_visible()
    as_member.goto("/account/")
    expect(as_member).to_have_url(re.compile("/sign-in"))


def test_a_forged_post_without_the_csrf_token_is_refused(as_coordinator):
    response = as_coordinator.request.post("/account/tokens", form={"name": "forged"})
    assert response.status == 400 and "did not come from this service" in response.text()
    as_coordinator.goto("/account/tokens")
    assert as_coordinator.get_by_text("forged").count() == 0


def test_pages_carry_the_security_headers_and_govuk_scripts_run_under_them(page):
    response = page.goto("/sign-in")
    headers = response.headers
    assert "script-src 'self' 'sha256-" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    cookie = page.context.cookies()
    assert all(c["httpOnly"] and c["sameSite"] == "Lax" for c in cookie if c["name"] == "session")


def test_an_unknown_page_is_a_404_in_the_services_look(as_auditor):
    response = as_auditor.goto("/no-such-page")
    assert response.status == 404
    expect(as_auditor.get_by_role("heading", name="Page not found")).to_be_visible()
    screenshot(as_auditor, "error-404")
    assert_accessible(as_auditor)


def test_successful_sign_ins_do_not_use_up_the_limit(server, new_page):
    server.cypp("users", "create", "frequent-flyer", "--role", "auditor", "--password",
                stdin="frequent-password-1\n")
    for _ in range(7):
        fresh = new_page()
        sign_in(fresh, "frequent-flyer", "frequent-password-1")
        expect(fresh.get_by_text("Signed in as frequent-flyer")).to_be_visible()
