"""Where each consultee's reply stands (reg 7), and who may be chased for one.

A consultee who was invited and has neither responded nor declined is awaited; once its
response date has passed (breached from the day after, as every "by" date here) it has
not replied by the due date. Only an awaited consultee can be chased: one who answered
has nothing to chase, and one never invited was never asked (product rule).
"""
from __future__ import annotations

from datetime import date

from lifecycle.rules.deadlines import is_overdue

ANSWERED, DECLINED, NONE_IN_AREA = "answered", "declined", "none_in_area"
NOT_INVITED, AWAITED, NOT_REPLIED = "not_invited", "awaited", "not_replied"


def reply_status(consultee, today: date) -> str:
    """Where the consultee's reply stands on ``today``."""
    if consultee.none_in_area:
        return NONE_IN_AREA
    if consultee.responded_on is not None:
        return ANSWERED
    if consultee.declined:
        return DECLINED
    if consultee.invited_on is None:
        return NOT_INVITED
    late = consultee.response_due is not None and is_overdue(consultee.response_due, today)
    return NOT_REPLIED if late else AWAITED


def chase_refusal(consultee, today: date) -> str | None:
    """Why the consultee cannot be chased, or None if it can."""
    status = reply_status(consultee, today)
    if status == ANSWERED:
        return f"{consultee.name} has already responded (on {consultee.responded_on})"
    if status == DECLINED:
        return f"{consultee.name} has already declined to respond"
    if status == NONE_IN_AREA:
        return "this record notes that there is no such body in the area"
    if status == NOT_INVITED:
        return f"{consultee.name} was never invited; record the invitation first"
    return None
