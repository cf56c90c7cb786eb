"""The Board's approval of a plan: ``POST /plans/{plan_id}/approval``."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import fields

from api.auth import actor
from api.blueprint import Blueprint
from api.idempotency import idempotent
from api.plans import ApprovalSchema
from api.runtime import uow
from lifecycle import services
from lifecycle.access import CHANGE
from lifecycle.schemas.records import NewApprovalSchema

blp = Blueprint("approval", __name__, url_prefix="/api/v1",
                description="The Board's approval: its date and minute reference.")


class RecordedApprovalSchema(ApprovalSchema):
    version = fields.Integer(metadata={
        "description": "The plan's version after recording the approval: send it with the "
                       "next event."})


@blp.route("/plans/<int:plan_id>/approval")
class Approval(MethodView):
    """The Board's approval of a plan."""

    permissions = {"post": CHANGE}

    @idempotent
    @blp.arguments(NewApprovalSchema)
    @blp.response(200, RecordedApprovalSchema)
    def post(self, approval, plan_id):
        """Record the Board's approval (the plan must be finalising).

        Recording it changes the plan, so the answer carries the plan's new `version`."""
        return services.record_approval(uow(), actor(), plan_id, **approval)
