"""Lifecycle events: ``POST /plans/{plan_id}/events`` (guarded, versioned, idempotent)."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import fields, validate

from api.auth import actor
from api.blueprint import Blueprint
from api.idempotency import idempotent
from api.plans import PlanSchema
from api.runtime import uow
from api.schemas import RequirementSchema, StrictSchema
from lifecycle import services
from lifecycle.access import CHANGE, READ
from lifecycle.machine import EVENTS
from lifecycle.schemas.plans import EventDetailsSchema

blp = Blueprint("events", __name__, url_prefix="/api/v1",
                description="Move a plan through its lifecycle. 409 when `version` is stale "
                            "(with the current state and version) or the event is not allowed "
                            "from the plan's state; 422 with every unmet requirement, cited, "
                            "when a guard refuses. Events on a plan are in date order, and a "
                            "guard counts only the facts dated on or before the event's `on`. "
                            "The check routes run the same guard as firing and change nothing.")


class EventSchema(EventDetailsSchema):
    event = fields.String(required=True, validate=validate.OneOf(EVENTS))
    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=0), metadata={
        "description": "The plan version you saw; a stale one is refused with 409."})


@blp.route("/plans/<int:plan_id>/events")
class Events(MethodView):
    """Lifecycle events of a plan."""

    permissions = {"post": CHANGE}

    @idempotent
    @blp.arguments(EventSchema)
    @blp.response(200, PlanSchema)
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self, fired, plan_id):
        """Fire an event; the plan as it now stands, with any warnings."""
        return services.fire_event(uow(), actor(), plan_id, fired["event"], on=fired.get("on"),
                                   reason=fired.get("reason"), outcome=fired.get("outcome"),
                                   expected_version=fired["version"])


class CheckQuerySchema(StrictSchema):
    on = fields.Date(metadata={"description": "The day the event would be dated (default today)."})


class CheckSchema(StrictSchema):
    event = fields.String()
    on = fields.Date()
    allowed = fields.Boolean(metadata={"description": "Firing it on `on` would be accepted."})
    unmet = fields.List(fields.Nested(RequirementSchema), metadata={
        "description": "Every unmet requirement, cited (or that the event is not available)."})
    warnings = fields.List(fields.Nested(RequirementSchema))


@blp.route("/plans/<int:plan_id>/events/<event>/check")
class EventCheck(MethodView):
    """A dry run of one event."""

    permissions = {"get": READ}

    @blp.arguments(CheckQuerySchema, location="query")
    @blp.response(200, CheckSchema)
    def get(self, query, plan_id, event):
        """Whether the event dated `on` would be accepted, with every unmet requirement; nothing
        is changed or audited. An event not available from the plan's state is not allowed."""
        return services.check_event(uow(), plan_id, event, on=query.get("on"))


@blp.route("/plans/<int:plan_id>/events/checks")
class EventChecks(MethodView):
    """A dry run of every event available from the plan's state."""

    permissions = {"get": READ}

    @blp.arguments(CheckQuerySchema, location="query")
    @blp.response(200, CheckSchema(many=True))
    def get(self, query, plan_id):
        """The check of each user event available from the plan's state; nothing is changed."""
        return services.check_available_events(uow(), plan_id, on=query.get("on"))
