"""The path a plan took, its lifecycle diagram (Graphviz SVG), its reminder log, the consultee
tracker and chasing a consultee end to end (queued, dispatched to a real SMTP server)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import sessionmaker

from cli.app import create_app
from lifecycle import services
from lifecycle.services import access
from lifecycle.services.evaluation import evaluate_boards
from schedules.jobs import dispatch
from schedules.replay import ReplayRuntime
from tests.api.conftest import Caller
from tests.api.journey import API, ok
from tests.schedules.support import SmtpServer, settings_for
from tests.support import builders

STATES = ["drafting", "consultation", "finalising", "approved", "in_force"]


@pytest.fixture
def app(uow, clock):
    return create_app({"TESTING": True, "UOW_FACTORY": uow, "CLOCK": clock,
                       "EMAIL_ENABLED": True})


@pytest.fixture
def runtime(engine, connection, clock):
    return ReplayRuntime(engine, clock, sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False))


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def cora(uow, client, board_a) -> Caller:
    """A coordinator of board A with an email address."""
    access.create_user(uow(), "tester", name="cora", role="coordinator",
                       board_ids=[board_a["id"]], email="cora@northshire.example")
    return Caller(client, access.issue_token(uow(), "tester", "cora")["token"])


def test_the_path_lists_each_state_entered_with_its_date_and_event(coordinator, board_a, uow):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    builders.to_state(uow, plan_id, "in_force")
    path = ok(coordinator.get(f"{API}/plans/{plan_id}/path"))
    assert path["state"] == "in_force"
    assert [s["to_state"] for s in path["steps"]] == STATES
    assert [(s["event"], s["on"]) for s in path["steps"][1:]] == [
        ("open_consultation", "2010-09-01"), ("close_consultation", "2010-11-05"),
        ("approve", "2011-01-27"), ("publish", "2011-03-15")]


def test_the_diagram_marks_the_current_state_and_the_path_in_words_not_colour_alone(
        coordinator, board_a, uow):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    builders.to_state(uow, plan_id, "approved")
    response = coordinator.get(f"{API}/plans/{plan_id}/diagram.svg")
    assert (response.status_code, response.mimetype) == (200, "image/svg+xml")
    svg = response.get_data(as_text=True)
    assert f'<title id="diagram-title">Lifecycle of plan {plan_id}: now approved</title>' in svg
    assert 'role="img"' in svg and "Path taken: drafting -&gt; consultation" in svg
    assert ">approved</text>" in svg and ">(now)</text>" in svg
    assert svg.count(">(passed)</text>") == 3  # drafting, consultation, finalising
    assert "Legend: double bold border = current state" in svg
    for event in ("publish_revision", "supersede", "withdraw"):
        assert f">{event}</text>" in svg  # every transition of the table is drawn


def test_the_reminder_log_shows_skipped_sent_and_coming_rungs_with_channels(
        cora, board_a, uow, runtime, smtp_server, clock):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    clock.advance_to(date(2011, 3, 20))
    evaluate_boards(uow(), [board_a["id"]], email=True)
    dispatch(runtime, settings_for(smtp_server))
    log = ok(cora.get(f"{API}/plans/{plan_id}/reminders"))
    [first] = [o for o in log["obligations"] if o["kind"] == "first_plan_publication"]
    rungs = {r["rung"]: r for r in first["rungs"]}
    assert rungs["before:90"]["status"] == rungs["before:30"]["status"] == "skipped"
    assert "missed while the scheduler was not running" in rungs["before:90"]["reason"]
    sent = rungs["before:14"]
    assert (sent["status"], sent["fire_on"]) == ("sent", "2011-03-18")
    assert {(c["channel"], c["status"]) for c in sent["channels"]} == {
        ("email", "delivered"), ("in_app", "delivered")}
    assert [(r["rung"], r["status"], r["reminder_id"]) for r in first["rungs"][3:]] == [
        ("before:7", "pending", None), ("before:1", "pending", None), ("due", "pending", None),
        ("overdue:1", "pending", None)]
    assert rungs["overdue:1"]["reason"] == "not yet raised: fires on 2011-04-02"


def in_consultation_with_a_silent_consultee(uow, board_id: int, clock) -> tuple[int, int]:
    clock.advance_to(date(2010, 11, 5))
    plan_id = builders.plan(uow, board_id)["id"]
    builders.to_state(uow, plan_id, "consultation")
    silent = services.add_consultee(uow(), "tester", plan_id, category="d",
                                    name="Parent Carers Forum", invited_on=date(2010, 9, 1),
                                    response_due=date(2010, 10, 29))
    return plan_id, silent["id"]


def test_the_tracker_groups_consultees_by_category_and_names_who_has_not_replied(
        coordinator, board_a, uow, clock):
    plan_id, silent = in_consultation_with_a_silent_consultee(uow, board_a["id"], clock)
    tracker = ok(coordinator.get(f"{API}/plans/{plan_id}/consultee-tracker"))
    assert [c["letter"] for c in tracker["categories"]] == list("abcdefghijklmnop")
    [forum] = [c for c in tracker["categories"] if c["letter"] == "d"][0]["consultees"]
    assert (forum["reply"], forum["may_chase"], forum["citation"]) == (
        "not_replied", True, "reg 7(1)(d)")
    assert [c["id"] for c in tracker["not_replied"]] == [silent]
    assert tracker["mandatory_missing"] == []
    successor = builders.plan(uow, board_a["id"], start=date(2014, 4, 1),
                              end=date(2017, 3, 31))["id"]
    missing = ok(coordinator.get(f"{API}/plans/{successor}/consultee-tracker"))
    cited = {r["citation"] for r in missing["mandatory_missing"]}
    assert {"reg 7(1)(e)", "reg 7(1)(k)", "reg 7(1)(l)", "reg 7(1)(a)"} <= cited
    assert "reg 7(1)(d)" not in cited  # the Board decides whom to consult under (d)


def test_a_chase_is_queued_audited_and_delivered_by_the_dispatcher_over_smtp(
        cora, auditor, board_a, uow, runtime, smtp_server, clock):
    plan_id, silent = in_consultation_with_a_silent_consultee(uow, board_a["id"], clock)
    chased = ok(cora.post(f"{API}/plans/{plan_id}/consultees/{silent}/chase"), 201)
    assert (chased["rung"], chased["chased_on"], chased["deliveries"], chased["in_app"]) == (
        "chase:1", "2010-11-05", 1, 1)
    assert smtp_server.mailbox.messages == []  # the request only queues it
    dispatch(runtime, settings_for(smtp_server))
    [subject] = smtp_server.mailbox.subjects("cora@northshire.example")
    assert subject == ("Northshire Children's Trust Board: chase Parent Carers Forum for its "
                       "consultation response, overdue by 7 days (reg 7(1)(d))")
    [record] = ok(auditor.get(f"{API}/audit", query_string={"event": "consultee.chased"}))[
        "records"]
    assert (record["actor"], record["plan_id"], record["payload"]["consultee_id"]) == (
        "cora", plan_id, silent)
    log = ok(cora.get(f"{API}/plans/{plan_id}/reminders"))
    assert [(c["consultee_id"], c["rung"], c["status"]) for c in log["chases"]] == [
        (silent, "chase:1", "sent")]
    tracker = ok(cora.get(f"{API}/plans/{plan_id}/consultee-tracker"))
    assert [c["status"] for c in tracker["not_replied"][0]["chases"]] == ["sent"]
    again = ok(cora.post(f"{API}/plans/{plan_id}/consultees/{silent}/chase"), 201)
    assert again["rung"] == "chase:2"


def test_chasing_a_consultee_who_answered_or_was_never_invited_is_refused(
        coordinator, board_a, uow, clock):
    plan_id, _ = in_consultation_with_a_silent_consultee(uow, board_a["id"], clock)
    plan = services.get_plan(uow(), plan_id)
    answered = next(c["id"] for c in plan["consultees"] if c["responded_on"])
    never = services.add_consultee(uow(), "tester", plan_id, category="n",
                                   name="Residents' Association")["id"]
    for consultee_id, why in ((answered, "already responded"), (never, "never invited")):
        response = coordinator.post(f"{API}/plans/{plan_id}/consultees/{consultee_id}/chase")
        assert response.status_code == 422
        error = response.get_json()["error"]
        assert why in error["message"] and list(error["fields"]) == ["consultee_id"]


def test_a_member_may_not_chase_and_another_plans_consultee_is_not_found(
        member, coordinator, board_a, uow, clock):
    plan_id, silent = in_consultation_with_a_silent_consultee(uow, board_a["id"], clock)
    assert member.post(f"{API}/plans/{plan_id}/consultees/{silent}/chase").status_code == 403
    other = builders.plan(uow, board_a["id"], start=date(2014, 4, 1), end=date(2017, 3, 31))
    response = coordinator.post(f"{API}/plans/{other['id']}/consultees/{silent}/chase")
    assert response.status_code == 404
