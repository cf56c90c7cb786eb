"""Boards: ``/boards`` and ``/boards/{board_id}`` (settings, websites, rulebook)."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView
from marshmallow import fields, validate

from api.auth import actor, visible_boards
from api.blueprint import LOCATION, Blueprint
from api.idempotency import idempotent
from api.runtime import uow
from api.schemas import StrictSchema, Text
from lifecycle import services
from lifecycle.access import ADMINISTER, READ
from lifecycle.rules.rulebooks import REVIEW_BASES
from lifecycle.services.boards import update_board

blp = Blueprint("boards", __name__, url_prefix="/api/v1",
                description="Children's Trust Boards: who publishes, where, under which rulebook.")


EFFECTIVE = ("From this date (not before today); default the start of the next year under "
             "the new basis. Years that began before it keep the old basis and rules.")


class RulebookSwitchSchema(StrictSchema):
    rulebook = Text(100, load_default="local-policy")
    effective_from = fields.Date(metadata={"description": EFFECTIVE})
    plan_length_months = fields.Integer(strict=True, validate=validate.Range(1, 600),
                                        load_default=36)
    successor_grace_days = fields.Integer(strict=True, validate=validate.Range(0, 3650),
                                          load_default=42)
    review_basis = fields.String(validate=validate.OneOf(REVIEW_BASES), load_default="financial")


class BoardSettingsSchema(StrictSchema):
    """What PATCH may change (every field optional)."""

    name = Text(200, min_length=1)
    authority = Text(200, min_length=1)
    pct = Text(200, min_length=1)
    authority_website = fields.Url(allow_none=True, validate=validate.Length(max=500))
    pct_website = fields.Url(allow_none=True, validate=validate.Length(max=500))
    review_basis = fields.String(validate=validate.OneOf(REVIEW_BASES), metadata={
        "description": "A new year basis for reg 8(1) reviews, from effective_from."})
    effective_from = fields.Date(metadata={"description": "For review_basis: " + EFFECTIVE})
    rulebook = fields.Nested(RulebookSwitchSchema, metadata={
        "description": "Move the Board onto a local-policy rulebook from a date."})


class NewBoardSchema(StrictSchema):
    name = Text(200, required=True)
    authority = Text(200, required=True)
    pct = Text(200, required=True, metadata={"description": "The relevant PCT (reg 6(a))."})
    authority_website = fields.Url(allow_none=True, validate=validate.Length(max=500))
    pct_website = fields.Url(allow_none=True, validate=validate.Length(max=500))
    review_basis = fields.String(validate=validate.OneOf(REVIEW_BASES), load_default="financial")


class RulebookSchema(StrictSchema):
    rulebook = fields.String()
    effective_from = fields.Date()
    plan_length_months = fields.Integer()
    successor_grace_days = fields.Integer()
    review_basis = fields.String()


class ReviewBasisChangeSchema(StrictSchema):
    review_basis = fields.String()
    effective_from = fields.Date()


class BoardSchema(StrictSchema):
    id = fields.Integer()
    name = fields.String()
    authority = fields.String()
    pct = fields.String()
    authority_website = fields.String(allow_none=True)
    pct_website = fields.String(allow_none=True)
    review_basis = fields.String(metadata={"description": "The basis last chosen; see "
                                                          "review_basis_changes for when."})
    review_basis_changes = fields.List(fields.Nested(ReviewBasisChangeSchema))
    rulebooks = fields.List(fields.Nested(RulebookSchema))


@blp.route("/boards")
class Boards(MethodView):
    """The boards collection."""

    permissions = {"get": READ, "post": ADMINISTER}

    @blp.response(200, BoardSchema(many=True))
    def get(self):
        """The boards you may see."""
        return services.list_boards(uow(), visible_boards())

    @idempotent
    @blp.arguments(NewBoardSchema)
    @blp.response(201, BoardSchema, headers=LOCATION)
    def post(self, board):
        """Create a board (admin)."""
        created = services.create_board(uow(), actor(), **board)
        return created, 201, {"Location": url_for("boards.Board", board_id=created["id"])}


@blp.route("/boards/<int:board_id>")
class Board(MethodView):
    """One board."""

    permissions = {"get": READ, "patch": ADMINISTER}

    @blp.response(200, BoardSchema)
    def get(self, board_id):
        """One board, with its rulebooks."""
        return services.get_board(uow(), board_id)

    @blp.arguments(BoardSettingsSchema)
    @blp.response(200, BoardSchema)
    def patch(self, changes, board_id):
        """Change settings and websites, or switch rulebook from a date (admin)."""
        return update_board(uow(), actor(), board_id, **changes)
