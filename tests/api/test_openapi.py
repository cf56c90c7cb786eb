"""The OpenAPI document validates, covers every route in the URL map, and has a docs page."""
from __future__ import annotations

import re

from openapi_spec_validator import validate

from api.auth import PUBLIC_ENDPOINTS

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


def test_the_docs_page_lists_every_operation_and_loads_nothing_from_elsewhere(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "/api/v1/plans/{plan_id}/events" in html and "Idempotency-Key" in html
    assert "<script" not in html and "https://" not in html


def test_the_spec_and_docs_need_no_token(anonymous):
    assert anonymous.get("/api/v1/openapi.json").status_code == 200
    assert anonymous.get("/api/v1/docs").status_code == 200
