"""Lifecycle events: ``POST /plans/{plan_id}/events`` (guarded, versioned, idempotent)."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import fields, validate

from api.auth import actor
from api.blueprint import Blueprint
from api.idempotency import idempotent
from api.plans import PlanSchema
from api.runtime import uow
from api.schemas import StrictSchema, Text
from lifecycle import services
from lifecycle.access import CHANGE
from lifecycle.machine import EVENTS

blp = Blueprint("events", __name__, url_prefix="/api/v1",
                description="Move a plan through its lifecycle. 409 when `version` is stale "
                            "(with the current state and version) or the event is not allowed "
                            "from the plan's state; 422 with every unmet requirement, cited, "
                            "when a guard refuses.")


class EventSchema(StrictSchema):
    event = fields.String(required=True, validate=validate.OneOf(EVENTS))
    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=0), metadata={
        "description": "The plan version you saw; a stale one is refused with 409."})
    on = fields.Date(metadata={"description": "When it happened (default today)."})
    reason = Text(10_000, allow_none=True)
    outcome = Text(40, allow_none=True, metadata={
        "description": "For conclude_review: no_revision_needed."})


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
