"""Browser fixtures: one real server per run (fresh database of the run's kind, migrated,
demo loaded, clock pinned), one Chromium, a fresh browser context per test, and pages
signed in as each demo role (``as_coordinator``, ``as_member``, ``as_auditor``, ``as_admin``,
or ``signed_in(name, password)`` for anyone)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser import harness
from tests.conftest import _fresh_postgres


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """``cypp serve`` on a free loopback port over its own fresh database."""
    if not Path(harness.CHROMIUM).exists():
        pytest.fail(f"{harness.CHROMIUM} is missing: apt-get install -y chromium")
    workdir = tmp_path_factory.mktemp("server")
    postgres = os.environ.get("CYPP_TEST_DATABASE_URL", "").strip()
    url, drop = _fresh_postgres(postgres) if postgres else (
        f"sqlite:///{workdir / 'browser.db'}", lambda: None)
    running = harness.start_server(url, workdir)
    yield running
    harness.stop_server(running)
    drop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=harness.CHROMIUM,
                                              args=harness.CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, server):
    """``new_page()``: a page in a fresh browser context (its own cookies) on the server."""
    contexts = []

    def make():
        context = browser.new_context(base_url=server.url)
        contexts.append(context)
        return context.new_page()
    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def signed_in(new_page):
    """``signed_in(name, password=DEMO_PASSWORD)``: a new page with that person signed in."""
    def make(name: str, password: str = harness.DEMO_PASSWORD):
        fresh = new_page()
        harness.sign_in(fresh, name, password)
        expect(fresh.get_by_text(f"Signed in as {name}")).to_be_visible()
        return fresh
    return make


@pytest.fixture
def as_coordinator(signed_in):
    return signed_in(harness.DEMO_PEOPLE["coordinator"])


@pytest.fixture
def as_joint_coordinator(signed_in):
    """The coordinator of the joint demo board (board 2, Riverside and Dale)."""
    return signed_in(harness.DEMO_PEOPLE["joint_coordinator"])


@pytest.fixture
def as_member(signed_in):
    return signed_in(harness.DEMO_PEOPLE["member"])


@pytest.fixture
def as_auditor(signed_in):
    return signed_in(harness.DEMO_PEOPLE["auditor"])


@pytest.fixture
def as_admin(signed_in):
    return signed_in(harness.DEMO_PEOPLE["admin"])
