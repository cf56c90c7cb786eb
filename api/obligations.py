"""Statutory obligations: ``/boards/{board_id}/obligations`` and ``/obligations`` across boards."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from api.auth import visible_boards
from api.blueprint import Blueprint
from api.runtime import uow
from api.schemas import StrictSchema
from lifecycle import services
from lifecycle.access import READ
from lifecycle.obligations import STATUSES
from lifecycle.services.obligations import ORDERS

blp = Blueprint("obligations", __name__, url_prefix="/api/v1",
                description="What each Board must publish (reg 5) or review (reg 8(1)), by when, "
                            "and how it stands; every obligation carries its citation.")


NOTICE = "Obligations-Notice"


class AsOfSchema(StrictSchema):
    as_of = fields.Date(metadata={"description": "As things stood on this date (default today)."})


def _status_list():
    return fields.List(fields.String(validate=validate.OneOf(STATUSES)), metadata={
        "description": "Only these statuses; repeat it for several (`?status=overdue&"
                       "status=pending`)."})


class BoardObligationQuerySchema(AsOfSchema):
    status = _status_list()
    order = fields.String(load_default="urgency", validate=validate.OneOf(ORDERS), metadata={
        "description": "urgency (default): every overdue obligation first, then by due date; "
                       "due_on: by due date only."})


class ObligationQuerySchema(AsOfSchema):
    status = _status_list()
    due_before = fields.Date()


class ObligationSchema(Schema):
    board_id = fields.Integer()
    key = fields.String()
    kind = fields.String()
    title = fields.String()
    plan_id = fields.Integer(allow_none=True)
    previous_plan_id = fields.Integer(allow_none=True)
    due_on = fields.Date()
    status = fields.String()
    met_on = fields.Date(allow_none=True)
    met_by = fields.String(allow_none=True)
    late = fields.Boolean()
    citation = fields.String()
    rulebook = fields.String()
    reason = fields.String(allow_none=True)
    year_start = fields.Date(allow_none=True)
    year_end = fields.Date(allow_none=True)
    days_left = fields.Integer(metadata={
        "description": "Days from as_of to due_on (negative once it has passed)."})
    next_action = fields.String(allow_none=True, metadata={
        "description": "While pending or overdue: the next step that meets it (the event or "
                       "record to make, for the plan concerned); null once met or not "
                       "required."})


@blp.route("/boards/<int:board_id>/obligations")
class BoardObligations(MethodView):
    """One board's obligations."""

    permissions = {"get": READ}

    @blp.arguments(BoardObligationQuerySchema, location="query")
    @blp.response(200, ObligationSchema(many=True), headers={NOTICE: {
        "description": "Present when nothing can be due on as_of: the regulations were not "
                       "yet in force (the list is then empty).", "schema": {"type": "string"}}})
    def get(self, query, board_id):
        """The board's obligations as of a date (none before the regulations commenced).

        Overdue first, then by due date (`order=due_on`: by due date only); `status=` may be
        repeated. Each carries `days_left` and, while open, `next_action`."""
        report = services.board_obligation_report(uow(), board_id, query.get("as_of"),
                                                  statuses=query.get("status"),
                                                  order=query["order"])
        headers = {NOTICE: report["notice"]} if report["notice"] else {}
        return report["obligations"], 200, headers


@blp.route("/obligations")
class Obligations(MethodView):
    """Obligations across boards."""

    permissions = {"get": READ}

    @blp.arguments(ObligationQuerySchema, location="query")
    @blp.response(200, ObligationSchema(many=True))
    def get(self, query):
        """Obligations on the boards you may see, e.g. ``?status=overdue&due_before=...``."""
        return services.find_obligations(uow(), board_ids=visible_boards(), **query)
