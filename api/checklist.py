"""The reg 4 checklist: ``PUT /plans/{plan_id}/checklist/{key}``."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import fields, validate

from api.auth import actor
from api.blueprint import Blueprint
from api.plans import ChecklistItemSchema
from api.runtime import uow
from api.schemas import StrictSchema, Text
from lifecycle import services
from lifecycle.access import CHANGE
from lifecycle.rules.checklist import MATTERS, STATUSES

blp = Blueprint("checklist", __name__, url_prefix="/api/v1",
                description="What a plan must contain (reg 4): 14 matters, keys "
                            + ", ".join(m.key for m in MATTERS) + ".")


class ChecklistEntrySchema(StrictSchema):
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    text = Text(100_000, allow_none=True)
    document_url = Text(500, allow_none=True)
    report_ref = Text(500, allow_none=True, metadata={
        "description": "behaviour_attendance (4(3)(e)) and safeguarding (4(3)(f)) only."})
    report_date = fields.Date(allow_none=True)
    no_report_yet = fields.Boolean(load_default=False, metadata={
        "description": "4(3)(e)/(f): no such report has been submitted yet (a warning)."})
    note = Text(10_000, allow_none=True)


@blp.route("/plans/<int:plan_id>/checklist/<string:key>")
class ChecklistItem(MethodView):
    """One reg 4 matter of a plan."""

    permissions = {"put": CHANGE}

    @blp.arguments(ChecklistEntrySchema)
    @blp.response(200, ChecklistItemSchema)
    def put(self, entry, plan_id, key):
        """Set one matter's status and content."""
        return services.update_checklist_item(uow(), actor(), plan_id, key, **entry)
