"""Read models for the web pages of the Board's s17A duties: the monitoring list with the
choices its filters and form offer, and the annual reports with the years still to report."""
from __future__ import annotations

from datetime import date

from lifecycle.db.uow import UnitOfWork
from lifecycle.rules.monitoring import ANNUAL_REPORT
from lifecycle.services.annual_reports import list_annual_reports
from lifecycle.services.common import load_board
from lifecycle.services.monitoring import list_monitoring
from lifecycle.services.obligations import board_obligations


def _board_members(uow: UnitOfWork, board_id: int) -> tuple[dict, list[dict]]:
    """The board (id, name) and its members past and present, by organisation."""
    with uow:
        board = load_board(uow, board_id)
        members = sorted(({"id": m.id, "organisation": m.organisation, "joined_on": m.joined_on,
                           "left_on": m.left_on} for m in board.members),
                         key=lambda m: (m["organisation"], m["joined_on"]))
        return {"id": board.id, "name": board.name}, members


def _report_years(uow: UnitOfWork, board_id: int) -> list[dict]:
    """The board's report years (s17A(3)(b)) with their obligations' due dates and status."""
    return [{"year_start": o["year_start"], "year_end": o["year_end"], "due_on": o["due_on"],
             "status": o["status"]}
            for o in board_obligations(uow, board_id) if o["kind"] == ANNUAL_REPORT]


def monitoring_page(uow: UnitOfWork, board_id: int, *, year_start: date | None = None,
                    member_id: int | None = None, page: int = 1, per_page: int = 20) -> dict:
    """One page of the board's monitoring entries (filtered as ``list_monitoring``), with the
    board's members and report years to filter by and to record against."""
    listing = list_monitoring(uow, board_id, year_start=year_start, member_id=member_id,
                              page=page, per_page=per_page)
    board, members = _board_members(uow, board_id)
    return {"board": board, "members": members, "years": _report_years(uow, board_id),
            "listing": listing}


def annual_reports_page(uow: UnitOfWork, board_id: int) -> dict:
    """The board's annual reports and its report years, each with its report if there is
    one (the years without one are those a report can be started for)."""
    reports = {r["year_start"]: r for r in list_annual_reports(uow, board_id)}
    board, _ = _board_members(uow, board_id)
    years = [y | {"report": reports.get(y["year_start"])}
             for y in _report_years(uow, board_id)]
    return {"board": board, "years": years, "reports": list(reports.values())}
