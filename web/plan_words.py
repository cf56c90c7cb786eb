"""How a plan's states, events and statuses read on a page: plain words and a GOV.UK tag
colour that always comes with those words (never colour alone).

Display only: which events are allowed, and why not, comes from the services' dry-run check.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Tag:
    """A GOV.UK tag: its words and colour class."""

    text: str
    classes: str


STATES = {
    "drafting": Tag("Drafting", "govuk-tag--grey"),
    "consultation": Tag("In consultation", "govuk-tag--light-blue"),
    "finalising": Tag("Finalising", "govuk-tag--blue"),
    "approved": Tag("Approved", "govuk-tag--turquoise"),
    "in_force": Tag("In force", "govuk-tag--green"),
    "under_review": Tag("Under review", "govuk-tag--yellow"),
    "revising": Tag("Being revised", "govuk-tag--orange"),
    "expired": Tag("Expired", "govuk-tag--grey"),
    "superseded": Tag("Superseded", "govuk-tag--grey"),
    "withdrawn": Tag("Withdrawn", "govuk-tag--red"),
}


@dataclass(frozen=True)
class EventWords:
    """An event as a person reads it: the button, what it does, and the success message."""

    action: str
    does: str
    done: str


EVENTS = {
    "open_consultation": EventWords(
        "Open consultation", "Starts the consultation on the draft plan (reg 7).",
        "Consultation opened"),
    "close_consultation": EventWords(
        "Close consultation", "Closes the consultation: the consultation record is then fixed.",
        "Consultation closed"),
    "reopen_consultation": EventWords(
        "Reopen consultation", "Reopens the consultation so consultees can be added or changed.",
        "Consultation reopened"),
    "approve": EventWords(
        "Approve the plan", "Records that the Board approved the final plan.",
        "Plan approved"),
    "publish": EventWords(
        "Publish the plan", "Publishes the plan under reg 6: it comes into force.",
        "Plan published"),
    "start_review": EventWords(
        "Start a review", "Starts this year's review of the plan (reg 8(1)).",
        "Review started"),
    "conclude_review": EventWords(
        "Conclude the review", "Concludes the review with no revision needed.",
        "Review concluded"),
    "begin_revision": EventWords(
        "Begin a revision", "Concludes the review by deciding to revise the plan (reg 8(3)).",
        "Revision begun"),
    "publish_revision": EventWords(
        "Publish the revision", "Publishes the revised plan under reg 6 (reg 8(3)).",
        "Revision published"),
    "withdraw": EventWords(
        "Withdraw the plan", "Abandons this plan: it stops here and cannot be resumed.",
        "Plan withdrawn"),
    "expire": EventWords("Expire", "The plan period ended (automatic).", "Plan expired"),
    "supersede": EventWords("Supersede", "A successor plan was published (automatic).",
                            "Plan superseded"),
}

# Events that cannot be undone: a "check your answers" step comes before firing them.
CONFIRMED = ("publish", "publish_revision", "withdraw")
# Events that need a reason (the guard says so too; the form marks the field as required).
REASON_REQUIRED = ("withdraw", "reopen_consultation", "conclude_review")
OUTCOMES = {"conclude_review": [("no_revision_needed", "No revision is needed")]}

OBLIGATION_STATUS = {
    "met": Tag("Met", "govuk-tag--green"),
    "met_late": Tag("Met late", "govuk-tag--orange"),
    "pending": Tag("Pending", "govuk-tag--blue"),
    "overdue": Tag("Overdue", "govuk-tag--red"),
    "not_required": Tag("Not required", "govuk-tag--grey"),
}

REMINDER_STATUS = {
    "sent": Tag("Sent", "govuk-tag--green"),
    "failed": Tag("Failed", "govuk-tag--red"),
    "skipped": Tag("Skipped", "govuk-tag--grey"),
    "cancelled": Tag("Cancelled", "govuk-tag--grey"),
    "pending": Tag("Pending", "govuk-tag--blue"),
}

CHANNELS = {"email": "Email", "webhook": "Webhook", "in_app": "In the service"}


# Payload entries an audit trail shows in their own column, or not at all.
AUDIT_HIDDEN = ("reason", "version", "warnings", "on")


def audit_what(record: dict) -> str:
    """What an audit record says happened: a lifecycle event in past-tense words with its
    date; any other record as ``list_audit`` words it (``what``)."""
    if record["event"] in EVENTS:
        on = (record.get("payload") or {}).get("on")
        return EVENTS[record["event"]].done + (f", dated {_day(on)}" if on else "")
    return record.get("what") or words(record["event"]).capitalize()


def _day(value) -> str:
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.day} {day:%B %Y}"


def audit_details(payload: dict) -> list[str]:
    """The record's other details as "name: value" lines (dates in words, lists counted)."""
    found = []
    for name, value in (payload or {}).items():
        if name in AUDIT_HIDDEN or value in (None, "", [], {}):
            continue
        if isinstance(value, (list, dict)):
            value = f"{len(value)} item(s)"
        found.append(f"{words(name)}: {_day(value)}")
    return found


def rung_words(rung: str) -> str:
    """A reminder rung in words: "90 days before", "on the due date", "overdue notice 3"."""
    kind, _, number = rung.partition(":")
    if kind == "before":
        return f"{number} days before the deadline"
    if kind == "overdue":
        return f"Overdue notice {number}"
    if kind == "due":
        return "On the deadline"
    return words(rung).capitalize()


def state_tag(state: str | None) -> Tag:
    """The tag for a plan state (its own name if it is new)."""
    return STATES.get(state or "", Tag((state or "none").replace("_", " ").capitalize(),
                                       "govuk-tag--grey"))


def event_words(event: str) -> EventWords:
    """The words for an event (its own name if it is new)."""
    name = event.replace("_", " ").capitalize()
    return EVENTS.get(event, EventWords(name, "", name))


def obligation_tag(obligation: dict) -> Tag:
    """Met, met late, pending, overdue or not required."""
    key = "met_late" if obligation["status"] == "met" and obligation.get("late") \
        else obligation["status"]
    return OBLIGATION_STATUS.get(key, Tag(key.replace("_", " ").capitalize(), "govuk-tag--grey"))


def reminder_tag(status: str) -> Tag:
    """Sent, failed, skipped, cancelled or pending."""
    return REMINDER_STATUS.get(status, Tag(status.capitalize(), "govuk-tag--grey"))


def words(event_or_state: str | None) -> str:
    """A state or event name in lower-case words, for sentences ("in force", "start review")."""
    return (event_or_state or "").replace("_", " ").replace(".", " ")


TEMPLATE_GLOBALS = {"state_tag": state_tag, "event_words": event_words,
                    "obligation_tag": obligation_tag, "reminder_tag": reminder_tag,
                    "words": words, "channel_words": lambda c: CHANNELS.get(c, words(c)),
                    "confirmed_events": CONFIRMED, "reason_required": REASON_REQUIRED,
                    "event_outcomes": OUTCOMES, "audit_what": audit_what,
                    "audit_details": audit_details, "rung_words": rung_words}
