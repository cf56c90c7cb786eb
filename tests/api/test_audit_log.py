"""The audit log over HTTP: filters, keyset pages, CSV export, and a chain that catches edits."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.api.journey import API, ok
from tests.support import builders


@pytest.fixture
def history(uow, board_a, board_b):
    """Two boards, a plan on each, one withdrawn: a dozen or so audit records."""
    plan_a = builders.plan(uow, board_a["id"])
    plan_b = builders.plan(uow, board_b["id"])
    builders.fire(uow, plan_a["id"], "withdraw", reason="merged")
    return {"plan_a": plan_a["id"], "plan_b": plan_b["id"], "board_b": board_b["id"]}


def test_filters_select_records_by_board_plan_actor_and_event(auditor, history):
    by_plan = ok(auditor.get(f"{API}/audit", query_string={"plan_id": history["plan_a"]}))
    assert [r["event"] for r in by_plan["records"]] == ["plan.created", "withdraw"]
    by_board = ok(auditor.get(f"{API}/audit", query_string={"board_id": history["board_b"]}))
    assert {r["board_id"] for r in by_board["records"]} == {history["board_b"]}
    by_event = ok(auditor.get(f"{API}/audit", query_string={"event": "withdraw",
                                                             "actor": "tester"}))
    assert [r["plan_id"] for r in by_event["records"]] == [history["plan_a"]]


def test_date_filters_take_days_in_england_inclusive(auditor, history):
    today = ok(auditor.get(f"{API}/audit", query_string={"from": "2026-11-25",
                                                         "to": "2026-11-25"}))
    assert today["records"]
    before = ok(auditor.get(f"{API}/audit", query_string={"to": "2026-11-24"}))
    assert before["records"] == []


def test_pages_follow_the_cursor_without_gaps_or_repeats(auditor, history):
    everything = ok(auditor.get(f"{API}/audit", query_string={"limit": 500}))["records"]
    seen, cursor = [], None
    while True:
        query = {"limit": 3} | ({"cursor": cursor} if cursor is not None else {})
        page = ok(auditor.get(f"{API}/audit", query_string=query))
        seen += [r["id"] for r in page["records"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [r["id"] for r in everything] and len(seen) > 3


def test_a_page_larger_than_500_is_refused(auditor):
    response = auditor.get(f"{API}/audit", query_string={"limit": 501})
    assert response.status_code == 400
    assert list(response.get_json()["error"]["fields"]) == ["limit"]


@pytest.mark.parametrize("ask", [{"headers": {"Accept": "text/csv"}},
                                 {"query_string": {"format": "csv"}}])
def test_csv_export_has_a_header_and_one_row_per_record(auditor, history, ask):
    response = auditor.get(f"{API}/audit", **ask)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    expected = ok(auditor.get(f"{API}/audit"))["records"]
    assert [int(r["id"]) for r in rows] == [r["id"] for r in expected]
    assert list(rows[0]) == ["id", "at", "on", "event", "actor", "board_id", "plan_id", "from",
                             "to", "reason", "details", "hash"]
    assert rows[0]["hash"] == expected[0]["hash"]


def test_csv_has_a_column_for_each_field_of_a_lifecycle_event(auditor, history):
    response = auditor.get(f"{API}/audit", query_string={"format": "csv",
                                                         "plan_id": history["plan_a"]})
    created, withdrawn = csv.DictReader(io.StringIO(response.get_data(as_text=True)))
    assert (created["event"], withdrawn["event"]) == ("plan.created", "plan.withdraw")
    assert (withdrawn["from"], withdrawn["to"], withdrawn["reason"]) == (
        "drafting", "withdrawn", "merged")
    assert withdrawn["on"] == "2026-11-25" and withdrawn["at"] == "2026-11-25T09:00:00Z"
    assert withdrawn["actor"] == "tester" and withdrawn["plan_id"] == str(history["plan_a"])
    assert json.loads(withdrawn["details"])["version"] == 2


def test_csv_on_is_the_day_the_event_happened_not_the_day_it_was_recorded(
        auditor, uow, board_a):
    plan = builders.plan(uow, board_a["id"])
    builders.fire(uow, plan["id"], "withdraw", on=date(2011, 2, 1), reason="merged")
    response = auditor.get(f"{API}/audit", query_string={"format": "csv", "event": "withdraw"})
    [row] = csv.DictReader(io.StringIO(response.get_data(as_text=True)))
    assert (row["on"], row["at"][:10]) == ("2011-02-01", "2026-11-25")


def test_csv_with_bom_opens_as_utf8_in_excel_and_keeps_formulas_as_text(
        auditor, uow, board_a):
    plan = builders.plan(uow, board_a["id"])
    builders.fire(uow, plan["id"], "withdraw", reason="=HYPERLINK(\"x\") - Zoë's call")
    response = auditor.get(f"{API}/audit", query_string={"format": "csv", "bom": "1",
                                                         "event": "withdraw"})
    assert response.data.startswith("\ufeff".encode()) and response.mimetype_params == {
        "charset": "utf-8"}
    [row] = csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")))
    assert row["reason"] == "'=HYPERLINK(\"x\") - Zoë's call"
    plain = auditor.get(f"{API}/audit", query_string={"format": "csv"})
    assert not plain.data.startswith("\ufeff".encode())


def test_csv_pages_link_to_the_next_page(auditor, history):
    response = auditor.get(f"{API}/audit", query_string={"format": "csv", "limit": 2})
    assert response.headers["X-Next-Cursor"]
    assert 'rel="next"' in response.headers["Link"]
    following = auditor.get(response.headers["Link"].split(">")[0].lstrip("<"))
    assert following.status_code == 200 and following.mimetype == "text/csv"


def test_verify_reports_an_intact_chain(auditor, history):
    report = ok(auditor.get(f"{API}/audit/verify"))
    assert report["intact"] is True and report["records"] > 0
    assert report["first_bad_id"] is None


def _edit_second_record(connection, is_postgres: bool) -> int:
    second = connection.execute(text("SELECT id FROM audit_records ORDER BY id LIMIT 1 OFFSET 1"))
    record_id = second.scalar_one()
    edit = text("UPDATE audit_records SET actor = 'mallory' WHERE id = :id")
    if is_postgres:
        with pytest.raises(DBAPIError, match="append-only|audit"):
            with connection.begin_nested():
                connection.execute(edit, {"id": record_id})
        connection.execute(text("ALTER TABLE audit_records DISABLE TRIGGER "
                                "audit_records_append_only"))
    connection.execute(edit, {"id": record_id})
    return record_id


def test_verify_names_the_first_edited_record(auditor, history, connection, is_postgres):
    edited = _edit_second_record(connection, is_postgres)
    report = ok(auditor.get(f"{API}/audit/verify"))
    assert report["intact"] is False
    assert report["first_bad_id"] == edited and "edited" in report["problem"]


def test_only_admins_and_auditors_read_the_audit_log(coordinator, member, admin, auditor):
    for caller in (coordinator, member):
        assert caller.get(f"{API}/audit").status_code == 403
        assert caller.get(f"{API}/audit/verify").status_code == 403
    for caller in (admin, auditor):
        assert caller.get(f"{API}/audit").status_code == 200
