"""``GET /boards/{board_id}/calendar.ics?token=...``: the board's obligations as an iCalendar
feed for calendar clients, which cannot send a bearer header, so the token rides in the URL.
That token must be a live *calendar* token of this board (``calendar_tokens``): a user's API
token there is refused, so a leaked calendar URL allows no writes. A bearer header with a
user's token works too.

Every obligation is an all-day event on its due date, with an alarm at 09:00 England time on
each day of the board's reminder ladder still to come; an overdue one is shown on today's
date as well until it is met. UIDs carry the installation's id, so two installations never
collide in one calendar. The feed asks to be fetched every 12 hours (``REFRESH-INTERVAL``,
``X-PUBLISHED-TTL``) and answers ``ETag``/``Last-Modified`` (304 when unchanged)."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta, timezone

from flask import Response, abort, request
from flask.views import MethodView
from icalendar import Alarm, Calendar, Event, vDuration

from api.auth import _bearer_token, public, require_board
from api.blueprint import STANDARD_ERRORS, Blueprint, document_errors
from api.runtime import new_uow, uow
from lifecycle.access import READ, may
from lifecycle.clock import LONDON
from lifecycle.errors import NotFound
from lifecycle.rules.reminders import alarm_rungs
from lifecycle.rules.urgency import countdown
from lifecycle.services import access
from lifecycle.services.calendar_feed import calendar_feed
from lifecycle.services.calendar_tokens import calendar_board

blp = Blueprint("calendar", __name__, url_prefix="/api/v1",
                description="Obligations as a calendar feed (token in the URL).")

REFRESH = timedelta(hours=12)
ALARM_TIME = time(9, 0)  # England time, whatever the calendar client's own zone
OPEN = ("pending", "overdue")


def _at_nine(day: date) -> datetime:
    return datetime.combine(day, ALARM_TIME, LONDON).astimezone(timezone.utc)


def _alarms(event: Event, obligation: dict, ladder, today: date, title: str) -> None:
    for rung in alarm_rungs(ladder, obligation["due_on"], today):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{title}: {countdown(obligation['due_on'], rung.fire_on)} "
                                 f"({obligation['citation']})")
        alarm.add("trigger", _at_nine(rung.fire_on))
        event.add_component(alarm)


def _event(feed: dict, obligation: dict, day: date, uid: str, summary: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("dtstamp", feed["last_modified"])
    event.add("transp", "TRANSPARENT")
    lines = [f"Due {obligation['due_on']:%-d %B %Y} ({obligation['citation']}); status "
             f"{obligation['status']}."]
    if obligation.get("next_action"):
        lines.append(f"Next: {obligation['next_action']}.")
    event.add("description", " ".join(lines))
    return event


def _events(feed: dict, obligation: dict) -> list[Event]:
    """The obligation on its due date and, while overdue, again on today's date."""
    uid = f"{obligation['key']}.board-{feed['board_id']}@{feed['installation_id']}"
    title, today = obligation["title"], feed["today"]
    main = _event(feed, obligation, obligation["due_on"], uid,
                  f"{title} ({obligation['citation']}) - {obligation['status']}")
    if obligation["status"] not in OPEN:
        return [main]
    _alarms(main, obligation, feed["ladder"], today, title)
    if obligation["status"] != "overdue":
        return [main]
    overdue = _event(feed, obligation, today, f"{obligation['key']}.overdue.board-"
                     f"{feed['board_id']}@{feed['installation_id']}",
                     f"Overdue: {title} - {countdown(obligation['due_on'], today)} "
                     f"({obligation['citation']})")
    return [main, overdue]


def board_calendar(feed: dict) -> bytes:
    """The iCalendar document of a board's feed (``lifecycle.services.calendar_feed``)."""
    calendar = Calendar()
    calendar.add("prodid", "-//cypp-lifecycle//obligations//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{feed['board_name']}: CYPP obligations")
    calendar.add("x-wr-caldesc", "Statutory Children and Young People's Plan obligations")
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for obligation in feed["obligations"]:
        for event in _events(feed, obligation):
            calendar.add_component(event)
    return calendar.to_ical()


def _authorize(board_id: int) -> None:
    token = request.args.get("token")
    if token is not None:
        if calendar_board(new_uow(), token) != board_id:
            abort(401, description="?token= must be a live calendar token of this board")
        return
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
    """A board's obligations as an iCalendar feed."""

    @blp.response(200, content_type="text/calendar", description="An iCalendar (RFC 5545) "
                  "document.", headers={
                      "ETag": {"schema": {"type": "string"}, "description": "Of this document."},
                      "Last-Modified": {"schema": {"type": "string"}, "description":
                                        "The board's last change, or the start of today."}})
    @blp.alt_response(304, description="Not modified (If-None-Match or If-Modified-Since).")
    @blp.doc(security=[{"calendarToken": []}, {"bearer": []}], responses={200: {"content": {
        "text/calendar": {"schema": {"type": "string"}}}}})
    def get(self, board_id):
        """The board's obligations, each an all-day event with the ladder's alarms.

        Authenticate with `?token=` (a calendar token of this board, for calendar clients) or
        a bearer header (anyone who may see the board). Alarms at 09:00 England time on each
        ladder day still to come; an overdue obligation also appears on today's date."""
        _authorize(board_id)
        feed = calendar_feed(uow(), board_id)
        body = board_calendar(feed)
        response = Response(body, mimetype="text/calendar")
        response.set_etag(hashlib.sha256(body).hexdigest()[:32])
        response.last_modified = feed["last_modified"]
        response.headers["Cache-Control"] = "private, no-cache"
        return response.make_conditional(request)
