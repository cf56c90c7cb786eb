"""The plan lifecycle as one table: states, events, guards and effects (docs/rules.md "Lifecycle").

One shared ``transitions`` machine drives every plan. Each event is run on a
throwaway ``_Subject`` holding the stored state and the event's context, so
the ORM class never receives the machine's methods and ``transitions`` keeps
no state of its own between events. Guards collect every unmet requirement;
effects only change in-memory domain objects (no I/O): the service writes
them, the state and the audit record in one transaction. The states and what each
allows besides its events (contents open, consultation open, in the Board's chain...)
are the table's other half, in ``lifecycle.states``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from transitions import Machine

from lifecycle import effects
from lifecycle.errors import EventNotAllowed, Findings, GuardRefused
from lifecycle.rules import (
    checklist,
    composition,
    consultees,
    event_dates,
    plan_period,
    publication,
    revision,
)
from lifecycle.rules.event_dates import PRODUCT_RULE, too_late
from lifecycle.rules.reviews import review_owed
from lifecycle.states import PlanState


@dataclass
class EventContext:
    """Everything a guard or effect may read: the plan, its Board's members, the dates and words given."""

    plan: object
    today: date
    on: date
    actor: str
    reason: str | None = None
    outcome: str | None = None
    successor: object | None = None
    # The Board's obligations as of ``on``, computed only when a guard asks (start_review
    # after the period has ended); the service supplies it.
    obligations: Callable[[], list] | None = None


def _reason_given(ctx: EventContext) -> Findings:
    findings = Findings()
    findings.require(bool(ctx.reason and ctx.reason.strip()), "a reason is required", PRODUCT_RULE)
    return findings


def _board_approval(ctx: EventContext) -> Findings:
    """Board approval before approve/publish is our policy, dated no later than the event."""
    findings = Findings()
    plan = ctx.plan
    recorded = bool(plan.approved_on and plan.approval_minute_ref)
    if recorded and plan.approved_on > ctx.on:
        findings.require(False, too_late("the Board's approval", plan.approved_on, ctx.on),
                         PRODUCT_RULE)
    findings.require(recorded, "the Board's approval (date and minute reference) is not recorded",
                     PRODUCT_RULE)
    return findings


def _composition(ctx) -> Findings:
    """Board composition (s12A(2)) and reg 7(1)(a)/(b) consultees who are Board partners:
    warnings, not blocks."""
    board, consulted = ctx.plan.board, ctx.plan.plan_consultees
    return (composition.composition_warnings(board.authority_names, board.relevant_partners,
                                             board.members, ctx.on)
            .extend(composition.partner_consultees(consulted, board.members, ctx.on)))


def _open_consultation(ctx):
    return (plan_period.plan_period_valid(ctx.plan)
            .extend(checklist.needs_assessment_drafted(ctx.plan.checklist))
            .extend(consultees.consultee_records_present(ctx.plan.plan_consultees,
                                                         ctx.plan.board.authority_names))
            .extend(_composition(ctx)))


def _close_consultation(ctx):
    return consultees.consultation_complete(ctx.plan.plan_consultees, ctx.on)


def _approve(ctx):
    return (checklist.plan_contents_complete(ctx.plan.checklist, ctx.on)
            .extend(consultees.mandatory_categories_consulted(
                ctx.plan.plan_consultees, ctx.on, ctx.plan.board.authority_names))
            .extend(_board_approval(ctx)))


def _publish(ctx):
    plan = ctx.plan
    return _board_approval(ctx).extend(publication.publication_complete(
        plan.channels_of(0), ctx.on, plan.publication_floor(0), plan.board.authority_names,
        plan.board.pct_names))


def _conclude_review(ctx):
    return revision.review_concludable(ctx.plan, ctx.outcome, ctx.reason)


def _begin_revision(ctx):
    return revision.review_open(ctx.plan)


def _publish_revision(ctx):
    plan = ctx.plan
    number = plan.pending_revision.number if plan.pending_revision else None
    channels = plan.channels_of(number) if number else []
    return (revision.changes_acknowledged(plan, plan.board.members, ctx.on)
            .extend(checklist.plan_contents_complete(plan.checklist, ctx.on))
            .extend(publication.publication_complete(
                channels, ctx.on, plan.publication_floor(number or 0),
                plan.board.authority_names, plan.board.pct_names)))


def _start_review(ctx):
    """Any time the plan is in force; once its period has ended, only while one of its
    review years has begun and is unmet (docs/rules.md, reg 8(1): expired plans)."""
    findings = Findings()
    findings.require(ctx.plan.published_on is not None and ctx.on >= ctx.plan.published_on,
                     "a review starts on or after the plan's publication", "reg 8(1)")
    if ctx.plan.period_end < ctx.on:
        owed = ctx.obligations is not None and review_owed(ctx.obligations(), ctx.plan.id, ctx.on)
        findings.require(owed, f"the plan period ended on {ctx.plan.period_end} and none of "
                         f"its review years is owed and unmet on {ctx.on}", "reg 8(1)")
    return findings


def _period_ended(ctx):
    findings = Findings()
    findings.require(ctx.plan.period_end < ctx.on, "the plan period has not ended", "reg 2")
    return findings


def _successor_published(ctx):
    findings = Findings()
    findings.require(ctx.successor is not None and ctx.successor.published_on is not None,
                     "no successor plan has been published", "reg 5(2)")
    return findings


@dataclass(frozen=True)
class Step:
    """One row of the lifecycle table."""

    event: str
    sources: tuple[PlanState, ...]
    dest: PlanState
    guard: Callable[[EventContext], Findings]
    effect: Callable[[EventContext], None] | None = None
    automatic: bool = False


S = PlanState
STEPS: tuple[Step, ...] = (
    Step("open_consultation", (S.drafting,), S.consultation, _open_consultation),
    Step("close_consultation", (S.consultation,), S.finalising, _close_consultation),
    Step("reopen_consultation", (S.finalising,), S.consultation, _reason_given),
    Step("approve", (S.finalising,), S.approved, _approve),
    Step("publish", (S.approved,), S.in_force, _publish, effects.published),
    # An expired plan is reviewed while a review year is owed; concluding returns it to
    # in force, from which it expires again at once (its period has ended).
    Step("start_review", (S.in_force, S.expired), S.under_review, _start_review,
         effects.review_started),
    Step("conclude_review", (S.under_review,), S.in_force, _conclude_review,
         effects.review_concluded),
    Step("begin_revision", (S.under_review,), S.revising, _begin_revision, effects.revision_begun),
    Step("publish_revision", (S.revising,), S.in_force, _publish_revision,
         effects.revision_published),
    # A plan under review or revision expires once that ends, so an open review can
    # still be concluded (and its revision published) after the period.
    Step("expire", (S.in_force,), S.expired, _period_ended, automatic=True),
    Step("supersede", (S.in_force, S.under_review, S.revising, S.expired), S.superseded,
         _successor_published, effects.superseded, automatic=True),
    Step("withdraw", (S.drafting, S.consultation, S.finalising, S.approved), S.withdrawn,
         _reason_given),
)
STEP_BY_EVENT = {s.event: s for s in STEPS}
EVENTS = tuple(STEP_BY_EVENT)


def transition_table() -> list[dict]:
    """The table in the shape ``transitions`` takes (also used to draw the diagram)."""
    return [{"trigger": s.event, "source": list(s.sources), "dest": s.dest,
             "conditions": "requirements_met", "after": "apply_effect"} for s in STEPS]


def requirements(step: Step, ctx: EventContext) -> Findings:
    """Everything ``step`` needs on ``ctx.on``: the plan's events in date order (automatic
    events are dated by their condition, not by a person), then the step's own guard."""
    findings = Findings() if step.automatic else event_dates.in_date_order(ctx.plan, step.event,
                                                                          ctx.on)
    return findings.extend(step.guard(ctx))


class _Subject:
    """What the shared machine moves for one event: the plan's state and the event's context."""

    def __init__(self, ctx: EventContext):
        self.state = PlanState(ctx.plan.state)
        self.ctx = ctx
        self.findings = Findings()

    def requirements_met(self, event_data) -> bool:
        self.findings = requirements(STEP_BY_EVENT[event_data.event.name], self.ctx)
        return self.findings.ok

    def apply_effect(self, event_data) -> None:
        effect = STEP_BY_EVENT[event_data.event.name].effect
        if effect:
            effect(self.ctx)


# model_override stays False: the machine binds its helpers on the throwaway _Subject only.
MACHINE = Machine(model=None, states=PlanState, transitions=transition_table(),
                  initial=PlanState.drafting, auto_transitions=False, send_event=True)


def available_events(state: str, include_automatic: bool = False) -> list[str]:
    """Events a user may fire from ``state`` (guards may still refuse them)."""
    current = PlanState(state)
    return [s.event for s in STEPS
            if current in s.sources and (include_automatic or not s.automatic)]


def check(event: str, ctx: EventContext) -> Findings:
    """What firing ``event`` would find, changing nothing: the same guard as ``fire``, or
    why the event is not available to a user now."""
    step = _step(event)
    findings = Findings()
    if step.automatic:
        findings.require(False, f"{event} is automatic: the service fires it when its "
                         "condition holds", PRODUCT_RULE)
    elif PlanState(ctx.plan.state) not in step.sources:
        findings.require(False, f"{event} is not available while the plan is {ctx.plan.state} "
                         f"(available: {', '.join(available_events(ctx.plan.state)) or 'none'})",
                         PRODUCT_RULE)
    else:
        findings = requirements(step, ctx)
    return findings


def _step(event: str) -> Step:
    step = STEP_BY_EVENT.get(event)
    if step is None:
        raise EventNotAllowed(f"unknown event {event!r}; events are: {', '.join(EVENTS)}")
    return step


def fire(event: str, ctx: EventContext) -> tuple[PlanState, Findings]:
    """Run ``event`` on the plan: the new state and any warnings, or raise with every unmet requirement."""
    step = _step(event)
    if PlanState(ctx.plan.state) not in step.sources:
        raise EventNotAllowed(f"{event} is not allowed from {ctx.plan.state}; allowed: "
                              f"{', '.join(available_events(ctx.plan.state, True)) or 'none'}")
    subject = _Subject(ctx)
    MACHINE.add_model(subject, initial=subject.state)
    try:
        moved = MACHINE.events[event].trigger(subject)
    finally:
        MACHINE.remove_model(subject)
    if not moved:
        raise GuardRefused(event, subject.findings)
    ctx.plan.state = subject.state.value
    event_dates.record_event(ctx.plan, event, ctx.on)
    return subject.state, subject.findings


def diagram() -> str:
    """The lifecycle as a Mermaid state diagram, drawn by ``transitions`` from the same table."""
    from transitions.extensions import GraphMachine

    class _Drawing:
        pass

    drawing = _Drawing()
    GraphMachine(model=drawing, states=PlanState, transitions=transition_table(),
                 initial=PlanState.drafting, auto_transitions=False, graph_engine="mermaid",
                 title="CYPP plan lifecycle")
    return drawing.get_graph().draw(None)
