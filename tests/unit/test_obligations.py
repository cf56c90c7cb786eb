"""Obligations as of a date: the worked examples of docs/rules.md and the reg 5 / reg 8(1) edges."""
from datetime import date

import pytest

from lifecycle.obligations import (
    BoardFacts,
    PlanFacts,
    ReviewFact,
    RulebookSpell,
    not_yet_in_force,
    obligations_as_of,
)
from lifecycle.rules.rulebooks import local_policy, statutory_2010

STATUTORY_FROM = date(2010, 4, 1)


def board(*plans, basis="financial", switches=()):
    spells = (RulebookSpell(statutory_2010(basis), STATUTORY_FROM), *switches)
    return BoardFacts(board_id=1, plans=tuple(plans), spells=spells)


def plan(plan_id, start, end, published_on=None, reviews=()):
    return PlanFacts(plan_id, start, end, published_on, tuple(reviews))


def first_plan(published_on=date(2011, 3, 15), reviews=()):
    """The worked example's plan: period 1 April 2011 - 31 March 2014."""
    return plan(1, date(2011, 4, 1), date(2014, 3, 31), published_on, reviews)


def reviews_due(obligations, plan_id=1):
    return [o.due_on for o in obligations if o.kind == "annual_review" and o.plan_id == plan_id]


def by_key(obligations):
    return {o.key: o for o in obligations}


# Worked examples (docs/rules.md, reg 8(1))

def test_first_plan_published_early_makes_2011_12_a_review_year():
    obligations = obligations_as_of(board(first_plan()), date(2011, 6, 1))
    assert reviews_due(obligations) == [date(2012, 3, 31), date(2013, 3, 31), date(2014, 3, 31)]


def test_first_plan_published_early_meets_its_deadline_on_time():
    obligations = obligations_as_of(board(first_plan()), date(2011, 6, 1))
    first = by_key(obligations)["first_plan_publication"]
    assert (first.status, first.met_on, first.late, first.citation) == (
        "met", date(2011, 3, 15), False, "reg 5(1)")
    assert first.met_by == "plan 1 published"


def test_successor_of_a_plan_ending_31_march_2014_is_due_12_may_2014():
    successor = by_key(obligations_as_of(board(first_plan()), date(2011, 6, 1)))[
        "successor_plan_publication:after:1"]
    assert (successor.due_on, successor.plan_id, successor.previous_plan_id) == (
        date(2014, 5, 12), None, 1)
    assert (successor.status, successor.citation) == ("pending", "reg 5(2)")


def test_the_year_of_the_successor_deadline_is_a_publication_year_without_review():
    obligations = obligations_as_of(board(first_plan()), date(2014, 6, 1))
    assert max(reviews_due(obligations)) == date(2014, 3, 31)


def test_first_plan_published_on_1_april_2011_makes_2011_12_a_publication_year():
    obligations = obligations_as_of(board(first_plan(date(2011, 4, 1))), date(2011, 6, 1))
    assert reviews_due(obligations) == [date(2013, 3, 31), date(2014, 3, 31)]


def test_publication_on_the_due_date_is_on_time():
    obligations = obligations_as_of(board(first_plan(date(2011, 4, 1))), date(2011, 6, 1))
    first = by_key(obligations)["first_plan_publication"]
    assert (first.status, first.late) == ("met", False)


def test_without_a_successor_the_overdue_successor_is_shown_not_more_reviews():
    obligations = obligations_as_of(board(first_plan()), date(2017, 6, 1))
    successor = by_key(obligations)["successor_plan_publication:after:1"]
    assert successor.status == "overdue"
    assert max(reviews_due(obligations)) == date(2014, 3, 31)


# reg 5 deadlines

def test_first_plan_obligation_exists_before_the_board_has_a_plan():
    [first] = obligations_as_of(board(), date(2010, 6, 1))
    assert (first.kind, first.plan_id, first.due_on, first.status) == (
        "first_plan_publication", None, date(2011, 4, 1), "pending")


def test_first_plan_deadline_is_pending_on_the_due_date():
    [first] = obligations_as_of(board(), date(2011, 4, 1))
    assert first.status == "pending"


def test_first_plan_deadline_is_breached_the_day_after():
    [first] = obligations_as_of(board(), date(2011, 4, 2))
    assert first.status == "overdue"


def test_first_plan_published_late_is_overdue_until_it_is_published():
    obligations = obligations_as_of(board(first_plan(date(2011, 7, 20))), date(2011, 5, 1))
    first = by_key(obligations)["first_plan_publication"]
    assert (first.status, first.plan_id, first.met_on) == ("overdue", 1, None)


def test_first_plan_published_late_is_met_late_once_published():
    obligations = obligations_as_of(board(first_plan(date(2011, 7, 20))), date(2011, 8, 1))
    first = by_key(obligations)["first_plan_publication"]
    assert (first.status, first.met_on, first.late) == ("met", date(2011, 7, 20), True)


def test_plan_not_published_by_the_as_of_date_has_no_reviews_or_successor_obligation():
    obligations = obligations_as_of(board(first_plan(date(2011, 7, 20))), date(2011, 7, 19))
    assert [o.key for o in obligations] == ["first_plan_publication"]


def test_successor_obligation_names_the_next_plan_in_the_chain():
    successor_plan = plan(2, date(2014, 4, 1), date(2017, 3, 31))
    obligations = obligations_as_of(board(first_plan(), successor_plan), date(2012, 1, 1))
    successor = by_key(obligations)["successor_plan_publication:after:1"]
    assert (successor.plan_id, successor.status) == (2, "pending")


def test_period_ending_29_february_2016_has_its_successor_due_11_april_2016():
    leap = plan(1, date(2013, 3, 1), date(2016, 2, 29), date(2011, 3, 1))
    successor = by_key(obligations_as_of(board(leap), date(2016, 1, 1)))[
        "successor_plan_publication:after:1"]
    assert successor.due_on == date(2016, 4, 11)


def test_successor_grace_counts_29_february_in_a_leap_year():
    ends_28_february = plan(1, date(2009, 3, 1), date(2012, 2, 28), date(2011, 3, 1))
    successor = by_key(obligations_as_of(board(ends_28_february), date(2011, 6, 1)))[
        "successor_plan_publication:after:1"]
    assert successor.due_on == date(2012, 4, 10)


# reg 8(1) review years

def test_one_year_plan_has_no_review_years():
    # Published inside its period's first year (2011/12), that year is its own
    # publication year; 2012/13 holds the successor deadline (12 May 2012). Published
    # before 1 April 2011 instead, 2011/12 would be a review year.
    one_year = plan(1, date(2011, 4, 1), date(2012, 3, 31), date(2011, 4, 1))
    assert reviews_due(obligations_as_of(board(one_year), date(2011, 6, 1))) == []


def test_five_year_plan_is_reviewed_in_each_year_of_its_period():
    five_year = plan(1, date(2011, 4, 1), date(2016, 3, 31), date(2011, 3, 15))
    obligations = obligations_as_of(board(five_year), date(2011, 6, 1))
    assert reviews_due(obligations) == [date(y, 3, 31) for y in range(2012, 2017)]


def test_review_year_is_reported_with_its_bounds():
    obligations = obligations_as_of(board(first_plan()), date(2011, 6, 1))
    review = by_key(obligations)["annual_review:1:2012-04-01"]
    assert (review.year_start, review.year_end, review.due_on, review.citation) == (
        date(2012, 4, 1), date(2013, 3, 31), date(2013, 3, 31), "reg 8(1)")


def test_future_review_years_are_listed_as_pending():
    obligations = obligations_as_of(board(first_plan()), date(2011, 6, 1))
    assert {o.status for o in obligations if o.kind == "annual_review"} == {"pending"}


def test_review_concluded_inside_the_year_meets_it():
    reviewed = first_plan(reviews=[ReviewFact(3, date(2012, 2, 1))])
    review = by_key(obligations_as_of(board(reviewed), date(2012, 6, 1)))[
        "annual_review:1:2011-04-01"]
    assert (review.status, review.met_on, review.met_by, review.late) == (
        "met", date(2012, 2, 1), "review 3 concluded", False)


def test_review_concluded_after_the_year_meets_it_late():
    # An overdue year can still be met (docs/rules.md "Time"): late, like a late publication.
    reviewed = first_plan(reviews=[ReviewFact(3, date(2012, 4, 2))])
    obligations = by_key(obligations_as_of(board(reviewed), date(2012, 6, 1)))
    missed = obligations["annual_review:1:2011-04-01"]
    assert (missed.status, missed.met_on, missed.late) == ("met", date(2012, 4, 2), True)
    assert obligations["annual_review:1:2012-04-01"].met_by == "review 3 concluded"


def test_review_year_stays_overdue_until_a_later_review_is_concluded():
    reviewed = first_plan(reviews=[ReviewFact(3, date(2012, 4, 2))])
    missed = by_key(obligations_as_of(board(reviewed), date(2012, 4, 1)))[
        "annual_review:1:2011-04-01"]
    assert (missed.status, missed.met_on) == ("overdue", None)


def test_review_inside_the_year_is_preferred_to_an_earlier_late_one():
    reviewed = first_plan(reviews=[ReviewFact(3, date(2011, 3, 20)), ReviewFact(4, date(2011, 9, 1))])
    review = by_key(obligations_as_of(board(reviewed), date(2012, 6, 1)))[
        "annual_review:1:2011-04-01"]
    assert (review.met_by, review.late) == ("review 4 concluded", False)


def test_review_concluded_after_the_as_of_date_does_not_count():
    reviewed = first_plan(reviews=[ReviewFact(3, date(2012, 2, 1))])
    review = by_key(obligations_as_of(board(reviewed), date(2012, 1, 31)))[
        "annual_review:1:2011-04-01"]
    assert (review.status, review.met_on) == ("pending", None)


def test_missed_review_is_overdue_the_day_after_the_year_ends():
    review = by_key(obligations_as_of(board(first_plan()), date(2012, 4, 1)))[
        "annual_review:1:2011-04-01"]
    assert review.status == "overdue"


def test_reviews_due_before_the_regulations_came_into_force_are_not_obligations():
    # Published in 2008/09: 2009/10 would be a review year, but it ends on
    # 31 March 2010, before commencement ("[1 April 2010]").
    earlier = plan(1, date(2008, 4, 1), date(2011, 3, 31), date(2008, 6, 1))
    obligations = obligations_as_of(board(earlier), date(2010, 6, 1))
    assert reviews_due(obligations) == [date(2011, 3, 31)]


# An early successor (guidance 8.57)

def early_successor_board():
    successor = plan(2, date(2014, 4, 1), date(2017, 3, 31), date(2014, 2, 1))
    return board(first_plan(), successor)


def test_early_successor_meets_the_predecessors_review_in_the_year_it_is_published():
    review = by_key(obligations_as_of(early_successor_board(), date(2014, 6, 1)))[
        "annual_review:1:2013-04-01"]
    assert (review.status, review.met_on, review.met_by) == (
        "met", date(2014, 2, 1), "plan 2 (successor) published")


def test_early_successor_turns_the_would_be_publication_year_into_its_review_year():
    obligations = obligations_as_of(early_successor_board(), date(2014, 6, 1))
    assert reviews_due(obligations, plan_id=2) == [
        date(2015, 3, 31), date(2016, 3, 31), date(2017, 3, 31)]


def test_superseded_plan_has_no_review_years_after_its_successor_is_published():
    obligations = obligations_as_of(early_successor_board(), date(2014, 6, 1))
    assert max(reviews_due(obligations, plan_id=1)) == date(2014, 3, 31)


def test_plan_superseded_on_the_first_day_of_a_year_is_not_reviewed_in_it():
    successor = plan(2, date(2014, 4, 1), date(2017, 3, 31), date(2013, 4, 1))
    obligations = obligations_as_of(board(first_plan(), successor), date(2013, 6, 1))
    assert reviews_due(obligations, plan_id=1) == [date(2012, 3, 31), date(2013, 3, 31)]


def test_early_successor_meets_its_publication_deadline():
    successor = by_key(obligations_as_of(early_successor_board(), date(2014, 6, 1)))[
        "successor_plan_publication:after:1"]
    assert (successor.status, successor.met_by, successor.late) == (
        "met", "plan 2 published", False)


# Plan basis

def test_plan_basis_years_are_anniversaries_extended_back_before_the_period():
    autumn = plan(1, date(2011, 9, 1), date(2014, 8, 31), date(2011, 3, 15))
    obligations = obligations_as_of(board(autumn, basis="plan"), date(2011, 6, 1))
    years = [(o.year_start, o.year_end) for o in obligations if o.kind == "annual_review"]
    assert years == [(date(2011, 9, 1), date(2012, 8, 31)),
                     (date(2012, 9, 1), date(2013, 8, 31)),
                     (date(2013, 9, 1), date(2014, 8, 31))]


def test_plan_basis_year_containing_the_successor_deadline_is_a_publication_year():
    autumn = plan(1, date(2011, 9, 1), date(2014, 8, 31), date(2011, 3, 15))
    obligations = obligations_as_of(board(autumn, basis="plan"), date(2015, 1, 1))
    assert max(reviews_due(obligations)) == date(2014, 8, 31)


def test_plan_basis_first_year_is_a_publication_year_when_published_inside_it():
    autumn = plan(1, date(2010, 9, 1), date(2013, 8, 31), date(2010, 10, 1))
    obligations = obligations_as_of(board(autumn, basis="plan"), date(2011, 1, 1))
    assert reviews_due(obligations) == [date(2012, 8, 31), date(2013, 8, 31)]


def test_plan_basis_anniversary_of_29_february_falls_on_1_march_in_a_common_year():
    leap_start = plan(1, date(2012, 2, 29), date(2016, 2, 28), date(2011, 3, 15))
    obligations = obligations_as_of(board(leap_start, basis="plan"), date(2011, 6, 1))
    years = [(o.year_start, o.year_end) for o in obligations if o.kind == "annual_review"]
    assert years == [(date(2012, 2, 29), date(2013, 2, 28)),
                     (date(2013, 3, 1), date(2014, 2, 28)),
                     (date(2014, 3, 1), date(2015, 2, 28)),
                     (date(2015, 3, 1), date(2016, 2, 28))]


# Rulebook switches (docs/rules.md "Rulebooks and effective dates")

SWITCH = RulebookSpell(local_policy(), date(2012, 6, 1))


def switched_board():
    return board(first_plan(), switches=[SWITCH])


def test_statutory_obligations_beginning_after_a_switch_are_not_required_with_the_reason():
    obligations = by_key(obligations_as_of(switched_board(), date(2012, 7, 1)))
    closed = [obligations[k] for k in ("annual_review:1:2013-04-01",
                                       "successor_plan_publication:after:1")]
    assert {(o.status, o.rulebook, o.reason) for o in closed} == {
        ("not_required", "statutory-2010", "rulebook changed to local-policy on 2012-06-01")}


def test_statutory_obligations_due_before_a_switch_stand():
    obligations = by_key(obligations_as_of(switched_board(), date(2012, 7, 1)))
    assert obligations["annual_review:1:2011-04-01"].status == "overdue"


def test_a_review_year_that_began_before_a_switch_keeps_the_statutory_rules():
    # The switch on 1 June 2012 falls inside 2012/13, which began on 1 April 2012.
    year = by_key(obligations_as_of(switched_board(), date(2012, 7, 1)))[
        "annual_review:1:2012-04-01"]
    assert (year.rulebook, year.citation, year.status) == ("statutory-2010", "reg 8(1)", "pending")


def test_local_policy_obligations_cite_local_policy_from_the_switch():
    obligations = obligations_as_of(switched_board(), date(2012, 7, 1))
    local = [o for o in obligations if o.rulebook == "local-policy"]
    assert [(o.kind, o.due_on) for o in local] == [
        ("annual_review", date(2014, 3, 31)), ("successor_plan_publication", date(2014, 5, 12)),
        ("annual_report", date(2014, 9, 30))]
    assert {o.citation for o in local} == {"local policy"}


def test_local_policy_uses_its_own_successor_grace_period():
    switch = RulebookSpell(local_policy(successor_grace_days=90), date(2012, 6, 1))
    obligations = obligations_as_of(board(first_plan(), switches=[switch]), date(2012, 7, 1))
    [local] = [o for o in obligations
               if o.rulebook == "local-policy" and o.kind == "successor_plan_publication"]
    assert local.due_on == date(2014, 6, 29)


def test_switch_dated_after_the_as_of_date_is_not_yet_applied():
    obligations = obligations_as_of(switched_board(), date(2012, 5, 31))
    assert {o.rulebook for o in obligations} == {"statutory-2010"}
    assert "not_required" not in {o.status for o in obligations}


def test_obligations_are_ordered_by_due_date_then_key():
    obligations = obligations_as_of(switched_board(), date(2012, 7, 1))
    assert obligations == sorted(obligations, key=lambda o: (o.due_on, o.key))


def test_unknown_review_basis_is_refused():
    with pytest.raises(ValueError):
        statutory_2010("academic")


def test_a_switch_changes_no_obligation_of_a_year_that_had_begun():
    before = obligations_as_of(board(first_plan()), date(2012, 7, 1))
    after = by_key(obligations_as_of(switched_board(), date(2012, 7, 1)))
    for o in before:
        if (o.year_start or o.due_on) < SWITCH.effective_from:
            assert after[o.key] == o


# A change of year basis (docs/rules.md "Rulebooks and effective dates")

def basis_change(basis, on):
    return RulebookSpell(statutory_2010(basis), on)


def test_a_basis_change_keeps_the_old_basis_for_years_that_began_before_it():
    autumn = plan(1, date(2011, 9, 1), date(2016, 8, 31), date(2011, 3, 15))
    changed = board(autumn, switches=[basis_change("plan", date(2013, 9, 1))])
    obligations = obligations_as_of(changed, date(2014, 1, 1))
    years = [(o.year_start, o.year_end, o.status) for o in obligations if o.kind == "annual_review"]
    assert years == [(date(2011, 4, 1), date(2012, 3, 31), "overdue"),
                     (date(2012, 4, 1), date(2013, 3, 31), "overdue"),
                     (date(2013, 4, 1), date(2014, 3, 31), "pending"),
                     (date(2013, 9, 1), date(2014, 8, 31), "pending"),
                     (date(2014, 9, 1), date(2015, 8, 31), "pending"),
                     (date(2015, 9, 1), date(2016, 8, 31), "pending")]


def test_a_basis_change_changes_no_obligation_of_a_past_year():
    before = obligations_as_of(board(first_plan()), date(2013, 1, 1))
    changed = board(first_plan(), switches=[basis_change("plan", date(2013, 4, 1))])
    after = by_key(obligations_as_of(changed, date(2013, 1, 1)))
    assert by_key(before) == after
    later = by_key(obligations_as_of(changed, date(2013, 6, 1)))
    for o in before:
        if (o.year_start or o.due_on) < date(2013, 4, 1):
            assert later[o.key].status == by_key(obligations_as_of(
                board(first_plan()), date(2013, 6, 1)))[o.key].status


def test_a_basis_change_keeps_the_publication_obligations_and_their_keys():
    changed = board(first_plan(), switches=[basis_change("plan", date(2012, 4, 1))])
    successor = by_key(obligations_as_of(changed, date(2013, 1, 1)))[
        "successor_plan_publication:after:1"]
    assert (successor.status, successor.citation, successor.reason) == (
        "pending", "reg 5(2)", None)


# The first plan is the first published one (reg 5(1); docs/rules.md, reg 5)

def test_an_abandoned_draft_does_not_make_a_later_on_time_first_plan_late():
    abandoned = plan(1, date(2010, 4, 1), date(2013, 3, 31))
    published = plan(2, date(2011, 4, 1), date(2014, 3, 31), date(2011, 3, 15))
    first = by_key(obligations_as_of(board(abandoned, published), date(2011, 6, 1)))[
        "first_plan_publication"]
    assert (first.plan_id, first.status, first.late) == (2, "met", False)


# Commencement

def test_nothing_is_due_before_the_regulations_come_into_force():
    assert obligations_as_of(board(first_plan()), date(2010, 3, 31)) == []


def test_the_first_plan_is_owed_from_the_day_the_regulations_come_into_force():
    [first] = obligations_as_of(board(), date(2010, 4, 1))
    assert (first.kind, first.status) == ("first_plan_publication", "pending")


def test_a_date_before_commencement_says_the_regulations_are_not_yet_in_force():
    notice = not_yet_in_force(board(), date(2010, 3, 31))
    assert "not yet in force" in notice and "2010-04-01" in notice
    assert not_yet_in_force(board(), date(2010, 4, 1)) is None
