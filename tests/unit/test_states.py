"""The state table (lifecycle.states) agrees with the step table (lifecycle.machine.STEPS)."""
from lifecycle.machine import STEP_BY_EVENT, STEPS, PlanState
from lifecycle.rules.reminders import NEXT_ACTION_BY_STATE
from lifecycle.states import OUT_OF_CHAIN, STATES, states_where


def _sources(*events: str) -> frozenset[str]:
    return frozenset(s.value for e in events for s in STEP_BY_EVENT[e].sources)


def test_every_state_has_a_row_and_a_next_step():
    assert set(STATES) == set(PlanState)
    assert set(NEXT_ACTION_BY_STATE) == {None} | {s.value for s in PlanState}


def test_the_consultation_record_is_open_until_consultation_closes():
    assert states_where("consultation_open") == _sources("open_consultation",
                                                         "close_consultation")


def test_approval_is_recorded_where_approve_can_fire():
    assert states_where("approval_open") == _sources("approve")


def test_publication_is_recorded_where_a_publishing_event_can_fire():
    assert states_where("publication_open") == _sources("publish", "publish_revision")
    assert states_where("revision_pending") == _sources("publish_revision")


def test_a_review_is_under_way_until_it_is_concluded_or_its_revision_published():
    assert states_where("reviewing") == _sources("conclude_review", "publish_revision")
    assert states_where("review_consultation_open") == _sources("conclude_review")


def test_contents_change_while_the_plan_is_prepared_or_revised():
    assert states_where("contents_open") == _sources("withdraw", "publish_revision") - {
        PlanState.approved.value}


def test_only_a_withdrawn_plan_leaves_the_chain_and_nothing_leaves_it():
    assert OUT_OF_CHAIN == {STEP_BY_EVENT["withdraw"].dest.value}
    assert not any(state in OUT_OF_CHAIN for step in STEPS for state in step.sources)
