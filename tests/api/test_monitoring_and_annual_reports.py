"""s17A(3) over HTTP: monitoring entries, and the annual report from draft to publication with
its refusals and warnings cited; the published page escapes what users wrote."""
from datetime import date

import pytest

from tests.api.journey import API, ok
from tests.schedules.support import day
from tests.support import builders
from tests.support.monitoring import board_with_partners, monitor


@pytest.fixture
def northshire(uow):
    return board_with_partners(uow)


@pytest.fixture
def cora(user, northshire):
    return user("cora", "coordinator", northshire["board"])


def _entry(member_id, on="2011-06-01", assessment="partly", evidence="Quarterly return"):
    return {"member_id": member_id, "on": on, "assessment": assessment, "evidence": evidence}


def test_a_member_records_monitoring_and_it_is_listed_by_year_and_member(user, northshire,
                                                                         auditor):
    mo = user("mo", "member", northshire["board"])
    police = northshire["members"]["Northshire Constabulary"]
    url = f"{API}/boards/{northshire['board']}/monitoring"
    made = ok(mo.post(url, json=_entry(police)), 201)
    assert (made["organisation"], made["assessment"], made["recorded_by"]) == (
        "Northshire Constabulary", "partly", "mo")
    ok(mo.post(url, json=_entry(police, on="2012-05-01")), 201)
    page = ok(mo.get(url, query_string={"year_start": "2011-04-01", "member_id": police}))
    assert (page["year_end"], page["total"], [e["on"] for e in page["entries"]]) == (
        "2012-03-31", 1, ["2011-06-01"])
    assert ok(mo.get(url, query_string={"per_page": 1, "page": 2}))["entries"][0]["on"] == \
        "2011-06-01"
    audit = ok(auditor.get(f"{API}/audit", query_string={"event": "monitoring.recorded"}))
    assert [r["actor"] for r in audit["records"]] == ["mo", "mo"]
    assert auditor.post(url, json=_entry(police)).status_code == 403


def test_monitoring_refuses_a_date_to_come_a_stranger_and_a_year_that_does_not_begin(
        cora, northshire, board_b):
    url = f"{API}/boards/{northshire['board']}/monitoring"
    police = northshire["members"]["Northshire Constabulary"]
    late = cora.post(url, json=_entry(police, on="2030-01-01"))
    assert late.status_code == 422 and "on" in late.get_json()["error"]["fields"]
    bad = cora.post(url, json=_entry(police, assessment="fine"))
    assert bad.status_code == 400 and "assessment" in bad.get_json()["error"]["fields"]
    strange = cora.get(url, query_string={"year_start": "2011-05-01"})
    assert "year_start" in strange.get_json()["error"]["fields"]


def test_publishing_is_refused_naming_each_unmonitored_partner_cited_s17a_3_b(cora, northshire):
    draft = ok(cora.post(f"{API}/boards/{northshire['board']}/annual-reports",
                         json={"year_start": "2011-04-01"}), 201)
    assert (draft["status"], draft["year_end"], draft["publication_check"]["allowed"]) == (
        "draft", "2012-03-31", False)
    # Westmoor joined in September 2012: a partner in 2012/13, not in 2011/12.
    assert [p["organisation"] for p in draft["contents"]["partners"]] == [
        "Northshire Constabulary", "Eastvale District Council"]
    refused = cora.post(f"{API}/annual-reports/{draft['id']}/publish",
                        json={"published_on": "2012-06-01", "url": "https://ns.example/ar"})
    error = refused.get_json()["error"]
    assert refused.status_code == 422 and error["code"] == "requirements_unmet"
    assert [u["citation"] for u in error["unmet"]] == ["s17A(3)(b)", "s17A(3)(b)"]
    assert [u["requirement"].split(" is a ")[0] for u in error["unmet"]] == [
        "Northshire Constabulary", "Eastvale District Council"]
    assert [w["citation"] for w in error["warnings"]] == ["guidance 8.48", "guidance 8.60"]


def test_a_published_report_warns_meets_its_obligation_and_never_changes(uow, cora, northshire):
    for member_id in northshire["members"].values():
        monitor(uow, northshire["board"], member_id, date(2011, 6, 1))
    draft = ok(cora.post(f"{API}/boards/{northshire['board']}/annual-reports",
                         json={"year_start": "2011-04-01"}), 201)
    published = ok(cora.post(f"{API}/annual-reports/{draft['id']}/publish",
                             json={"published_on": "2012-06-01", "url": "https://ns.example/ar"}))
    assert published["status"] == "published"
    assert [w["citation"] for w in published["warnings"]] == ["guidance 8.48", "guidance 8.60"]
    obligations = ok(cora.get(f"{API}/boards/{northshire['board']}/obligations"))
    report = next(o for o in obligations if o["key"] == "annual_report:2011-04-01")
    assert (report["status"], report["met_on"], report["late"], report["citation"]) == (
        "met", "2012-06-01", False, "s17A(3)(b)")
    assert "due date set by the Board" in report["title"]
    monitor(uow, northshire["board"], northshire["members"]["Northshire Constabulary"],
            date(2011, 7, 1))
    again = ok(cora.get(f"{API}/annual-reports/{draft['id']}"))
    assert again["contents"] == published["contents"]
    assert cora.patch(f"{API}/annual-reports/{draft['id']}",
                      json={"governance_assessment": "late"}).status_code == 409
    assert cora.post(f"{API}/annual-reports/{draft['id']}/publish", json={
        "published_on": "2012-06-02", "url": "https://ns.example/ar"}).status_code == 409


def test_a_report_year_that_has_not_ended_cannot_be_published_and_publication_is_dated(
        uow, cora, northshire):
    draft = ok(cora.post(f"{API}/boards/{northshire['board']}/annual-reports",
                         json={"year_start": "2012-04-01"}), 201)
    early = cora.post(f"{API}/annual-reports/{draft['id']}/publish",
                      json={"published_on": "2013-03-01", "url": "https://ns.example/ar"})
    assert "has not ended by 2013-03-01" in early.get_json()["error"]["unmet"][0]["requirement"]
    future = cora.post(f"{API}/annual-reports/{draft['id']}/publish",
                       json={"published_on": "2099-01-01", "url": "https://ns.example/ar"})
    assert future.status_code == 422 and "published_on" in future.get_json()["error"]["fields"]
    nowhere = cora.post(f"{API}/boards/{northshire['board']}/annual-reports",
                        json={"year_start": "2015-04-01"})
    assert nowhere.status_code == 422 and "year_start" in nowhere.get_json()["error"]["fields"]


def test_the_published_page_escapes_what_users_wrote(uow, cora, northshire):
    for member_id in northshire["members"].values():
        monitor(uow, northshire["board"], member_id, date(2011, 6, 1),
                evidence="<script>alert(1)</script> *bold*")
    draft = ok(cora.post(f"{API}/boards/{northshire['board']}/annual-reports",
                         json={"year_start": "2011-04-01"}), 201)
    ok(cora.patch(f"{API}/annual-reports/{draft['id']}",
                  json={"governance_assessment": "Effective <b>partnership</b>"}))
    page = cora.get(f"{API}/annual-reports/{draft['id']}", query_string={"format": "html"})
    assert page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Effective &lt;b&gt;partnership&lt;/b&gt;" in html
    assert "<h3>Northshire Constabulary</h3>" in html
    text = cora.get(f"{API}/annual-reports/{draft['id']}",
                    query_string={"format": "markdown"}).get_data(as_text=True)
    assert "\\<script\\>" in text and "\\*bold\\*" in text


def test_the_board_sets_annual_report_months_and_due_dates_follow(admin, northshire, clock):
    board = ok(admin.patch(f"{API}/boards/{northshire['board']}",
                           json={"annual_report_months": 3}))
    assert board["annual_report_months"] == 3
    assert board["annual_report_months_changes"] == [{"months": 3,
                                                      "effective_from": "2026-11-25"}]
    # Every report year of this board ended before today: their due dates stand.
    dues = [o["due_on"] for o in ok(admin.get(f"{API}/boards/{northshire['board']}/obligations"))
            if o["kind"] == "annual_report"]
    assert dues == ["2012-09-30", "2013-09-30", "2014-09-30"]
    bad = admin.patch(f"{API}/boards/{northshire['board']}", json={"annual_report_months": 0})
    assert bad.status_code == 400


def test_other_boards_reports_are_not_found(user, northshire, board_b, cora):
    draft = ok(cora.post(f"{API}/boards/{northshire['board']}/annual-reports",
                         json={"year_start": "2011-04-01"}), 201)
    stranger = user("sam", "coordinator", board_b["id"])
    assert stranger.get(f"{API}/annual-reports/{draft['id']}").status_code == 404
    assert stranger.get(f"{API}/boards/{northshire['board']}/monitoring").status_code == 404


def test_a_change_of_months_moves_only_years_not_yet_ended(admin, northshire, clock):
    day(clock, date(2012, 6, 1))
    ok(admin.patch(f"{API}/boards/{northshire['board']}", json={"annual_report_months": 3}))
    dues = [o["due_on"] for o in ok(admin.get(f"{API}/boards/{northshire['board']}/obligations"))
            if o["kind"] == "annual_report"]
    assert dues == ["2012-09-30", "2013-06-30", "2014-06-30"]


def test_the_next_action_card_names_the_overdue_annual_report(uow, cora, northshire):
    builders.fire(uow, northshire["plan"], "start_review", on=date(2012, 1, 10))
    builders.fire(uow, northshire["plan"], "conclude_review", on=date(2012, 2, 20),
                  outcome="no_revision_needed", reason="on track")
    card = ok(cora.get(f"{API}/plans/{northshire['plan']}/next-action"))
    assert {"kind": "annual_report", "due_on": "2012-09-30", "status": "overdue",
            "citation": "s17A(3)(b)"}.items() <= card["obligation"].items()
    assert card["obligation"]["mark"] == {"rag": "red", "words": "overdue"}
    assert card["action"].startswith("record monitoring of each co-operating partner")
