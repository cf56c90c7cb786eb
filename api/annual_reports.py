"""The Board's annual report (s17A(3)(b)): ``/boards/{board_id}/annual-reports`` and
``/annual-reports/{report_id}`` (JSON, or the HTML or Markdown page the Board publishes)."""
from __future__ import annotations

from flask import Response
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from api.auth import actor
from api.blueprint import Blueprint
from api.idempotency import idempotent
from api.runtime import uow
from api.schemas import RequirementSchema, StrictSchema, Text
from lifecycle import services
from lifecycle.access import CHANGE, READ
from lifecycle.report_text import as_html, as_markdown

blp = Blueprint("annual_reports", __name__, url_prefix="/api/v1",
                description="The annual report on how far the partners acted in accordance with "
                            "the plan (Children Act 2004 s17A(3)(b); guidance 8.47, 8.48, 8.60).")

RENDERINGS = {"html": ("text/html", as_html), "markdown": ("text/markdown", as_markdown)}


class NewReportSchema(StrictSchema):
    year_start = fields.Date(required=True, metadata={
        "description": "The first day of one of the board's report years."})


class ReportChangesSchema(StrictSchema):
    governance_assessment = Text(50000, allow_none=True, required=True, metadata={
        "description": "The Chief Executive's and Leader's assessment (guidance 8.48)."})


class PublishReportSchema(StrictSchema):
    published_on = fields.Date(required=True, metadata={"description": "Not later than today."})
    url = fields.Url(required=True, validate=validate.Length(max=500))


class ReportQuerySchema(StrictSchema):
    format = fields.String(validate=validate.OneOf(["json", *RENDERINGS]), load_default="json",
                           metadata={"description": "html or markdown: the page to publish."})


class PublicationCheckSchema(Schema):
    on = fields.Date()
    allowed = fields.Boolean()
    unmet = fields.List(fields.Nested(RequirementSchema))
    warnings = fields.List(fields.Nested(RequirementSchema))


class ReportSummarySchema(Schema):
    id = fields.Integer()
    board_id = fields.Integer()
    year_start = fields.Date()
    year_end = fields.Date()
    status = fields.String(metadata={"description": "draft or published"})
    published_on = fields.Date(allow_none=True)
    url = fields.String(allow_none=True)


class ReportSchema(ReportSummarySchema):
    governance_assessment = fields.String(allow_none=True)
    citation = fields.String()
    contents = fields.Dict(metadata={
        "description": "board_name; partners [{member_id, organisation, representative, "
                       "entries [{id, on, assessment, evidence, recorded_by}]}]; plans; "
                       "reviews concluded in the year; governance_assessment. Fixed once "
                       "published; dates as ISO text."})
    publication_check = fields.Nested(PublicationCheckSchema, allow_none=True, metadata={
        "description": "For a draft: what publishing it today would find."})
    warnings = fields.List(fields.Nested(RequirementSchema), metadata={
        "description": "After publishing: the warnings (guidance 8.48, 8.60)."})


@blp.route("/boards/<int:board_id>/annual-reports")
class AnnualReports(MethodView):
    """A board's annual reports."""

    permissions = {"get": READ, "post": CHANGE}

    @blp.response(200, ReportSummarySchema(many=True))
    def get(self, board_id):
        """The board's reports by year."""
        return services.list_annual_reports(uow(), board_id)

    @idempotent
    @blp.arguments(NewReportSchema)
    @blp.response(201, ReportSchema)
    def post(self, body, board_id):
        """A draft report for one of the board's report years (audited)."""
        return services.create_annual_report(uow(), actor(), board_id, **body)


@blp.route("/annual-reports/<int:report_id>")
class AnnualReport(MethodView):
    """One annual report."""

    permissions = {"get": READ, "patch": CHANGE}

    @blp.arguments(ReportQuerySchema, location="query")
    @blp.response(200, ReportSchema)
    @blp.doc(responses={200: {"content": {kind: {"schema": {"type": "string"}}
                                          for kind, _ in RENDERINGS.values()}}})
    def get(self, query, report_id):
        """The report; ``?format=html`` or ``markdown`` gives the page the Board publishes."""
        report = services.get_annual_report(uow(), report_id)
        if query["format"] in RENDERINGS:
            mimetype, render = RENDERINGS[query["format"]]
            return Response(render(ReportSchema().dump(report)), mimetype=mimetype)
        return report

    @blp.arguments(ReportChangesSchema)
    @blp.response(200, ReportSchema)
    def patch(self, changes, report_id):
        """Record the governance assessment on a draft (409 once published)."""
        return services.update_annual_report(uow(), actor(), report_id, **changes)


@blp.route("/annual-reports/<int:report_id>/publish")
class PublishAnnualReport(MethodView):
    """Publishing a report meets the year's s17A(3)(b) obligation."""

    permissions = {"post": CHANGE}

    @idempotent
    @blp.arguments(PublishReportSchema)
    @blp.response(200, ReportSchema)
    def post(self, body, report_id):
        """Publish (422 cited s17A(3)(b) while a co-operating partner is unmonitored)."""
        return services.publish_annual_report(uow(), actor(), report_id, **body)
