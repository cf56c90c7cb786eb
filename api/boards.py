"""Boards: ``/boards`` and ``/boards/{board_id}`` (settings, websites, rulebook)."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView
from marshmallow import fields

from api.auth import actor, visible_boards
from api.blueprint import LOCATION, Blueprint
from api.idempotency import idempotent
from api.runtime import uow
from api.schemas import StrictSchema
from lifecycle import services
from lifecycle.access import ADMINISTER, READ
from lifecycle.schemas.boards import BoardSettingsSchema, NewBoardSchema
from lifecycle.services.boards import update_board

blp = Blueprint("boards", __name__, url_prefix="/api/v1",
                description="Children's Trust Boards: who publishes, where, under which rulebook.")


class RulebookSchema(StrictSchema):
    rulebook = fields.String()
    effective_from = fields.Date()
    plan_length_months = fields.Integer()
    successor_grace_days = fields.Integer()
    review_basis = fields.String()


class ReviewBasisChangeSchema(StrictSchema):
    review_basis = fields.String()
    effective_from = fields.Date()


class AnnualReportMonthsSchema(StrictSchema):
    months = fields.Integer()
    effective_from = fields.Date()


class CompositionSchema(StrictSchema):
    requirement = fields.String()
    citation = fields.String()
    body = fields.String()
    kind = fields.String(metadata={"description": "authority or partner"})
    partner_type = fields.String(allow_none=True)
    unrepresented_since = fields.Date(allow_none=True, metadata={
        "description": "When the gap began, as far as the records tell."})


class BoardSchema(StrictSchema):
    id = fields.Integer()
    name = fields.String()
    authority = fields.String()
    pct = fields.String()
    authorities = fields.List(fields.String())
    pcts = fields.List(fields.String())
    authority_website = fields.String(allow_none=True)
    pct_website = fields.String(allow_none=True)
    review_basis = fields.String(metadata={"description": "The basis last chosen; see "
                                                          "review_basis_changes for when."})
    review_basis_changes = fields.List(fields.Nested(ReviewBasisChangeSchema))
    rulebooks = fields.List(fields.Nested(RulebookSchema))
    annual_report_months = fields.Integer(metadata={
        "description": "Months after a year ends by whose last day its annual report is due."})
    annual_report_months_changes = fields.List(fields.Nested(AnnualReportMonthsSchema))
    composition_on = fields.Date()
    composition = fields.List(fields.Nested(CompositionSchema), metadata={
        "description": "Each body the Board must include (s12A(2)) that no member represents "
                       "on composition_on."})


class AsOfSchema(StrictSchema):
    as_of = fields.Date(metadata={"description": "The date of the composition findings "
                                                 "(default today)."})


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

    @blp.arguments(AsOfSchema, location="query")
    @blp.response(200, BoardSchema)
    def get(self, query, board_id):
        """One board, with its rulebooks and its composition on a date."""
        return services.get_board(uow(), board_id, query.get("as_of"))

    @blp.arguments(BoardSettingsSchema)
    @blp.response(200, BoardSchema)
    def patch(self, changes, board_id):
        """Change settings and websites, or switch rulebook from a date (admin)."""
        return update_board(uow(), actor(), board_id, **changes)
