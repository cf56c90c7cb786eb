"""The Board's ``annual_report_months`` (s17A(3)(b) fixes no date for the annual report)."""
from __future__ import annotations

from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput
from lifecycle.model import AnnualReportSetting, Board
from lifecycle.services.common import record

MONTHS_RANGE = (1, 24)


def set_annual_report_months(uow: UnitOfWork, actor: str, board: Board, months: int) -> None:
    """From today the board's reports are due on the last day of the ``months``-th month after
    their year ends; years that ended before today keep their due date (inside the caller's
    unit of work, audited)."""
    low, high = MONTHS_RANGE
    if isinstance(months, bool) or not isinstance(months, int) or not low <= months <= high:
        raise InvalidInput(f"annual_report_months must be a whole number from {low} to {high}",
                           {"annual_report_months": [f"Must be {low}-{high}."]})
    today = uow.clock.today()
    same_day = next((s for s in board.annual_report_settings if s.effective_from == today), None)
    if same_day is not None:
        same_day.months = months
    else:
        board.annual_report_settings.append(AnnualReportSetting(months=months,
                                                                effective_from=today))
    record(uow, actor, "board.annual_report_months_changed", board_id=board.id, months=months,
           effective_from=today)

