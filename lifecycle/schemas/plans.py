"""Input about plans: a new plan, and the details of a lifecycle event (API and web pages alike)."""
from __future__ import annotations

from marshmallow import fields, validate

from lifecycle.schemas import Id, StrictSchema, Text

REAL_DATE = "Enter a real date, for example 1 4 2014."


class NewPlanSchema(StrictSchema):
    """A new plan of a board: its title, period and predecessor."""

    title = Text(300, required=True, error_messages={"required": "Enter the plan's title."})
    period_start = fields.Date(required=True, error_messages={
        "required": "Enter the date the plan period starts.", "invalid": REAL_DATE})
    period_end = fields.Date(error_messages={"invalid": REAL_DATE}, metadata={
        "description": "Default: the rulebook's plan length (three years, guidance 8.46)."})
    predecessor_id = Id(allow_none=True, metadata={
        "description": "Default: the board's latest plan."})


class EventDetailsSchema(StrictSchema):
    """What a person says when firing an event: when it happened, why, and (to conclude a
    review) its outcome."""

    on = fields.Date(error_messages={"invalid": REAL_DATE}, metadata={
        "description": "When it happened (default today)."})
    reason = Text(10_000, allow_none=True)
    outcome = Text(40, allow_none=True, metadata={
        "description": "For conclude_review: no_revision_needed."})


class EventFormSchema(EventDetailsSchema):
    """An event submitted from a page: the details and the plan version the form was shown
    with (a hidden field, so it arrives as text)."""

    version = fields.Integer(required=True, validate=validate.Range(min=0), error_messages={
        "required": "The form is missing the plan's version: reload the page."})
