"""Lifecycle events: ``POST /plans/{plan_id}/events`` (guarded, versioned, idempotent)."""
from __future__ import annotations

from flask import request
from flask.views import MethodView
from marshmallow import fields, validate

from api.auth import actor
from api.blueprint import Blueprint
from api.errors import error_response
from api.idempotency import idempotent
from api.plans import ETAG, PlanSchema, quoted
from api.runtime import uow
from api.schemas import RequirementSchema, StrictSchema
from lifecycle import services
from lifecycle.access import CHANGE, READ
from lifecycle.machine import EVENTS
from lifecycle.schemas.plans import EventDetailsSchema
from lifecycle.views import plan_etag

blp = Blueprint("events", __name__, url_prefix="/api/v1",
                description="Move a plan through its lifecycle. 409 when `version` is stale "
                            "(with the current state and version) or the event is not allowed "
                            "from the plan's state; 422 with every unmet requirement, cited, "
                            "when a guard refuses. Events on a plan are in date order, and a "
                            "guard counts only the facts dated on or before the event's `on`. "
                            "The check routes run the same guard as firing and change nothing.")

IF_MATCH = {"parameters": [{
    "in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
    "description": "Instead of `version`: the plan's ETag as you read it. If the plan has "
                   "changed since (any change, not only a new version), nothing is done and the "
                   "answer is 412 (RFC 9110 13.1.1). `*` matches any current plan."}]}


class EventSchema(EventDetailsSchema):
    event = fields.String(required=True, validate=validate.OneOf(EVENTS))
    version = fields.Integer(strict=True, validate=validate.Range(min=0), metadata={
        "description": "The plan version you saw; a stale one is refused with 409. Required "
                       "unless an If-Match header is sent."})


@blp.route("/plans/<int:plan_id>/events")
class Events(MethodView):
    """Lifecycle events of a plan."""

    permissions = {"post": CHANGE}

    @idempotent
    @blp.arguments(EventSchema)
    @blp.response(200, PlanSchema, headers=ETAG)
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(412, response="PRECONDITION_FAILED")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    @blp.doc(**IF_MATCH)
    def post(self, fired, plan_id):
        """Fire an event; the plan as it now stands, with any warnings.

        Say which plan you saw with `version` (stale: 409 with the current state and version)
        or an `If-Match` header carrying its ETag (changed: 412); with both, both must hold."""
        if "version" not in fired and not request.if_match:
            return error_response(422, "invalid", "version: give the plan's version, or send "
                                  "If-Match with its ETag", {"version": [
                                      "Missing data for required field (or send If-Match)."]})
        etags = None if request.if_match.star_tag or not request.if_match else \
            frozenset(request.if_match.as_set())
        plan = services.fire_event(uow(), actor(), plan_id, fired["event"], on=fired.get("on"),
                                   reason=fired.get("reason"), outcome=fired.get("outcome"),
                                   expected_version=fired.get("version"), expected_etags=etags)
        return plan, 200, {"ETag": quoted(plan_etag(plan))}


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
