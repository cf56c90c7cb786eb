"""Reg 8(4): ``/plans/{plan_id}/membership-changes`` and their acknowledgement by a revision."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from api.auth import actor
from api.blueprint import Blueprint
from api.idempotency import idempotent
from api.runtime import uow
from lifecycle import services
from lifecycle.access import CHANGE, READ
from lifecycle.schemas.records import AcknowledgementSchema

blp = Blueprint("membership_changes", __name__, url_prefix="/api/v1",
                description="Board membership changes since the plan was published or last "
                            "reviewed; a revision cannot be published until each is "
                            "acknowledged (reg 8(4)).")


class MembershipChangeSchema(Schema):
    id = fields.String()
    member_id = fields.Integer()
    organisation = fields.String()
    change = fields.String(metadata={"description": "joined or left"})
    on = fields.Date()
    acknowledged = fields.Boolean()


@blp.route("/plans/<int:plan_id>/membership-changes")
class MembershipChanges(MethodView):
    """Reg 8(4) membership changes of a plan."""

    permissions = {"get": READ}

    @blp.response(200, MembershipChangeSchema(many=True))
    def get(self, plan_id):
        """Each change with its id and whether the pending revision has acknowledged it."""
        return services.list_membership_changes(uow(), plan_id)


@blp.route("/plans/<int:plan_id>/membership-changes/acknowledge")
class Acknowledge(MethodView):
    """Acknowledging membership changes."""

    permissions = {"post": CHANGE}

    @idempotent
    @blp.arguments(AcknowledgementSchema)
    @blp.response(200, MembershipChangeSchema(many=True))
    def post(self, acknowledgement, plan_id):
        """Record that the revision takes these changes into account."""
        return services.acknowledge_membership_changes(uow(), actor(), plan_id,
                                                       **acknowledgement)
