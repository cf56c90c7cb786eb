"""Monitoring the plan's implementation (s17A(3)(a)): ``/boards/{board_id}/monitoring``."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from api.auth import actor
from api.blueprint import Blueprint
from api.idempotency import idempotent
from api.runtime import uow
from api.schemas import Id, Instant, StrictSchema, Text
from lifecycle import services
from lifecycle.access import READ, RESPOND
from lifecycle.rules.monitoring import ASSESSMENTS
from lifecycle.services.common import MAX_PER_PAGE

blp = Blueprint("monitoring", __name__, url_prefix="/api/v1",
                description="How far each co-operating partner acts in accordance with the plan "
                            "(Children Act 2004 s17A(3)(a)); members and coordinators record.")


class NewMonitoringEntrySchema(StrictSchema):
    member_id = Id(required=True, metadata={"description": "The Board member (partner) assessed."})
    on = fields.Date(required=True, metadata={"description": "The day of the assessment "
                                                             "(not later than today)."})
    assessment = fields.String(required=True, validate=validate.OneOf(ASSESSMENTS))
    evidence = Text(20000, required=True, metadata={"description": "What it rests on."})


class MonitoringQuerySchema(StrictSchema):
    year_start = fields.Date(metadata={"description": "Only entries dated in the year beginning "
                                                      "on this day (on the board's year basis)."})
    member_id = Id()
    page = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1), load_default=1)
    per_page = fields.Integer(validate=validate.Range(min=1, max=MAX_PER_PAGE), load_default=50)


class MonitoringEntrySchema(Schema):
    id = fields.Integer()
    board_id = fields.Integer()
    member_id = fields.Integer()
    organisation = fields.String()
    on = fields.Date()
    assessment = fields.String()
    evidence = fields.String()
    recorded_by = fields.String()
    recorded_at = Instant()


class MonitoringPageSchema(Schema):
    board_id = fields.Integer()
    year_start = fields.Date(allow_none=True)
    year_end = fields.Date(allow_none=True)
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()
    entries = fields.List(fields.Nested(MonitoringEntrySchema))


@blp.route("/boards/<int:board_id>/monitoring")
class Monitoring(MethodView):
    """A board's monitoring entries."""

    permissions = {"get": READ, "post": RESPOND}

    @blp.arguments(MonitoringQuerySchema, location="query")
    @blp.response(200, MonitoringPageSchema)
    def get(self, query, board_id):
        """Entries newest first, paged, by year and member."""
        return services.list_monitoring(uow(), board_id, **query)

    @idempotent
    @blp.arguments(NewMonitoringEntrySchema)
    @blp.response(201, MonitoringEntrySchema)
    def post(self, entry, board_id):
        """Record how far a partner acted in accordance with the plan (audited)."""
        return services.record_monitoring(uow(), actor(), board_id, **entry)
