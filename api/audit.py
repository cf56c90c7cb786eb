"""The audit log: ``GET /audit`` (filtered, keyset-paginated, JSON or CSV) and ``/audit/verify``."""
from __future__ import annotations

from flask import Response, request, url_for
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from api.blueprint import Blueprint
from api.runtime import uow
from api.schemas import MAX_ID, Instant
from lifecycle.access import AUDIT
from lifecycle.audit_csv import audit_csv
from lifecycle.schemas.audit import AuditFilterSchema, audit_filters
from lifecycle.services.audit_log import MAX_PAGE, list_audit, verify_audit_log

blp = Blueprint("audit", __name__, url_prefix="/api/v1",
                description="The append-only, hash-chained audit log (admins and auditors).")

CSV = "text/csv"
PAGING_HEADERS = {
    "Link": {"description": "CSV: the next page, `<...>; rel=\"next\"` (absent on the last).",
             "schema": {"type": "string"}},
    "X-Next-Cursor": {"description": "CSV: the next page's cursor (absent on the last).",
                      "schema": {"type": "integer"}}}


class AuditQuerySchema(AuditFilterSchema):
    cursor = fields.Integer(validate=validate.Range(min=0, max=MAX_ID), metadata={
        "description": "The next_cursor of the previous page (a record id, 0 to 2**31-1)."})
    limit = fields.Integer(validate=validate.Range(min=1, max=MAX_PAGE), load_default=100)
    format = fields.String(validate=validate.OneOf(["json", "csv"]), metadata={
        "description": "csv: the same as `Accept: text/csv`. Columns: id, at (recorded, UTC), "
                       "on (the day it happened), event (lifecycle events as plan.<event>), "
                       "actor, board_id, plan_id, from, to, reason, details, hash."})
    bom = fields.Boolean(load_default=False, metadata={
        "description": "CSV: start with a UTF-8 byte order mark, so Excel reads it as UTF-8."})

    def _in_order(self, data, **kwargs):
        """`from` after `to` is left to the service: a 422 like any rule over several
        parameters, which the document cannot state (a 400 is for what it rules out)."""


class AuditRecordSchema(Schema):
    id = fields.Integer()
    at = Instant()
    actor = fields.String()
    event = fields.String()
    board_id = fields.Integer(allow_none=True)
    plan_id = fields.Integer(allow_none=True)
    from_state = fields.String(allow_none=True)
    to_state = fields.String(allow_none=True)
    payload = fields.Dict()
    prev_hash = fields.String()
    hash = fields.String()


class AuditPageSchema(Schema):
    records = fields.List(fields.Nested(AuditRecordSchema))
    next_cursor = fields.Integer(allow_none=True, metadata={
        "description": "Pass as `cursor` for the next page; null on the last page."})


class ChainReportSchema(Schema):
    intact = fields.Boolean()
    records = fields.Integer(metadata={"description": "Records checked (up to the first bad one)."})
    first_bad_id = fields.Integer(allow_none=True)
    problem = fields.String(allow_none=True)


def _wants_csv(query: dict) -> bool:
    if "format" in query:
        return query["format"] == "csv"
    return request.accept_mimetypes.best_match(["application/json", CSV]) == CSV


def _csv_response(page: dict, bom: bool) -> Response:
    response = Response(audit_csv(page["records"], bom=bom), mimetype=CSV)
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="audit.csv"'
    if page["next_cursor"] is not None:
        args = request.args.to_dict() | {"cursor": page["next_cursor"]}
        response.headers["X-Next-Cursor"] = str(page["next_cursor"])
        response.headers["Link"] = f'<{url_for("audit.AuditLog", **args)}>; rel="next"'
    return response


@blp.route("/audit")
class AuditLog(MethodView):
    """The audit log, page by page."""

    permissions = {"get": AUDIT}

    @blp.arguments(AuditQuerySchema, location="query")
    @blp.response(200, AuditPageSchema, headers=PAGING_HEADERS)
    @blp.doc(responses={200: {"content": {CSV: {"schema": {"type": "string"}}}}})
    def get(self, query):
        """Audit records oldest first, filtered; JSON, or CSV with the next page in ``Link``."""
        page = list_audit(uow(), audit_filters(query), query.get("cursor"), query["limit"])
        return _csv_response(page, query["bom"]) if _wants_csv(query) else page


@blp.route("/audit/verify")
class AuditVerify(MethodView):
    """The audit log's hash chain."""

    permissions = {"get": AUDIT}

    @blp.response(200, ChainReportSchema)
    def get(self):
        """Whether the hash chain is intact and, if not, the first bad record."""
        return verify_audit_log(uow())
