"""s17A(3) rules with the dates worked out by hand: co-operating partners, report years,
due dates and what publishing a report needs."""
from dataclasses import dataclass
from datetime import date

from lifecycle.obligations import (
    AnnualReportFact,
    BoardFacts,
    PlanFacts,
    RulebookSpell,
    obligations_as_of,
)
from lifecycle.rules.monitoring import (
    co_operating_partners,
    months_for,
    publication_findings,
    report_due,
    report_years,
)
from lifecycle.rules.reviews import ReviewYear
from lifecycle.rules.rulebooks import statutory_2010

YEAR_2011 = ReviewYear(date(2011, 4, 1), date(2012, 3, 31))
PLAN = PlanFacts(1, date(2011, 4, 1), date(2014, 3, 31), date(2011, 3, 15))


@dataclass
class Seat:
    id: int
    joined_on: date
    left_on: date | None = None


def test_a_member_on_the_board_for_one_day_of_the_plan_in_the_year_is_a_partner():
    # Left on 1 April 2011, the first day of both the year and the plan period.
    members = [Seat(1, date(2010, 4, 1), date(2011, 4, 1)), Seat(2, date(2012, 3, 31))]
    assert co_operating_partners(YEAR_2011, members, [PLAN]) == [1, 2]


def test_a_member_who_left_before_the_plan_period_began_is_not_a_partner():
    members = [Seat(1, date(2010, 4, 1), date(2011, 3, 31)), Seat(2, date(2012, 4, 1))]
    assert co_operating_partners(YEAR_2011, members, [PLAN]) == []


def test_nobody_is_a_partner_while_no_published_plan_runs():
    unpublished = PlanFacts(1, date(2011, 4, 1), date(2014, 3, 31), None)
    assert co_operating_partners(YEAR_2011, [Seat(1, date(2010, 4, 1))], [unpublished]) == []
    # A plan running only from 1 October 2011: a member who left on 30 September is not one.
    late = PlanFacts(1, date(2011, 10, 1), date(2014, 9, 30), date(2011, 9, 1))
    members = [Seat(1, date(2010, 4, 1), date(2011, 9, 30)), Seat(2, date(2010, 4, 1))]
    assert co_operating_partners(YEAR_2011, members, [late]) == [2]


def test_report_years_are_the_financial_years_that_overlap_a_published_plan():
    # 1 April 2011 - 31 March 2014: 2011/12, 2012/13 and 2013/14.
    assert [y.year.start for y in report_years([PLAN], "financial")] == [
        date(2011, 4, 1), date(2012, 4, 1), date(2013, 4, 1)]
    # 1 October 2011 - 30 September 2014 touches four financial years, 2011/12 to 2014/15.
    shifted = PlanFacts(1, date(2011, 10, 1), date(2014, 9, 30), date(2011, 9, 1))
    assert [y.year.start.year for y in report_years([shifted], "financial")] == [
        2011, 2012, 2013, 2014]


def test_report_years_on_the_plan_basis_are_anniversaries_of_the_period_start():
    shifted = PlanFacts(1, date(2011, 10, 1), date(2014, 9, 30), date(2011, 9, 1))
    assert [(y.year.start, y.year.end) for y in report_years([shifted], "plan")] == [
        (date(2011, 10, 1), date(2012, 9, 30)), (date(2012, 10, 1), date(2013, 9, 30)),
        (date(2013, 10, 1), date(2014, 9, 30))]


def test_an_unpublished_plan_has_no_report_years():
    assert report_years([PlanFacts(1, date(2011, 4, 1), date(2014, 3, 31), None)],
                        "financial") == []


def test_the_report_is_due_on_the_last_day_of_the_chosen_month_after_the_year():
    assert report_due(date(2012, 3, 31), 6) == date(2012, 9, 30)
    assert report_due(date(2012, 3, 31), 11) == date(2013, 2, 28)
    assert report_due(date(2015, 3, 31), 11) == date(2016, 2, 29)  # 2016 is a leap year
    assert report_due(date(2012, 9, 30), 3) == date(2012, 12, 31)
    assert report_due(date(2012, 9, 30), 4) == date(2013, 1, 31)


def test_a_change_of_months_applies_to_years_ending_on_or_after_its_date():
    settings = [(date(2012, 5, 1), 3)]
    assert months_for(date(2012, 3, 31), settings) == 6
    assert months_for(date(2013, 3, 31), settings) == 3
    assert months_for(date(2013, 3, 31), []) == 6


def _board(reports=(), months=()):
    return BoardFacts(1, (PLAN,), (RulebookSpell(statutory_2010(), date(2010, 4, 1)),),
                      annual_reports=tuple(reports), report_months=tuple(months))


def _reports(board, as_of):
    return [(o.year_start, o.due_on, o.status, o.met_on, o.late, o.citation)
            for o in obligations_as_of(board, as_of) if o.kind == "annual_report"]


def test_each_report_year_owes_a_report_cited_s17a_3_b():
    assert _reports(_board(), date(2012, 10, 1)) == [
        (date(2011, 4, 1), date(2012, 9, 30), "overdue", None, False, "s17A(3)(b)"),
        (date(2012, 4, 1), date(2013, 9, 30), "pending", None, False, "s17A(3)(b)"),
        (date(2013, 4, 1), date(2014, 9, 30), "pending", None, False, "s17A(3)(b)")]


def test_a_published_report_meets_its_year_late_after_the_due_date():
    board = _board([AnnualReportFact(7, date(2011, 4, 1), date(2012, 10, 2))])
    first = obligations_as_of(board, date(2012, 10, 5))
    report = next(o for o in first if o.key == "annual_report:2011-04-01")
    assert (report.status, report.met_on, report.met_by, report.late) == (
        "met", date(2012, 10, 2), "annual report 7 published", True)
    # As of the day before it was published, it was still overdue.
    assert _reports(board, date(2012, 10, 1))[0][2] == "overdue"


def test_the_boards_months_move_the_due_date_of_years_not_yet_ended():
    board = _board(months=[(date(2012, 5, 1), 3)])
    assert [due for _, due, *_ in _reports(board, date(2012, 6, 1))] == [
        date(2012, 9, 30), date(2013, 6, 30), date(2014, 6, 30)]


def test_publishing_is_refused_before_the_year_ends_and_names_each_unmonitored_partner():
    findings = publication_findings(YEAR_2011, date(2012, 3, 31), ["Police", "PCT"], True, True)
    assert [r.citation for r in findings.unmet] == ["s17A(3)(b)"] * 3
    assert "has not ended by 2012-03-31" in findings.unmet[0].requirement
    assert findings.unmet[1].requirement.startswith("Police is a co-operating partner")
    assert findings.warnings == []


def test_publishing_warns_without_governance_assessment_or_review():
    findings = publication_findings(YEAR_2011, date(2012, 4, 1), [], False, False)
    assert findings.ok
    assert [w.citation for w in findings.warnings] == ["guidance 8.48", "guidance 8.60"]
