"""The scheduler's commands as an operator runs them: `cypp replay` tells the demo board's
story, `cypp scheduler --once` evaluates and delivers to a real SMTP server, settings and
incidents from the command line."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.schedules.support import SmtpServer

CYPP = str(Path(sys.executable).with_name("cypp"))


@pytest.fixture
def cypp(tmp_path):
    env = os.environ | {"CYPP_DATABASE_URL": f"sqlite:///{tmp_path / 'cypp.db'}",
                        "CYPP_CLOCK": "2026-11-25"}
    env.pop("CYPP_SMTP_HOST", None)

    def run(*args, **extra_env) -> subprocess.CompletedProcess:
        result = subprocess.run([CYPP, *args], env=env | extra_env, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result

    run("db", "upgrade")
    return run


def test_replay_tells_the_demo_boards_story(cypp):
    cypp("demo")
    out = cypp("replay", "--from", "2010-01-01", "--to", "2015-12-31").stdout
    for line in (
        "2011-01-01  board 1  reminder  before:90",
        "2011-03-15  board 1  event     publish plan 1 (approved -> in_force, recorded)",
        "2011-03-15  board 1  met       first_plan_publication (due 2011-04-01)",
        "2012-02-20  board 1  met       annual_review:1:2011-04-01 (due 2012-03-31)",
        "2013-03-20  board 1  event     publish_revision plan 1 (revising -> in_force, recorded)",
        "2014-02-03  board 1  event     open_consultation plan 2 (drafting -> consultation, recorded)",
        "2014-04-01  board 1  event     expire plan 1 (in_force -> expired, recorded)",
        "2014-05-12  board 1  reminder  due",
        "2014-05-13  board 1  breached  successor_plan_publication:after:1 (due 2014-05-12)",
        "replayed 2010-01-01 to 2015-12-31:",
    ):
        assert line in out
    again = cypp("scheduler", "--once").stdout
    assert again.startswith("evaluation: 2 boards"), "the replay changed stored data"


def test_scheduler_once_evaluates_and_delivers_then_reports_incidents(cypp):
    server = SmtpServer().start()
    try:
        cypp("demo")
        cypp("notify", "settings", "1", "--actor", "ops", "--recipient", "clerk@ns.example",
             "--ladder", "60,7")
        out = cypp("scheduler", "--once", CYPP_SMTP_HOST="127.0.0.1",
                   CYPP_SMTP_PORT=str(server.port)).stdout
        delivered = len(server.mailbox.messages)
        assert f"dispatch: {delivered} delivered, 0 not delivered" in out
        subjects = sorted(" ".join(m["Subject"].split())
                          for m in server.mailbox.to("clerk@ns.example"))
        assert len(subjects) == 2
        assert "Annual report on the plan for the year 2013-04-01 to 2014-03-31" in subjects[0]
        assert "overdue" in subjects[0] and "s17A(3)(b)" in subjects[0]
        assert "successor plan overdue" in subjects[1]
    finally:
        server.stop()
    assert '"before": [\n      60,\n      7\n    ]' in cypp("notify", "settings", "1").stdout
    assert cypp("incidents").stdout.strip() == "no incidents"
