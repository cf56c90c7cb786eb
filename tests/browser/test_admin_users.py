"""Admins manage people in a real browser; other roles cannot."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.harness import DEMO_PEOPLE, assert_accessible, screenshot, sign_in
from tests.support.http import call


def test_an_admin_creates_a_user_who_can_then_sign_in(as_admin, new_page):
    page = as_admin
    page.get_by_role("link", name="Users").click()
    screenshot(page, "admin-users")
    assert_accessible(page)
    page.get_by_role("button", name="Create a user").click()
    page.get_by_label("User name").fill("casey-new")
    page.get_by_label("Coordinator: runs the plans of their boards").check()
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_role("button", name="Create user").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("at least one board")
    expect(summary).to_contain_text("between 10 and 200 characters")
    assert page.get_by_label("User name").input_value() == "casey-new"
    screenshot(page, "admin-new-user-errors")
    assert_accessible(page)
    page.get_by_label("Northshire Children's Trust Board").check()
    page.get_by_label("Password", exact=True).fill("casey-password-1")
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_text("User casey-new has been created.")).to_be_visible()
    screenshot(page, "admin-user")
    assert_accessible(page)
    newcomer = new_page()
    sign_in(newcomer, "casey-new", "casey-password-1")
    expect(newcomer.get_by_text("Signed in as casey-new (coordinator)")).to_be_visible()


def test_a_deactivated_user_can_neither_sign_in_nor_use_a_token(server, as_admin, signed_in,
                                                                new_page):
    server.cypp("users", "create", "dana-leaving", "--role", "auditor", "--password",
                stdin="dana-password-1\n")
    token = server.cypp("tokens", "issue", "dana-leaving").strip()
    dana = signed_in("dana-leaving", "dana-password-1")
    as_admin.goto("/admin/users")
    as_admin.get_by_role("link", name="dana-leaving").click()
    as_admin.get_by_role("button", name="Deactivate dana-leaving").click()
    expect(as_admin.get_by_text("The user has been deactivated")).to_be_visible()
    dana.goto("/account/")
    expect(dana).to_have_url(re.compile("/sign-in"))
    again = new_page()
    sign_in(again, "dana-leaving", "dana-password-1")
    expect(again.locator(".govuk-error-summary")).to_contain_text("not active")
    assert call(f"{server.url}/api/v1/boards", token=token)[0] == 401
    as_admin.get_by_role("button", name="Reactivate dana-leaving").click()
    expect(as_admin.get_by_text("The user has been reactivated.")).to_be_visible()
    sign_in(again, "dana-leaving", "dana-password-1")
    expect(again.get_by_text("Signed in as dana-leaving")).to_be_visible()


def test_an_admin_changes_a_role_and_resets_a_password(server, as_admin, new_page):
    server.cypp("users", "create", "erin-moving", "--role", "member", "--board", "1",
                "--password", stdin="erin-password-1\n")
    as_admin.goto("/admin/users")
    as_admin.get_by_role("link", name="erin-moving").click()
    as_admin.get_by_label("Auditor: reads every board").check()
    as_admin.get_by_label("Northshire Children's Trust Board").uncheck()
    as_admin.get_by_role("button", name="Save role and boards").click()
    expect(as_admin.get_by_text("Role and boards have been saved.")).to_be_visible()
    as_admin.get_by_label("New password").fill("erin-password-2")
    as_admin.get_by_role("button", name="Reset password").click()
    expect(as_admin.get_by_text("The password has been reset.")).to_be_visible()
    erin = new_page()
    sign_in(erin, "erin-moving", "erin-password-2")
    expect(erin.get_by_text("Signed in as erin-moving (auditor)")).to_be_visible()


def test_an_admin_cannot_deactivate_themselves(as_admin):
    as_admin.goto("/admin/users")
    as_admin.get_by_role("link", name=DEMO_PEOPLE["admin"]).click()
    as_admin.get_by_role("button", name=f"Deactivate {DEMO_PEOPLE['admin']}").click()
    expect(as_admin.get_by_text("you cannot deactivate yourself")).to_be_visible()


def test_only_admins_see_and_open_the_users_pages(as_coordinator):
    assert as_coordinator.get_by_role("link", name="Users").count() == 0
    response = as_coordinator.goto("/admin/users")
    assert response.status == 403
    expect(as_coordinator.get_by_role("heading", name="You do not have permission")).to_be_visible()
    screenshot(as_coordinator, "error-403")
    assert_accessible(as_coordinator)
