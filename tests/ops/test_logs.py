"""The logs of a real ``cypp serve --with-scheduler``: JSON lines, a request id on each request
line, and no token, password or secret anywhere, whatever the requests carried."""
from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import _fresh_postgres as fresh_postgres
from tests.support.http import call

CYPP = str(Path(sys.executable).parent / "cypp")
SECRET_KEY = "ops-test-secret-key-0123456789abcdef"
DEMO_PASSWORD = "northshire-demo"
WRONG_PASSWORD = "not-the-password-4711"
STARTUP_LINES = ("web pages on http://", " * Running on http://")


class Served:
    """A running ``cypp serve`` with everything it printed."""

    def __init__(self, env: dict, cwd: Path):
        self.process = subprocess.Popen(
            [CYPP, "serve", "--with-scheduler", "--port", "0"], env=env, cwd=cwd,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        self.port: list[int] = []
        threading.Thread(target=self._collect, daemon=True).start()
        deadline = time.monotonic() + 60
        while not self.port and time.monotonic() < deadline and self.process.poll() is None:
            time.sleep(0.1)
        assert self.port, "cypp serve did not start:\n" + "".join(self.lines)
        self.url = f"http://127.0.0.1:{self.port[0]}"

    def _collect(self):
        for line in self.process.stdout:
            self.lines.append(line)
            found = re.search(r"Running on http://127\.0\.0\.1:(\d+)", line)
            if found and not self.port:
                self.port.append(int(found.group(1)))

    def logged(self) -> list[str]:
        """Every line so far (a request's line is written before its answer is sent)."""
        time.sleep(0.3)
        return [line.rstrip("\n") for line in self.lines]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(15)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """One database for this module's server (a fresh PostgreSQL one under PostgreSQL)."""
    server = os.environ.get("CYPP_TEST_DATABASE_URL", "").strip()
    if not server:
        yield f"sqlite:///{tmp_path_factory.mktemp('logs') / 'cypp.db'}"
        return
    url, drop = fresh_postgres(server)
    yield url
    drop()


@pytest.fixture(scope="module")
def served(database, tmp_path_factory):
    """``cypp serve --with-scheduler`` on the demo, and the demo's API tokens."""
    tmp_path = tmp_path_factory.mktemp("served")
    env = os.environ | {"CYPP_DATABASE_URL": database, "CYPP_CLOCK": "2014-06-02T09:30",
                        "CYPP_SECRET_KEY": SECRET_KEY}
    env.pop("CYPP_SECURE_COOKIES", None)
    subprocess.run([CYPP, "db", "upgrade"], env=env, cwd=tmp_path, check=True,
                   capture_output=True, timeout=300)
    demo = subprocess.run([CYPP, "demo"], env=env, cwd=tmp_path, check=True, capture_output=True,
                          text=True, timeout=300).stdout
    tokens = dict(re.findall(r"API token for (\S+): (\S+)", demo))
    server = Served(env, tmp_path)
    yield server, tokens
    server.stop()


def sign_in(base: str, name: str, password: str) -> int:
    """Sign in through the form as a browser would; the final status."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(
        http.cookiejar.CookieJar()))
    page = opener.open(f"{base}/sign-in", timeout=30).read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": csrf, "name": name, "password": password,
                                   "next": "/"}).encode()
    try:
        return opener.open(f"{base}/sign-in", data=form, timeout=30).status
    except urllib.error.HTTPError as err:
        return err.code


def test_no_token_password_or_secret_reaches_the_logs_of_a_real_server(served):
    server, tokens = served
    coordinator = tokens["northshire-coordinator"]
    status, boards = call(f"{server.url}/api/v1/boards", token=coordinator,
                          headers={"X-Request-ID": "trace-42"})
    board_id = boards[0]["id"]
    status, issued = call(f"{server.url}/api/v1/boards/{board_id}/calendar-tokens", "POST",
                          coordinator, {"name": "Outlook"})
    assert status == 201
    with urllib.request.urlopen(f"{server.url}{issued['url']}", timeout=30) as feed:
        assert feed.status == 200
    assert sign_in(server.url, "northshire-coordinator", DEMO_PASSWORD) == 200
    sign_in(server.url, "northshire-member", WRONG_PASSWORD)
    call(f"{server.url}/api/v1/boards?token={coordinator}", token=tokens["demo-auditor"])

    lines = server.logged()
    text = "\n".join(lines)

    for secret in [*tokens.values(), issued["token"], DEMO_PASSWORD, WRONG_PASSWORD, SECRET_KEY]:
        assert secret not in text
    assert "\x1b[" not in text
    assert [line for line in lines if not line.startswith("{")
            and not line.startswith(STARTUP_LINES)] == []


def test_each_request_is_one_json_line_with_its_request_id_user_route_status_and_duration(
        served):
    server, tokens = served
    with urllib.request.urlopen(urllib.request.Request(
            f"{server.url}/api/v1/boards", headers={
                "Authorization": f"Bearer {tokens['demo-auditor']}",
                "X-Request-ID": "trace-42"}), timeout=30) as response:
        assert response.headers["X-Request-ID"] == "trace-42"
    with urllib.request.urlopen(urllib.request.Request(
            f"{server.url}/healthz", headers={"X-Request-ID": "no spaces allowed"}),
            timeout=30) as response:
        generated = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)

    entries = [json.loads(line) for line in server.logged() if line.startswith("{")]
    requests = {e["request_id"]: e for e in entries if e["logger"] == "cypp.request"}

    assert {k: requests["trace-42"][k] for k in ("method", "route", "path", "status", "user")} == {
        "method": "GET", "route": "/api/v1/boards", "path": "/api/v1/boards", "status": 200,
        "user": "demo-auditor"}
    assert requests["trace-42"]["duration_ms"] >= 0
    assert requests[generated]["route"] == "/healthz" and requests[generated]["user"] is None
    assert any(e["logger"] == "cypp.scheduler" and e["message"].startswith("evaluated")
               for e in entries)
