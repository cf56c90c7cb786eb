"""``GET /boards/{board_id}/calendar.ics?token=...``: the board's obligations as an iCalendar
feed for calendar clients, which cannot send a bearer header, so the token rides in the URL.
That token must be a live *calendar* token of this board (``calendar_tokens``): a user's API
token there is refused, so a leaked calendar URL allows no writes. A bearer header with a
user's token works too. Read-only: every obligation is an all-day event with an alarm for
each rung of the ladder."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import Response, abort
from flask.views import MethodView
from icalendar import Alarm, Calendar, Event
from marshmallow import fields

from api.auth import _bearer_token, public, require_board
from api.blueprint import STANDARD_ERRORS, Blueprint, document_errors
from api.runtime import new_uow, uow
from api.schemas import StrictSchema
from lifecycle import services
from lifecycle.access import READ, may
from lifecycle.errors import NotFound
from lifecycle.rules.reminders import Ladder
from lifecycle.services import access
from lifecycle.services.calendar_tokens import calendar_board
from lifecycle.services.notification_settings import get_notification_settings
from lifecycle.services.reminders import obligation_title

blp = Blueprint("calendar", __name__, url_prefix="/api/v1",
                description="Obligations as a calendar feed (token in the URL).")


class CalendarQuerySchema(StrictSchema):
    token = fields.String(metadata={"description": "A calendar token of this board (calendar "
                                                   "clients cannot send an Authorization header)."})


def _event(board_id: int, obligation: dict, ladder: Ladder, stamp: datetime) -> Event:
    event = Event()
    title = obligation_title(obligation["kind"], obligation["year_start"], obligation["year_end"])
    event.add("uid", f"{obligation['key']}@board-{board_id}.cypp-lifecycle")
    event.add("summary", f"{title} ({obligation['citation']}) - {obligation['status']}")
    event.add("dtstart", obligation["due_on"])
    event.add("dtend", obligation["due_on"] + timedelta(days=1))
    event.add("dtstamp", stamp)
    event.add("description", f"Due on or before {obligation['due_on']} "
                             f"({obligation['citation']}); status {obligation['status']}.")
    if obligation["status"] in ("pending", "overdue"):
        for days in (*ladder.before, *([0] if ladder.on_due_date else [])):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{title}: due in {days} days" if days else
                      f"{title}: due today")
            alarm.add("trigger", timedelta(days=-days, hours=9 if not days else 0))
            event.add_component(alarm)
    return event


def board_calendar(board_id: int, obligations: list[dict], ladder: Ladder,
                   stamp: datetime) -> bytes:
    """The iCalendar document of a board's obligations."""
    calendar = Calendar()
    calendar.add("prodid", "-//cypp-lifecycle//obligations//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"CYPP obligations, board {board_id}")
    for obligation in obligations:
        calendar.add_component(_event(board_id, obligation, ladder, stamp))
    return calendar.to_ical()


def _authorize_bearer(board_id: int) -> None:
    user = access.authenticate(new_uow(), _bearer_token())
    if user is None:
        abort(401, description="a calendar token (?token=...) or a bearer header is required")
    require_board(user, board_id=board_id)
    if not may(user, READ, board_id):
        raise NotFound(f"board {board_id} does not exist")


def _with_errors(view):
    """A public view answers the same errors as the others; document them (before routing)."""
    document_errors(view, STANDARD_ERRORS | {404: "NOT_FOUND"})
    return view


@blp.route("/boards/<int:board_id>/calendar.ics")
@_with_errors
@public
class BoardCalendar(MethodView):
    @blp.arguments(CalendarQuerySchema, location="query")
    @blp.response(200, content_type="text/calendar",
                  description="An iCalendar (RFC 5545) document.")
    def get(self, query, board_id):
        """The board's obligations, each an all-day event with the ladder's alarms."""
        if "token" in query:
            if calendar_board(new_uow(), query["token"]) != board_id:
                abort(401, description="?token= must be a live calendar token of this board")
        else:
            _authorize_bearer(board_id)
        ladder = Ladder.from_settings(get_notification_settings(uow(), board_id)["ladder"])
        obligations = services.board_obligations(uow(), board_id)
        return Response(board_calendar(board_id, obligations, ladder, new_uow().clock.now()),
                        mimetype="text/calendar")
