"""Every accepted event writes one audit record in its own transaction; refusals write none."""
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import event, func, select, text

from lifecycle import audit, services
from lifecycle.errors import GuardRefused
from lifecycle.model import AuditRecord
from lifecycle.services.audit_log import check_audit_chain, last_chain_check, list_audit
from tests.support import builders


def audit_rows(uow) -> list[AuditRecord]:
    with uow() as unit:
        rows = list(unit.session.scalars(select(AuditRecord).order_by(AuditRecord.id)))
        unit.session.expunge_all()
        return rows


def test_an_accepted_event_writes_exactly_one_record_naming_who_when_and_the_move(uow, clock):
    plan_id = builders.plan_in_state(uow, "under_review")
    before = len(audit_rows(uow))
    builders.fire(uow, plan_id, "begin_revision", on=date(2012, 2, 1), reason="new duties")
    rows = audit_rows(uow)
    assert len(rows) == before + 1
    entry = rows[-1]
    assert (entry.actor, entry.event, entry.plan_id) == ("tester", "begin_revision", plan_id)
    assert (entry.from_state, entry.to_state) == ("under_review", "revising")
    assert entry.payload["on"] == "2012-02-01" and entry.payload["reason"] == "new duties"
    assert entry.at.replace(tzinfo=None) == clock.now().replace(tzinfo=None)


def test_a_refused_event_writes_nothing_and_changes_nothing(uow):
    plan_id = builders.plan_in_state(uow, "approved")
    before = (len(audit_rows(uow)), services.get_plan(uow(), plan_id)["version"])
    with pytest.raises(GuardRefused):
        builders.fire(uow, plan_id, "publish")
    assert (len(audit_rows(uow)), services.get_plan(uow(), plan_id)["version"]) == before


def test_a_failure_between_state_change_and_audit_leaves_neither(uow):
    plan_id = builders.plan_in_state(uow, "under_review")
    before = len(audit_rows(uow))

    def refuse_audit(mapper, connection, target):
        raise RuntimeError("audit store failed")

    event.listen(AuditRecord, "before_insert", refuse_audit)
    try:
        with pytest.raises(RuntimeError, match="audit store failed"):
            builders.fire(uow, plan_id, "begin_revision", on=date(2012, 2, 1), reason="x")
    finally:
        event.remove(AuditRecord, "before_insert", refuse_audit)
    view = services.get_plan(uow(), plan_id)
    assert (view["state"], view["revisions"], len(audit_rows(uow))) == (
        "under_review", [], before)


def test_the_hash_chain_links_every_record_and_verifies(uow):
    builders.plan_in_state(uow, "in_force")
    rows = audit_rows(uow)
    assert rows[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:]))
    assert services.verify_audit_log(uow()) == {
        "intact": True, "records": len(rows), "first_bad_id": None, "problem": None}


def test_verification_finds_an_edited_record(uow, connection, is_postgres):
    builders.plan_in_state(uow, "approved")
    if is_postgres:
        connection.execute(text("ALTER TABLE audit_records DISABLE TRIGGER "
                                "audit_records_append_only"))
    target = connection.execute(select(func.min(AuditRecord.id) + 3)).scalar()
    connection.execute(text("UPDATE audit_records SET actor = 'mallory' WHERE id = :id"),
                       {"id": target})
    report = services.verify_audit_log(uow())
    assert (report["intact"], report["first_bad_id"]) == (False, target)
    assert "edited" in report["problem"]


def test_verification_finds_a_removed_record(uow, connection, is_postgres):
    builders.plan_in_state(uow, "approved")
    if is_postgres:
        connection.execute(text("ALTER TABLE audit_records DISABLE TRIGGER "
                                "audit_records_append_only"))
    connection.execute(text("DELETE FROM audit_records WHERE id = 2"))
    report = services.verify_audit_log(uow())
    assert (report["intact"], report["problem"]) == (False, "record 2 is missing")


def test_a_date_range_pages_the_same_whichever_way_it_is_read(uow):
    """Records mostly in time order, some recorded under a clock set back: every range and
    cursor gives exactly the records a plain filter gives, oldest (lowest id) first."""
    start = datetime(2015, 1, 1, 12, tzinfo=timezone.utc)
    offsets = [*range(0, 60), 3, 1, *range(60, 90), 0, 45]  # days; three out of order
    with uow() as unit:
        for n, days in enumerate(offsets):
            audit.append(unit.session, at=start + timedelta(days=days), actor=f"a{n}",
                         event="bench")
        unit.commit()
    everything = list_audit(uow(), {}, None, 500)["records"]
    for first, last in ((date(2015, 1, 1), date(2015, 1, 4)), (date(2015, 2, 10), None),
                        (None, date(2015, 1, 2)), (date(2015, 3, 1), date(2015, 3, 31)),
                        (date(2014, 1, 1), date(2014, 12, 31))):
        filters = {k: v for k, v in (("from", first), ("to", last)) if v is not None}
        wanted = [r["id"] for r in everything if (first is None or r["at"].date() >= first)
                  and (last is None or r["at"].date() <= last)]
        seen, cursor = [], None
        while True:
            page = list_audit(uow(), filters, cursor, 7)
            seen += [r["id"] for r in page["records"]]
            if (cursor := page["next_cursor"]) is None:
                break
        assert seen == wanted, filters


def test_a_check_that_finds_the_chain_broken_is_kept_for_the_audit_page(uow, connection,
                                                                        is_postgres):
    builders.plan_in_state(uow, "approved")
    if is_postgres:
        connection.execute(text("ALTER TABLE audit_records DISABLE TRIGGER "
                                "audit_records_append_only"))
    connection.execute(text("UPDATE audit_records SET actor = 'mallory' WHERE id = 2"))
    found = check_audit_chain(uow(), "auditor")
    assert (found["intact"], found["first_bad_id"], found["records"]) == (False, 2, 1)
    kept = last_chain_check(uow())
    assert (kept["intact"], kept["first_bad_id"], kept["actor"]) == (False, 2, "auditor")
    assert "edited" in kept["problem"]
