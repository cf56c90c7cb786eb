"""``make run`` and ``cypp`` as someone trying the service meets them: a busy port, a second
run, a directory with no database."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from lifecycle.db.schedule_tables import board_evaluations, scheduler_heartbeats

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CYPP = str(BIN / "cypp")


@pytest.fixture
def busy_port():
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield listener.getsockname()[1]


def run(args: list[str], env: dict, cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=os.environ | env, cwd=cwd, capture_output=True, text=True,
                          timeout=300, **kw)


def test_cypp_in_a_directory_without_a_database_names_it_and_creates_nothing(tmp_path):
    env = {"CYPP_DATABASE_URL": ""}

    done = run([CYPP, "obligations", "1"], env, tmp_path)

    assert done.returncode == 1
    assert done.stderr == (f"error: no database at {tmp_path / 'cypp.db'}; `cypp db upgrade` "
                           "creates it there (`make run` also loads the demo), or set "
                           "CYPP_DATABASE_URL\n")
    assert list(tmp_path.iterdir()) == []


def test_cypp_db_upgrade_creates_the_database_it_names(tmp_path):
    done = run([CYPP, "db", "upgrade"], {"CYPP_DATABASE_URL": ""}, tmp_path)

    assert done.returncode == 0 and str(tmp_path / "cypp.db") in done.stdout
    assert run([CYPP, "users", "list"], {"CYPP_DATABASE_URL": ""}, tmp_path).returncode == 0


def test_cypp_serve_on_a_busy_port_says_so_in_one_line_and_evaluates_nothing(
        busy_port, fresh_database_url, tmp_path):
    env = {"CYPP_DATABASE_URL": fresh_database_url}
    run([CYPP, "db", "upgrade"], env, tmp_path, check=True)

    done = run([CYPP, "serve", "--with-scheduler", "--port", str(busy_port)], env, tmp_path)

    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"error: 127.0.0.1:{busy_port} is already in use (is the service already running?); "
        "stop it or choose another port: --port N, or `make run PORT=N`"]
    engine = create_engine(fresh_database_url)
    with engine.connect() as connection:
        for table in (scheduler_heartbeats, board_evaluations):
            assert connection.scalar(select(func.count()).select_from(table)) == 0
    engine.dispose()


def test_make_run_on_a_busy_port_stops_before_migrating_or_loading_the_demo(busy_port, tmp_path):
    database = tmp_path / "cypp.db"
    done = run(["make", "--no-print-directory", "-o", f"{BIN}/.installed", "run",
                f"VENV={BIN.parent}", f"PORT={busy_port}"],
               {"CYPP_DATABASE_URL": f"sqlite:///{database}"}, ROOT)

    assert done.returncode != 0
    assert done.stderr.splitlines()[0] == (
        f"error: 127.0.0.1:{busy_port} is already in use (is the service already running?); "
        "stop it or choose another port: --port N, or `make run PORT=N`")
    assert "db upgrade" not in done.stdout and not database.exists()


def test_a_second_demo_run_says_how_to_get_a_token_and_how_to_sign_in(tmp_path):
    env = {"CYPP_DATABASE_URL": f"sqlite:///{tmp_path / 'cypp.db'}", "CYPP_CLOCK": "2014-06-02"}
    run([CYPP, "db", "upgrade"], env, tmp_path, check=True)
    run([CYPP, "demo", "--if-empty"], env, tmp_path, check=True)

    again = run([CYPP, "demo", "--if-empty"], env, tmp_path, check=True).stdout

    assert "demo not loaded" in again
    assert "`cypp tokens issue NAME`" in again
    assert "northshire-coordinator (coordinator) / password northshire-demo" in again
