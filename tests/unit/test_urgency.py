"""Countdown wording, red/amber/green marks, dashboard order, next steps and reply status."""
from datetime import date
from types import SimpleNamespace

import pytest

from lifecycle.rules import chasing
from lifecycle.rules.deadlines import FIRST_PLAN, SUCCESSOR_PLAN
from lifecycle.rules.reminders import next_action, next_step
from lifecycle.rules.urgency import countdown, deadline_words, mark, urgency_key

TODAY = date(2014, 5, 1)


@pytest.mark.parametrize(("due_on", "words"), [
    (date(2014, 5, 13), "due in 12 days"), (date(2014, 5, 2), "due in 1 day"),
    (TODAY, "due today"), (date(2014, 4, 30), "overdue by 1 day"),
    (date(2014, 4, 28), "overdue by 3 days")])
def test_countdown_says_how_long_is_left_in_plain_words(due_on, words):
    assert countdown(due_on, TODAY) == words


@pytest.mark.parametrize(("due_on", "rag", "words"), [
    (date(2014, 4, 30), "red", "overdue"), (TODAY, "amber", "due within 30 days"),
    (date(2014, 5, 31), "amber", "due within 30 days"), (date(2014, 6, 1), "green", "fine"),
    (None, "green", "fine")])
def test_the_mark_turns_red_the_day_after_the_deadline_and_amber_thirty_days_before(
        due_on, rag, words):
    assert (mark(due_on, TODAY).rag, mark(due_on, TODAY).words) == (rag, words)


def test_the_order_puts_overdue_first_then_soonest_due_then_nothing_due():
    dues = [None, date(2014, 6, 1), date(2011, 4, 1), TODAY, date(2014, 4, 30)]
    assert sorted(dues, key=urgency_key) == [date(2011, 4, 1), date(2014, 4, 30), TODAY,
                                             date(2014, 6, 1), None]


def test_the_legal_deadline_reads_as_on_or_before_a_date():
    assert deadline_words(date(2014, 5, 12)) == "on or before 12 May 2014"


def test_the_next_step_follows_the_state_of_the_plan_the_obligation_concerns():
    assert next_step(SUCCESSOR_PLAN, None) == "create the plan and open its preparation"
    assert next_step(FIRST_PLAN, "approved").startswith("publish under reg 6")
    assert next_step("annual_review", "in_force").startswith("open and conclude this year's")
    assert next_step("annual_review", "under_review").startswith("conclude the review")
    assert next_step(None, "superseded") == "nothing for this plan: a successor plan has " \
                                            "replaced it"
    assert next_action(FIRST_PLAN, "drafting", 7) == \
        "plan 7: finish the draft and open consultation under reg 7"


def consultee(**facts):
    values = dict(name="Parent Carers Forum", none_in_area=False, responded_on=None,
                  declined=False, invited_on=date(2014, 3, 1), response_due=date(2014, 4, 30))
    return SimpleNamespace(**(values | facts))


def test_a_consultee_has_not_replied_only_once_its_response_date_has_passed():
    assert chasing.reply_status(consultee(), date(2014, 4, 30)) == chasing.AWAITED
    assert chasing.reply_status(consultee(), TODAY) == chasing.NOT_REPLIED
    assert chasing.reply_status(consultee(response_due=None), TODAY) == chasing.AWAITED


def test_only_an_invited_consultee_who_has_not_answered_can_be_chased():
    assert chasing.chase_refusal(consultee(), TODAY) is None
    assert "already responded" in chasing.chase_refusal(
        consultee(responded_on=date(2014, 4, 2)), TODAY)
    assert "already declined" in chasing.chase_refusal(consultee(declined=True), TODAY)
    assert "never invited" in chasing.chase_refusal(consultee(invited_on=None), TODAY)
