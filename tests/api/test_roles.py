"""What each role may do on a board it can see: 403 for a known but forbidden action."""
from __future__ import annotations

from tests.api.journey import API, ok
from tests.support import builders


def test_a_member_records_a_consultation_response(member, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    consultee = builders.services.add_consultee(uow(), "tester", plan["id"], category="e",
                                                name="LSCB", invited_on=builders.date(2010, 9, 1))
    updated = ok(member.patch(f"{API}/plans/{plan['id']}/consultees/{consultee['id']}",
                              json={"responded_on": "2010-10-01", "summary": "Agreed"}))
    assert updated["responded_on"] == "2010-10-01"


def test_a_member_reads_but_does_not_change_the_plan(member, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    assert member.get(f"{API}/plans/{plan['id']}").status_code == 200
    assert member.post(f"{API}/plans/{plan['id']}/consultees",
                       json={"category": "e", "name": "LSCB"}).status_code == 403
    assert member.put(f"{API}/plans/{plan['id']}/checklist/needs_assessment",
                      json={"status": "drafted", "text": "JSNA"}).status_code == 403


def test_an_auditor_reads_everything_and_changes_nothing(auditor, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    assert auditor.get(f"{API}/plans/{plan['id']}").status_code == 200
    refused = auditor.post(f"{API}/plans/{plan['id']}/events",
                           json={"event": "withdraw", "version": 1, "reason": "x"})
    assert refused.status_code == 403
    assert auditor.post(f"{API}/boards", json={"name": "B", "authority": "A",
                                               "pct": "P"}).status_code == 403


def test_a_coordinator_changes_plans_but_not_board_settings(coordinator, board_a):
    assert coordinator.patch(f"{API}/boards/{board_a['id']}",
                             json={"name": "Renamed"}).status_code == 403
    assert coordinator.post(f"{API}/boards", json={"name": "B", "authority": "A",
                                                   "pct": "P"}).status_code == 403
    created = coordinator.post(f"{API}/boards/{board_a['id']}/plans",
                               json={"title": "CYPP", "period_start": "2011-04-01"})
    assert created.status_code == 201


def test_an_admin_creates_a_board_and_switches_its_rulebook(admin):
    board = ok(admin.post(f"{API}/boards", json={
        "name": "Eastshire CTB", "authority": "Eastshire Council", "pct": "NHS Eastshire",
        "authority_website": "https://eastshire.example/cypp"}), 201)
    changed = ok(admin.patch(f"{API}/boards/{board['id']}", json={
        "pct_website": "https://pct.example/cypp",
        "rulebook": {"effective_from": "2027-06-01", "plan_length_months": 48}}))
    assert changed["pct_website"] == "https://pct.example/cypp"
    assert changed["rulebooks"] == [{
        "rulebook": "local-policy", "effective_from": "2027-06-01", "plan_length_months": 48,
        "successor_grace_days": 42, "review_basis": "financial"}]
    events = [r["event"] for r in ok(admin.get(f"{API}/audit", query_string={
        "board_id": board["id"]}))["records"]]
    assert events == ["board.created", "board.updated", "board.rulebook_switched"]


def test_a_rulebook_switch_on_a_taken_date_changes_nothing_at_all(admin, board_a):
    body = {"rulebook": {"effective_from": "2027-06-01"}}
    ok(admin.patch(f"{API}/boards/{board_a['id']}", json=body))
    refused = admin.patch(f"{API}/boards/{board_a['id']}", json={"name": "Renamed"} | body)
    assert refused.status_code == 422
    assert ok(admin.get(f"{API}/boards/{board_a['id']}"))["name"] == board_a["name"]


def test_a_basis_change_takes_effect_from_its_date_and_is_audited(admin, board_a):
    board_id = board_a["id"]
    before = ok(admin.get(f"{API}/boards/{board_id}/obligations"))
    changed = ok(admin.patch(f"{API}/boards/{board_id}", json={
        "review_basis": "plan", "effective_from": "2027-09-01"}))
    assert changed["review_basis_changes"] == [
        {"review_basis": "plan", "effective_from": "2027-09-01"}]
    assert ok(admin.get(f"{API}/boards/{board_id}/obligations")) == before
    [audited] = [r for r in ok(admin.get(f"{API}/audit", query_string={
        "board_id": board_id}))["records"] if r["event"] == "board.review_basis_changed"]
    assert audited["payload"] == {"review_basis": "plan", "effective_from": "2027-09-01"}


def test_a_basis_change_dated_in_the_past_is_refused_naming_effective_from(admin, board_a):
    refused = admin.patch(f"{API}/boards/{board_a['id']}", json={
        "review_basis": "plan", "effective_from": "2012-04-01"})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"] == {
        "effective_from": ["Must not be before 2026-11-25."]}


def test_a_rulebook_switch_without_a_date_starts_with_the_next_financial_year(admin, board_a):
    changed = ok(admin.patch(f"{API}/boards/{board_a['id']}", json={"rulebook": {}}))
    assert changed["rulebooks"][0]["effective_from"] == "2027-04-01"
