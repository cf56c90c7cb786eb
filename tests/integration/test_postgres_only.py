"""Behaviour only PostgreSQL can show: concurrent sessions and the append-only trigger."""
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from lifecycle import audit, services
from lifecycle.errors import Conflict, EventNotAllowed
from lifecycle.model import AuditRecord, Plan
from tests.support import builders

pytestmark = pytest.mark.skipif(not os.environ.get("CYPP_TEST_DATABASE_URL"),
                                reason="needs PostgreSQL (set CYPP_TEST_DATABASE_URL)")


def test_two_sessions_firing_on_one_plan_one_wins_one_conflicts(committing_uow):
    plan_id = builders.plan_in_state(committing_uow, "in_force")
    both_loaded = threading.Barrier(2, timeout=2)
    waited = threading.local()

    def give_the_other_time_to_read(session, flush_context, instances):
        # An event locks its plan when it reads it, so the other cannot read it before
        # this commits: the barrier breaks, and the other then finds the plan moved on.
        if not getattr(waited, "done", False):
            waited.done = True
            try:
                both_loaded.wait()
            except threading.BrokenBarrierError:
                pass

    def start_review(actor):
        try:
            services.fire_event(committing_uow(), actor, plan_id, "start_review",
                                on=date(2012, 1, 10))
            return "won"
        except (Conflict, EventNotAllowed):  # both are 409 over HTTP
            return "conflict"

    event.listen(Session, "before_flush", give_the_other_time_to_read)
    try:
        with ThreadPoolExecutor(2) as pool:
            outcomes = sorted(pool.map(start_review, ["alice", "bob"]))
    finally:
        event.remove(Session, "before_flush", give_the_other_time_to_read)
    assert outcomes == ["conflict", "won"]
    with committing_uow() as unit:
        actors = unit.session.scalars(select(AuditRecord.actor).where(
            AuditRecord.event == "start_review")).all()
        reviews = unit.session.get(Plan, plan_id).reviews
        assert len(actors) == 1 and len(reviews) == 1
    assert services.get_plan(committing_uow(), plan_id)["state"] == "under_review"


def test_a_stale_expected_version_is_a_conflict_naming_the_current_state(uow):
    plan_id = builders.plan_in_state(uow, "in_force")
    current = services.get_plan(uow(), plan_id)
    with pytest.raises(Conflict) as conflict:
        builders.fire(uow, plan_id, "start_review", on=date(2012, 1, 10),
                      expected_version=current["version"] - 1)
    assert conflict.value.current == {"state": "in_force", "version": current["version"]}


def test_the_database_refuses_to_edit_or_delete_audit_records(connection, uow):
    builders.board(uow)
    for statement in ("UPDATE audit_records SET actor = 'mallory'", "DELETE FROM audit_records"):
        savepoint = connection.begin_nested()
        with pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(statement))
        savepoint.rollback()


def test_the_database_refuses_to_truncate_the_audit_log(connection, uow):
    builders.board(uow)
    savepoint = connection.begin_nested()
    with pytest.raises(DBAPIError, match="append-only: TRUNCATE refused"):
        connection.execute(text("TRUNCATE audit_records"))
    savepoint.rollback()
    assert connection.execute(select(AuditRecord.id)).first() is not None


def test_the_application_role_runs_the_service_but_may_only_add_and_read_audit_records(
        connection, uow):
    connection.execute(text("SET LOCAL ROLE cypp_app"))
    plan_id = builders.plan_in_state(uow, "in_force")
    assert services.get_plan(uow(), plan_id)["state"] == "in_force"
    assert services.verify_audit_log(uow())["intact"]
    for statement in ("UPDATE audit_records SET actor = 'mallory'", "DELETE FROM audit_records",
                      "TRUNCATE audit_records", "DROP TABLE audit_records",
                      "ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only",
                      "UPDATE alembic_version SET version_num = 'x'"):
        savepoint = connection.begin_nested()
        with pytest.raises(DBAPIError, match="permission denied|must be owner"):
            connection.execute(text(statement))
        savepoint.rollback()


def test_publishing_a_successor_waits_for_its_predecessor_before_the_audit_chain(
        committing_uow, engine):
    """Publishing supersedes the predecessor, so it takes the predecessor's row lock before
    the audit chain's lock: the order an event on the predecessor takes them. The other
    order deadlocks against such an event (one of them would be aborted with a 500)."""
    predecessor = builders.plan_in_state(committing_uow, "in_force")
    board_id = services.get_plan(committing_uow(), predecessor)["board_id"]
    successor = builders.plan(committing_uow, board_id, start=date(2014, 4, 1),
                              end=date(2017, 3, 31), predecessor_id=predecessor)["id"]
    builders.to_state(committing_uow, successor, "approved")
    builders.publication(committing_uow, successor, date(2014, 4, 20))
    # The pool is left last, so a failure releases the row before waiting for the publish.
    with ThreadPoolExecutor(1) as pool, engine.connect() as watcher, \
            engine.connect() as event_on_predecessor:
        event_on_predecessor.execute(
            select(Plan.id).where(Plan.id == predecessor).with_for_update())
        publishing = pool.submit(builders.fire, committing_uow, successor, "publish",
                                 on=date(2014, 4, 20))
        for _ in range(200):  # until the publish waits on a lock (pg_stat_activity is read
            # afresh only in a new transaction, hence the watcher's commit)
            waiting = watcher.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database()")).scalar()
            watcher.commit()
            if waiting:
                break
            threading.Event().wait(0.05)
        else:
            pytest.fail("the publish never waited for the predecessor's row")
        chain_free = event_on_predecessor.execute(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": audit._CHAIN_LOCK}).scalar()
        event_on_predecessor.rollback()
        published = publishing.result(timeout=30)
    assert chain_free, "the publish held the audit chain while waiting for the predecessor"
    assert published["state"] == "in_force"
    assert services.get_plan(committing_uow(), predecessor)["state"] == "superseded"
