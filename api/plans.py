"""Plans: ``/boards/{board_id}/plans`` and ``/plans/{plan_id}`` (the whole plan as one document)."""
from __future__ import annotations

from flask import request, url_for
from flask.views import MethodView
from marshmallow import Schema, fields

from api.auth import actor
from api.blueprint import LOCATION, Blueprint
from api.idempotency import idempotent
from api.runtime import uow
from api.schemas import RequirementSchema
from lifecycle import services
from lifecycle.access import CHANGE, READ
from lifecycle.schemas.plans import NewPlanSchema
from lifecycle.views import plan_etag

blp = Blueprint("plans", __name__, url_prefix="/api/v1",
                description="Children and Young People's Plans: state, version, available events "
                            "and every recorded fact.")


ETAG = {"ETag": {"description": "The plan document's entity tag (strong).",
                 "schema": {"type": "string"}}}


class ChecklistItemSchema(Schema):
    key = fields.String()
    matter = fields.String()
    citation = fields.String()
    status = fields.String()
    text = fields.String(allow_none=True)
    document_url = fields.String(allow_none=True)
    report_ref = fields.String(allow_none=True)
    report_date = fields.Date(allow_none=True)
    no_report_yet = fields.Boolean()
    note = fields.String(allow_none=True)


class ConsulteeSchema(Schema):
    id = fields.Integer()
    category = fields.String()
    citation = fields.String()
    name = fields.String(allow_none=True)
    authority = fields.String(allow_none=True, metadata={
        "description": "The authority area (a joint Board's reg 7(1)(e), (k), (l))."})
    invited_on = fields.Date(allow_none=True)
    response_due = fields.Date(allow_none=True)
    responded_on = fields.Date(allow_none=True)
    declined = fields.Boolean()
    summary = fields.String(allow_none=True)
    none_in_area = fields.Boolean()
    note = fields.String(allow_none=True)
    review_id = fields.Integer(allow_none=True)
    board_partner = fields.Boolean(metadata={
        "description": "A reg 7(1)(a)/(b) consultee that is a current Board partner: those "
                       "categories are for bodies that are not."})


class ChannelSchema(Schema):
    id = fields.Integer()
    channel = fields.String()
    citation = fields.String()
    revision = fields.Integer()
    organisation = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    done_on = fields.Date()


class ReviewSchema(Schema):
    id = fields.Integer()
    opened_on = fields.Date()
    concluded_on = fields.Date(allow_none=True)
    outcome = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    consultees = fields.List(fields.Nested(ConsulteeSchema))


class RevisionSchema(Schema):
    number = fields.Integer()
    review_id = fields.Integer()
    begun_on = fields.Date()
    published_on = fields.Date(allow_none=True)


class ApprovalSchema(Schema):
    approved_on = fields.Date(allow_none=True)
    minute_ref = fields.String(allow_none=True)


class PlanSummarySchema(Schema):
    id = fields.Integer()
    board_id = fields.Integer()
    sequence = fields.Integer()
    title = fields.String()
    period_start = fields.Date()
    period_end = fields.Date()
    predecessor_id = fields.Integer(allow_none=True)
    state = fields.String()
    version = fields.Integer()
    revision = fields.Integer()
    published_on = fields.Date(allow_none=True)


class PlanSchema(PlanSummarySchema):
    available_events = fields.List(fields.String())
    approval = fields.Nested(ApprovalSchema)
    superseded_on = fields.Date(allow_none=True)
    checklist = fields.List(fields.Nested(ChecklistItemSchema))
    consultees = fields.List(fields.Nested(ConsulteeSchema))
    publication_channels = fields.List(fields.Nested(ChannelSchema))
    reviews = fields.List(fields.Nested(ReviewSchema))
    revisions = fields.List(fields.Nested(RevisionSchema))
    warnings = fields.List(fields.Nested(RequirementSchema), metadata={
        "description": "After an event: guidance-level warnings (they do not block)."})


@blp.route("/boards/<int:board_id>/plans")
class BoardPlans(MethodView):
    """A board's plans."""

    permissions = {"get": READ, "post": CHANGE}

    @blp.response(200, PlanSummarySchema(many=True))
    def get(self, board_id):
        """The board's plans, first to latest."""
        return services.list_plans(uow(), board_id)

    @idempotent
    @blp.arguments(NewPlanSchema)
    @blp.response(201, PlanSchema, headers=LOCATION | ETAG)
    def post(self, plan, board_id):
        """Start a plan in drafting, with its 14 reg 4 matters missing."""
        created = services.create_plan(uow(), actor(), board_id, **plan)
        return created, 201, {"Location": url_for("plans.Plan", plan_id=created["id"]),
                              "ETag": quoted(plan_etag(created))}


def quoted(etag: str) -> str:
    """An entity tag as the ``ETag`` header carries it."""
    return f'"{etag}"'


@blp.route("/plans/<int:plan_id>")
class Plan(MethodView):
    """One plan, whole."""

    permissions = {"get": READ}

    @blp.response(200, PlanSchema, headers=ETAG)
    @blp.alt_response(304, description="Not modified: the ETag in If-None-Match is current.")
    def get(self, plan_id):
        """A plan: state, version, available events, checklist, consultees, publication, reviews.

        The `ETag` names this document (strong: it changes with any change to the plan); send
        it back as `If-Match` when firing an event, or as `If-None-Match` to get a 304 when
        nothing changed."""
        plan = services.get_plan(uow(), plan_id)
        etag = plan_etag(plan)
        if request.if_none_match.contains_weak(etag):
            return None, 304, {"ETag": quoted(etag)}
        return plan, 200, {"ETag": quoted(etag)}
