"""Consultation (reg 7; reg 8(2) during a review): ``/plans/{plan_id}/consultees``."""
from __future__ import annotations

from flask import g, url_for
from flask.views import MethodView
from marshmallow import Schema, fields

from api.auth import actor, current_user
from api.blueprint import LOCATION, Blueprint
from api.idempotency import idempotent
from api.plans import ConsulteeSchema
from api.runtime import email_enabled, uow
from api.schemas import RequirementSchema
from lifecycle import services
from lifecycle.access import CHANGE, READ, RESPOND, consultee_fields
from lifecycle.schemas.records import ConsultationSchema, NewConsulteeSchema

blp = Blueprint("consultees", __name__, url_prefix="/api/v1",
                description="Who was consulted (categories a-p of reg 7(1)), when, and what "
                            "they said. The record is fixed when consultation closes: no "
                            "consultee added or re-dated until reopen_consultation reopens it.")


class ChaseSchema(Schema):
    reminder_id = fields.Integer()
    on = fields.Date()
    status = fields.String()


class TrackedConsulteeSchema(ConsulteeSchema):
    reply = fields.String(metadata={"description": "answered, declined, none_in_area, "
                                                   "not_invited, awaited or not_replied"})
    chases = fields.List(fields.Nested(ChaseSchema))
    may_chase = fields.Boolean()


class CategorySchema(Schema):
    letter = fields.String()
    who = fields.String()
    citation = fields.String()
    rule = fields.String(metadata={"description": "always, all_in_area or board_decides"})
    mandatory = fields.Boolean()
    consultees = fields.List(fields.Nested(TrackedConsulteeSchema))


class TrackerSchema(Schema):
    plan_id = fields.Integer()
    state = fields.String()
    today = fields.Date()
    categories = fields.List(fields.Nested(CategorySchema))
    mandatory_missing = fields.List(fields.Nested(RequirementSchema))
    warnings = fields.List(fields.Nested(RequirementSchema))
    not_replied = fields.List(fields.Nested(TrackedConsulteeSchema), metadata={
        "description": "Invited, not answered, and the response date has passed."})


class ChasedSchema(Schema):
    consultee_id = fields.Integer()
    reminder_id = fields.Integer()
    rung = fields.String()
    chased_on = fields.Date()
    deliveries = fields.Integer(metadata={"description": "Email and webhook deliveries queued."})
    in_app = fields.Integer(metadata={"description": "Board users notified in the app."})
    subject = fields.String()


@blp.route("/plans/<int:plan_id>/consultee-tracker")
class Tracker(MethodView):
    """Consultation at a glance."""

    permissions = {"get": READ}

    @blp.response(200, TrackerSchema)
    def get(self, plan_id):
        """Consultees by reg 7(1) category, mandatory categories missing, who has not replied."""
        return services.consultee_tracker(uow(), plan_id)


@blp.route("/plans/<int:plan_id>/consultees/<int:consultee_id>/chase")
class Chase(MethodView):
    """Chasing a consultee."""

    permissions = {"post": CHANGE}

    @idempotent
    @blp.response(201, ChasedSchema)
    def post(self, plan_id, consultee_id):
        """Remind the board, through its channels, to chase a consultee who has not replied
        (400 if it has answered or was never invited)."""
        return services.chase_consultee(uow(), actor(), plan_id, consultee_id,
                                        email=email_enabled())


@blp.route("/plans/<int:plan_id>/consultees")
class Consultees(MethodView):
    """A plan's consultees."""

    permissions = {"post": CHANGE}

    @idempotent
    @blp.arguments(NewConsulteeSchema)
    @blp.response(201, ConsulteeSchema, headers=LOCATION)
    def post(self, consultee, plan_id):
        """Record a consultee, or that a mandatory category has no such body in the area."""
        created = services.add_consultee(uow(), actor(), plan_id, **consultee)
        return created, 201, {"Location": url_for("consultees.Consultee", plan_id=plan_id,
                                                  consultee_id=created["id"])}


@blp.route("/plans/<int:plan_id>/consultees/<int:consultee_id>")
class Consultee(MethodView):
    """One consultee."""

    permissions = {"patch": RESPOND}

    @blp.arguments(ConsultationSchema)
    @blp.response(200, ConsulteeSchema)
    def patch(self, changes, plan_id, consultee_id):
        """Record an invitation, a response, a refusal or a summary.

        Board members record responses only (`responded_on`, `declined`, `summary`): 403
        for other fields. Names and invitation and response dates are fixed once
        consultation closes (a review's consultees once the review concludes): 400.
        """
        return services.update_consultee(uow(), actor(), plan_id, consultee_id,
                                         only=consultee_fields(current_user(), g.board_id),
                                         **changes)
