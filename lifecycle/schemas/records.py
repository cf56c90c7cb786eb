"""Input about a plan's records (API and web pages alike): the reg 4 checklist, reg 7 consultees,
the Board's approval, reg 6 publication steps and reg 8(4) acknowledgements.

Fields are declared in the order a page asks them (the error summary follows it).
"""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from lifecycle.rules.checklist import STATUSES
from lifecycle.rules.consultees import BY_LETTER
from lifecycle.rules.publication import BY_NAME
from lifecycle.schemas import StrictSchema, Text, capped


def _date(what: str, **kwargs) -> fields.Date:
    return fields.Date(error_messages={"invalid": f"Enter {what} as a real date, for example "
                                                  "27 3 2011.",
                                       "required": f"Enter {what}."}, **kwargs)


class ChecklistEntrySchema(StrictSchema):
    """One reg 4 matter: its status and content (report fields for 4(3)(e) and (f) only)."""

    status = fields.String(required=True, validate=validate.OneOf(
        STATUSES, error="Choose missing, drafted or complete."),
        error_messages={"required": "Choose the status of this matter."})
    text = Text(100_000, allow_none=True)
    document_url = Text(500, allow_none=True)
    report_ref = Text(500, allow_none=True, metadata={
        "description": "behaviour_attendance (4(3)(e)) and safeguarding (4(3)(f)) only."})
    report_date = _date("the date of the report", allow_none=True)
    no_report_yet = fields.Boolean(load_default=False, metadata={
        "description": "4(3)(e)/(f): no such report has been submitted yet (a warning)."})
    note = Text(10_000, allow_none=True)


# The server's rule (lifecycle.services.facts): a name with at least one character that is
# not a space, unless the category has no such body in the area (none_in_area).
NAME_PATTERN = r"\s*\S"
NAME_RULE = "Enter the consultee's name (or say there is none in the area)."


def ConsulteeName(**kwargs) -> fields.String:  # noqa: N802 (reads as a field class)
    """The consultee's name as the server requires it: 1-300 characters, not all spaces."""
    return fields.String(validate=[validate.Length(min=1, max=300), validate.Regexp(
        NAME_PATTERN, error="Enter the consultee's name.")], **kwargs)


class ConsultationSchema(StrictSchema):
    """What may change on a consultee: invitation, response, refusal, summary."""

    name = ConsulteeName(metadata={"description": "Not blank."})
    invited_on = _date("the date they were invited", allow_none=True)
    response_due = _date("the date their response is due", allow_none=True)
    responded_on = _date("the date they responded", allow_none=True)
    declined = fields.Boolean()
    summary = Text(100_000, allow_none=True)
    note = Text(10_000, allow_none=True)


class NewConsulteeSchema(StrictSchema):
    """A new consultee of a reg 7(1) category, or "none in the area" with a note."""

    # The rule of _named, for the OpenAPI document.
    OPENAPI = {"anyOf": [{"required": ["name"], "properties": {"name": {"type": "string"}}},
                         {"required": ["none_in_area"],
                          "properties": {"none_in_area": {"enum": [True]}}}]}

    category = fields.String(required=True, validate=validate.OneOf(
        sorted(BY_LETTER), error="Choose a category of reg 7(1), a to p."),
        error_messages={"required": "Choose who is being consulted (the reg 7(1) category)."})
    none_in_area = fields.Boolean(load_default=False, metadata={
        "description": "A mandatory category with no such body in the area (give a note)."})
    authority = Text(200, allow_none=True, metadata={
        "description": "The authority area: one of the board's authorities; required for "
                       "(e), (k), (l) on a joint Board, else the only one."})
    name = ConsulteeName(allow_none=True, metadata={
        "description": "Required, not blank, unless none_in_area is true."})
    invited_on = _date("the date they were invited", allow_none=True)
    response_due = _date("the date their response is due", allow_none=True)
    responded_on = _date("the date they responded", allow_none=True)
    declined = fields.Boolean(load_default=False)
    summary = Text(100_000, allow_none=True)
    note = Text(10_000, allow_none=True)

    @validates_schema
    def _named(self, data, **kwargs):
        if not data.get("none_in_area") and not data.get("name"):
            raise ValidationError(NAME_RULE, field_name="name")


class NewApprovalSchema(StrictSchema):
    """The Board's approval: the meeting's date and minute reference."""

    approved_on = _date("the date the Board approved the plan", required=True)
    minute_ref = Text(200, required=True, error_messages={
        "required": "Enter the minute reference of the Board's decision."})


class NewChannelSchema(StrictSchema):
    """One reg 6 publication step (or a guidance 8.45 one), dated."""

    channel = fields.String(required=True, validate=validate.OneOf(
        list(BY_NAME), error="Choose where the plan was published."),
        error_messages={"required": "Choose where the plan was published."})
    done_on = _date("the date it was done", required=True)
    url = Text(500, allow_none=True, metadata={
        "description": "For the website channels and child_friendly_version."})
    place = Text(300, allow_none=True, metadata={
        "description": "For public_place; for disseminated_to_consultees, how it was sent."})
    organisation = Text(200, allow_none=True, metadata={
        "description": "Which establishing authority or relevant PCT a 6(a) website is: "
                       "required when the board has several (a joint Board), else the only "
                       "one."})


class AcknowledgementSchema(StrictSchema):
    """Membership changes a revision takes into account (reg 8(4)), with a note."""

    change_ids = fields.List(Text(40, min_length=1), required=True,
                             validate=capped(1000, "changes", least=1),
                             error_messages={"required": "Choose at least one change."})
    note = Text(10_000, allow_none=True)
