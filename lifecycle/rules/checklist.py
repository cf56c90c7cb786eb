"""Reg 4: what a plan must contain - the 14 matters of the publication checklist."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lifecycle.errors import Findings
from lifecycle.rules.event_dates import PRODUCT_RULE, too_late

STATUSES = ("missing", "drafted", "complete")


@dataclass(frozen=True)
class Matter:
    key: str
    matter: str
    citation: str
    takes_report: bool = False


MATTERS: tuple[Matter, ...] = (
    Matter("cooperation_strategy", "how the Board partners intend to co-operate to improve "
           "well-being against the five outcomes", "reg 4(1)"),
    Matter("needs_assessment", "needs assessment against the five outcomes", "reg 4(2)(a)"),
    Matter("key_actions_general", "outline of the key actions identified by the needs assessment",
           "reg 4(2)(b)"),
    Matter("key_actions_sen", "key actions for children with special educational needs",
           "reg 4(2)(b)(i)"),
    Matter("key_actions_disabled", "key actions for disabled children", "reg 4(2)(b)(ii)"),
    Matter("key_actions_looked_after", "key actions for looked-after children", "reg 4(2)(b)(iii)"),
    Matter("workforce", "training and development of the workforce", "reg 4(3)(a)"),
    Matter("early_intervention", "early intervention and preventative action", "reg 4(3)(b)"),
    Matter("think_family", "co-ordinating services for children and adults in their family",
           "reg 4(3)(c)"),
    Matter("child_poverty", "reducing and mitigating child poverty", "reg 4(3)(d)"),
    Matter("behaviour_attendance", "behaviour and school attendance, taking into account the "
           "partnership reports (ASCL Act 2009 s241(3))", "reg 4(3)(e)", takes_report=True),
    Matter("safeguarding", "safeguarding and welfare, taking into account the LSCB report "
           "(Children Act 2004 s14A(2))", "reg 4(3)(f)", takes_report=True),
    Matter("statutory_targets", "contribution to statutory targets", "reg 4(3)(g)"),
    Matter("laa_targets", "contribution to Local Area Agreement improvement targets for children",
           "reg 4(3)(h)"),
)
BY_KEY = {m.key: m for m in MATTERS}


def needs_assessment_drafted(items) -> Findings:
    """Consultation needs at least a drafted needs assessment to consult on.

    The assessment is a reg 4(2)(a) matter; drafting it before consulting is our policy
    (guidance 8.15: the analysis informs the plan's priorities).
    """
    findings = Findings()
    status = _status(items, "needs_assessment")
    findings.require(status in ("drafted", "complete"),
                     "the needs assessment has not been drafted",
                     f"{PRODUCT_RULE} (guidance 8.15)")
    return findings


def plan_contents_complete(items, on: date) -> Findings:
    """Every reg 4 matter complete, and the reports 4(3)(e) and (f) take into account named
    (a report dated after the event ``on`` cannot have been taken into account by it)."""
    findings = Findings()
    for matter in MATTERS:
        findings.require(_status(items, matter.key) == "complete",
                         f"the plan does not yet set out {matter.matter}", matter.citation)
    for matter in (m for m in MATTERS if m.takes_report):
        item = _item(items, matter.key)
        named = bool(item and item.report_ref and item.report_date)
        no_report = bool(item and item.no_report_yet and item.note)
        if named and item.report_date > on:
            findings.require(False, too_late(f"the report taken into account ({item.report_ref})",
                                             item.report_date, on), matter.citation)
        findings.require(named or no_report,
                         "the report taken into account is not recorded (reference and date, "
                         "or that no report has yet been submitted)", matter.citation)
        findings.warn(not no_report or named,
                      "no report has yet been submitted to the Board to take into account",
                      matter.citation)
    return findings


def _item(items, key):
    return next((i for i in items if i.key == key), None)


def _status(items, key) -> str:
    item = _item(items, key)
    return item.status if item else "missing"
