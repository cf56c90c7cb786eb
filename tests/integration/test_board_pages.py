"""What the board, dashboard and audit pages read: boards paged in the database, a board's
members over time and settings, and the audit log in plain words and as CSV."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from lifecycle.audit_csv import audit_csv
from lifecycle.errors import InvalidInput
from lifecycle.services import update_board, update_member
from lifecycle.services.audit_log import (
    audit_page,
    check_audit_chain,
    export_audit_csv,
    list_audit,
)
from lifecycle.services.board_pages import board_overview
from lifecycle.services.boards import add_member, page_boards
from tests.support import builders


def test_boards_are_paged_in_the_database_and_only_those_visible_are_counted(uow):
    ids = [builders.board(uow, name=f"Board {n:02d}")["id"] for n in range(1, 6)]
    first, last = page_boards(uow(), None, 1, 2), page_boards(uow(), None, 3, 2)
    assert (first["total"], first["pages"]) == (5, 3)
    assert [b["id"] for b in first["boards"]] == ids[:2]
    assert [b["id"] for b in last["boards"]] == ids[4:]
    assert first["boards"][0] == {"id": ids[0], "name": "Board 01",
                                  "authority": "Northshire County Council",
                                  "pct": "NHS Northshire"}
    mine = page_boards(uow(), {ids[1], ids[3]}, 1, 50)
    assert mine["total"] == 2 and [b["id"] for b in mine["boards"]] == [ids[1], ids[3]]
    assert page_boards(uow(), set(), 1, 50)["boards"] == []
    with pytest.raises(InvalidInput):
        page_boards(uow(), None, 1, 500)


def test_the_board_overview_splits_members_into_current_and_past_by_today(uow, clock):
    board_id = builders.board(uow)["id"]
    today = clock.today()
    staying = add_member(uow(), "tester", board_id, organisation="Police", partner_type="police",
                         statutory=True, joined_on=date(2010, 4, 1))
    gone = add_member(uow(), "tester", board_id, organisation="District", statutory=True,
                      partner_type="district_council", joined_on=date(2010, 4, 1))
    update_member(uow(), "tester", board_id, gone["id"], left_on=today)
    view = board_overview(uow(), board_id)
    assert [m["organisation"] for m in view["current_members"]] == [staying["organisation"]]
    assert [m["left_on"] for m in view["past_members"]] == [today]


def test_the_board_overview_says_when_a_change_of_basis_takes_effect(uow, clock):
    board_id = builders.board(uow)["id"]
    default = board_overview(uow(), board_id)["default_effective_from"]["financial"]
    assert default == date(2027, 4, 1)  # the clock says 25 November 2026
    update_board(uow(), "tester", board_id, review_basis="plan")
    view = board_overview(uow(), board_id)
    assert view["first_basis"] == "financial"
    assert view["basis_changes"] == [{"review_basis": "plan", "effective_from": date(2026, 11, 25)}]
    assert [r["current"] for r in view["rulebooks"]] == [True]
    assert view["notifications"]["ladder"]["before"]


def test_audit_records_say_what_happened_in_plain_words(uow):
    board_id = builders.board(uow)["id"]
    plan_id = builders.plan(uow, board_id)["id"]
    builders.fire(uow, plan_id, "withdraw", on=date(2010, 11, 1), reason="Merged with the "
                  "neighbouring board")
    records = list_audit(uow(), {"board_id": board_id})["records"]
    assert [r["what"] for r in records] == [
        "Board created: Northshire Children's Trust Board", "Plan created: CYPP 2011",
        "Withdraw, dated 1 November 2010"]
    assert records[-1]["reason"] == "Merged with the neighbouring board"


def test_the_csv_export_reads_every_page_of_the_filtered_records(uow, monkeypatch):
    board_id = builders.board(uow)["id"]
    for n in range(5):
        add_member(uow(), "tester", board_id, organisation=f"Partner {n}", partner_type="other",
                   statutory=False, joined_on=date(2010, 4, 1))
    monkeypatch.setattr("lifecycle.services.audit_log.MAX_PAGE", 2)
    text = "".join(export_audit_csv(uow(), {"board_id": board_id, "event": "member.added"}))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["event"] for r in rows] == ["member.added"] * 5
    assert '"organisation": "Partner 4"' in rows[-1]["details"]
    assert text.count("id,at,on,event") == 1


def test_the_csv_of_a_page_is_what_the_api_writes(uow):
    builders.board(uow)
    record = list_audit(uow(), {"event": "board.created"})["records"][-1]
    [header, row] = list(csv.reader(io.StringIO(audit_csv([record]))))
    assert header[:4] == ["id", "at", "on", "event"]
    assert row[1].endswith("Z") and row[3] == "board.created"
    assert '"name": "Northshire' in row[header.index("details")]


def test_the_audit_page_shows_the_latest_chain_check_without_walking_the_chain(uow, clock):
    builders.board(uow)
    page = audit_page(uow(), {}, None, 1)
    assert page["chain"] is None and len(page["records"]) == 1
    checked = check_audit_chain(uow(), "auditor")
    assert checked["intact"] and checked["records"] >= 1
    builders.board(uow, name="Another board")
    chain = audit_page(uow(), {}, None, 1)["chain"]
    assert (chain["actor"], chain["at"], chain["intact"]) == ("auditor", clock.now(), True)
    assert (chain["records"], chain["added_since"]) == (checked["records"], 1)
