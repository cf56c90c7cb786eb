"""Reg 6: how a plan (or a revision) is published, and on what date."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lifecycle.errors import Findings


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
)
BY_NAME = {c.name: c for c in CHANNELS}
_LABELS = {
    "authority_website": "the plan is not on the establishing authority's website",
    "pct_website": "the plan is not on the relevant PCT's website",
    "public_place": "no copies have been deposited in a public library or other public place",
}
MANDATORY = ("authority_website", "pct_website", "public_place")


def _first_done(channels, name: str, today: date) -> date | None:
    return min((c.done_on for c in channels if c.channel == name and c.done_on <= today),
               default=None)


def publication_complete(channels, today: date) -> Findings:
    """Both 6(a) websites and at least one 6(c) deposit done by today; 6(b) only warns."""
    findings = Findings()
    for name in MANDATORY:
        findings.require(_first_done(channels, name, today) is not None, _LABELS[name],
                         BY_NAME[name].citation)
    findings.warn(_first_done(channels, "partner_website", today) is not None,
                  "the plan is on no other Board partner's website", "reg 6(b)")
    return findings


def publication_date(channels, today: date) -> date | None:
    """The day the last mandatory step became true: later 6(a) website, first 6(c) deposit."""
    firsts = [_first_done(channels, name, today) for name in MANDATORY]
    return None if None in firsts else max(firsts)
