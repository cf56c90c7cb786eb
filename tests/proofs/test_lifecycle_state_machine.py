"""Random event sequences through ``lifecycle.services`` (Hypothesis ``RuleBasedStateMachine``):
whatever a coordinator does, in whatever order, on dates moving forward, the plans stay in
the machine's states, the audit log holds exactly the accepted events and recorded facts,
a refused call changes nothing, the obligations agree with the plans and the hash chain
verifies (issue 11).

Each example runs in one outer transaction that is rolled back (the savepoint recipe), so
examples do not see each other. The default profile is modest (``EXAMPLES`` x ``STEPS``);
``test_the_lifecycle_holds_its_invariants_longer`` is the bigger one behind ``slow``.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from lifecycle import services
from lifecycle.clock import FixedClock, instant_of
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import DomainError
from lifecycle.machine import EVENTS, STEP_BY_EVENT, PlanState
from lifecycle.model import AuditRecord, Plan
from lifecycle.rules.checklist import MATTERS, STATUSES
from lifecycle.rules.deadlines import FIRST_PLAN, SUCCESSOR_PLAN
from lifecycle.rules.reviews import ANNUAL_REVIEW
from tests.support import builders

EXAMPLES, STEPS = 20, 20
TODAY = date(2026, 11, 25)
ACTOR = builders.ACTOR
PUBLICATION = (("authority_website", {"url": "https://council.example/cypp"}),
               ("pct_website", {"url": "https://pct.example/cypp"}),
               ("public_place", {"place": "Central Library"}),
               ("partner_website", {"url": "https://police.example/cypp"}))
# The state an automatic event leaves a plan in, and the event's name in the audit log.
AUTOMATIC = {PlanState.expired.value: "expire", PlanState.superseded.value: "supersede"}
STATES = {s.value for s in PlanState}


class PlanLifecycle(RuleBasedStateMachine):
    """One Board, its first plan and perhaps successors, driven at random."""

    engine = None  # set by the test

    def __init__(self):
        super().__init__()
        self.connection = self.engine.connect()
        self.outer = self.connection.begin()
        sessions = sessionmaker(bind=self.connection, join_transaction_mode="create_savepoint",
                                expire_on_commit=False)
        clock = FixedClock(instant_of(TODAY))
        self.uow = lambda: UnitOfWork(sessions, clock)
        self.on = date(2010, 6, 1)
        self.board_id = builders.board(self.uow)["id"]
        self.plans = [builders.plan(self.uow, self.board_id)["id"]]
        self.expected = self._audit_counts()

    def teardown(self):
        self.outer.rollback()
        self.connection.close()

    # -- what the database holds -------------------------------------------------------

    def _audit_counts(self) -> Counter:
        with self.uow() as unit:
            rows = unit.session.execute(select(AuditRecord.event, func.count()).where(
                AuditRecord.board_id == self.board_id).group_by(AuditRecord.event)).all()
        return Counter(dict(rows))

    def _views(self) -> dict[int, dict]:
        return {plan_id: services.get_plan(self.uow(), plan_id) for plan_id in self.plans}

    def _versions(self) -> dict[int, tuple]:
        with self.uow() as unit:
            rows = unit.session.execute(select(Plan.id, Plan.state, Plan.version).where(
                Plan.board_id == self.board_id)).all()
        return {row.id: {"state": row.state, "version": row.version} for row in rows}

    @property
    def latest(self) -> int:
        return self.plans[-1]

    # -- one attempt: accepted and counted, or refused and nothing changed -----------------

    def _attempt(self, kind: str, call, *, whole: bool = True) -> tuple[object, dict[int, dict]]:
        """Run one service call: (its result or None if refused, the plans before it). An
        accepted call is expected in the audit log as ``kind``; a refused one must leave the
        plans (``whole``: every fact of them, else their versions) and the audit log as
        they were. The batches (a whole checklist, every mandatory consultee) compare
        versions only, to keep the default run short."""
        before = self._views() if whole else self._versions()
        records = self._audit_counts()
        try:
            result = call()
        except DomainError:
            after = self._views() if whole else self._versions()
            assert after == before, f"a refused {kind} changed a plan"
            assert self._audit_counts() == records, f"a refused {kind} wrote to the audit log"
            return None, before
        self.expected[kind] += 1
        return result, before

    def _fire(self, plan_id: int, event: str, **words) -> None:
        view, before = self._attempt(event, lambda: services.fire_event(
            self.uow(), ACTOR, plan_id, event, on=self.on, **words))
        if view is None:
            return
        if view["state"] != STEP_BY_EVENT[event].dest.value:
            # An automatic event followed (a review concluded after the period: expired).
            self.expected[AUTOMATIC[view["state"]]] += 1
        for other in self.plans:
            if other != plan_id and other in before:
                state = services.get_plan(self.uow(), other)["state"]
                if state != before[other]["state"]:
                    self.expected[AUTOMATIC[state]] += 1  # its successor was published

    # -- rules ---------------------------------------------------------------------------

    @rule(days=st.integers(min_value=1, max_value=400))
    def time_passes(self, days):
        self.on = min(self.on + timedelta(days=days), TODAY)

    @rule(data=st.data())
    def fire_an_available_event(self, data):
        plan_id = data.draw(st.sampled_from(self.plans))
        # Withdrawing ends the story: fire_any_event still tries it now and then.
        events = [e for e in self._views()[plan_id]["available_events"] if e != "withdraw"]
        if not events:
            return
        self._fire(plan_id, data.draw(st.sampled_from(events)),
                   reason=data.draw(st.sampled_from([None, "decided by the Board"])),
                   outcome=data.draw(st.sampled_from([None, "no_revision_needed"])))

    @rule(data=st.data(), event=st.sampled_from(EVENTS))
    def fire_any_event(self, data, event):
        plan_id = data.draw(st.sampled_from(self.plans))
        version = self._views()[plan_id]["version"] - data.draw(st.sampled_from([0, 0, 1]))
        self._fire(plan_id, event, reason="asked", outcome="no_revision_needed",
                   expected_version=version)

    def _write_matter(self, plan_id: int, matter, status: str, whole: bool = True) -> None:
        report = {"report_ref": "LSCB report", "report_date": self.on} if matter.takes_report \
            and status == "complete" else {}
        self._attempt("checklist.updated", lambda: services.update_checklist_item(
            self.uow(), ACTOR, plan_id, matter.key, status=status, text=matter.matter, **report),
            whole=whole)

    def _consult(self, responded: bool) -> None:
        for letter, name in builders.MANDATORY:
            self._attempt("consultee.added", lambda letter=letter, name=name: services.add_consultee(
                self.uow(), ACTOR, self.latest, category=letter, name=name, invited_on=self.on,
                response_due=self.on + timedelta(days=42),
                responded_on=self.on if responded else None), whole=False)
        self._attempt("consultee.added", lambda: services.add_consultee(
            self.uow(), ACTOR, self.latest, category="m", none_in_area=True,
            note="No independent specialist college in the area"), whole=False)

    def _publication_step(self, channel: str, where: dict) -> None:
        self._attempt("publication_channel.recorded", lambda: services.record_publication_channel(
            self.uow(), ACTOR, self.latest, channel=channel, done_on=self.on, **where))

    @rule(data=st.data(), matter=st.sampled_from(MATTERS), status=st.sampled_from(STATUSES))
    def write_a_matter(self, data, matter, status):
        self._write_matter(data.draw(st.sampled_from(self.plans)), matter, status)

    def _complete_the_checklist(self) -> None:
        for matter in MATTERS:
            self._write_matter(self.latest, matter, "complete", whole=False)

    @rule(category=st.sampled_from("abcdefghijklmnop"), invited=st.booleans())
    def a_consultee_is_added(self, category, invited):
        invitation = {"invited_on": self.on, "response_due": self.on + timedelta(days=28)} \
            if invited else {}
        self._attempt("consultee.added", lambda: services.add_consultee(
            self.uow(), ACTOR, self.latest, category=category, name=f"Body {category}",
            **invitation))

    @rule(data=st.data(), answer=st.sampled_from(["invited", "responded", "declined"]))
    def a_consultee_is_invited_or_answers(self, data, answer):
        consultees = [c for c in self._views()[self.latest]["consultees"] if c["name"]]
        if not consultees:
            return
        consultee = data.draw(st.sampled_from(consultees))
        changes = {"invited": {"invited_on": self.on,
                               "response_due": self.on + timedelta(days=28)},
                   "responded": {"responded_on": self.on, "summary": "Agreed"},
                   "declined": {"declined": True}}[answer]
        self._attempt("consultee.updated", lambda: services.update_consultee(
            self.uow(), ACTOR, self.latest, consultee["id"], **changes))

    @rule()
    def the_board_approves(self):
        self._attempt("approval.recorded", lambda: services.record_approval(
            self.uow(), ACTOR, self.latest, approved_on=self.on, minute_ref="CTB/7"))

    @rule(step=st.sampled_from(PUBLICATION))
    def a_publication_step(self, step):
        self._publication_step(*step)

    @initialize(count=st.integers(min_value=0, max_value=6))
    def a_head_start(self, count):
        """Each run starts somewhere along the happy path (drafting to under review), so a
        modest number of random steps still reaches the later states."""
        for _ in range(count):
            self._next_right_thing()

    @rule(count=st.integers(min_value=1, max_value=4))
    def the_next_right_things(self, count):
        """What a coordinator following the happy path does next on the latest plan, a few
        steps at a time."""
        for _ in range(count):
            self._next_right_thing()

    def _next_right_thing(self) -> None:
        view = self._views()[self.latest]
        steps = {
            "drafting": lambda: (self._complete_the_checklist(), self._consult(True),
                                 self._fire(self.latest, "open_consultation")),
            "consultation": lambda: self._fire(self.latest, "close_consultation"),
            "finalising": lambda: (self.the_board_approves(), self._fire(self.latest, "approve")),
            "approved": lambda: ([self._publication_step(*p) for p in PUBLICATION],
                                 self._fire(self.latest, "publish")),
            "in_force": lambda: self._fire(self.latest, "start_review"),
            "under_review": lambda: self._fire(self.latest, "conclude_review",
                                               outcome="no_revision_needed", reason="on track"),
        }
        steps.get(view["state"], lambda: None)()

    @rule(months=st.integers(min_value=0, max_value=6))
    def start_a_successor(self, months):
        latest = self._views()[self.latest]
        if latest["published_on"] is None or len(self.plans) >= 3:
            return
        start = latest["period_end"] + timedelta(days=1) - timedelta(days=30 * months)
        plan, _ = self._attempt("plan.created", lambda: services.create_plan(
            self.uow(), ACTOR, self.board_id, title="Successor", period_start=start,
            predecessor_id=self.latest))
        if plan is not None:
            self.plans.append(plan["id"])

    # -- invariants (one read of everything per step) -----------------------------------

    @invariant()
    def the_plans_the_audit_log_and_the_obligations_agree(self):
        views = self._views()
        states = {v["state"] for v in views.values()}
        assert states <= STATES, "every plan is in one of the machine's states"
        for state in states:
            event(f"a plan reached {state}")  # --hypothesis-show-statistics: how far runs go
        assert self._audit_counts() == +self.expected, \
            "the audit log holds exactly the accepted events and recorded facts"
        self._each_plan_stands_where_its_last_audited_change_left_it(views)
        self._the_obligations_agree_with_the_plans(views)
        assert services.verify_audit_log(self.uow())["intact"]

    def _each_plan_stands_where_its_last_audited_change_left_it(self, views):
        with self.uow() as unit:
            last = dict(unit.session.execute(select(AuditRecord.plan_id, AuditRecord.to_state)
                        .where(AuditRecord.id.in_(select(func.max(AuditRecord.id)).where(
                            AuditRecord.board_id == self.board_id,
                            AuditRecord.to_state.is_not(None)).group_by(AuditRecord.plan_id))))
                        .all())
        assert {p: last.get(p, "drafting") for p in views} == \
            {p: v["state"] for p, v in views.items()}

    def _the_obligations_agree_with_the_plans(self, views):
        published = {p: v for p, v in views.items() if v["published_on"] is not None}
        obligations = services.board_obligations(self.uow(), self.board_id, as_of=self.on)
        first = [o for o in obligations if o["kind"] == FIRST_PLAN]
        assert len(first) == 1
        assert first[0]["met_on"] == min((v["published_on"] for v in published.values()),
                                         default=None)
        successors = {o["previous_plan_id"]: o for o in obligations if o["kind"] == SUCCESSOR_PLAN}
        assert set(successors) == set(published)
        for plan_id, successor in successors.items():
            assert successor["due_on"] == published[plan_id]["period_end"] + timedelta(days=42)
        reviewed = {o["plan_id"] for o in obligations if o["kind"] == ANNUAL_REVIEW}
        assert reviewed <= set(published)


def _run(engine, examples: int, steps: int) -> None:
    PlanLifecycle.engine = engine
    run_state_machine_as_test(PlanLifecycle, settings=settings(
        max_examples=examples, stateful_step_count=steps, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))


def test_the_lifecycle_holds_its_invariants_whatever_happens(engine):
    _run(engine, EXAMPLES, STEPS)


@pytest.mark.slow
def test_the_lifecycle_holds_its_invariants_longer(engine):
    _run(engine, 40, 30)
