"""The forms helper every page uses: values from a submitted form, GOV.UK-style errors, and a
use case's refusals kept with the user's input."""
from __future__ import annotations

from datetime import date

from marshmallow import fields
from werkzeug.datastructures import MultiDict

from lifecycle.errors import Conflict, Findings, GuardRefused, InvalidInput
from lifecycle.schemas import Id, StrictSchema, Text
from web.forms import Form


class EventSchema(StrictSchema):
    reason = Text(200, required=True, error_messages={"required": "Enter a reason."})
    on = fields.Date(required=True, error_messages={"required": "Enter the date."})
    board_ids = fields.List(Id(), load_default=list)
    note = Text(200)


def submitted(**values) -> Form:
    return Form.submitted(EventSchema(), MultiDict(values.get("pairs") or list(values.items())))


def test_a_govuk_date_input_and_checkboxes_are_read_as_a_date_and_a_list():
    form = submitted(pairs=[("reason", "Board met"), ("on-day", "3"), ("on-month", "11"),
                            ("on-year", "2010"), ("board_ids", "1"), ("board_ids", "2"),
                            ("note", ""), ("csrf_token", "x")])
    assert form.ok
    assert form.data == {"reason": "Board met", "on": date(2010, 11, 3), "board_ids": [1, 2]}


def test_missing_and_invalid_fields_are_listed_in_field_order_and_shown_next_to_each():
    form = submitted(pairs=[("on-day", "31"), ("on-month", "2"), ("on-year", "2011"),
                            ("reason", "  ")])
    assert not form.ok
    assert form.error_summary() == [{"text": "Enter a reason.", "href": "#reason"},
                                    {"text": "Not a valid date.", "href": "#on"}]
    assert form.error("reason") == {"text": "Enter a reason."} and form.error("note") is None
    assert form.value("on-day") == "31"


def test_a_guard_refusal_keeps_every_unmet_requirement_with_its_citation():
    form = submitted(reason="go", on="2010-11-05")
    findings = Findings()
    findings.require(False, "Northshire Admission Forum has not responded", "reg 7(1)(l)")
    findings.warn(False, "no behaviour report yet", "reg 4(3)(e)")

    def refuse(**_):
        raise GuardRefused("close_consultation", findings)
    assert form.submit(refuse) is None and not form.ok
    assert form.refusal.message == "Close consultation cannot be done yet"
    assert form.refusal.unmet == [{"requirement": "Northshire Admission Forum has not responded",
                                   "citation": "reg 7(1)(l)"}]
    assert form.refusal.warnings[0]["citation"] == "reg 4(3)(e)"
    assert form.value("reason") == "go"


def test_a_conflict_and_an_invalid_value_are_shown_without_losing_the_input():
    form = submitted(reason="go", on="2010-11-05")

    def stale():
        raise Conflict("the plan was changed by someone else; reload and retry")
    form.submit(stale)
    assert form.refusal.conflict and "changed by someone else" in form.error_summary()[0]["text"]
    other = submitted(reason="go", on="2030-01-01")

    def too_late():
        raise InvalidInput("on is later than today", {"on": ["Must not be later than today."]})
    other.submit(too_late)
    assert other.error("on") == {"text": "Must not be later than today."}
    assert other.value("on") == "2030-01-01"
