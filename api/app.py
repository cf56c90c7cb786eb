"""The API's ``init_app`` (registers ``/api/v1`` on an app the composition root made) and the
list of API blueprints. The app itself is built in ``cli.app.create_app``."""
from __future__ import annotations

from apispec.ext.marshmallow import MarshmallowPlugin, OpenAPIConverter
from flask import Flask
from flask_smorest.spec.plugins import integerconverter2paramschema
from werkzeug.routing import IntegerConverter

from api import (
    annual_reports,
    approval,
    audit,
    auth,
    boards,
    body,
    calendar,
    calendar_tokens,
    checklist,
    consultees,
    dashboard,
    docs,
    errors,
    events,
    members,
    membership_changes,
    monitoring,
    notifications,
    obligations,
    plan_progress,
    plans,
    publication,
    relevant_partners,
    reviews,
    runtime,
)

# Every resource of /api/v1; a new resource module adds its blueprint here.
BLUEPRINTS = [
    boards.blp, members.blp, plans.blp, checklist.blp, consultees.blp, approval.blp,
    publication.blp, events.blp, membership_changes.blp, reviews.blp, obligations.blp, audit.blp,
    notifications.blp, calendar.blp, calendar_tokens.blp, dashboard.blp, plan_progress.blp,
    monitoring.blp, annual_reports.blp, relevant_partners.blp,
]

DESCRIPTION = """The Children and Young People's Plan lifecycle of a Children's Trust Board
(the 2010 regulations). Authenticate with `Authorization: Bearer <token>`. Roles: admin
(everything), coordinator (per board: its plans and membership), member (per board: read,
record consultation responses), auditor (read everything and the audit log). A board you do
not belong to answers 404. Errors are `{"error": {"code", "message", "fields"}}`: 400 input
this document rules out, 401 no token, 403 not allowed, 404 not found, 405 a method the path
does not have (with `Allow`), 409 stale version or event not allowed from the plan's state,
412 stale `If-Match`, 413 body over the size limit (default 1 MiB), 415 body not JSON, 422
input this document allows but a rule refuses: requirements unmet (with `unmet` and
`warnings`, cited) or a rule over several fields or stored data (naming the field), 500 a
failure of the service (logged), 503 database unavailable. A JSON body is required where an
operation takes one; it may not nest deeper than 32 levels or hold an unpaired surrogate
escape (400). POST
requests take an `Idempotency-Key` header. A POST that creates something answers its
`Location`; plan reads carry an `ETag`, which an event POST takes as `If-Match` instead of
`version`. Every date the service
accepts lies between 2000-01-01 and 2100-12-31 (the rulebook's bounds); any other is a 400
naming the field. A change of review basis or rulebook takes `effective_from` (not before
today; default the start of the next year under the new basis): years that began before it
keep the old basis and rules. Asked for obligations before the regulations commenced
(2010-04-01), the answer is empty with an `Obligations-Notice` header saying so. An expired
plan can still be reviewed (`start_review`) while one of its review years is owed. The Board
monitors its partners (`/boards/{id}/monitoring`, s17A(3)(a)) and publishes an annual report
on each report year (`/annual-reports`, s17A(3)(b)), due `annual_report_months` (a board
setting, default 6) after the year ends."""


MAX_BODY_BYTES = 1024 * 1024  # a larger request body is refused with 413 (CYPP_MAX_BODY_BYTES)


class IdConverter(IntegerConverter):
    """``<int:...>`` path segments: database ids, 1 to 2**31-1 (anything else is a 404)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


class Converter(OpenAPIConverter):
    """Also writes a schema's ``OPENAPI`` keywords (a rule over several fields, such as
    "an authority or a list of them") into its component, so the document says it."""

    def schema2jsonschema(self, schema):
        return super().schema2jsonschema(schema) | getattr(schema, "OPENAPI", {})


class Plugin(MarshmallowPlugin):
    Converter = Converter


def _defaults() -> dict:
    return {
        "API_TITLE": "CYPP lifecycle", "API_VERSION": "v1", "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1", "OPENAPI_JSON_PATH": "openapi.json",
        "API_SPEC_OPTIONS": {
            "info": {"description": DESCRIPTION},
            "components": {"securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "calendarToken": {"type": "apiKey", "in": "query", "name": "token",
                                  "description": "A board's calendar token (read-only), for "
                                                 "the calendar feed only."}}},
            "security": [{"bearer": []}],
        },
    }


def init_app(app: Flask) -> None:
    """Register the API on ``app``, whose config holds ``UOW_FACTORY`` (see ``api.runtime``).

    Only the API's own endpoints need a bearer token; other blueprints on the
    same app (the web pages) are left to themselves."""
    for key, value in _defaults().items():
        app.config.setdefault(key, value)
    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's own default is None: no limit
        app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.json = body.JSONProvider(app)
    app.url_map.converters["int"] = IdConverter
    runtime.init_app(app)
    api = errors.Api(app, spec_kwargs={"marshmallow_plugin": Plugin()})
    api.register_converter(IdConverter, integerconverter2paramschema)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.extensions["cypp.api"] = api
    errors.init_app(app)
    docs.init_app(app)
    auth.init_app(app, {b.name for b in BLUEPRINTS} | {"api-docs", docs.bp.name})
