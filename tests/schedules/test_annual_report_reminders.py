"""The scheduler reminds the Board of its annual report (s17A(3)(b)) and stops once it is
published."""
from datetime import date

from lifecycle import services
from lifecycle.db import schedule_tables as st
from tests.schedules.support import add_user, day, rows
from tests.schedules.test_evaluation import walk
from tests.support import builders
from tests.support.monitoring import board_with_partners, monitor


def test_an_overdue_annual_report_is_reminded_then_met_late_and_its_reminders_stop(
        uow, runtime, clock):
    board = board_with_partners(uow)
    add_user(runtime, "cora", board["board"], mail="cora@northshire.example")
    raised = walk(runtime, date(2012, 9, 30), date(2012, 10, 1))
    assert [(on, rung) for on, key, rung in raised if key == "annual_report:2011-04-01"] == [
        (date(2012, 9, 30), "due"), (date(2012, 10, 1), "overdue:1")]
    [reminder] = [r for r in rows(runtime, st.reminders, rung="overdue:1")
                  if r["message"] and r["message"]["obligation_key"] == "annual_report:2011-04-01"]
    message = reminder["message"]
    assert message["citation"] == "s17A(3)(b)"
    assert "due date set by the Board" in message["obligation"]
    assert message["next_action"].startswith("record monitoring of each co-operating partner")
    day(clock, date(2012, 10, 2))
    for organisation in ("Northshire Constabulary", "Eastvale District Council"):
        monitor(uow, board["board"], board["members"][organisation], date(2011, 6, 1))
    report = services.create_annual_report(uow(), builders.ACTOR, board["board"],
                                           year_start=date(2011, 4, 1))
    services.publish_annual_report(uow(), builders.ACTOR, report["id"],
                                   published_on=date(2012, 10, 2), url="https://ns.example/ar")
    walk(runtime, date(2012, 10, 2), date(2012, 10, 2))
    [state] = rows(runtime, st.obligation_states, key="annual_report:2011-04-01")
    assert (state["status"], state["met_on"], state["late"], state["citation"]) == (
        "met", date(2012, 10, 2), True, "s17A(3)(b)")
    assert {r["status"] for r in rows(runtime, st.reminders, obligation_id=state["id"])
            if r["status"] != "sent"} <= {"cancelled", "skipped"}
