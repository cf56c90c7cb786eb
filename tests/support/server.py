"""The real service as a subprocess on loopback: gunicorn running ``cli.wsgi:app`` with
``gunicorn.conf.py``, against a database the test names (for the proofs that kill it,
race it and load it)."""
from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
CYPP = str(Path(sys.executable).parent / "cypp")
TODAY = "2026-11-25"  # the service's pinned clock (CYPP_CLOCK), as the tests' clock fixture


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered")


@dataclass
class Server:
    """A running gunicorn: ``api`` is the API's base URL, ``root`` the server's."""

    process: subprocess.Popen
    root: str
    log: Path

    @property
    def api(self) -> str:
        return f"{self.root}/api/v1"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start_gunicorn(database_url: str, workdir: Path, workers: int = 1, threads: int = 4,
                   **env: str) -> Server:
    """gunicorn with ``workers`` workers on a free loopback port; waits until it answers."""
    port = free_port()
    environ = os.environ | {
        "CYPP_DATABASE_URL": database_url, "CYPP_SECRET_KEY": "k" * 32, "CYPP_CLOCK": TODAY,
        "WEB_CONCURRENCY": str(workers), "CYPP_THREADS": str(threads),
        "CYPP_BIND": f"127.0.0.1:{port}", "PROMETHEUS_MULTIPROC_DIR": str(workdir / "metrics"),
    } | env
    log = workdir / f"gunicorn-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            shlex.split(f"{GUNICORN} --config gunicorn.conf.py cli.wsgi:app"), cwd=ROOT,
            env=environ, stdout=out, stderr=subprocess.STDOUT)
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        wait_for(f"{server.root}/healthz")
    except AssertionError:
        server.stop()
        raise AssertionError(f"gunicorn did not start:\n{log.read_text()[-3000:]}") from None
    return server


def cypp(database_url: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the ``cypp`` command line on that database (not checked: the caller asserts)."""
    env = os.environ | {"CYPP_DATABASE_URL": database_url, "CYPP_CLOCK": TODAY}
    return subprocess.run([CYPP, *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)
