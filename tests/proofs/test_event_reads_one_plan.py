"""An event reads the plan it changes as one consistent whole, even while another event on
it commits (found by the load run: a stale ``under_review`` plan whose review another
request had just concluded crashed ``conclude_review`` with a 500)."""
from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from lifecycle import services
from lifecycle.errors import Conflict, EventNotAllowed
from lifecycle.model import AuditRecord, Plan
from tests.proofs.conftest import postgres_only
from tests.support import builders

CONCLUDE = {"on": date(2012, 1, 10), "outcome": "no_revision_needed", "reason": "on track"}


def _conclude(committing_uow, plan_id: int, outcomes: list) -> None:
    try:
        services.fire_event(committing_uow(), "bob", plan_id, "conclude_review", **CONCLUDE)
        outcomes.append("concluded")
    except (Conflict, EventNotAllowed) as refused:
        outcomes.append(type(refused).__name__)


@postgres_only
def test_an_event_racing_another_on_its_plan_conflicts_instead_of_crashing(committing_uow):
    plan_id = builders.plan_in_state(committing_uow, "under_review")
    outcomes: list = []
    alice = threading.get_ident()
    rival = threading.Thread(target=_conclude, args=(committing_uow, plan_id, outcomes))

    def let_the_rival_commit(session, instance):
        # Alice has read the plan (under review); Bob concludes the review meanwhile.
        if isinstance(instance, Plan) and threading.get_ident() == alice \
                and rival.ident is None:
            rival.start()
            rival.join(3)  # with the plan locked, Bob waits for Alice instead
    event.listen(Session, "loaded_as_persistent", let_the_rival_commit)
    try:
        _conclude(committing_uow, plan_id, outcomes)
    finally:
        event.remove(Session, "loaded_as_persistent", let_the_rival_commit)
        rival.join(30)
    assert sorted(outcomes) in (["Conflict", "concluded"], ["EventNotAllowed", "concluded"])
    with committing_uow() as unit:
        concluded = unit.session.scalars(select(AuditRecord).where(
            AuditRecord.plan_id == plan_id, AuditRecord.event == "conclude_review")).all()
    assert len(concluded) == 1
