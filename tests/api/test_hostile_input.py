"""A hostile client gets a 4xx naming what it did wrong, never a 500 or a false 503."""
from __future__ import annotations

import io
import logging

import pytest
from sqlalchemy.exc import OperationalError, ProgrammingError

from cli.app import create_app
from tests.api.journey import API, ok
from tests.api.test_errors import audit_count, error_of
from tests.support import builders

JSON = {"Content-Type": "application/json"}
BOARD = '{"name": "%s", "authority": "Northshire County Council", "pct": "NHS Northshire"}'


def test_an_unpaired_surrogate_in_a_string_is_a_400_saying_so(admin):
    response = admin.post(f"{API}/boards", data=BOARD % "\\udfff", headers=JSON)
    error = error_of(response, 400)
    assert "unpaired UTF-16 surrogate" in error["fields"]["body"][0]
    assert "surrogate" in error["message"]


def test_a_surrogate_pair_is_a_real_character_and_accepted(admin):
    board = ok(admin.post(f"{API}/boards", data=BOARD % "Board \\ud83d\\ude00", headers=JSON),
               201)
    assert board["name"] == "Board \U0001f600"


@pytest.mark.parametrize("idempotency_key", [None, "deep-1"])
def test_fifty_thousand_nested_brackets_are_a_400_saying_so(admin, idempotency_key):
    headers = JSON | ({"Idempotency-Key": idempotency_key} if idempotency_key else {})
    response = admin.post(f"{API}/boards", data="[" * 50_000 + "]" * 50_000, headers=headers)
    assert "nests deeper than 32 levels" in error_of(response, 400)["message"]


def test_a_body_over_the_limit_is_a_413_and_is_not_read(admin):
    class Unread(io.BytesIO):
        read_bytes = 0

        def read(self, size=-1):
            data = super().read(size)
            Unread.read_bytes += len(data)
            return data
    stream = Unread(b"{" + b" " * (20 * 1024 * 1024) + b"}")
    response = admin.post(f"{API}/boards", input_stream=stream, headers=JSON | {
        "Content-Length": str(20 * 1024 * 1024 + 2)})
    error = error_of(response, 413)
    assert error["code"] == "too_large" and "1048576 bytes" in error["message"]
    assert Unread.read_bytes == 0


def test_the_body_limit_comes_from_cypp_max_body_bytes(monkeypatch, uow, clock, admin):
    monkeypatch.setenv("CYPP_MAX_BODY_BYTES", "2048")
    client = create_app({"TESTING": True, "UOW_FACTORY": uow, "CLOCK": clock}).test_client()
    headers = JSON | {"Authorization": f"Bearer {admin.token}"}
    name = "x" * 3000
    response = client.post(f"{API}/boards", data=BOARD % name, headers=headers)
    assert "2048 bytes" in error_of(response, 413)["message"]
    ok(client.post(f"{API}/boards", data=BOARD % "Small", headers=headers), 201)


def test_a_web_form_over_the_limit_is_a_413_page(client):
    response = client.post("/sign-in", data={"name": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_seventy_thousand_ids_are_a_400_naming_the_field_and_the_cap(member, board_a):
    response = member.post(f"{API}/boards/{board_a['id']}/notifications/read",
                           json={"ids": list(range(1, 70_001))})
    error = error_of(response, 400)
    assert error["fields"] == {"ids": ["Give at most 500 ids at a time."]}


def test_a_list_within_its_cap_is_taken(member, board_a):
    ok(member.post(f"{API}/boards/{board_a['id']}/notifications/read",
                   json={"ids": list(range(1, 501))}))


def test_a_cursor_beyond_the_id_range_is_a_400_naming_it(auditor):
    error = error_of(auditor.get(f"{API}/audit", query_string={"cursor": 2**31}), 400)
    assert list(error["fields"]) == ["cursor"]
    ok(auditor.get(f"{API}/audit", query_string={"cursor": 2**31 - 1}))


def test_a_path_id_beyond_the_id_range_is_a_404(admin):
    error_of(admin.get(f"{API}/boards/{2**31}"), 404)


def test_a_405_names_the_allowed_methods(admin, board_a):
    response = admin.open("DELETE", f"{API}/boards/{board_a['id']}")
    error_of(response, 405)
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "PATCH"}


def test_a_405_page_names_the_allowed_methods_too(client):
    response = client.open("/sign-in", method="DELETE")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]


@pytest.mark.parametrize("method,path", [
    ("PATCH", "/boards/{board}"), ("POST", "/boards/{board}/notifications/read"),
    ("POST", "/boards")])
def test_a_write_without_a_body_is_a_400_and_audits_nothing(admin, board_a, method, path):
    before = audit_count(admin)
    response = admin.open(method, API + path.format(board=board_a["id"]))
    assert list(error_of(response, 400)["fields"]) == ["body"]
    assert audit_count(admin) == before


def test_an_empty_json_object_is_still_a_body(admin, board_a):
    ok(admin.post(f"{API}/boards/{board_a['id']}/notifications/read", json={}))


@pytest.mark.parametrize("key", ["", "   "])
def test_an_empty_idempotency_key_is_a_400(coordinator, board_a, key):
    response = coordinator.post(f"{API}/boards/{board_a['id']}/plans", headers={
        "Idempotency-Key": key}, json={"title": "CYPP", "period_start": "2011-04-01"})
    assert error_of(response, 400)["fields"] == {"Idempotency-Key": ["Must not be empty."]}


def _failing_app(uow, clock, error):
    app = create_app({"TESTING": False, "UOW_FACTORY": uow, "CLOCK": clock})

    def fail():
        raise error
    app.add_url_rule(f"{API}/failing", "failing", fail)
    return app.test_client()


@pytest.mark.parametrize("cause", [
    "sending query and params failed: number of parameters must be between 0 and 65535",
    'relation "plans" does not exist'])
def test_a_database_error_that_is_not_an_outage_is_a_500_logged_with_its_cause(
        uow, clock, caplog, cause):
    error = OperationalError("SELECT ...", {}, Exception(cause))
    with caplog.at_level(logging.ERROR, logger="api.errors"):
        response = _failing_app(uow, clock, error).get(f"{API}/failing")
    assert error_of(response, 500)["code"] == "internal"
    assert any(cause in record.getMessage() and record.exc_info for record in caplog.records)


def test_a_statement_the_database_refuses_is_a_500(uow, clock):
    error = ProgrammingError("SELECT ...", {}, Exception("syntax error at or near"))
    error_of(_failing_app(uow, clock, error).get(f"{API}/failing"), 500)


@pytest.mark.parametrize("cause", [
    "connection failed: Connection refused", "server closed the connection unexpectedly",
    "unable to open database file"])
def test_a_database_that_cannot_be_reached_is_a_503(uow, clock, cause):
    error = OperationalError("SELECT ...", {}, Exception(cause))
    response = _failing_app(uow, clock, error).get(f"{API}/failing")
    assert error_of(response, 503)["code"] == "store_unavailable"


# Regressions from schemathesis runs over /api/v1/openapi.json (see test_no_server_errors.py).

def test_a_boolean_sent_as_a_number_is_a_400(coordinator, board_a):
    response = coordinator.post(f"{API}/boards/{board_a['id']}/members", json={
        "organisation": "Police", "partner_type": "police", "statutory": 0,
        "joined_on": "2010-04-01"})
    assert error_of(response, 400)["fields"] == {"statutory": ["Not a valid boolean."]}


def test_a_number_sent_as_text_is_a_400(coordinator, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    response = coordinator.post(f"{API}/plans/{plan['id']}/events", json={
        "event": "withdraw", "reason": "merged", "version": str(plan["version"])})
    assert list(error_of(response, 400)["fields"]) == ["version"]


def test_instants_carry_their_utc_offset(admin, board_a):
    ok(admin.post(f"{API}/boards/{board_a['id']}/calendar-tokens", json={"name": "Outlook"}),
       201)
    token = ok(admin.get(f"{API}/boards/{board_a['id']}/calendar-tokens"))[0]
    assert token["created_at"].endswith("+00:00")


def test_the_document_declares_the_date_bounds_text_and_web_address_rules(client):
    schemas = client.get(f"{API}/openapi.json").get_json()["components"]["schemas"]
    plan, board = schemas["NewPlan"]["properties"], schemas["NewBoard"]["properties"]
    assert plan["period_start"]["pattern"].startswith("^(20[0-9]{2}")
    assert plan["title"]["pattern"] == r"^[^\x00]*$"
    assert board["authority_website"]["pattern"].startswith("^https?://")


def test_a_web_address_without_a_domain_is_a_400(admin):
    body = {"name": "C", "authority": "A", "pct": "P", "authority_website": "http://intranet"}
    assert list(error_of(admin.post(f"{API}/boards", json=body), 400)["fields"]) == [
        "authority_website"]



def test_the_document_says_a_board_needs_an_authority_and_a_pct_or_their_lists(client):
    new_board = client.get(f"{API}/openapi.json").get_json()["components"]["schemas"]["NewBoard"]
    assert {"required": ["authorities"]} in new_board["allOf"][0]["anyOf"]
    assert {"required": ["pcts"]} in new_board["allOf"][1]["anyOf"]


def test_an_audit_range_from_after_to_is_a_422_naming_from(auditor):
    error = error_of(auditor.get(f"{API}/audit", query_string={"from": "2012-01-01",
                                                               "to": "2011-01-01"}), 422)
    assert list(error["fields"]) == ["from"]


def test_a_nul_in_a_query_parameter_is_a_400(auditor):
    error_of(auditor.get(f"{API}/audit?event=plan%00created"), 400)


def test_the_document_says_a_consultee_needs_a_name_unless_there_is_none_in_the_area(client):
    schemas = client.get(f"{API}/openapi.json").get_json()["components"]["schemas"]
    assert {"required": ["none_in_area"], "properties": {"none_in_area": {"enum": [True]}}} in \
        schemas["NewConsultee"]["anyOf"]
    assert schemas["NewBoard"]["properties"]["pcts"]["items"]["pattern"] == r"^[^\x00]*$"
