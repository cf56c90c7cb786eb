"""Reg 7: who must be consulted while the plan is prepared."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lifecycle.errors import Findings
from lifecycle.rules.event_dates import too_late

ALWAYS, ALL_IN_AREA, BOARD_DECIDES = "always", "all_in_area", "board_decides"


@dataclass(frozen=True)
class Category:
    letter: str
    who: str
    rule: str
    essential: bool = False  # guidance calls it essential: warn when empty

    @property
    def citation(self) -> str:
        return f"reg 7(1)({self.letter})"

    @property
    def mandatory(self) -> bool:
        return self.rule != BOARD_DECIDES


CATEGORIES: tuple[Category, ...] = (
    Category("a", "bodies in s10(1)(c) co-operation arrangements that are not Board partners",
             ALL_IN_AREA),
    Category("b", "prescribed relevant partners that are not Board partners", ALL_IN_AREA),
    Category("c", "children, young persons and families", BOARD_DECIDES, essential=True),
    Category("d", "bodies representing children, young persons or families", BOARD_DECIDES),
    Category("e", "the Local Safeguarding Children Board", ALWAYS),
    Category("f", "every Sure Start Children's Centre Advisory Board in the area", ALL_IN_AREA),
    Category("g", "private, voluntary and independent providers and commissioners", BOARD_DECIDES),
    Category("h", "the diocesan authority of each CofE or RC foundation or voluntary school",
             ALL_IN_AREA),
    Category("i", "other faith groups", BOARD_DECIDES),
    Category("j", "proprietors of independent schools in the area", ALL_IN_AREA),
    Category("k", "the schools forum", ALWAYS),
    Category("l", "the admission forum", ALWAYS),
    Category("m", "independent specialist colleges in the area", ALL_IN_AREA),
    Category("n", "community groups", BOARD_DECIDES),
    Category("o", "registered social housing providers", BOARD_DECIDES),
    Category("p", "partner authorities (LGPIH Act 2007 s104)", BOARD_DECIDES),
)
BY_LETTER = {c.letter: c for c in CATEGORIES}


def consultee_records_present(consultees, areas=()) -> Findings:
    """Before consultation opens: a record for each mandatory category (or "none in the area");
    for a joint Board, (e), (k) and (l) once per authority area in ``areas``."""
    findings = _mandatory_records(consultees, areas)
    for category in (c for c in CATEGORIES if c.essential):
        findings.warn(any(c.category == category.letter for c in consultees),
                      f"nobody from {category.who} is to be consulted (guidance 8.11: essential)",
                      category.citation)
    return findings


def consultation_complete(consultees, on: date) -> Findings:
    """Before consultation closes on ``on``: mandatory consultees invited, each invitee answered
    or out of time - counting only invitations and responses dated on or before ``on``."""
    findings = Findings()
    for consultee in (c for c in consultees if not c.none_in_area):
        category = BY_LETTER[consultee.category]
        if not _invited_by(consultee, on):
            if category.mandatory:
                findings.require(False, _not_invited(consultee, category, on), category.citation)
            continue
        out_of_time = consultee.response_due is not None and consultee.response_due < on
        findings.require(_answered_by(consultee, on) or out_of_time,
                         _still_waiting(consultee, on), category.citation)
    return findings


def mandatory_categories_consulted(consultees, on: date, areas=()) -> Findings:
    """At approval, again: every mandatory category recorded and each of its bodies invited by ``on``."""
    findings = _mandatory_records(consultees, areas)
    for consultee in (c for c in consultees if not c.none_in_area):
        category = BY_LETTER[consultee.category]
        if category.mandatory:
            findings.require(_invited_by(consultee, on), _not_invited(consultee, category, on),
                             category.citation)
    return findings


def in_area(consultee, area: str, lead: bool) -> bool:
    """Whether a record is for an authority's area; one without an area counts for the first
    (lead) authority."""
    return consultee.authority == area or (consultee.authority is None and lead)


def _per_area(consultees, category: Category, areas) -> Findings:
    """Reg 7(1)(e), (k), (l) for a joint Board: a named record for each authority's area."""
    findings = Findings()
    for index, area in enumerate(areas):
        named = any(c.category == category.letter and not c.none_in_area
                    and in_area(c, area, index == 0) for c in consultees)
        findings.require(named, f"{category.who} for {area} has no consultee record",
                         category.citation)
    return findings


def _mandatory_records(consultees, areas=()) -> Findings:
    findings = Findings()
    for category in (c for c in CATEGORIES if c.mandatory):
        if category.rule == ALWAYS and len(areas) > 1:
            findings.extend(_per_area(consultees, category, areas))
            continue
        records = [c for c in consultees if c.category == category.letter]
        none_here = category.rule == ALL_IN_AREA and any(c.none_in_area and c.note for c in records)
        named = any(not c.none_in_area for c in records)
        findings.require(named or none_here, _missing(category), category.citation)
    return findings


def _invited_by(consultee, on: date) -> bool:
    return consultee.invited_on is not None and consultee.invited_on <= on


def _answered_by(consultee, on: date) -> bool:
    # A refusal carries no date of its own: it counts once recorded.
    return bool(consultee.declined) or (consultee.responded_on is not None
                                        and consultee.responded_on <= on)


def _not_invited(consultee, category: Category, on: date) -> str:
    if consultee.invited_on is not None:
        return too_late(f"{consultee.name}'s invitation", consultee.invited_on, on)
    return f"{consultee.name} ({category.who}) has not been consulted"


def _still_waiting(consultee, on: date) -> str:
    if consultee.responded_on is not None:
        return too_late(f"{consultee.name}'s response", consultee.responded_on, on)
    return f"{consultee.name} has not responded and its response date has not passed"


def _missing(category: Category) -> str:
    if category.rule == ALWAYS:
        return f"{category.who} has no consultee record"
    return f"no consultee recorded for {category.who} (nor a note that there are none in the area)"
