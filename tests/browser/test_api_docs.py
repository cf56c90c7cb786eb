"""The API docs in a real browser: Swagger UI served from the service itself renders every
operation under the page's Content-Security-Policy and asks nothing of any other site."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.harness import screenshot


def test_swagger_ui_renders_every_operation_offline_under_the_csp(server, page):
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" else None)
    page.goto("/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=20_000)
    spec = page.request.get("/api/v1/openapi.json").json()
    operations = sum(len([m for m in item if m != "parameters"]) for item in spec["paths"].values())
    expect(page.locator(".opblock")).to_have_count(operations)
    page.locator("#operations-events-postEvents").click()
    expect(page.locator("#operations-events-postEvents")).to_contain_text("Precondition Failed")
    screenshot(page, "api-docs")
    assert all(url.startswith(server.url) or url.startswith("data:") for url in requests), requests
    assert not problems, problems
