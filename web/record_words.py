"""How a plan's records read on a page: checklist statuses, consultees' replies, reg 7(1) rules
and reg 6 publication channels in plain words, each tag with its words (never colour alone).

Display only: what the law requires, and whether something may be done, comes from
``lifecycle`` (the rules and the services' refusals and dry-run checks).
"""
from __future__ import annotations

from datetime import date

from web.plan_words import Tag

CHECKLIST_STATUS = {
    "missing": Tag("Missing", "govuk-tag--red"),
    "drafted": Tag("Drafted", "govuk-tag--yellow"),
    "complete": Tag("Complete", "govuk-tag--green"),
}
CHECKLIST_CHOICES = [("missing", "Missing: not written yet"),
                     ("drafted", "Drafted: written, not final"),
                     ("complete", "Complete: final wording agreed")]

REPLY = {
    "answered": Tag("Responded", "govuk-tag--green"),
    "declined": Tag("Declined to respond", "govuk-tag--grey"),
    "none_in_area": Tag("None in the area", "govuk-tag--grey"),
    "not_invited": Tag("Not invited yet", "govuk-tag--yellow"),
    "awaited": Tag("No response yet", "govuk-tag--blue"),
    "not_replied": Tag("Overdue", "govuk-tag--red"),
}

CATEGORY_RULE = {
    "always": "Must be consulted",
    "all_in_area": "Every one in the area must be consulted (or record that there are none)",
    "board_decides": "The Board decides whether to consult",
}

CHANNEL = {
    "authority_website": "On the council's website (the establishing authority)",
    "pct_website": "On the Primary Care Trust's website",
    "partner_website": "On another Board partner's website",
    "public_place": "Copies in a public library or other public place",
    "child_friendly_version": "A child-friendly version published",
    "disseminated_to_consultees": "Sent to everyone who was consulted",
}
NEEDS = {"url": "the web address", "place": "where or how (the place, or how it was sent)"}

MEMBERSHIP_CHANGE = {"joined": "joined the Board", "left": "left the Board"}


def sentence(text: str | None) -> str:
    """Text with its first letter capitalised and the rest kept (Jinja's ``capitalize`` would
    lower "CofE" and "Sure Start")."""
    return (text[:1].upper() + text[1:]) if text else ""


def checklist_tag(status: str) -> Tag:
    """Missing, drafted or complete."""
    return CHECKLIST_STATUS.get(status, Tag(status.capitalize(), "govuk-tag--grey"))


def reply_tag(reply: str) -> Tag:
    """Where a consultee's reply stands, in words."""
    return REPLY.get(reply, Tag(reply.replace("_", " ").capitalize(), "govuk-tag--grey"))


def channel_words(channel: str) -> str:
    """A publication channel as a person reads it."""
    return CHANNEL.get(channel, channel.replace("_", " ").capitalize())


def date_fields(values: dict) -> dict:
    """A record's values as a form shows them: each date as GOV.UK's day, month and year."""
    shown = {}
    for name, value in values.items():
        if isinstance(value, date):
            shown.update({f"{name}-day": str(value.day), f"{name}-month": str(value.month),
                          f"{name}-year": str(value.year)})
        elif value is True:
            shown[name] = "yes"  # a ticked checkbox
        elif value not in (None, False):
            shown[name] = value
    return shown
