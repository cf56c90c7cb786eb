"""Drive a plan through the API as a coordinator would (shared by the HTTP and server tests)."""
from __future__ import annotations

from lifecycle.rules.checklist import MATTERS
from tests.support.builders import MANDATORY

API = "/api/v1"


def ok(response, status: int = 200):
    """The JSON body, after checking the status (the body is in the failure message)."""
    assert response.status_code == status, (response.status_code, response.get_json())
    return response.get_json()


def fire(caller, plan: dict, event: str, on: str | None = None, **extra) -> dict:
    body = {"event": event, "version": plan["version"], **extra} | ({"on": on} if on else {})
    return ok(caller.post(f"{API}/plans/{plan['id']}/events", json=body))


def consult(caller, plan_id: int, invited: str, due: str, responded: str) -> None:
    for letter, name in MANDATORY:
        ok(caller.post(f"{API}/plans/{plan_id}/consultees", json={
            "category": letter, "name": name, "invited_on": invited, "response_due": due,
            "responded_on": responded}), 201)
    ok(caller.post(f"{API}/plans/{plan_id}/consultees", json={
        "category": "m", "none_in_area": True, "note": "No independent specialist college"}), 201)


def complete_checklist(caller, plan_id: int) -> None:
    for matter in MATTERS:
        body = {"status": "complete", "text": matter.matter}
        if matter.takes_report:
            body |= {"report_ref": "Report 2010", "report_date": "2010-10-01"}
        ok(caller.put(f"{API}/plans/{plan_id}/checklist/{matter.key}", json=body))


def publish_channels(caller, plan_id: int, on: str, partner: bool = True) -> None:
    channels = ["authority_website", "pct_website", "public_place"]
    for channel in channels + (["partner_website"] if partner else []):
        where = {"place": "Central Library"} if channel == "public_place" else {
            "url": f"https://{channel}.example/cypp"}
        ok(caller.post(f"{API}/plans/{plan_id}/publication-channels",
                       json={"channel": channel, "done_on": on, **where}), 201)


def new_plan(caller, board_id: int, start: str, end: str, title: str = "CYPP") -> dict:
    return ok(caller.post(f"{API}/boards/{board_id}/plans", json={
        "title": title, "period_start": start, "period_end": end}), 201)


def to_in_force(caller, plan: dict, year: int) -> dict:
    """Drafting to in force: consult in year-1, approve and publish before ``year``'s April."""
    plan_id = plan["id"]
    ok(caller.put(f"{API}/plans/{plan_id}/checklist/needs_assessment",
                  json={"status": "drafted", "text": "JSNA"}))
    consult(caller, plan_id, f"{year - 1}-09-01", f"{year - 1}-10-29", f"{year - 1}-10-20")
    plan = fire(caller, plan, "open_consultation", f"{year - 1}-09-01")
    plan = fire(caller, plan, "close_consultation", f"{year - 1}-11-05")
    complete_checklist(caller, plan_id)
    ok(caller.post(f"{API}/plans/{plan_id}/approval",
                   json={"approved_on": f"{year}-01-27", "minute_ref": "CTB/1"}))
    plan = fire(caller, ok(caller.get(f"{API}/plans/{plan_id}")), "approve", f"{year}-01-27")
    publish_channels(caller, plan_id, f"{year}-03-15")
    return fire(caller, plan, "publish", f"{year}-03-15")
