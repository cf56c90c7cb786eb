"""The calendar feed as a calendar client sees it: alarms at 09:00 England time, how often to
refresh, the board's name, UIDs unique per installation, validators, and overdue items shown
on today's date until met."""
from __future__ import annotations

from datetime import date, datetime, timezone

import icalendar
from sqlalchemy import text

from lifecycle.services import calendar_tokens
from tests.support import builders


def feed(client, uow, board_id: int, **headers):
    token = calendar_tokens.issue_calendar_token(uow(), "tester", board_id, "Outlook")["token"]
    return client.get(f"/api/v1/boards/{board_id}/calendar.ics?token={token}", headers=headers)


def events_of(response) -> dict:
    calendar = icalendar.Calendar.from_ical(response.data)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_alarms_ring_at_nine_in_england_on_each_ladder_day(client, uow, clock, board_a):
    plan = builders.plan(uow, board_a["id"])
    builders.to_state(uow, plan["id"], "in_force")
    clock.advance_to(date(2013, 11, 1))
    events = events_of(feed(client, uow, board_a["id"]))
    [successor] = [e for uid, e in events.items() if uid.startswith("successor_plan")]
    triggers = sorted(a.decoded("trigger") for a in successor.walk("VALARM"))
    assert triggers[:6] == [  # due 12 May 2014: in British Summer Time, 09:00 is 08:00 UTC
        datetime(2014, 2, 11, 9, tzinfo=timezone.utc), datetime(2014, 4, 12, 8, tzinfo=timezone.utc),
        datetime(2014, 4, 28, 8, tzinfo=timezone.utc), datetime(2014, 5, 5, 8, tzinfo=timezone.utc),
        datetime(2014, 5, 11, 8, tzinfo=timezone.utc), datetime(2014, 5, 12, 8, tzinfo=timezone.utc)]
    assert triggers[6] == datetime(2014, 5, 13, 8, tzinfo=timezone.utc)  # the overdue notice
    descriptions = {str(a["description"]) for a in successor.walk("VALARM")}
    assert "Publication of the successor plan: due in 90 days (reg 5(2))" in descriptions


def test_the_feed_names_the_board_and_asks_to_be_refreshed_twice_a_day(client, uow, board_a):
    calendar = icalendar.Calendar.from_ical(feed(client, uow, board_a["id"]).data)
    assert str(calendar["x-wr-calname"]) == "Northshire Children's Trust Board: CYPP obligations"
    assert calendar["refresh-interval"].to_ical() == b"PT12H"
    assert calendar["refresh-interval"].params["VALUE"] == "DURATION"
    assert calendar["x-published-ttl"].to_ical() == b"PT12H"


def test_uids_carry_the_installation_id_which_is_made_once(client, uow, connection, board_a):
    first = set(events_of(feed(client, uow, board_a["id"])))
    again = set(events_of(feed(client, uow, board_a["id"])))
    [installation] = connection.execute(text("SELECT installation_id FROM installation")).all()
    assert first == again and first
    assert all(uid.endswith(f"@{installation[0]}") for uid in first)


def test_an_unchanged_feed_answers_304_to_its_etag(client, uow, clock, board_a):
    response = feed(client, uow, board_a["id"])
    etag, modified = response.headers["ETag"], response.headers["Last-Modified"]
    assert feed(client, uow, board_a["id"], **{"If-None-Match": etag}).status_code == 304
    assert feed(client, uow, board_a["id"], **{"If-Modified-Since": modified}
                ).status_code == 304
    builders.plan(uow, board_a["id"])
    assert feed(client, uow, board_a["id"], **{"If-None-Match": etag}).status_code == 200


def test_an_overdue_obligation_is_also_shown_on_today_until_it_is_met(client, uow, clock,
                                                                      board_a):
    plan = builders.plan(uow, board_a["id"])
    clock.advance_to(date(2011, 4, 20))  # the first plan was due on or before 1 April 2011
    events = events_of(feed(client, uow, board_a["id"]))
    [today] = [e for uid, e in events.items() if ".overdue." in uid]
    assert today.decoded("dtstart") == date(2011, 4, 20)
    assert "overdue by 19 days" in str(today["summary"])
    builders.to_state(uow, plan["id"], "in_force", published=date(2011, 4, 15))
    assert not [uid for uid in events_of(feed(client, uow, board_a["id"])) if ".overdue." in uid]
