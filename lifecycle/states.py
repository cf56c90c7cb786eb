"""The states of the plan lifecycle and what each allows besides its events (docs/rules.md
"Lifecycle").

This is the state half of the lifecycle table: ``lifecycle.machine`` holds the other half
(``STEPS``: events, guards, effects) and reads ``PlanState`` from here. A rule about a state
(may its contents change? is its consultation record open? does it count in the Board's chain
of plans? what does the Board do next while a plan is in it?) is a column of ``STATES``;
services, rules and pages ask ``states_where`` or ``STATES[state]`` instead of listing states
themselves. The module imports nothing of ours, so rules and tables may read it too.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass


class PlanState(str, enum.Enum):
    drafting = "drafting"
    consultation = "consultation"
    finalising = "finalising"
    approved = "approved"
    in_force = "in_force"
    under_review = "under_review"
    revising = "revising"
    expired = "expired"
    superseded = "superseded"
    withdrawn = "withdrawn"


@dataclass(frozen=True)
class StateRules:
    """One row of the state table: what a plan in this state allows besides its events."""

    next_step: str
    # Its reg 4 contents may change: while it is prepared, and while a revision is (reg 8(3)).
    contents_open: bool = False
    # The plan's reg 7 consultation record is open: fixed when consultation closes.
    consultation_open: bool = False
    # The open review's reg 8(2) consultation record takes new consultees.
    review_consultation_open: bool = False
    # The Board's approval may be recorded (before approve).
    approval_open: bool = False
    # Reg 6 publication steps may be recorded: the plan's, or its pending revision's.
    publication_open: bool = False
    # A revision is being prepared: publication steps belong to it, not to the plan.
    revision_pending: bool = False
    # A reg 8(1) review is under way (the review itself, or the revision it began).
    reviewing: bool = False
    # The plan counts in its Board's chain of plans (a withdrawn plan is out of it).
    in_chain: bool = True


S = PlanState
STATES: dict[PlanState, StateRules] = {
    S.drafting: StateRules(
        "finish the draft and open consultation under reg 7",
        contents_open=True, consultation_open=True),
    S.consultation: StateRules(
        "close the consultation once every reg 7 consultee has had time to respond",
        contents_open=True, consultation_open=True),
    S.finalising: StateRules(
        "complete the reg 4 checklist and record the Board's approval",
        contents_open=True, approval_open=True),
    S.approved: StateRules(
        "publish under reg 6: authority and PCT websites and a public-place deposit",
        publication_open=True),
    S.in_force: StateRules(
        "start this year's review under reg 8(1) before the review year ends"),
    S.under_review: StateRules(
        "conclude the review, or begin a revision of the plan under reg 8(3)",
        review_consultation_open=True, reviewing=True),
    S.revising: StateRules(
        "take the Board's membership changes into account (reg 8(4)) and publish the "
        "revision under reg 6",
        contents_open=True, publication_open=True, revision_pending=True, reviewing=True),
    S.expired: StateRules(
        "nothing for this plan: its period has ended (its successor carries on)"),
    S.superseded: StateRules(
        "nothing for this plan: a successor plan has replaced it"),
    S.withdrawn: StateRules(
        "nothing for this plan: it was withdrawn", in_chain=False),
}


def rules_of(state: str) -> StateRules:
    """The row of ``state`` (a stored state's name)."""
    return STATES[PlanState(state)]


def states_where(rule: str, holds: bool = True) -> frozenset[str]:
    """The names of the states whose ``rule`` column is ``holds``, e.g.
    ``states_where("in_chain", False)`` is ``{"withdrawn"}``."""
    return frozenset(state.value for state, row in STATES.items()
                     if getattr(row, rule) is holds)


# The states whose plans are out of the Board's chain (withdrawn): queries leave them out.
OUT_OF_CHAIN = states_where("in_chain", False)
