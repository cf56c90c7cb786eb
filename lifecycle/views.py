"""Read models: plain dicts of what a user sees of boards, members and plans.

The obligation views cross every layer (API, pages, command line, calendar, reminders), so
their shape is declared: ``ObligationView`` and ``ObligationReport`` are TypedDicts (still
dicts at run time, so the JSON they become does not change).
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import NotRequired, TypedDict

from lifecycle.machine import available_events
from lifecycle.rules import checklist, composition, consultees, publication
from lifecycle.rules.monitoring import DEFAULT_REPORT_MONTHS
from lifecycle.rules.revision import review_consultees


class ObligationView(TypedDict):
    """An obligation as every entrypoint shows it: ``lifecycle.obligations.Obligation``'s
    fields, its board and title; given a date, also ``days_left`` and, while it is open, the
    ``next_action`` that meets it."""

    board_id: int
    key: str
    kind: str
    plan_id: int | None
    previous_plan_id: int | None
    due_on: date
    status: str
    met_on: date | None
    met_by: str | None
    late: bool
    citation: str
    rulebook: str
    reason: str | None
    year_start: date | None
    year_end: date | None
    title: str
    days_left: NotRequired[int]
    next_action: NotRequired[str | None]


class ObligationReport(TypedDict):
    """A board's obligations as of a date, and why none can be due yet if that is so."""

    as_of: date
    notice: str | None
    obligations: list[ObligationView]


def board_view(board, on: date) -> dict:
    """The board, with its composition findings on ``on`` (s12A(2))."""
    return {
        "id": board.id, "name": board.name, "authority": board.authority.name, "pct": board.pct,
        "authorities": board.authority_names, "pcts": board.pct_names,
        "authority_website": board.authority_website, "pct_website": board.pct_website,
        "review_basis": (board.review_basis_changes[-1].review_basis
                         if board.review_basis_changes else board.review_basis),
        "review_basis_changes": [{"review_basis": c.review_basis,
                                  "effective_from": c.effective_from}
                                 for c in board.review_basis_changes],
        "rulebooks": [rulebook_switch_view(s) for s in board.rulebook_switches],
        "annual_report_months": (board.annual_report_settings[-1].months
                                 if board.annual_report_settings else DEFAULT_REPORT_MONTHS),
        "annual_report_months_changes": [{"months": s.months, "effective_from": s.effective_from}
                                         for s in board.annual_report_settings],
        "composition_on": on, "composition": composition_view(board, on),
    }


def composition_view(board, on: date) -> list[dict]:
    """Each body the Board must include that no member represents on ``on``."""
    gaps = composition.unrepresented(board.authority_names, board.relevant_partners,
                                     board.members, on)
    return [{"requirement": g.requirement.requirement, "citation": g.requirement.citation,
             "body": g.body, "kind": g.kind, "partner_type": g.partner_type,
             "unrepresented_since": g.since} for g in gaps]


def relevant_partner_view(partner, members, on: date) -> dict:
    """A relevant partner, and which members represent it on ``on``."""
    view = {name: getattr(partner, name) for name in (
        "id", "board_id", "name", "partner_type", "since", "ended_on")}
    key = partner.name.strip().casefold()
    view["exempt"] = partner.partner_type in composition.EXEMPT
    view["represented_by"] = [m.id for m in members if composition.member_on(m, on)
                              and key in composition.represented_by(m)]
    return view


def rulebook_switch_view(switch) -> dict:
    return {"rulebook": switch.rulebook, "effective_from": switch.effective_from,
            "plan_length_months": switch.plan_length_months,
            "successor_grace_days": switch.successor_grace_days, "review_basis": switch.review_basis}


def member_view(member) -> dict:
    return {name: getattr(member, name) for name in (
        "id", "board_id", "organisation", "partner_type", "statutory", "representative",
        "joined_on", "left_on")} | {
        "represents_authorities": [a.name for a in member.authorities],
        "represents_partners": [p.id for p in member.partners]}


def checklist_item_view(item) -> dict:
    matter = checklist.BY_KEY[item.key]
    view = {"key": item.key, "matter": matter.matter, "citation": matter.citation,
            "status": item.status, "text": item.text, "document_url": item.document_url}
    if matter.takes_report:
        view.update(report_ref=item.report_ref, report_date=item.report_date,
                    no_report_yet=item.no_report_yet, note=item.note)
    return view


def consultee_view(c, partners: set[str] = frozenset()) -> dict:
    """A consultee; ``board_partner`` flags a reg 7(1)(a)/(b) consultee that is among
    ``partners`` (the Board's current partners), which those categories are not for."""
    view = {name: getattr(c, name) for name in (
        "id", "category", "name", "authority", "invited_on", "response_due", "responded_on",
        "declined", "summary", "none_in_area", "note", "review_id")}
    view["citation"] = consultees.BY_LETTER[c.category].citation
    view["board_partner"] = composition.is_partner_consultee(c, partners)
    return view


def channel_view(c) -> dict:
    view = {name: getattr(c, name) for name in ("id", "channel", "revision", "organisation", "url",
                                                 "place", "done_on")}
    view["citation"] = publication.BY_NAME[c.channel].citation
    return view


def review_view(review, plan) -> dict:
    partners = composition.partner_names(plan.board.members)
    return {"id": review.id, "opened_on": review.opened_on, "concluded_on": review.concluded_on,
            "outcome": review.outcome, "reason": review.reason,
            "consultees": [consultee_view(c, partners) for c in review_consultees(plan, review)]}


def revision_view(revision) -> dict:
    return {"number": revision.number, "review_id": revision.review_id,
            "begun_on": revision.begun_on, "published_on": revision.published_on}


def plan_view(plan) -> dict:
    consulted = plan.plan_consultees
    partners = composition.partner_names(plan.board.members) if consulted else set()
    return {
        "id": plan.id, "board_id": plan.board_id, "sequence": plan.sequence, "title": plan.title,
        "period_start": plan.period_start, "period_end": plan.period_end,
        "predecessor_id": plan.predecessor_id, "state": plan.state, "version": plan.version,
        "revision": plan.revision, "available_events": available_events(plan.state),
        "approval": {"approved_on": plan.approved_on, "minute_ref": plan.approval_minute_ref},
        "published_on": plan.published_on, "superseded_on": plan.superseded_on,
        "checklist": [checklist_item_view(i) for i in plan.checklist],
        "consultees": [consultee_view(c, partners) for c in consulted],
        "publication_channels": [channel_view(c) for c in plan.channels],
        "reviews": [review_view(r, plan) for r in plan.reviews],
        "revisions": [revision_view(r) for r in plan.revisions],
    }


def plan_etag(view: dict) -> str:
    """A strong entity tag of a plan document: its version and a digest of everything else
    in it (facts such as consultees change without a new version). An event's ``warnings``
    belong to that answer, not to the plan, so they are left out."""
    document = {k: v for k, v in view.items() if k != "warnings"}
    digest = hashlib.sha256(json.dumps(document, sort_keys=True, default=str).encode())
    return f"{view['version']}-{digest.hexdigest()[:16]}"


def plan_summary(plan) -> dict:
    return {name: getattr(plan, name) for name in (
        "id", "board_id", "sequence", "title", "period_start", "period_end", "predecessor_id",
        "state", "version", "revision", "published_on")}


def as_iso(value):
    """Dates in a view as ISO text (for JSON output of the CLI)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_iso(v) for v in value]
    return value
