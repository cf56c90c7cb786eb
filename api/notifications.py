"""In-app notifications and delivery incidents: ``GET /notifications`` (the caller's feed),
``POST /boards/{board_id}/notifications/read``, ``GET /incidents`` and
``GET /boards/{board_id}/incidents`` (admins, auditors and the board's coordinators)."""
from __future__ import annotations

from flask import abort
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from api.auth import current_user, visible_boards
from api.blueprint import Blueprint
from api.runtime import uow
from api.schemas import Id, Instant, StrictSchema, capped
from lifecycle.access import READ
from lifecycle.services.incidents import list_incidents
from lifecycle.services.notifications import list_notifications, mark_board_notifications_read

blp = Blueprint("notifications", __name__, url_prefix="/api/v1",
                description="Reminders in the app, and deliveries that failed for good.")


class FeedQuerySchema(StrictSchema):
    unread = fields.Boolean(load_default=False, metadata={"description": "Only unread ones."})
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))


MAX_MARKED = 500  # the feed's largest page


class MarkReadSchema(StrictSchema):
    ids = fields.List(Id(), validate=capped(MAX_MARKED, "ids"), metadata={
        "description": "Only these (default: all of the board's)."})


class NotificationSchema(Schema):
    id = fields.Integer()
    board_id = fields.Integer()
    reminder_id = fields.Integer()
    subject = fields.String()
    body = fields.String()
    created_at = Instant()
    read_at = Instant(allow_none=True)


class IncidentSchema(Schema):
    kind = fields.String(metadata={"description": "delivery (a reminder that kept failing) or "
                                                  "evaluation (a board whose daily evaluation "
                                                  "raised; the others were still evaluated)"})
    delivery_id = fields.Integer()
    board_id = fields.Integer()
    board_name = fields.String()
    reminder_id = fields.Integer()
    channel = fields.String()
    recipient = fields.String()
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    failed_at = Instant(allow_none=True)
    subject = fields.String(allow_none=True)
    obligation_key = fields.String(allow_none=True)
    rung = fields.String(allow_none=True)


def _may_see_incidents() -> None:
    if current_user().role == "member":
        abort(403, description="incidents are for admins, auditors and coordinators")


@blp.route("/notifications")
class Notifications(MethodView):
    permissions = {"get": READ}

    @blp.arguments(FeedQuerySchema, location="query")
    @blp.response(200, NotificationSchema(many=True))
    def get(self, query):
        """Your notifications, newest first."""
        return list_notifications(uow(), current_user().id, unread_only=query["unread"],
                                  limit=query["limit"])


@blp.route("/boards/<int:board_id>/notifications/read")
class MarkRead(MethodView):
    permissions = {"post": READ}

    @blp.arguments(MarkReadSchema)
    @blp.response(200, NotificationSchema(many=True))
    def post(self, body, board_id):
        """Mark your notifications of this board read; those that were marked."""
        return mark_board_notifications_read(uow(), current_user().id, board_id,
                                             body.get("ids"))


@blp.route("/incidents")
class Incidents(MethodView):
    permissions = {"get": READ}

    @blp.response(200, IncidentSchema(many=True))
    def get(self):
        """Open incidents on the boards you may see: boards whose daily evaluation fails, and
        deliveries that failed after every attempt."""
        _may_see_incidents()
        return list_incidents(uow(), visible_boards())


@blp.route("/boards/<int:board_id>/incidents")
class BoardIncidents(MethodView):
    permissions = {"get": READ}

    @blp.response(200, IncidentSchema(many=True))
    def get(self, board_id):
        """This board's open incidents (evaluation failures, failed deliveries)."""
        _may_see_incidents()
        return list_incidents(uow(), {board_id})
