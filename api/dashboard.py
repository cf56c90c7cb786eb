"""The dashboard: ``GET /dashboard``, the boards you may see, most pressing first."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from api.auth import current_user
from api.blueprint import Blueprint
from api.runtime import uow
from api.schemas import StrictSchema
from lifecycle import services
from lifecycle.access import READ
from lifecycle.services.dashboard import MAX_PER_PAGE

blp = Blueprint("dashboard", __name__, url_prefix="/api/v1",
                description="Your boards and plans, each with its next obligation and a "
                            "red/amber/green mark in words; overdue first, then soonest due.")


class PageQuerySchema(StrictSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=2**31 - 1))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PER_PAGE))


class MarkSchema(Schema):
    rag = fields.String(metadata={"description": "red, amber or green"})
    words = fields.String(metadata={"description": "overdue, due within 30 days, or fine"})


class DueSchema(Schema):
    """An obligation still to be met."""

    key = fields.String()
    kind = fields.String()
    plan_id = fields.Integer(allow_none=True)
    title = fields.String()
    due_on = fields.Date(metadata={"description": "A date in England."})
    deadline = fields.String(metadata={"description": "e.g. on or before 12 May 2014"})
    citation = fields.String()
    status = fields.String(metadata={"description": "pending or overdue"})
    days_left = fields.Integer(metadata={"description": "Negative once overdue."})
    countdown = fields.String(metadata={"description": "due in 12 days, due today, "
                                                       "overdue by 3 days"})
    mark = fields.Nested(MarkSchema)


class DashboardPlanSchema(Schema):
    plan_id = fields.Integer()
    sequence = fields.Integer()
    title = fields.String()
    state = fields.String()
    period_start = fields.Date()
    period_end = fields.Date()
    next_obligation = fields.Nested(DueSchema, allow_none=True)


class DashboardBoardSchema(Schema):
    board_id = fields.Integer()
    board_name = fields.String()
    next_obligation = fields.Nested(DueSchema, allow_none=True)
    plans = fields.List(fields.Nested(DashboardPlanSchema))


class DashboardSchema(Schema):
    today = fields.Date()
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer(metadata={"description": "Boards you may see."})
    pages = fields.Integer()
    boards = fields.List(fields.Nested(DashboardBoardSchema))


@blp.route("/dashboard")
class Dashboard(MethodView):
    permissions = {"get": READ}

    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, DashboardSchema)
    def get(self, query):
        """One page of your boards: overdue first, then soonest due, then nothing due."""
        return services.dashboard(uow(), current_user(), query["page"], query["per_page"])
