"""``/metrics`` on a real server: request and event counts, and figures from the database."""
from __future__ import annotations

import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from cli.app import create_app
from lifecycle.bootstrap import Runtime
from lifecycle.services import access
from lifecycle.services.audit_log import verify_audit_log
from lifecycle.services.incidents import list_incidents
from schedules.jobs import evaluate
from tests.support import builders
from tests.support.http import call, serve


@pytest.fixture
def committed(engine, clock, committing_uow):
    return Runtime(engine, clock)


@pytest.fixture
def site(committed):
    url, stop = serve(create_app({"RUNTIME": committed}))
    yield url.removesuffix("/api/v1")
    stop()


def scrape(site: str) -> dict:
    """Every sample on /metrics as {(name, sorted labels): value}."""
    with urllib.request.urlopen(f"{site}/metrics", timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/plain")
        text = response.read().decode()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def sample(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_count_requests_by_route_and_status_and_plan_events_by_outcome(site, committed):
    board = builders.board(committed.uow)
    plan = builders.plan(committed.uow, board["id"])
    access.create_user(committed.uow(), "tester", name="cora", role="coordinator",
                       board_ids=[board["id"]])
    token = access.issue_token(committed.uow(), "tester", "cora")["token"]
    events = f"{site}/api/v1/plans/{plan['id']}/events"
    before = scrape(site)

    refused = call(events, "POST", token, {"event": "open_consultation", "version": plan["version"]})
    stale = call(events, "POST", token, {"event": "withdraw", "version": 99, "reason": "merged"})
    accepted = call(events, "POST", token, {"event": "withdraw", "version": plan["version"],
                                            "reason": "merged"})
    after = scrape(site)

    assert [refused[0], stale[0], accepted[0]] == [422, 409, 200]

    def delta(name, **labels):
        return sample(after, name, **labels) - sample(before, name, **labels)
    route = "/api/v1/plans/<int:plan_id>/events"
    assert delta("cypp_plan_events_total", event="open_consultation", outcome="refused") == 1
    assert delta("cypp_plan_events_total", event="withdraw", outcome="conflict") == 1
    assert delta("cypp_plan_events_total", event="withdraw", outcome="accepted") == 1
    assert delta("cypp_http_requests_total", route=route, method="POST", status="422") == 1
    assert delta("cypp_http_requests_total", route=route, method="POST", status="200") == 1
    assert delta("cypp_http_request_duration_seconds_count", route=route, method="POST") == 3


def test_metrics_read_reminders_incidents_evaluation_and_audit_length_from_the_database(
        site, committed):
    board = builders.board(committed.uow)
    builders.plan(committed.uow, board["id"])
    assert sample(scrape(site), "cypp_last_evaluation_timestamp_seconds") == 0

    result = evaluate(committed)
    samples = scrape(site)

    assert sample(samples, "cypp_last_evaluation_timestamp_seconds") > 1.7e9
    assert sample(samples, "cypp_audit_records") == verify_audit_log(committed.uow())["records"]
    open_incidents = sum(sample(samples, "cypp_open_incidents", kind=k)
                         for k in ("evaluation", "delivery"))
    assert open_incidents == len(list_incidents(committed.uow()))
    assert sample(samples, "cypp_reminders", status="skipped") == len(result.skipped)
    assert sample(samples, "cypp_reminders", status="sent") + sample(
        samples, "cypp_reminders", status="pending") == len(result.reminders)
