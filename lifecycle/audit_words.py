"""An audit record in plain words, for people reading the log: what happened, and the plan's
states as a coordinator says them ("in force", not ``in_force``)."""
from __future__ import annotations

from datetime import date

from lifecycle.machine import STEP_BY_EVENT

# What each kind of change is called; a lifecycle event is named after the machine's step.
EVENTS = {
    "plan.created": "Plan created",
    "board.created": "Board created",
    "board.updated": "Board details changed",
    "board.review_basis_changed": "Year basis for reviews changed",
    "board.rulebook_switched": "Rulebook switched",
    "member.added": "Member joined the board",
    "member.updated": "Member's details changed",
    "membership_changes.acknowledged": "Membership changes acknowledged",
    "checklist.updated": "Plan contents updated",
    "consultee.added": "Consultee added",
    "consultee.updated": "Consultee updated",
    "consultee.chased": "Consultee chased",
    "approval.recorded": "Board approval recorded",
    "publication_channel.recorded": "Publication recorded",
    "notifications.settings_updated": "Reminder settings changed",
    "calendar_token.issued": "Calendar link made",
    "calendar_token.revoked": "Calendar link revoked",
    "token.issued": "API token issued",
    "token.revoked": "API token revoked",
    "user.created": "User created",
    "user.updated": "User's role or boards changed",
    "user.password_set": "User's password set",
    "user.deactivated": "User deactivated",
    "user.reactivated": "User reactivated",
}

# Payload keys that name the thing changed, most telling first.
_SUBJECT_KEYS = ("name", "title", "token_name", "organisation", "key", "channel", "review_basis",
                 "rulebook")


def state_words(state: str | None) -> str:
    """A plan state as words: ``in_force`` -> "in force"."""
    return (state or "").replace("_", " ")


def event_words(event: str) -> str:
    """What an audit record's event means: "Open consultation", "Member joined the board"."""
    if event in EVENTS:
        return EVENTS[event]
    if event in STEP_BY_EVENT:
        return event.replace("_", " ").capitalize()
    return event.replace(".", " ").replace("_", " ").capitalize()


def _subject(payload: dict) -> str | None:
    member = payload.get("member")
    if isinstance(member, dict) and member.get("organisation"):
        return member["organisation"]
    return next((str(payload[k]) for k in _SUBJECT_KEYS if payload.get(k)), None)


def day_words(value) -> str:
    """A date as England writes it ("12 May 2014"); anything else as it is."""
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.day} {day:%B %Y}"


# Dated facts worth saying in the line, and how.
_DATED = (("on", "dated"), ("effective_from", "from"), ("left_on", "left on"),
          ("joined_on", "joined on"))


def describe(event: str, payload: dict | None) -> str:
    """The record in one line: the event in words and, where there is one, what it was about
    and its date ("Member joined the board: Northshire Police, joined on 1 April 2010")."""
    payload = payload or {}
    words = event_words(event)
    subject = _subject(payload)
    if subject and event not in STEP_BY_EVENT:
        words = f"{words}: {subject}"
    member = payload.get("member") if isinstance(payload.get("member"), dict) else {}
    for key, said in _DATED:
        value = payload.get(key) or member.get(key)
        if value:
            words += f", {said} {day_words(value)}"
    return words


def event_choices() -> list[tuple[str, str]]:
    """Every kind of audit record as (event, words): the lifecycle's steps, then the rest."""
    return [(e, event_words(e)) for e in STEP_BY_EVENT] + sorted(EVENTS.items(),
                                                                 key=lambda e: e[1])
