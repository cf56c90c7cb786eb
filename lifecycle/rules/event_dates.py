"""Time, and what an event may rely on (docs/rules.md): events in date order, facts dated by the event.

Facts are recorded back-dated, so a guard judges an event dated ``on`` by the
facts dated on or before ``on``; a fact dated later is named in the refusal.
"""
from __future__ import annotations

from datetime import date

from lifecycle.errors import Findings

PRODUCT_RULE = "product rule"


def too_late(fact: str, dated: date, on: date) -> str:
    """The refusal for a fact that is dated after the event it would support."""
    return f"{fact} is dated {dated}, after this event ({on})"


def in_date_order(plan, event: str, on: date) -> Findings:
    """No event on a plan is dated before the plan's previous accepted event."""
    findings = Findings()
    last_on = plan.last_event_on
    if last_on is not None and on < last_on:
        findings.require(False, f"{event} ({on}) cannot be dated before the plan's previous "
                         f"event, {plan.last_event} on {last_on}", PRODUCT_RULE)
    return findings


def record_event(plan, event: str, on: date) -> None:
    """Remember the plan's latest accepted event (automatic events never move it backwards)."""
    if plan.last_event_on is None or on >= plan.last_event_on:
        plan.last_event, plan.last_event_on = event, on
