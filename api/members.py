"""Board membership: ``/boards/{board_id}/members`` (dated, for reg 8(4))."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView
from marshmallow import fields

from api.auth import actor
from api.blueprint import LOCATION, Blueprint
from api.idempotency import idempotent
from api.runtime import uow
from api.schemas import StrictSchema
from lifecycle import services
from lifecycle.access import CHANGE, READ
from lifecycle.schemas.boards import MemberChangesSchema, NewMemberSchema

blp = Blueprint("members", __name__, url_prefix="/api/v1",
                description="Board partners and their representatives, with joining and leaving "
                            "dates (reg 8(4) lists the changes).")


class MemberSchema(StrictSchema):
    id = fields.Integer()
    board_id = fields.Integer()
    organisation = fields.String()
    partner_type = fields.String()
    statutory = fields.Boolean()
    representative = fields.String(allow_none=True)
    joined_on = fields.Date()
    left_on = fields.Date(allow_none=True)
    represents_partners = fields.List(fields.Integer())
    represents_authorities = fields.List(fields.String())


@blp.route("/boards/<int:board_id>/members")
class Members(MethodView):
    """A board's members."""

    permissions = {"get": READ, "post": CHANGE}

    @blp.response(200, MemberSchema(many=True))
    def get(self, board_id):
        """The board's members, past and present."""
        return services.list_members(uow(), board_id)

    @idempotent
    @blp.arguments(NewMemberSchema)
    @blp.response(201, MemberSchema, headers=LOCATION)
    def post(self, member, board_id):
        """Record a partner joining the board."""
        created = services.add_member(uow(), actor(), board_id, **member)
        return created, 201, {"Location": url_for("members.Member", board_id=board_id,
                                                  member_id=created["id"])}


@blp.route("/boards/<int:board_id>/members/<int:member_id>")
class Member(MethodView):
    """One member of a board."""

    permissions = {"patch": CHANGE}

    @blp.arguments(MemberChangesSchema)
    @blp.response(200, MemberSchema)
    def patch(self, changes, board_id, member_id):
        """Change a member, e.g. set ``left_on`` when a partner leaves."""
        return services.update_member(uow(), actor(), board_id, member_id, **changes)
