"""Input for the Board's duties beyond the plan as the web pages ask it: relevant partners
(s12A(2)), monitoring entries (s17A(3)(a)) and annual reports (s17A(3)(b)).

Fields are declared in the order a page asks them (the error summary follows it).
"""
from __future__ import annotations

from marshmallow import fields, validate

from lifecycle.rules.composition import PARTNER_TYPES
from lifecycle.rules.monitoring import ASSESSMENTS
from lifecycle.schemas import Id, StrictSchema, Text


def _date(what: str, **kwargs) -> fields.Date:
    return fields.Date(error_messages={"invalid": f"Enter {what} as a real date, for example "
                                                  "27 3 2011.",
                                       "required": f"Enter {what}."}, **kwargs)


class RelevantPartnerSchema(StrictSchema):
    """A relevant partner of the board's area, from a date until another."""

    name = Text(200, required=True, error_messages={"required": "Enter the partner's name."})
    partner_type = fields.String(required=True, validate=validate.OneOf(
        PARTNER_TYPES, error="Choose the kind of relevant partner."),
        error_messages={"required": "Choose the kind of relevant partner."})
    since = _date("the date it became a relevant partner", allow_none=True)
    ended_on = _date("the date it stopped being one", allow_none=True)


class MonitoringEntrySchema(StrictSchema):
    """How far a member's body acted in accordance with the plan, and the evidence."""

    member_id = Id(required=True, error_messages={"required": "Choose the partner assessed."})
    on = _date("the date of the assessment", required=True)
    assessment = fields.String(required=True, validate=validate.OneOf(
        ASSESSMENTS, error="Choose how far it acted in accordance with the plan."),
        error_messages={"required": "Choose how far it acted in accordance with the plan."})
    evidence = Text(20000, required=True, error_messages={
        "required": "Enter the evidence the assessment rests on."})


class MonitoringFilterSchema(StrictSchema):
    """The monitoring list's filters (query string)."""

    year_start = fields.Date(load_default=None)
    member_id = Id(load_default=None)
    page = fields.Integer(load_default=1)


class NewAnnualReportSchema(StrictSchema):
    """Start the annual report of one of the board's report years."""

    year_start = fields.Date(required=True, error_messages={
        "required": "Choose the year the report is on.",
        "invalid": "Choose the year the report is on."})


class GovernanceSchema(StrictSchema):
    """The Chief Executive's and Leader's assessment of governance (guidance 8.48)."""

    governance_assessment = Text(50000, load_default=None, allow_none=True)


class PublishAnnualReportSchema(StrictSchema):
    """Where and when the annual report was published."""

    published_on = _date("the date it was published", required=True)
    url = fields.Url(required=True, validate=validate.Length(max=500), error_messages={
        "required": "Enter the web address where the report is published.",
        "invalid": "Enter the web address as a full address, like "
                   "https://www.northshire.gov.uk/cypp/annual-report."})
