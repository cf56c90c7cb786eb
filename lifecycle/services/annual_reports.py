"""Use cases of s17A(3)(b): the Board's annual report on a year, from draft to publication.

A draft gathers, live, the year's monitoring of each co-operating partner
(s17A(3)(a)), the reviews of the plan concluded in the year (guidance 8.60:
the review is published in the report) and the Chief Executive's and
Leader's assessment of governance (guidance 8.48). Publishing fixes those
contents: a published report never changes.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import EventNotAllowed, GuardRefused, InvalidInput, NotFound
from lifecycle.model import AnnualReport, Board, MonitoringEntry
from lifecycle.rules.monitoring import (
    ANNUAL_REPORT_CITATION,
    co_operating_partners,
    publication_findings,
)
from lifecycle.rules.reviews import ReviewYear
from lifecycle.services.common import fact_date, load_board, record, require_actor
from lifecycle.services.monitoring import board_plans, current_facts, report_year

PUBLISH = "publish_annual_report"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _requirements(items) -> list[dict]:
    return [{"requirement": r.requirement, "citation": r.citation} for r in items]


def _gather(uow: UnitOfWork, report: AnnualReport) -> dict:
    """The report's contents as of now, in JSON-ready values (what publishing fixes)."""
    board, year = report.board, ReviewYear(report.year_start, report.year_end)
    plans = board_plans(uow, board.id)
    facts = current_facts(uow, board, plans)
    partner_ids = co_operating_partners(year, board.members, facts.plans)
    entries = uow.session.scalars(select(MonitoringEntry).where(
        MonitoringEntry.board_id == board.id,
        MonitoringEntry.monitored_on.between(year.start, year.end))
        .order_by(MonitoringEntry.monitored_on, MonitoringEntry.id))
    by_member: dict[int, list[dict]] = {}
    for e in entries:
        by_member.setdefault(e.member_id, []).append({
            "id": e.id, "on": _iso(e.monitored_on), "assessment": e.assessment,
            "evidence": e.evidence, "recorded_by": e.recorded_by})
    members = {m.id: m for m in board.members}
    published = {p.plan_id for p in facts.plans if p.published_on is not None}
    return {
        "board_name": board.name,
        "partners": [{"member_id": i, "organisation": members[i].organisation,
                      "representative": members[i].representative,
                      "entries": by_member.get(i, [])} for i in partner_ids],
        "plans": [{"plan_id": p.id, "title": p.title, "period_start": _iso(p.period_start),
                   "period_end": _iso(p.period_end), "published_on": _iso(p.published_on)}
                  for p in sorted(plans, key=lambda p: p.sequence) if p.id in published
                  and p.period_start <= year.end and p.period_end >= year.start],
        "reviews": [{"review_id": r.id, "plan_id": p.id, "plan_title": p.title,
                     "opened_on": _iso(r.opened_on), "concluded_on": _iso(r.concluded_on),
                     "outcome": r.outcome or "revision begun", "reason": r.reason}
                    for p in sorted(plans, key=lambda p: p.sequence) for r in p.reviews
                    if r.concluded_on is not None and year.contains(r.concluded_on)],
        "governance_assessment": report.governance_assessment,
    }


def _findings(report: AnnualReport, contents: dict, published_on: date):
    unmonitored = [p["organisation"] for p in contents["partners"] if not p["entries"]]
    return publication_findings(
        ReviewYear(report.year_start, report.year_end), published_on, unmonitored,
        bool(report.governance_assessment and report.governance_assessment.strip()),
        bool(contents["reviews"]))


def report_view(uow: UnitOfWork, report: AnnualReport) -> dict:
    """An annual report: its year, state, contents (fixed once published) and, for a draft,
    what publishing it today would find (``publication_check``)."""
    published = report.published_on is not None
    contents = report.contents if published else _gather(uow, report)
    check = None
    if not published:
        findings = _findings(report, contents, uow.clock.today())
        check = {"on": uow.clock.today(), "allowed": findings.ok,
                 "unmet": _requirements(findings.unmet),
                 "warnings": _requirements(findings.warnings)}
    return {"id": report.id, "board_id": report.board_id, "year_start": report.year_start,
            "year_end": report.year_end, "status": "published" if published else "draft",
            "published_on": report.published_on, "url": report.url,
            "governance_assessment": report.governance_assessment,
            "citation": ANNUAL_REPORT_CITATION, "contents": contents,
            "publication_check": check}


def _load(uow: UnitOfWork, report_id: int) -> AnnualReport:
    report = uow.session.get(AnnualReport, report_id)
    if report is None:
        raise NotFound(f"annual report {report_id} does not exist")
    return report


def _draft(uow: UnitOfWork, report_id: int) -> AnnualReport:
    report = _load(uow, report_id)
    if report.published_on is not None:
        raise EventNotAllowed(f"annual report {report_id} was published on "
                              f"{report.published_on} and cannot change")
    return report


def create_annual_report(uow: UnitOfWork, actor: str, board_id: int, *,
                         year_start: date) -> dict:
    """A draft annual report for the board's report year beginning ``year_start``
    (s17A(3)(b)); one per year; audited."""
    actor = require_actor(actor)
    with uow:
        board: Board = load_board(uow, board_id)
        facts = current_facts(uow, board, board_plans(uow, board_id))
        year = report_year(facts, year_start, uow.clock.today()) if year_start else None
        if year is None:
            raise InvalidInput(f"{year_start} does not begin one of the board's report years "
                               "(a year on its basis that overlaps a published plan's period)",
                               {"year_start": ["Must begin a report year of the board."]})
        existing = uow.session.scalar(select(AnnualReport.id).where(
            AnnualReport.board_id == board_id, AnnualReport.year_start == year.start))
        if existing is not None:
            raise InvalidInput(f"the board already has annual report {existing} for that year",
                               {"year_start": [f"Annual report {existing} covers it."]})
        report = AnnualReport(board=board, year_start=year.start, year_end=year.end,
                              created_at=uow.clock.now())
        uow.session.add(report)
        uow.flush()
        record(uow, actor, "annual_report.created", board_id=board_id, report_id=report.id,
               year_start=year.start, year_end=year.end)
        view = report_view(uow, report)
        uow.commit()
        return view


def update_annual_report(uow: UnitOfWork, actor: str, report_id: int, *,
                         governance_assessment: str | None) -> dict:
    """Record the Chief Executive's and Leader's assessment of governance and partnership
    arrangements (guidance 8.48) on a draft; audited."""
    actor = require_actor(actor)
    with uow:
        report = _draft(uow, report_id)
        text = governance_assessment.strip() if governance_assessment else None
        report.governance_assessment = text or None
        record(uow, actor, "annual_report.updated", board_id=report.board_id,
               report_id=report.id, governance_assessment=report.governance_assessment)
        view = report_view(uow, report)
        uow.commit()
        return view


def publish_annual_report(uow: UnitOfWork, actor: str, report_id: int, *, published_on: date,
                          url: str) -> dict:
    """Publish a draft on ``published_on`` at ``url``, fixing its contents; it meets the
    year's s17A(3)(b) obligation. ``GuardRefused`` (every unmet requirement, cited) while the
    year has not ended or a co-operating partner has no monitoring entry dated in it; the
    view carries the warnings (guidance 8.48, 8.60)."""
    actor = require_actor(actor)
    if not (url and url.strip()):
        raise InvalidInput("url is required", {"url": ["Where the report is published."]})
    with uow:
        fact_date(uow, published_on, "published_on", required=True)
        report = _draft(uow, report_id)
        contents = _gather(uow, report)
        findings = _findings(report, contents, published_on)
        if not findings.ok:
            raise GuardRefused(PUBLISH, findings)
        report.contents, report.published_on, report.url = contents, published_on, url.strip()
        record(uow, actor, "annual_report.published", board_id=report.board_id,
               report_id=report.id, year_start=report.year_start, published_on=published_on,
               url=report.url, warnings=_requirements(findings.warnings))
        view = report_view(uow, report) | {"warnings": _requirements(findings.warnings)}
        uow.commit()
        return view


def get_annual_report(uow: UnitOfWork, report_id: int) -> dict:
    """One annual report (``report_view``)."""
    with uow:
        return report_view(uow, _load(uow, report_id))


def list_annual_reports(uow: UnitOfWork, board_id: int) -> list[dict]:
    """The board's annual reports, by year: id, year, status, published_on, url."""
    with uow:
        load_board(uow, board_id)
        reports = uow.session.scalars(select(AnnualReport).where(
            AnnualReport.board_id == board_id).order_by(AnnualReport.year_start))
        return [{"id": r.id, "board_id": r.board_id, "year_start": r.year_start,
                 "year_end": r.year_end, "published_on": r.published_on, "url": r.url,
                 "status": "published" if r.published_on else "draft"} for r in reports]


def board_of_report(uow: UnitOfWork, report_id: int) -> int:
    """The board an annual report belongs to (``NotFound`` if there is none)."""
    with uow:
        return _load(uow, report_id).board_id
