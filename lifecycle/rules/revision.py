"""Reg 8(2)-(4): conducting a review and publishing a revision."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lifecycle.errors import Findings

NO_REVISION_NEEDED = "no_revision_needed"


@dataclass(frozen=True)
class MembershipChange:
    """A Board member joining or leaving, which a revision must take account of (reg 8(4))."""

    id: str
    member_id: int
    organisation: str
    change: str  # "joined" or "left"
    on: date


def review_concludable(plan, outcome: str | None, reason: str | None) -> Findings:
    """Concluding without revising needs that outcome and a reason; nobody consulted only warns."""
    findings = Findings()
    findings.require(outcome == NO_REVISION_NEEDED,
                     "the outcome must be \"no_revision_needed\" (else begin a revision)", "reg 8(3)")
    findings.require(bool(reason and reason.strip()), "a reason for needing no revision is required",
                     "product rule")
    review = plan.open_review
    consulted = review is not None and any(c.invited_on for c in review_consultees(plan, review))
    findings.warn(consulted, "nobody was consulted during the review (guidance 8.57)", "reg 8(2)")
    return findings


def review_consultees(plan, review) -> list:
    """Those consulted during a review (reg 8(2))."""
    return [c for c in plan.consultees if c.review_id == review.id]


def review_open(plan) -> Findings:
    findings = Findings()
    findings.require(plan.open_review is not None, "no review of the plan is open", "reg 8(3)")
    return findings


def changes_counted_from(plan) -> date | None:
    """Changes dated on or after the later of the last publication and the review before the current one."""
    published = [plan.published_on] + [r.published_on for r in plan.revisions if r.published_on]
    pending = plan.pending_revision
    current_review = pending.review_id if pending else None
    earlier_reviews = [r.concluded_on for r in plan.reviews
                       if r.concluded_on and r.id != current_review]
    dates = [d for d in published + earlier_reviews if d]
    return max(dates, default=None)


def membership_changes(plan, members, today: date) -> list[MembershipChange]:
    """Joins and leaves since publication or the last review, up to today (reg 8(4)).

    Inclusive: a change dated on the day of the publication or conclusion may have come
    after it, and listing one too many is harmless where missing one is not."""
    since = changes_counted_from(plan)
    if since is None:
        return []
    changes = []
    for m in members:
        for kind, on in (("joined", m.joined_on), ("left", m.left_on)):
            if on is not None and since <= on <= today:
                changes.append(MembershipChange(f"{m.id}-{kind}", m.id, m.organisation, kind, on))
    return sorted(changes, key=lambda c: (c.on, c.id))


def changes_acknowledged(plan, members, today: date) -> Findings:
    """Every membership change since publication or the last review acknowledged (reg 8(4))."""
    findings = Findings()
    done = plan.acknowledged_change_ids(plan.next_revision_number)
    for change in membership_changes(plan, members, today):
        findings.require(change.id in done, f"the Board membership change \"{change.organisation} "
                         f"{change.change} on {change.on}\" has not been taken into account",
                         "reg 8(4)")
    return findings

