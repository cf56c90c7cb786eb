"""A human docs page, ``/api/v1/docs``, rendered on the server from the OpenAPI spec.

No JavaScript and nothing fetched from elsewhere: the service runs where
there may be no internet. The machine-readable spec is ``/api/v1/openapi.json``.
"""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, render_template

bp = Blueprint("docs", __name__, template_folder="templates")
METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(schema: dict | None) -> str | None:
    if not schema:
        return None
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        inner = _ref_name(schema.get("items"))
        return f"list of {inner}" if inner else "list"
    return schema.get("type")


def operations(spec: dict) -> list[dict]:
    """Every operation in the spec, in path order, with what a reader needs."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            found.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "tags": op.get("tags", []),
                "parameters": item.get("parameters", []) + op.get("parameters", []),
                "body": _ref_name(body.get("schema")),
                "responses": {code: (r.get("description", ""), _ref_name(
                    r.get("content", {}).get("application/json", {}).get("schema")))
                    for code, r in op.get("responses", {}).items()},
            })
    return found


@bp.route("/api/v1/docs")
def page():
    """The API reference as one HTML page."""
    spec = current_app.extensions["cypp.api"].spec.to_dict()
    return render_template("docs.html", spec=spec, operations=operations(spec),
                           schemas=spec.get("components", {}).get("schemas", {}))


def init_app(app: Flask) -> None:
    """Serve the docs page."""
    app.register_blueprint(bp)
