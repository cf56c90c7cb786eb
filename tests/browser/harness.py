"""The browser-test harness: Debian's Chromium driven by Playwright, a real ``cypp serve`` on
loopback, signing in, an axe accessibility check and full-page screenshots.

Never downloads a browser: ``/usr/bin/chromium`` comes from the ``chromium`` Debian package.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from cli.demo import DEMO_PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
CYPP = str(Path(sys.executable).parent / "cypp")
CLOCK = "2014-06-02T09:30"  # the demo's successor plan is three weeks overdue (due 12 May 2014)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
SERIOUS = ("serious", "critical")

# The demo's people, by role (they all sign in with DEMO_PASSWORD).
DEMO_PEOPLE = {"coordinator": "northshire-coordinator", "member": "northshire-member",
               "auditor": "demo-auditor", "admin": "demo-admin",
               "joint_coordinator": "riverside-coordinator"}


@dataclass
class Server:
    """A running ``cypp serve``: its base URL, environment and everything it printed."""

    url: str
    env: dict
    process: subprocess.Popen
    output: list[str] = field(default_factory=list)

    def printed(self) -> str:
        return "".join(self.output)

    def cypp(self, *args: str, stdin: str | None = None) -> str:
        """Run another ``cypp`` command against the server's database."""
        done = subprocess.run([CYPP, *args], env=self.env, input=stdin, capture_output=True,
                              text=True, timeout=120, check=True)
        return done.stdout


def _collect(stream, into: list[str], port_found: threading.Event, port: list[int]) -> None:
    for line in stream:
        into.append(line)
        match = re.search(r"Running on http://127\.0\.0\.1:(\d+)", line)
        if match and not port:
            port.append(int(match.group(1)))
            port_found.set()


def start_server(database_url: str, workdir: Path) -> Server:
    """Migrate, load the demo on the pinned clock, and serve on a free loopback port."""
    env = os.environ | {"CYPP_DATABASE_URL": database_url, "CYPP_CLOCK": CLOCK,
                        "CYPP_SECRET_KEY": "browser-tests-only-secret"}
    env.pop("CYPP_SECURE_COOKIES", None)
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run([CYPP, *command], env=env, cwd=workdir, capture_output=True, text=True,
                       timeout=300, check=True)
    process = subprocess.Popen([CYPP, "serve", "--host", "127.0.0.1", "--port", "0"], env=env,
                               cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    output: list[str] = []
    found, port = threading.Event(), []
    threading.Thread(target=_collect, args=(process.stdout, output, found, port),
                     daemon=True).start()
    if not found.wait(60):
        process.terminate()
        raise AssertionError("cypp serve did not start:\n" + "".join(output))
    return Server(f"http://127.0.0.1:{port[0]}", env, process, output)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(10)
    except subprocess.TimeoutExpired:
        server.process.kill()


def sign_in(page, name: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the sign-in page, as a person would."""
    page.goto("/sign-in")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def assert_accessible(page) -> None:
    """axe-core finds no serious or critical violation on the page as it stands."""
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert not bad, "\n".join(f"{v['id']} ({v['impact']}): {v['help']} - "
                              f"{[n['target'] for n in v['nodes']][:5]}" for v in bad)


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG under test-output/screenshots/ (for a person to look at)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_until(predicate, timeout: float = 10.0) -> bool:
    """Poll ``predicate`` until true or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()
