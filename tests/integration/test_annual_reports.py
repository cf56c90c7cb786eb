"""The annual report's use cases on a real database: what a draft gathers (monitoring per
co-operating partner, the year's review, governance), and that publishing meets the year's
obligation on time or late, so an overdue report can always be met (docs/rules.md "Time")."""
from datetime import date

import pytest

from lifecycle import services
from lifecycle.errors import EventNotAllowed, GuardRefused, InvalidInput
from tests.support import builders
from tests.support.monitoring import board_with_partners, monitor


def _report(uow, board_id: int, year_start: date) -> dict:
    return services.create_annual_report(uow(), builders.ACTOR, board_id, year_start=year_start)


def test_a_draft_gathers_the_years_monitoring_review_and_governance(uow):
    board = board_with_partners(uow)
    police = board["members"]["Northshire Constabulary"]
    monitor(uow, board["board"], police, date(2012, 2, 1), "not_in_accordance", "Missed")
    monitor(uow, board["board"], police, date(2012, 4, 1))  # 2012/13: not in this report
    builders.fire(uow, board["plan"], "start_review", on=date(2012, 1, 10))
    builders.fire(uow, board["plan"], "conclude_review", on=date(2012, 2, 20),
                  outcome="no_revision_needed", reason="on track")
    report = _report(uow, board["board"], date(2011, 4, 1))
    services.update_annual_report(uow(), builders.ACTOR, report["id"],
                                  governance_assessment="Effective")
    contents = services.get_annual_report(uow(), report["id"])["contents"]
    partners = {p["organisation"]: p["entries"] for p in contents["partners"]}
    assert [(e["on"], e["assessment"]) for e in partners["Northshire Constabulary"]] == [
        ("2012-02-01", "not_in_accordance")]
    assert partners["Eastvale District Council"] == []
    assert [(r["concluded_on"], r["outcome"]) for r in contents["reviews"]] == [
        ("2012-02-20", "no_revision_needed")]
    assert contents["governance_assessment"] == "Effective"
    check = services.get_annual_report(uow(), report["id"])["publication_check"]
    assert [u["requirement"].split(" is a ")[0] for u in check["unmet"]] == [
        "Eastvale District Council"]
    assert check["warnings"] == []


@pytest.mark.parametrize("published_on, late", [(date(2012, 9, 30), False),
                                                (date(2012, 10, 1), True)])
def test_publishing_meets_the_years_obligation_on_its_due_date_or_late(uow, published_on, late):
    board = board_with_partners(uow)
    for member_id in board["members"].values():
        monitor(uow, board["board"], member_id, date(2011, 6, 1))
    before = next(o for o in services.board_obligations(uow(), board["board"], published_on)
                  if o["key"] == "annual_report:2011-04-01")
    assert before["status"] == ("overdue" if late else "pending")
    report = _report(uow, board["board"], date(2011, 4, 1))
    services.publish_annual_report(uow(), builders.ACTOR, report["id"],
                                   published_on=published_on, url="https://ns.example/ar")
    after = next(o for o in services.board_obligations(uow(), board["board"], published_on)
                 if o["key"] == "annual_report:2011-04-01")
    assert (after["status"], after["met_on"], after["late"], after["met_by"]) == (
        "met", published_on, late, f"annual report {report['id']} published")


def test_a_refused_publication_changes_nothing_and_a_published_one_is_fixed(uow):
    board = board_with_partners(uow)
    report = _report(uow, board["board"], date(2011, 4, 1))
    with pytest.raises(GuardRefused) as refused:
        services.publish_annual_report(uow(), builders.ACTOR, report["id"],
                                       published_on=date(2012, 5, 1), url="https://ns.example")
    assert {u.citation for u in refused.value.findings.unmet} == {"s17A(3)(b)"}
    assert services.get_annual_report(uow(), report["id"])["status"] == "draft"
    for member_id in board["members"].values():
        monitor(uow, board["board"], member_id, date(2011, 6, 1))
    services.publish_annual_report(uow(), builders.ACTOR, report["id"],
                                   published_on=date(2012, 5, 1), url="https://ns.example")
    with pytest.raises(EventNotAllowed):
        services.update_annual_report(uow(), builders.ACTOR, report["id"],
                                      governance_assessment="changed")
    with pytest.raises(InvalidInput, match="already has annual report"):
        _report(uow, board["board"], date(2011, 4, 1))
