"""An event over HTTP reads the caller, the plan document it answers with and nothing more
(issue 11: authorisation and the service each loaded the whole plan graph before)."""
from __future__ import annotations

from sqlalchemy import event

from tests.api.journey import API, ok
from tests.support import builders

# Pre-flight (token and scope), the plan with its board, the board's members and the five
# collections of the plan document, the versioned UPDATE, the audit head and its INSERT,
# and on PostgreSQL the audit chain's lock. (A token's use is noted at most every 5 minutes.)
MOST_STATEMENTS = 12


def _statements(connection, action) -> list[str]:
    seen = []

    def note(_conn, _cursor, statement, *_):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            seen.append(statement)

    event.listen(connection, "before_cursor_execute", note)
    try:
        action()
    finally:
        event.remove(connection, "before_cursor_execute", note)
    return seen


def test_an_event_reads_the_caller_and_the_plan_document_and_nothing_else(
        coordinator, board_a, uow, connection):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    plan = builders.to_state(uow, plan_id, "consultation")
    ok(coordinator.get(f"{API}/plans/{plan_id}"))  # the token's use is noted now, not below
    statements = _statements(connection, lambda: ok(coordinator.post(
        f"{API}/plans/{plan_id}/events",
        json={"event": "close_consultation", "version": plan["version"], "on": "2010-11-05"})))
    assert len(statements) <= MOST_STATEMENTS, "\n".join(statements)
    unread = ("annual_report_settings", "rulebook_switches", "review_basis_changes",
              "joint_pcts", "relevant_partners", "acknowledgements")
    assert not [s for s in statements if any(table in s for table in unread)]
