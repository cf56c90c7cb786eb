"""One board whose stored data makes its evaluation raise does not stop the others: it
becomes an incident (log, API, CLI) and every other board is evaluated and reminded."""
import logging
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import insert

from cli.app import create_app
from lifecycle.db import schedule_tables as st
from lifecycle.db.tables import plans
from lifecycle.services import access
from lifecycle.services.incidents import list_incidents
from schedules.jobs import evaluate
from tests.schedules.support import day, rows, settings_for
from tests.support import builders


def broken_board(uow, connection) -> int:
    """A board with a published plan ending 9999-12-31, written past the service's checks."""
    board_id = builders.board(uow, name="Broken Children's Trust Board")["id"]
    connection.execute(insert(plans).values(
        board_id=board_id, sequence=1, title="Corrupt", period_start=date(2011, 4, 1),
        period_end=date(9999, 12, 31), state="in_force", version=1, revision=0,
        published_on=date(2010, 12, 1), created_at=datetime(2011, 3, 1, tzinfo=timezone.utc)))
    return board_id


def test_a_board_whose_evaluation_raises_does_not_stop_the_others_being_reminded(
        uow, connection, runtime, caplog):
    healthy = builders.board(uow)["id"]
    broken = broken_board(uow, connection)
    day(runtime.clock, date(2011, 1, 1))  # 90 days before the first plan is due
    with caplog.at_level(logging.ERROR, logger="cypp.scheduler"):
        result = evaluate(runtime, settings_for(None))
    assert [r["board_id"] for r in result.reminders] == [healthy]
    assert [f["board_id"] for f in result.failures] == [broken]
    assert {r["board_id"] for r in rows(runtime, st.obligation_states)} == {healthy}
    assert f"incident: evaluation of board {broken} failed" in caplog.text
    [incident] = list_incidents(runtime.uow())
    assert (incident["kind"], incident["board_id"], incident["attempts"]) == (
        "evaluation", broken, 1)
    assert "OverflowError" in incident["last_error"]


def test_an_evaluation_incident_counts_the_days_and_closes_once_the_board_evaluates(
        uow, connection, runtime):
    broken = broken_board(uow, connection)
    for on in (date(2011, 1, 1), date(2011, 1, 2)):
        day(runtime.clock, on)
        evaluate(runtime, settings_for(None))
    [incident] = list_incidents(runtime.uow(), {broken})
    assert incident["attempts"] == 2
    connection.execute(plans.update().where(plans.c.board_id == broken).values(
        period_end=date(2014, 3, 31)))
    day(runtime.clock, date(2011, 1, 3))
    evaluate(runtime, settings_for(None))
    assert list_incidents(runtime.uow(), {broken}) == []


@pytest.fixture
def client(uow, clock):
    return create_app({"TESTING": True, "UOW_FACTORY": uow, "CLOCK": clock}).test_client()


def test_a_failed_board_evaluation_shows_in_the_incidents_api(uow, connection, runtime, client):
    broken = broken_board(uow, connection)
    access.create_user(uow(), "tester", name="audrey", role="auditor", board_ids=[])
    token = access.issue_token(uow(), "tester", "audrey")["token"]
    day(runtime.clock, date(2011, 1, 1))
    evaluate(runtime, settings_for(None))
    found = client.get("/api/v1/incidents", headers={"Authorization": f"Bearer {token}"})
    assert found.status_code == 200
    [incident] = found.get_json()
    assert (incident["kind"], incident["board_id"]) == ("evaluation", broken)
    assert incident["subject"].startswith(f"daily evaluation of board {broken} failed")
