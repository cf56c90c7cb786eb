"""A person's own account in a real browser: password change and API tokens."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.harness import assert_accessible, screenshot, sign_in
from tests.support.http import call


def make_person(server, name: str, password: str, role: str = "member", *boards: str) -> None:
    args = ["users", "create", name, "--role", role, "--password"]
    for board in boards or (("1",) if role in ("coordinator", "member") else ()):
        args += ["--board", board]
    server.cypp(*args, stdin=password + "\n")


def test_changing_your_password_signs_out_your_other_sessions(server, signed_in, new_page):
    make_person(server, "pat-changer", "first-password-1")
    here = signed_in("pat-changer", "first-password-1")
    elsewhere = signed_in("pat-changer", "first-password-1")
    here.goto("/account/")
    screenshot(here, "account")
    assert_accessible(here)
    here.get_by_label("Current password").fill("first-password-1")
    here.get_by_label("New password", exact=True).fill("second-password-2")
    here.get_by_label("New password again").fill("second-password-2")
    here.get_by_role("button", name="Change password").click()
    expect(here.get_by_text("Your password has been changed")).to_be_visible()
    here.goto("/account/tokens")
    expect(here.get_by_role("heading", name="Your API tokens")).to_be_visible()
    elsewhere.goto("/account/")
    expect(elsewhere).to_have_url(re.compile("/sign-in"))
    fresh = new_page()
    sign_in(fresh, "pat-changer", "first-password-1")
    expect(fresh.locator(".govuk-error-summary")).to_contain_text("not right")
    sign_in(fresh, "pat-changer", "second-password-2")
    expect(fresh.get_by_text("Signed in as pat-changer")).to_be_visible()


def test_a_wrong_current_password_or_a_mismatch_is_shown_next_to_its_field(server, signed_in):
    make_person(server, "pat-mistaken", "first-password-1")
    page = signed_in("pat-mistaken", "first-password-1")
    page.goto("/account/")
    page.get_by_label("Current password").fill("wrong-password-9")
    page.get_by_label("New password", exact=True).fill("second-password-2")
    page.get_by_label("New password again").fill("second-password-3")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#confirm_password-error")).to_contain_text("do not match")
    page.get_by_label("Current password").fill("wrong-password-9")
    page.get_by_label("New password", exact=True).fill("second-password-2")
    page.get_by_label("New password again").fill("second-password-2")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#current_password-error")).to_contain_text("not right")
    screenshot(page, "account-password-errors")
    assert_accessible(page)


def test_a_token_issued_on_the_page_opens_the_api_until_it_is_revoked(server, as_coordinator):
    page = as_coordinator
    page.goto("/account/tokens")
    page.get_by_label("Token name").fill("Monthly report script")
    page.get_by_role("button", name="Issue token").click()
    token = page.locator("#new-token").inner_text().strip()
    assert token.startswith("cypp_")
    screenshot(page, "tokens-issued")
    assert_accessible(page)
    status, boards = call(f"{server.url}/api/v1/boards", token=token)
    assert status == 200 and boards[0]["name"] == "Northshire Children's Trust Board"
    page.goto("/account/tokens")
    row = page.get_by_role("row").filter(has_text="Monthly report script")
    assert "Never" not in row.inner_text() and "Active" in row.inner_text()
    assert token not in page.content()
    row.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("has been revoked")).to_be_visible()
    assert call(f"{server.url}/api/v1/boards", token=token)[0] == 401
    screenshot(page, "tokens")
    assert_accessible(page)


def test_a_token_needs_a_name(as_member):
    as_member.goto("/account/tokens")
    as_member.get_by_role("button", name="Issue token").click()
    expect(as_member.locator("#name-error")).to_contain_text("Enter a name for the token.")


def test_the_account_and_tokens_pages_read_at_phone_width_without_sideways_scrolling(
        as_coordinator):
    as_coordinator.set_viewport_size({"width": 390, "height": 844})
    for path, name in (("/account/", "account-phone"), ("/account/tokens", "tokens-phone")):
        as_coordinator.goto(path)
        assert as_coordinator.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(as_coordinator, name)
    # At phone width the service navigation, "Sign out" with it, folds into its Menu button.
    as_coordinator.get_by_role("button", name="Menu").click()
    expect(as_coordinator.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(as_coordinator)
