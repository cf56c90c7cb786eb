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


@dataclass(frozen=True)
class Slot:
    """A mandatory step: a channel, for one organisation when the Board has several.

    ``organisation`` None: any record of the channel counts. For a joint Board each
    authority's and each PCT's website is its own slot; a record without an organisation
    (made before joint Boards were recorded) counts for the first one (``lead``)."""

    channel: str
    organisation: str | None = None
    lead: bool = False

    def counts(self, record) -> bool:
        if record.channel != self.channel:
            return False
        given = getattr(record, "organisation", None)
        return self.organisation is None or given == self.organisation or (
            given is None and self.lead)

    def missing(self) -> str:
        if self.organisation is None:
            return _LABELS[self.channel]
        body = "an establishing authority" if self.channel == "authority_website" \
            else "a relevant PCT"
        return f"the plan is not on the website of {self.organisation} ({body})"

    @property
    def label(self) -> str:
        return self.channel if self.organisation is None else \
            f"{self.channel} ({self.organisation})"


def mandatory_slots(authorities=(), pcts=()) -> list[Slot]:
    """Reg 6(a) for each establishing authority and each relevant PCT (one each: any record),
    and reg 6(c) once."""
    slots = []
    for channel, names in (("authority_website", authorities), ("pct_website", pcts)):
        if len(names) <= 1:
            slots.append(Slot(channel))
        else:
            slots += [Slot(channel, name, i == 0) for i, name in enumerate(names)]
    return slots + [Slot("public_place")]


def _first_done(channels, slot: Slot, on: date, not_before: date | None) -> date | None:
    return min((c.done_on for c in channels if slot.counts(c) and c.done_on <= on
                and (not_before is None or c.done_on >= not_before)), default=None)


def _missing(channels, slot: Slot, on: date) -> str:
    later = min((c.done_on for c in channels if slot.counts(c) and c.done_on > on), default=None)
    if later is not None:
        return too_late(f"the {slot.label} record", later, on)
    return slot.missing()


def publication_complete(channels, on: date, not_before: date | None, authorities=(),
                         pcts=()) -> Findings:
    """Each 6(a) website (each authority's and PCT's, for a joint Board) and at least one
    6(c) deposit done by ``on`` (and not before ``not_before``); 6(b) and guidance 8.45
    only warn."""
    findings = Findings()
    for slot in mandatory_slots(authorities, pcts):
        findings.require(_first_done(channels, slot, on, not_before) is not None,
                         _missing(channels, slot, on), BY_NAME[slot.channel].citation)
    for name in EXPECTED:
        findings.warn(_first_done(channels, Slot(name), on, not_before) is not None,
                      _LABELS[name], BY_NAME[name].citation)
    return findings


def publication_date(channels, on: date, not_before: date | None, authorities=(),
                     pcts=()) -> date | None:
    """The day the last mandatory step became true: the latest 6(a) website (of all those
    required), the first 6(c) deposit."""
    firsts = [_first_done(channels, slot, on, not_before)
              for slot in mandatory_slots(authorities, pcts)]
    return None if None in firsts else max(firsts)


def organisation_for(channel: str, given: str | None, authorities, pcts) -> str | None:
    """Which authority or PCT a website record is for: required for a joint Board's
    6(a) channel, the only one otherwise. Raises ``ValueError`` with the reason."""
    names = {"authority_website": authorities, "pct_website": pcts}.get(channel)
    if names is None:
        return given
    if given is None:
        if len(names) > 1:
            raise ValueError(f"Required: the board has several ({', '.join(names)}).")
        return names[0]
    if given not in names:
        raise ValueError(f"Must be one of: {', '.join(names)}.")
    return given
