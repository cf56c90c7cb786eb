"""Relevant partners of a board's area: ``/boards/{board_id}/relevant-partners`` (s12A(2))."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import fields, validate

from api.auth import actor
from api.blueprint import Blueprint
from api.idempotency import idempotent
from api.runtime import uow
from api.schemas import StrictSchema, Text
from lifecycle import services
from lifecycle.access import CHANGE, READ
from lifecycle.rules.composition import PARTNER_TYPES

blp = Blueprint("relevant_partners", __name__, url_prefix="/api/v1",
                description="The establishing authority's relevant partners (Children Act 2004 "
                            "s10): the Board must include a representative of each, except a "
                            "Strategic Health Authority (s12A(2), (4)); one member may represent "
                            "several (s12A(5)). GET /boards/{id} lists each unrepresented body.")


class PartnerChangesSchema(StrictSchema):
    name = Text(200, min_length=1)
    partner_type = fields.String(validate=validate.OneOf(PARTNER_TYPES))
    since = fields.Date(allow_none=True, metadata={
        "description": "A relevant partner from this date (unset: as far as the records go)."})
    ended_on = fields.Date(allow_none=True, metadata={
        "description": "The day it stopped being a relevant partner."})


class NewPartnerSchema(PartnerChangesSchema):
    name = Text(200, required=True)
    partner_type = fields.String(required=True, validate=validate.OneOf(PARTNER_TYPES))


class PartnerSchema(StrictSchema):
    id = fields.Integer()
    board_id = fields.Integer()
    name = fields.String()
    partner_type = fields.String()
    since = fields.Date(allow_none=True)
    ended_on = fields.Date(allow_none=True)
    exempt = fields.Boolean(metadata={"description": "A Strategic Health Authority need not "
                                                     "sit on the Board (s12A(4))."})
    represented_by = fields.List(fields.Integer(), metadata={
        "description": "Members representing it on as_of (default today)."})


class AsOfSchema(StrictSchema):
    as_of = fields.Date()


@blp.route("/boards/<int:board_id>/relevant-partners")
class RelevantPartners(MethodView):
    """A board's relevant partners."""

    permissions = {"get": READ, "post": CHANGE}

    @blp.arguments(AsOfSchema, location="query")
    @blp.response(200, PartnerSchema(many=True))
    def get(self, query, board_id):
        """The relevant partners, past and present, and who represents each."""
        return services.list_relevant_partners(uow(), board_id, query.get("as_of"))

    @idempotent
    @blp.arguments(NewPartnerSchema)
    @blp.response(201, PartnerSchema)
    def post(self, partner, board_id):
        """Record a relevant partner of the board's area."""
        return services.add_relevant_partner(uow(), actor(), board_id, **partner)


@blp.route("/boards/<int:board_id>/relevant-partners/<int:partner_id>")
class RelevantPartner(MethodView):
    """One relevant partner."""

    permissions = {"patch": CHANGE}

    @blp.arguments(PartnerChangesSchema)
    @blp.response(200, PartnerSchema)
    def patch(self, changes, board_id, partner_id):
        """Change it, e.g. set ``ended_on`` when it stops being a relevant partner."""
        return services.update_relevant_partner(uow(), actor(), board_id, partner_id, **changes)
