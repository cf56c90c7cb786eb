"""The API's docs: ``/api/v1/docs``, Swagger UI (vendored from swagger-ui-dist 5.35.0, see
``static/VENDORED.md``) reading ``/api/v1/openapi.json``; and ``/api/v1/docs/reference``,
the same reference rendered on the server for readers without JavaScript.

Nothing is fetched from elsewhere (the service runs where there may be no internet) and the
pages run under a Content-Security-Policy that allows scripts and styles from this origin
only (no inline script).
"""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, render_template

bp = Blueprint("docs", __name__, template_folder="templates", static_folder="static",
               static_url_path="/api/v1/docs/static")
METHODS = ("get", "post", "put", "patch", "delete")
SWAGGER_UI_VERSION = "5.35.0"
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'",
    "form-action 'none'", "frame-ancestors 'none'",
])


def _ref_name(schema: dict | None) -> str | None:
    if not schema:
        return None
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        inner = _ref_name(schema.get("items"))
        return f"list of {inner}" if inner else "list"
    return schema.get("type")


def _resolved(spec: dict, response: dict) -> dict:
    """A response, or the shared one (401, 404, ...) it refers to."""
    if "$ref" in response:
        name = response["$ref"].rsplit("/", 1)[-1]
        return spec.get("components", {}).get("responses", {}).get(name, {})
    return response


def _body(response: dict) -> str | None:
    content = response.get("content", {})
    for media, value in content.items():
        name = _ref_name(value.get("schema"))
        return name if media == "application/json" else f"{media}" + (f" ({name})" if name
                                                                       else "")
    return None


def operations(spec: dict) -> list[dict]:
    """Every operation in the spec, in path order, with what a reader needs."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            responses = {code: _resolved(spec, r) for code, r in op.get("responses", {}).items()}
            found.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "operation_id": op.get("operationId", ""),
                "description": op.get("description", ""), "tags": op.get("tags", []),
                "parameters": item.get("parameters", []) + op.get("parameters", []),
                "body": _ref_name(body.get("schema")),
                "responses": {code: (r.get("description", ""), _body(r))
                              for code, r in sorted(responses.items())},
            })
    return found


def _secured(response):
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


@bp.route("/api/v1/docs")
def page():
    """The API reference in Swagger UI."""
    return _secured(current_app.make_response(render_template(
        "swagger.html", version=SWAGGER_UI_VERSION)))


@bp.route("/api/v1/docs/reference")
def reference():
    """The API reference as one HTML page rendered here (no JavaScript)."""
    spec = current_app.extensions["cypp.api"].spec.to_dict()
    return _secured(current_app.make_response(render_template(
        "docs.html", spec=spec, operations=operations(spec),
        schemas=spec.get("components", {}).get("schemas", {}))))


def init_app(app: Flask) -> None:
    """Serve the docs pages and Swagger UI's files."""
    app.register_blueprint(bp)
