"""``/healthz`` and ``/readyz`` on a real server on loopback, without a token."""
from __future__ import annotations

from datetime import timedelta

import pytest

from cli.app import create_app
from lifecycle.bootstrap import Runtime
from lifecycle.db.migrate import upgrade
from lifecycle.services.audit_log import verify_audit_log
from lifecycle.services.operations import DISPATCH, WALL_CLOCK, record_heartbeat
from schedules.jobs import dispatch
from tests.support import builders
from tests.support.http import call, serve


@pytest.fixture
def committed(engine, clock, committing_uow):
    return Runtime(engine, clock)


def start(config: dict):
    url, stop = serve(create_app(config))
    return url.removesuffix("/api/v1"), stop


@pytest.fixture
def site(committed):
    base, stop = start({"RUNTIME": committed, "SCHEDULER_EXPECTED": False})
    yield base
    stop()


@pytest.fixture
def site_expecting_a_scheduler(committed):
    base, stop = start({"RUNTIME": committed, "SCHEDULER_EXPECTED": True,
                        "HEARTBEAT_MAX_AGE": 300})
    yield base
    stop()


def test_healthz_answers_without_a_token_and_writes_no_audit_record(site, committed):
    builders.board(committed.uow)
    before = verify_audit_log(committed.uow())["records"]

    assert call(f"{site}/healthz") == (200, {"status": "ok"})
    assert call(f"{site}/readyz")[0] == 200
    assert verify_audit_log(committed.uow())["records"] == before


def test_readyz_is_ready_on_a_migrated_database_when_no_scheduler_is_expected(site):
    status, body = call(f"{site}/readyz")

    assert status == 200
    assert body == {"status": "ready", "checks": {
        "database": "reachable", "migrations": "at head", "scheduler": "not expected"}}


def test_readyz_is_not_ready_until_the_database_is_migrated(fresh_database_url):
    base, stop = start({"DATABASE_URL": fresh_database_url})
    try:
        status, body = call(f"{base}/readyz")
        assert status == 503 and body["checks"]["migrations"].startswith("not migrated")
        assert call(f"{base}/healthz")[0] == 200
        upgrade(fresh_database_url)
        assert call(f"{base}/readyz")[0] == 200
    finally:
        stop()


def test_readyz_is_not_ready_when_the_database_cannot_be_reached(tmp_path):
    base, stop = start({"DATABASE_URL": f"sqlite:///{tmp_path / 'no-such-dir' / 'cypp.db'}"})
    try:
        status, body = call(f"{base}/readyz")
        assert status == 503 and body["checks"]["database"].startswith("unreachable")
        assert call(f"{base}/healthz")[0] == 200
    finally:
        stop()


def test_readyz_waits_for_a_scheduler_heartbeat_when_one_is_expected(site_expecting_a_scheduler,
                                                                     committed):
    site = site_expecting_a_scheduler
    status, body = call(f"{site}/readyz")
    assert status == 503 and body["checks"]["scheduler"] == "no heartbeat yet from any scheduler"

    dispatch(committed)
    status, body = call(f"{site}/readyz")
    assert status == 200 and body["checks"]["scheduler"].startswith("fresh")


def test_readyz_is_not_ready_when_the_scheduler_heartbeat_is_stale(site_expecting_a_scheduler,
                                                                   committed):
    record_heartbeat(committed.uow(), DISPATCH, "gone:1",
                     at=WALL_CLOCK.now() - timedelta(minutes=20))

    status, body = call(f"{site_expecting_a_scheduler}/readyz")

    assert status == 503 and body["checks"]["scheduler"].startswith("stale: last heartbeat 1200")
