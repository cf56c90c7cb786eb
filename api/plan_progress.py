"""Where a plan stands and what comes next: ``/plans/{plan_id}/next-action``, ``/path``,
``/diagram.svg``, ``/obligations`` (a timeline) and ``/reminders`` (the reminder log)."""
from __future__ import annotations

from flask import Response
from flask.views import MethodView
from marshmallow import Schema, fields

from api.blueprint import Blueprint
from api.dashboard import DueSchema
from api.obligations import AsOfSchema, ObligationSchema
from api.runtime import uow
from api.schemas import Instant
from lifecycle import drawing, services
from lifecycle.access import READ

blp = Blueprint("plan-progress", __name__, url_prefix="/api/v1",
                description="A plan's next action, the path it has taken (and the diagram), "
                            "its obligations in date order and its reminder log.")


class NextActionSchema(Schema):
    plan_id = fields.Integer()
    board_id = fields.Integer()
    title = fields.String()
    state = fields.String()
    today = fields.Date()
    action = fields.String(metadata={"description": "The one thing to do next, in words."})
    obligation = fields.Nested(DueSchema, allow_none=True, metadata={
        "description": "The plan's soonest unmet obligation, if any."})


class StepSchema(Schema):
    event = fields.String()
    from_state = fields.String(allow_none=True)
    to_state = fields.String()
    on = fields.Date()
    at = Instant()
    actor = fields.String()
    reason = fields.String(allow_none=True)


class PathSchema(Schema):
    plan_id = fields.Integer()
    state = fields.String()
    steps = fields.List(fields.Nested(StepSchema))


class ChannelOutcomeSchema(Schema):
    channel = fields.String(metadata={"description": "email, webhook or in_app"})
    recipient = fields.String()
    status = fields.String()
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    delivered_at = Instant(allow_none=True)


class RungSchema(Schema):
    reminder_id = fields.Integer(allow_none=True, metadata={
        "description": "None for a rung not raised yet."})
    rung = fields.String()
    fire_on = fields.Date()
    status = fields.String(metadata={"description": "sent, failed, skipped, cancelled or "
                                                    "pending"})
    reason = fields.String()
    channels = fields.List(fields.Nested(ChannelOutcomeSchema))


class ChaseLogSchema(RungSchema):
    consultee_id = fields.Integer()


class ObligationRungsSchema(Schema):
    key = fields.String()
    kind = fields.String()
    title = fields.String()
    due_on = fields.Date()
    status = fields.String()
    citation = fields.String()
    rungs = fields.List(fields.Nested(RungSchema))


class ReminderLogSchema(Schema):
    plan_id = fields.Integer()
    today = fields.Date()
    obligations = fields.List(fields.Nested(ObligationRungsSchema))
    chases = fields.List(fields.Nested(ChaseLogSchema))


@blp.route("/plans/<int:plan_id>/next-action")
class NextAction(MethodView):
    permissions = {"get": READ}

    @blp.response(200, NextActionSchema)
    def get(self, plan_id):
        """The one thing to do next, its legal deadline and citation, and a countdown."""
        return services.next_action(uow(), plan_id)


@blp.route("/plans/<int:plan_id>/path")
class Path(MethodView):
    permissions = {"get": READ}

    @blp.response(200, PathSchema)
    def get(self, plan_id):
        """The states the plan went through, with dates, events, actors and reasons."""
        return services.plan_path(uow(), plan_id)


@blp.route("/plans/<int:plan_id>/diagram.svg")
class Diagram(MethodView):
    permissions = {"get": READ}

    @blp.doc(responses={200: {"description": "The lifecycle with the current state and the "
                                             "path taken marked (SVG).",
                              "content": {"image/svg+xml": {"schema": {"type": "string"}}}}})
    def get(self, plan_id):
        """The lifecycle diagram of this plan, as SVG."""
        return Response(drawing.plan_diagram(uow(), plan_id), mimetype="image/svg+xml")


@blp.route("/plans/<int:plan_id>/obligations")
class PlanObligations(MethodView):
    permissions = {"get": READ}

    @blp.arguments(AsOfSchema, location="query")
    @blp.response(200, ObligationSchema(many=True))
    def get(self, query, plan_id):
        """The plan's obligations in date order: status, met_on/met_by, citation."""
        return services.plan_obligations(uow(), plan_id, query.get("as_of"))


@blp.route("/plans/<int:plan_id>/reminders")
class Reminders(MethodView):
    permissions = {"get": READ}

    @blp.response(200, ReminderLogSchema)
    def get(self, plan_id):
        """Each rung of each obligation of the plan, and each chase: status, reason, channels."""
        return services.plan_reminders(uow(), plan_id)
