"""Reg 6: how a plan (or a revision) is published, and on what date; guidance 8.45's extras.

A publication step counts toward an event dated ``on`` only if it was done on
or before ``on`` and not before ``not_before`` (the plan's approval, or for a
revision the day it was begun): publication cannot precede approval.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lifecycle.errors import Findings
from lifecycle.rules.event_dates import too_late


@dataclass(frozen=True)
class Channel:
    name: str
    citation: str
    needs: str  # "url" or "place"


CHANNELS: tuple[Channel, ...] = (
    Channel("authority_website", "reg 6(a)", "url"),
    Channel("pct_website", "reg 6(a)", "url"),
    Channel("partner_website", "reg 6(b)", "url"),
    Channel("public_place", "reg 6(c)", "place"),
    Channel("child_friendly_version", "guidance 8.45", "url"),
    Channel("disseminated_to_consultees", "guidance 8.45", "place"),
)
BY_NAME = {c.name: c for c in CHANNELS}
_LABELS = {
    "authority_website": "the plan is not on the establishing authority's website",
    "pct_website": "the plan is not on the relevant PCT's website",
    "public_place": "no copies have been deposited in a public library or other public place",
    "partner_website": "the plan is on no other Board partner's website",
    "child_friendly_version": "no child-friendly version of the plan is recorded",
    "disseminated_to_consultees": "the plan's dissemination to those consulted is not recorded",
}
MANDATORY = ("authority_website", "pct_website", "public_place")
# Recorded when done; a warning, not a block, when not (reg 6(b); guidance 8.45).
EXPECTED = ("partner_website", "child_friendly_version", "disseminated_to_consultees")


def _first_done(channels, name: str, on: date, not_before: date | None) -> date | None:
    return min((c.done_on for c in channels if c.channel == name and c.done_on <= on
                and (not_before is None or c.done_on >= not_before)), default=None)


def _missing(channels, name: str, on: date) -> str:
    later = min((c.done_on for c in channels if c.channel == name and c.done_on > on), default=None)
    if later is not None:
        return too_late(f"the {name} record", later, on)
    return _LABELS[name]


def publication_complete(channels, on: date, not_before: date | None) -> Findings:
    """Both 6(a) websites and at least one 6(c) deposit done by ``on`` (and not before
    ``not_before``); 6(b) and guidance 8.45 only warn."""
    findings = Findings()
    for name in MANDATORY:
        findings.require(_first_done(channels, name, on, not_before) is not None,
                         _missing(channels, name, on), BY_NAME[name].citation)
    for name in EXPECTED:
        findings.warn(_first_done(channels, name, on, not_before) is not None,
                      _LABELS[name], BY_NAME[name].citation)
    return findings


def publication_date(channels, on: date, not_before: date | None) -> date | None:
    """The day the last mandatory step became true: later 6(a) website, first 6(c) deposit."""
    firsts = [_first_done(channels, name, on, not_before) for name in MANDATORY]
    return None if None in firsts else max(firsts)
