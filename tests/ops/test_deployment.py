"""The deployment files, checked as far as this machine can (no Docker here): the Dockerfile
and compose.yaml parsed for what matters, and gunicorn.conf.py run for real."""
from __future__ import annotations

import json
import os
import re
import runpy
import shlex
import subprocess
import sys
import urllib.request
from pathlib import Path

import yaml

from tests.support.http import call
from tests.support.server import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip())
            for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_the_image_runs_as_a_non_root_user_on_slim_python_with_graphviz():
    steps = dockerfile_instructions()
    froms = [args for step, args in steps if step == "FROM"]
    users = [args for step, args in steps if step == "USER"]
    runs = " ".join(args for step, args in steps if step == "RUN")

    assert froms == ["python:3.11-slim"]
    assert users and users[-1] not in ("root", "0")
    assert "apt-get install" in runs and "graphviz" in runs
    assert "--require-hashes -r requirements.lock" in runs
    assert json.loads(dict(steps)["CMD"]) == ["gunicorn", "--config", "gunicorn.conf.py",
                                             "cli.wsgi:app"]
    assert "/healthz" in dict(steps)["HEALTHCHECK"]
    assert "db upgrade" not in runs  # migrating is a step of its own, against the real database


def test_compose_migrates_once_then_starts_the_web_and_the_scheduler_on_postgresql():
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]

    assert services["db"]["image"].startswith("postgres:")
    assert services["migrate"]["command"] == ["cypp", "db", "upgrade"]
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["web"]["command"] == ["gunicorn", "--config", "gunicorn.conf.py",
                                          "cli.wsgi:app"]
    assert services["scheduler"]["command"] == ["cypp", "scheduler"]
    for name in ("web", "scheduler"):
        assert services[name]["depends_on"]["migrate"]["condition"] == \
            "service_completed_successfully"
        assert services[name]["environment"]["CYPP_DATABASE_URL"].startswith(
            "postgresql+psycopg://")
    assert "/readyz" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["web"]["environment"]["CYPP_SCHEDULER_EXPECTED"] == "on"


def test_gunicorn_settings_take_workers_from_the_cpus_and_log_no_query_strings(monkeypatch):
    for name in ("WEB_CONCURRENCY", "PROMETHEUS_MULTIPROC_DIR"):
        monkeypatch.setenv(name, "")  # so that the teardown puts back what was there
        monkeypatch.delenv(name)
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    assert settings["workers"] == min(2 * os.cpu_count() + 1, 8)
    assert settings["timeout"] == 30 and settings["graceful_timeout"] == 30
    assert settings["accesslog"] is None  # the app's JSON request line replaces it
    assert Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).is_dir()


def test_gunicorn_with_two_workers_serves_health_and_adds_up_their_metrics(
        database_url_for_tests, tmp_path):
    port = free_port()
    env = os.environ | {"CYPP_DATABASE_URL": database_url_for_tests, "CYPP_SECRET_KEY": "k" * 32,
                        "WEB_CONCURRENCY": "2", "CYPP_BIND": f"127.0.0.1:{port}",
                        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(shlex.split(f"{GUNICORN} --config gunicorn.conf.py cli.wsgi:app"),
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/healthz")
        for _ in range(20):
            assert call(f"{base}/healthz?token=cypp_not-a-real-token-but-long")[0] == 200
        assert call(f"{base}/readyz")[0] == 200
        with urllib.request.urlopen(f"{base}/metrics", timeout=30) as response:
            metrics = response.read().decode()
    finally:
        process.terminate()
        process.wait(30)
        log.close()
    healthz = re.search(r'cypp_http_requests_total\{method="GET",route="/healthz",'
                        r'status="200"\} (\S+)', metrics)
    assert healthz and float(healthz.group(1)) >= 20
    lines = (tmp_path / "gunicorn.log").read_text().splitlines()
    assert lines and all(json.loads(line) for line in lines)
    assert "cypp_not-a-real-token" not in "\n".join(lines)
