"""Requests generated from the OpenAPI document (schemathesis) get answers the document
declares: no 5xx, only declared status codes, content types, headers and bodies; input the
document allows is accepted (or refused by a rule: 409/412/422) and input it rules out is
refused. For an admin, a member and a caller without a token.

The checks' expectations are in ``schemathesis.toml`` at the project root. The default run
is small; the slow one (``-m slow``) draws many more cases. Each case runs in a savepoint
rolled back after it, so every case meets the same world (a failure replays as it first
failed), and a failure names the operation, the case and a curl command that reproduces it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lifecycle.rules.checklist import MATTERS
from tests.api.journey import API, ok
from tests.support import builders

CONFIG = Path(__file__).parents[2] / "schemathesis.toml"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance,
          negative_data_rejection, positive_data_acceptance]
CALLERS = ["admin", "member", "anonymous"]
UNDECLARED = ("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE")


def _operations(app):
    schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", app,
                                            config=SchemathesisConfig.from_path(CONFIG))
    return [result.ok() for result in schema.get_all_operations()]


def _world(admin, board_id: int, uow) -> dict:
    """Real ids for the path parameters, so generated requests reach the views' logic."""
    plan = builders.plan(uow, board_id)
    builders.consultees(uow, plan["id"])
    consultee = ok(admin.get(f"{API}/plans/{plan['id']}"))["consultees"][0]
    member = ok(admin.post(f"{API}/boards/{board_id}/members", json={
        "organisation": "Northshire Constabulary", "partner_type": "police",
        "statutory": True, "joined_on": "2010-04-01"}), 201)
    partner = ok(admin.post(f"{API}/boards/{board_id}/relevant-partners", json={
        "name": "Northshire Police", "partner_type": "police"}), 201)
    token = ok(admin.post(f"{API}/boards/{board_id}/calendar-tokens",
                          json={"name": "Outlook"}), 201)
    return {"board_id": board_id, "plan_id": plan["id"], "consultee_id": consultee["id"],
            "member_id": member["id"], "partner_id": partner["id"], "token_id": token["id"],
            "key": MATTERS[0].key, "event": "withdraw"}


def _conforms(request, caller_name: str, examples: int) -> None:
    caller = request.getfixturevalue(caller_name)
    world = _world(request.getfixturevalue("admin"), request.getfixturevalue("board_a")["id"],
                   request.getfixturevalue("uow"))
    operations = {operation.label: operation
                  for operation in _operations(request.getfixturevalue("app"))}
    connection = request.getfixturevalue("connection")
    headers = {"Authorization": f"Bearer {caller.token}"} if caller.token else {}

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data):
        # Drawn by label: schemathesis prints no operation or case in Hypothesis's report.
        operation = operations[data.draw(st.sampled_from(sorted(operations)), label="operation")]
        mode = data.draw(st.sampled_from(list(GenerationMode)), label="mode")
        known = {name: world[name] for name in re.findall(r"{(\w+)}", operation.path)
                 if name in world and data.draw(st.booleans(), label=name)}
        case = data.draw(operation.as_strategy(generation_mode=mode, path_parameters=known),
                         label="case")
        if mode is GenerationMode.NEGATIVE:
            # A query parameter whose value is null or an empty list never reaches the wire,
            # so such a "negative" case is a valid request that the server rightly accepts.
            assume(all(value not in (None, []) for value in (case.query or {}).values()))
        request_line = f"{mode.value} {case!r}\n{case.as_curl_command(headers=headers)}"
        # Every example starts from the same world and leaves nothing behind: a failure
        # Hypothesis replays or shrinks meets the state it first met.
        example = connection.begin_nested()
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except FailureGroup as failures:
            raise AssertionError(f"{failures}\n{request_line}") from None
        except Exception as error:  # the app's own exception (TESTING propagates it)
            raise AssertionError(f"{type(error).__name__}: {error}\n{request_line}") from error
        finally:
            example.rollback()
    check()


@pytest.mark.parametrize("caller", CALLERS)
def test_generated_requests_get_declared_answers(request, caller):
    _conforms(request, caller, examples=60)


@pytest.mark.slow
@pytest.mark.parametrize("caller", CALLERS)
def test_many_generated_requests_get_declared_answers(request, caller):
    _conforms(request, caller, examples=1500)


def test_every_path_answers_an_undeclared_method_with_405_and_allow(client, admin):
    spec = client.get(f"{API}/openapi.json").get_json()
    for path, item in spec["paths"].items():
        declared = {m.upper() for m in item if m in ("get", "post", "put", "patch", "delete")}
        url = re.sub(r"\{[^}]+\}", "1", path)
        for method in sorted(set(UNDECLARED) - declared):
            response = admin.open(method, url)
            assert response.status_code == 405, (method, path, response.status_code)
            assert declared <= set(response.headers["Allow"].split(", ")), (method, path)
