"""Board composition (Children Act 2004 s12A(2), (4), (5); guidance 7.3, 7.14).

The Board must include a representative of the establishing authority (each, for
a joint Board: s12A(6)) and of each of its relevant partners, except a Strategic
Health Authority (s12A(4) regulations; guidance footnote 61). One person may
represent several (s12A(5)). Reg 7(1)(a) and (b) are for bodies that are *not*
Board partners, so a consultee there that is a current partner is flagged.

A member holds its seat from ``joined_on`` up to the day before ``left_on``; a
relevant partner is one from ``since`` (unset: as far as the records go) up to
the day before ``ended_on``. A member represents its own organisation and every
authority and partner recorded against it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lifecycle.errors import Findings, Requirement

CITATION = "s12A(2)"
BOARD_COMPOSITION = "board_composition"
# Guidance 0.7 and 1.3: the statutory relevant partners; a Strategic Health Authority is
# one too but need not sit on the Board (s12A(4) regulations, guidance footnote 61).
PARTNER_TYPES = ("district_council", "pct", "police", "probation", "youth_offending_team",
                 "maintained_school", "fe_college", "non_maintained_special_school", "academy",
                 "short_stay_school", "jobcentre_plus", "strategic_health_authority")
EXEMPT = frozenset({"strategic_health_authority"})
NOT_PARTNER_CATEGORIES = ("a", "b")


@dataclass(frozen=True)
class Gap:
    """A body the Board must include that no member represents on a date."""

    body: str
    kind: str  # "authority" or "partner"
    partner_type: str | None
    since: date | None  # the day the gap began, as far as the records tell

    @property
    def requirement(self) -> Requirement:
        if self.kind == "authority":
            text = f"no Board member represents the establishing authority {self.body}"
        else:
            text = (f"no Board member represents {self.body} ({self.partner_type}), a relevant "
                    "partner of the establishing authority")
        return Requirement(text, CITATION)


def _key(name: str | None) -> str:
    return (name or "").strip().casefold()


def member_on(member, on: date) -> bool:
    """Whether the member holds its seat on ``on``."""
    return member.joined_on <= on and (member.left_on is None or on < member.left_on)


def partner_on(partner, on: date) -> bool:
    """Whether the body is a relevant partner on ``on``."""
    return (partner.since is None or partner.since <= on) and (
        partner.ended_on is None or on < partner.ended_on)


def represented_by(member) -> set[str]:
    """The bodies a member speaks for (s12A(5): one person may represent several)."""
    names = {_key(member.organisation)}
    names.update(_key(p.name) for p in member.partners)
    names.update(_key(a.name) for a in member.authorities)
    return names


def partner_names(members, on: date | None = None) -> set[str]:
    """Who is a Board partner on ``on`` (None: now, i.e. members who have not left)."""
    current = (m for m in members if (m.left_on is None if on is None else member_on(m, on)))
    return set().union(*(represented_by(m) for m in current))


def judged_on(members, on: date) -> bool:
    """The service judges composition from the first recorded joining: before it, it holds
    no membership for the Board to judge."""
    return any(m.joined_on <= on for m in members)


def _gap_since(name: str, became: date | None, members, on: date) -> date | None:
    left = [m.left_on for m in members
            if m.left_on is not None and m.left_on <= on and name in represented_by(m)]
    return max([d for d in [became, *left] if d is not None], default=None)


def unrepresented(authorities, partners, members, on: date) -> list[Gap]:
    """Each authority and non-exempt relevant partner no member represents on ``on``."""
    if not judged_on(members, on):
        return []
    present = partner_names(members, on)
    gaps = [Gap(name, "authority", None, _gap_since(_key(name), None, members, on))
            for name in authorities if _key(name) not in present]
    for partner in partners:
        if partner.partner_type in EXEMPT or not partner_on(partner, on):
            continue
        if _key(partner.name) not in present:
            gaps.append(Gap(partner.name, "partner", partner.partner_type,
                            _gap_since(_key(partner.name), partner.since, members, on)))
    return gaps


def composition_warnings(authorities, partners, members, on: date) -> Findings:
    """The composition gaps on ``on`` as warnings (a warning at open_consultation, not a block)."""
    findings = Findings()
    for gap in unrepresented(authorities, partners, members, on):
        findings.warn(False, gap.requirement.requirement, CITATION)
    return findings


def partner_consultees(consultees, members, on: date) -> Findings:
    """Warn for each reg 7(1)(a)/(b) consultee that is a Board partner on ``on``."""
    findings = Findings()
    present = partner_names(members, on)
    for c in consultees:
        if c.category in NOT_PARTNER_CATEGORIES and not c.none_in_area and _key(c.name) in present:
            findings.warn(False, f"{c.name} is a Board partner on {on}, but reg 7(1)({c.category}) "
                          "is for bodies that are not Board partners", f"reg 7(1)({c.category})")
    return findings


def is_partner_consultee(consultee, names: set[str]) -> bool:
    """The consultee view's flag: a reg 7(1)(a)/(b) consultee among ``names``."""
    return consultee.category in NOT_PARTNER_CATEGORIES and _key(consultee.name) in names
