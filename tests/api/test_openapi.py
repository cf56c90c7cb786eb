"""The OpenAPI document validates, covers every route in the URL map, and has a docs page."""
from __future__ import annotations

import re

from openapi_spec_validator import validate

from api.auth import PUBLIC_ENDPOINTS
from tests.support import builders

ACTIONS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def spec_of(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_the_spec_is_valid_openapi(client):
    validate(spec_of(client))


def test_the_spec_documents_every_api_route_and_method(app, client):
    paths = spec_of(client)["paths"]
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS or not rule.rule.startswith("/api/"):
            continue  # the web pages are not part of the API
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        assert path in paths, f"{rule.rule} is not documented"
        for method in rule.methods & ACTIONS:
            assert method.lower() in paths[path], f"{method} {rule.rule} is not documented"


def test_every_operation_documents_its_errors_in_the_one_shape(client):
    spec = spec_of(client)
    error = spec["components"]["responses"]["UNAUTHORIZED"]["content"]["application/json"]
    assert error["schema"] == {"$ref": "#/components/schemas/Error"}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            assert {"401", "403", "503"} <= set(operation["responses"]), (method, path)


def test_the_docs_page_is_swagger_ui_served_from_here_under_a_strict_csp(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "https://" not in html and "<script>" not in html  # no CDN, no inline script
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe" not in csp
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "docs.js", "swagger-ui-LICENSE"):
        assert f"/api/v1/docs/static/{name}" in html or name == "docs.js"
        assert client.get(f"/api/v1/docs/static/{name}").status_code == 200


def test_the_plain_reference_lists_every_operation_with_its_errors_resolved(client):
    page = client.get("/api/v1/docs/reference")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<script" not in html and "https://" not in html
    assert "/api/v1/plans/{plan_id}/events" in html and "Idempotency-Key" in html
    assert "<td>412</td><td>Precondition Failed</td><td>Error</td>" in html
    assert "UNAUTHORIZED" not in html


def test_every_operation_has_an_operation_id_and_a_description(client):
    seen = set()
    for path, method, operation in _operations(spec_of(client)):
        assert operation.get("operationId"), (method, path)
        assert operation["operationId"] not in seen, operation["operationId"]
        seen.add(operation["operationId"])
        assert operation.get("description", "").strip(), (method, path)


def _operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield path, method, operation


def test_every_idempotent_post_declares_409_and_422_and_json_bodies_413_and_415(client):
    for path, method, operation in _operations(spec_of(client)):
        names = {p["name"] for p in operation.get("parameters", [])}
        if "Idempotency-Key" in names:
            assert {"409", "422"} <= set(operation["responses"]), (method, path)
        if "requestBody" in operation:
            assert {"400", "413", "415"} <= set(operation["responses"]), (method, path)


def test_the_calendar_declares_text_calendar_and_its_token_as_a_security_scheme(client):
    spec = spec_of(client)
    scheme = spec["components"]["securitySchemes"]["calendarToken"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "query", "token")
    feed = spec["paths"]["/api/v1/boards/{board_id}/calendar.ics"]["get"]
    assert {"calendarToken": []} in feed["security"]
    assert "text/calendar" in feed["responses"]["200"]["content"]
    assert "token" not in {p["name"] for p in feed.get("parameters", [])}


def test_created_resources_declare_location_and_the_audit_log_its_paging_headers(client):
    paths = spec_of(client)["paths"]
    for path in ("/api/v1/boards", "/api/v1/boards/{board_id}/plans",
                 "/api/v1/boards/{board_id}/members", "/api/v1/plans/{plan_id}/consultees"):
        assert "Location" in paths[path]["post"]["responses"]["201"]["headers"], path
    audit = paths["/api/v1/audit"]["get"]["responses"]["200"]["headers"]
    assert {"Link", "X-Next-Cursor"} <= set(audit)


def test_the_consultee_name_rule_in_the_spec_is_what_the_server_requires(coordinator, board_a,
                                                                          uow, client):
    schemas = spec_of(client)["components"]["schemas"]
    name = schemas["NewConsultee"]["properties"]["name"]
    assert (name["minLength"], name["pattern"]) == (1, r"\s*\S")
    assert "unless none_in_area" in name["description"]
    plan_id = builders.plan(uow, board_a["id"])["id"]
    url = f"/api/v1/plans/{plan_id}/consultees"
    for body in ({"category": "a"}, {"category": "a", "name": "   "},
                 {"category": "a", "name": None}):
        answer = coordinator.post(url, json=body)
        assert answer.status_code == 400 and "name" in answer.get_json()["error"]["fields"], body
    assert coordinator.post(url, json={"category": "a", "name": "Northshire LSCB"}
                            ).status_code == 201
    assert coordinator.post(url, json={"category": "m", "none_in_area": True,
                                       "note": "No college"}).status_code == 201


def test_the_spec_and_docs_need_no_token(anonymous):
    assert anonymous.get("/api/v1/openapi.json").status_code == 200
    assert anonymous.get("/api/v1/docs").status_code == 200
