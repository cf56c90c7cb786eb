"""Properties of obligations_as_of over generated plan chains (hypothesis)."""
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from lifecycle.obligations import (
    BoardFacts,
    PlanFacts,
    ReviewFact,
    RulebookSpell,
    obligations_as_of,
)
from lifecycle.rules.reviews import year_containing
from lifecycle.rules.rulebooks import local_policy, statutory_2010

FIRST_PLAN_DUE = date(2011, 4, 1)
GRACE = timedelta(days=42)
PUBLICATION_KINDS = ("first_plan_publication", "successor_plan_publication")


def years_later(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


@st.composite
def plan_chains(draw):
    """1-4 plans of 1-5 years, contiguous or gapped, each published around its deadline
    (or never, and then no later plan either), publications in chain order."""
    start = draw(st.dates(date(2010, 4, 1), date(2011, 9, 1)))
    deadline, last_published, review_ids = FIRST_PLAN_DUE, None, iter(range(1, 1000))
    plans = []
    for plan_id in range(1, draw(st.integers(1, 4)) + 1):
        end = years_later(start, draw(st.integers(1, 5))) - timedelta(days=1)
        published_on = None
        if (plan_id == 1 or last_published) and draw(st.integers(0, 5)):
            published_on = deadline + timedelta(days=draw(st.integers(-400, 120)))
            if last_published:
                published_on = max(published_on, last_published + timedelta(days=1))
        reviews = ()
        if published_on:
            offsets = draw(st.lists(st.integers(0, 6 * 365), max_size=5))
            reviews = tuple(ReviewFact(next(review_ids), published_on + timedelta(days=o))
                            for o in offsets)
        plans.append(PlanFacts(plan_id, start, end, published_on, reviews))
        deadline, last_published = end + GRACE, published_on
        start = end + timedelta(days=draw(st.one_of(st.just(1), st.integers(2, 400))))
    return tuple(plans)


bases = st.sampled_from(("financial", "plan"))
# From commencement: before it nothing is due (test_obligations covers that day).
as_of_dates = st.dates(date(2010, 4, 1), date(2030, 12, 31))


def statutory_board(plans, basis):
    return BoardFacts(1, plans, (RulebookSpell(statutory_2010(basis), date(2010, 4, 1)),))


def known_deadlines(plans, as_of):
    """(due date, publication date known on as_of) for every reg 5 deadline, computed afresh."""
    def known(day):
        return day if day and day <= as_of else None

    deadlines = [(FIRST_PLAN_DUE, known(plans[0].published_on))]
    for previous, successor in zip(plans, [*plans[1:], None]):
        if known(previous.published_on):
            deadlines.append((previous.period_end + GRACE,
                              known(successor.published_on) if successor else None))
    return deadlines


@given(plan_chains(), bases, as_of_dates)
def test_every_plan_has_exactly_one_publication_obligation_once_its_slot_exists(plans, basis,
                                                                                as_of):
    obligations = obligations_as_of(statutory_board(plans, basis), as_of)
    for index, plan in enumerate(plans):
        slot_exists = index == 0 or (plans[index - 1].published_on or date.max) <= as_of
        matching = [o for o in obligations
                    if o.kind in PUBLICATION_KINDS and o.plan_id == plan.plan_id]
        assert len(matching) == (1 if slot_exists else 0)


@given(plan_chains(), bases, as_of_dates)
def test_every_plan_published_by_the_as_of_date_has_exactly_one_successor_slot(plans, basis,
                                                                               as_of):
    obligations = obligations_as_of(statutory_board(plans, basis), as_of)
    for plan in plans:
        slots = [o for o in obligations if o.kind == "successor_plan_publication"
                 and o.previous_plan_id == plan.plan_id and o.status != "not_required"]
        published = plan.published_on is not None and plan.published_on <= as_of
        assert len(slots) == (1 if published else 0)


@given(plan_chains(), bases, as_of_dates)
def test_review_years_never_overlap_a_publication_year(plans, basis, as_of):
    obligations = obligations_as_of(statutory_board(plans, basis), as_of)
    deadlines = known_deadlines(plans, as_of)
    for review in (o for o in obligations if o.kind == "annual_review"):
        start, end = review.year_start, review.year_end
        assert not any(due <= end and (published is None or published >= start)
                       for due, published in deadlines)


@given(plan_chains(), bases, as_of_dates)
def test_reviews_come_after_the_year_of_the_plans_publication(plans, basis, as_of):
    obligations = obligations_as_of(statutory_board(plans, basis), as_of)
    plan_by_id = {p.plan_id: p for p in plans}
    for review in (o for o in obligations if o.kind == "annual_review"):
        plan = plan_by_id[review.plan_id]
        assert plan.published_on <= as_of
        publication_year = year_containing(plan.published_on, basis, plan.period_start)
        assert review.due_on >= publication_year.start
        assert review.year_start > publication_year.end
        assert review.due_on == review.year_end


@given(plan_chains(), bases, as_of_dates)
def test_no_review_year_begins_once_the_plan_is_superseded(plans, basis, as_of):
    obligations = obligations_as_of(statutory_board(plans, basis), as_of)
    superseded_on = {previous.plan_id: successor.published_on
                     for previous, successor in pairwise(plans)
                     if successor.published_on and successor.published_on <= as_of}
    for review in (o for o in obligations if o.kind == "annual_review"):
        assert review.year_start < superseded_on.get(review.plan_id, date.max)


@given(plan_chains(), bases, as_of_dates)
def test_keys_are_unique(plans, basis, as_of):
    switch = RulebookSpell(local_policy(review_basis=basis), date(2013, 1, 1))
    board = BoardFacts(1, plans, (*statutory_board(plans, basis).spells, switch))
    keys = [o.key for o in obligations_as_of(board, as_of)]
    assert len(keys) == len(set(keys))


@given(plan_chains(), bases, as_of_dates)
def test_obligations_as_of_is_deterministic(plans, basis, as_of):
    board = statutory_board(plans, basis)
    assert obligations_as_of(board, as_of) == obligations_as_of(board, as_of)


@given(plan_chains(), bases, as_of_dates)
def test_statuses_are_consistent_with_the_as_of_date(plans, basis, as_of):
    for o in obligations_as_of(statutory_board(plans, basis), as_of):
        if o.status == "met":
            assert o.met_on <= as_of and o.late == (o.met_on > o.due_on)
        else:
            assert (o.met_on, o.met_by, o.late) == (None, None, False)
        assert o.status != "overdue" or as_of > o.due_on
        assert o.status != "pending" or as_of <= o.due_on


@given(plan_chains(), bases, as_of_dates, st.dates(date(2010, 6, 1), date(2020, 12, 31)))
@settings(max_examples=200)
def test_after_a_switch_later_statutory_obligations_are_closed_and_local_ones_cite_local_policy(
        plans, basis, as_of, switched_on):
    switch = RulebookSpell(local_policy(review_basis=basis), switched_on)
    board = BoardFacts(1, plans, (*statutory_board(plans, basis).spells, switch))
    for o in obligations_as_of(board, as_of):
        # A review year that began before the switch keeps the statutory rules.
        began = o.year_start if o.kind in ("annual_review", "annual_report") else o.due_on
        switched = as_of >= switched_on and began >= switched_on
        if o.rulebook == "statutory-2010":
            assert (o.status == "not_required") == switched
            assert o.reason == (f"rulebook changed to local-policy on {switched_on}"
                                if switched else None)
        else:
            assert switched and o.citation == "local policy" and o.status != "not_required"
