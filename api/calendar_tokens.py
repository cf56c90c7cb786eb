"""Calendar tokens of a board: ``/boards/{board_id}/calendar-tokens`` (list, create, revoke).

A calendar token opens that board's ``calendar.ics`` feed and nothing else;
it is shown once, when created. Managing them is a change to the board.
"""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import fields

from api.auth import actor
from api.blueprint import Blueprint
from api.runtime import uow
from api.schemas import Instant, StrictSchema
from lifecycle.access import CHANGE
from lifecycle.schemas.people import TokenNameSchema
from lifecycle.services import calendar_tokens

blp = Blueprint("calendar_tokens", __name__, url_prefix="/api/v1",
                description="Read-only, revocable tokens for a board's calendar feed.")


class CalendarTokenSchema(StrictSchema):
    id = fields.Integer()
    board_id = fields.Integer()
    name = fields.String()
    created_by = fields.String()
    created_at = Instant()
    revoked_at = Instant(allow_none=True)


class IssuedCalendarTokenSchema(CalendarTokenSchema):
    token = fields.String(metadata={"description": "Shown once: keep it in the calendar URL."})
    url = fields.String(metadata={"description": "The feed's path with the token."})


@blp.route("/boards/<int:board_id>/calendar-tokens")
class CalendarTokens(MethodView):
    """A board's calendar tokens."""

    permissions = {"get": CHANGE, "post": CHANGE}

    @blp.response(200, CalendarTokenSchema(many=True))
    def get(self, board_id):
        """The board's calendar tokens (never the tokens themselves), newest first."""
        return calendar_tokens.list_calendar_tokens(uow(), board_id)

    @blp.arguments(TokenNameSchema)
    @blp.response(201, IssuedCalendarTokenSchema)
    def post(self, body, board_id):
        """Create a named calendar token; the answer holds it and the feed's path, once.

        Not idempotent on purpose: a stored answer would keep the token in plain text."""
        issued = calendar_tokens.issue_calendar_token(uow(), actor(), board_id, body["name"])
        return issued | {"url": f"/api/v1/boards/{board_id}/calendar.ics?token={issued['token']}"}


@blp.route("/boards/<int:board_id>/calendar-tokens/<int:token_id>/revoke")
class RevokeCalendarToken(MethodView):
    """Revoking one calendar token."""

    permissions = {"post": CHANGE}

    @blp.response(200, CalendarTokenSchema)
    def post(self, board_id, token_id):
        """Revoke the token: its calendar URL stops working at once."""
        return calendar_tokens.revoke_calendar_token(uow(), actor(), board_id, token_id)
