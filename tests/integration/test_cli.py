"""The `cypp` command line, run as a user runs it: a real process on a real database."""
import json
import os
import subprocess

from tests.integration.conftest import CYPP


def test_demo_tells_the_statutory_story_in_the_obligations_table(cypp):
    cypp("demo")
    table = cypp("obligations", "1", "--as-of", "2014-06-01").stdout.splitlines()
    assert table[0].split() == ["kind", "plan_id", "due_on", "status", "met_on", "citation",
                                "note"]
    rows = [line.split()[:6] for line in table[1:]]
    assert rows == [
        ["first_plan_publication", "1", "2011-04-01", "met", "2011-03-15", "reg"],
        ["annual_review", "1", "2012-03-31", "met", "2012-02-20", "reg"],
        ["annual_report", "1", "2012-09-30", "met", "2012-07-16", "s17A(3)(b)"],
        ["annual_review", "1", "2013-03-31", "met", "2013-01-15", "reg"],
        ["annual_report", "1", "2013-09-30", "met", "2013-09-20", "s17A(3)(b)"],
        ["annual_review", "1", "2014-03-31", "met", "2014-01-20", "reg"],
        ["successor_plan_publication", "2", "2014-05-12", "overdue", "-", "reg"],
        ["annual_report", "1", "2014-09-30", "pending", "-", "s17A(3)(b)"],
    ]
    assert "year 2013-04-01 to 2014-03-31; due date set by the Board" in table[-1]


def test_demo_leaves_one_annual_report_overdue_and_its_draft_unpublishable(cypp):
    cypp("demo")
    rows = json.loads(cypp("obligations", "1", "--json").stdout)
    reports = [(r["year_start"], r["status"]) for r in rows if r["kind"] == "annual_report"]
    assert reports == [("2011-04-01", "met"), ("2012-04-01", "met"), ("2013-04-01", "overdue")]


def test_obligations_as_json(cypp):
    cypp("demo")
    rows = json.loads(cypp("obligations", "1", "--as-of", "2011-01-01", "--json").stdout)
    assert [(r["kind"], r["status"], r["citation"]) for r in rows] == [
        ("first_plan_publication", "pending", "reg 5(1)")]


def test_demo_on_a_pinned_early_clock_stops_its_story_at_today(cypp):
    cypp("demo", clock="2010-10-01")
    shown = json.loads(cypp("plan", "show", "1", "--json", clock="2010-10-01").stdout)
    assert (shown["state"], shown["published_on"]) == ("consultation", None)


def test_a_refused_event_lists_every_unmet_requirement_and_exits_non_zero(cypp):
    cypp("demo", clock="2010-10-01")
    done = cypp("plan", "event", "1", "close_consultation", "--actor", "Jo", check=False,
                clock="2010-10-01")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == "error: close_consultation refused:"
    assert "  - reg 7(1)(l): Northshire Admission Forum has not responded" in done.stderr


def test_demo_has_a_joint_board_whose_partners_are_all_represented(cypp):
    cypp("demo")
    table = cypp("obligations", "2", "--as-of", "2014-06-01").stdout.splitlines()
    rows = [line.split()[:6] for line in table[1:]]
    # The joint Board's story has no monitoring, so its annual reports (s17A(3)(b)) are owed.
    assert [r[2:4] for r in rows if r[0] == "annual_report"] == [
        ["2012-09-30", "overdue"], ["2013-09-30", "overdue"], ["2014-09-30", "pending"]]
    assert [r for r in rows if r[0] != "annual_report"] == [
        ["first_plan_publication", "3", "2011-04-01", "met", "2011-03-28", "reg"],
        ["annual_review", "3", "2012-03-31", "met", "2012-02-27", "reg"],
        ["annual_review", "3", "2013-03-31", "met", "2013-01-21", "reg"],
        ["annual_review", "3", "2014-03-31", "met", "2014-01-27", "reg"],
        ["successor_plan_publication", "-", "2014-05-12", "overdue", "-", "reg"],
    ]
    for board in ("1", "2"):
        for as_of in ("2010-09-01", "2012-04-01", "2026-11-25"):
            rows = json.loads(cypp("obligations", board, "--as-of", as_of, "--json").stdout)
            assert "board_composition" not in [r["kind"] for r in rows], (board, as_of)


def test_plan_event_moves_the_plan_and_plan_show_reports_it(cypp):
    cypp("demo")
    done = cypp("plan", "event", "2", "withdraw", "--actor", "Jo", "--reason", "replaced")
    assert done.stdout.strip() == "plan 2: withdraw -> withdrawn (version 3)"
    assert "state withdrawn" in cypp("plan", "show", "2").stdout


def test_errors_are_one_clear_line(cypp):
    done = cypp("plan", "show", "99", check=False)
    assert (done.returncode, done.stderr) == (1, "error: plan 99 does not exist\n")
    done = cypp("obligations", "1", "--as-of", "1 April", check=False)
    assert done.returncode == 2 and "is not an ISO date" in done.stderr


def test_audit_verify_reports_an_intact_chain(cypp):
    cypp("demo")
    assert cypp("audit", "verify").stdout.startswith("audit log intact: ")


def test_plan_diagram_is_drawn_from_the_lifecycle_table(cypp):
    mermaid = cypp("plan", "diagram").stdout
    assert "stateDiagram-v2" in mermaid and "publish_revision" in mermaid


def test_obligations_before_commencement_say_the_regulations_are_not_yet_in_force(cypp):
    cypp("demo")
    done = cypp("obligations", "1", "--as-of", "2010-03-31")
    assert done.stdout.splitlines()[1:] == [
        "note: the regulations (statutory-2010) are not yet in force on 2010-03-31: they come "
        "into force on 2010-04-01, and nothing is due before then"]
    as_json = cypp("obligations", "1", "--as-of", "2010-03-31", "--json")
    assert json.loads(as_json.stdout) == [] and "not yet in force" in as_json.stderr


def test_obligations_as_of_a_date_outside_the_bounds_is_one_clear_error(cypp):
    cypp("demo")
    done = cypp("obligations", "1", "--as-of", "9999-12-31", check=False)
    assert (done.returncode, done.stderr) == (
        1, "error: as_of 9999-12-31 is outside the dates this service accepts: "
           "Must be between 2000-01-01 and 2100-12-31.\n")


def test_board_basis_takes_effect_from_the_next_year_and_leaves_past_years_alone(cypp):
    cypp("demo")
    before = json.loads(cypp("obligations", "1", "--json").stdout)
    done = cypp("board", "basis", "1", "plan", "--actor", "Jo")
    assert done.stdout.strip() == "board 1: review basis plan from 2027-04-01"
    assert json.loads(cypp("obligations", "1", "--json").stdout) == before
    refused = cypp("board", "rulebook", "1", "--actor", "Jo", "--effective-from", "2012-06-01",
                   check=False)
    assert refused.returncode == 1 and "never rewrites past years" in refused.stderr


def test_the_first_admin_is_made_with_a_password_read_from_stdin(cypp, fresh_database_url,
                                                                   tmp_path):
    env = os.environ | {"CYPP_DATABASE_URL": fresh_database_url, "CYPP_CLOCK": "2026-11-25"}

    def run(*args, stdin):
        return subprocess.run([CYPP, *args], input=stdin, capture_output=True, text=True,
                              env=env, cwd=tmp_path, timeout=120)
    made = run("users", "create", "ada", "--role", "admin", "--password", stdin="first-password\n")
    assert made.returncode == 0 and "may sign in" in made.stdout
    assert run("users", "set-password", "ada", stdin="short\n").returncode == 1
    changed = run("users", "set-password", "ada", stdin="second-password\n")
    assert changed.returncode == 0 and "password of ada set" in changed.stdout
    from lifecycle.bootstrap import runtime
    from lifecycle.services import people
    assert people.sign_in(runtime(fresh_database_url).uow(), "ada", "second-password")


def test_the_demo_prints_how_each_of_its_people_signs_in(cypp):
    printed = cypp("demo").stdout
    for name in ("northshire-coordinator", "northshire-member", "demo-auditor", "demo-admin"):
        assert f"{name} (" in printed
    assert "password northshire-demo" in printed
    assert "demo-admin (admin)" in cypp("demo", "--if-empty").stdout
