"""Input about boards, their members and their settings (API and web pages alike).

Fields are declared in the order the pages ask them, so a page's error summary reads
top to bottom.
"""
from __future__ import annotations

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from lifecycle.access import ROLES
from lifecycle.rules.rulebooks import (
    DEFAULT_PLAN_LENGTH_MONTHS,
    DEFAULT_REVIEW_BASIS,
    DEFAULT_SUCCESSOR_GRACE_DAYS,
    LOCAL_POLICY,
    REVIEW_BASES,
)
from lifecycle.schemas import Id, StrictSchema, Text, capped

MAX_REPRESENTED = 100  # partners or authorities one member represents
MAX_RECIPIENTS = 50  # extra email addresses for a board's reminders

EFFECTIVE = ("From this date (not before today); default the start of the next year under "
             "the new basis. Years that began before it keep the old basis and rules.")
BASIS_ERROR = "Choose financial year or plan year."


def _date(required: bool = False, **kwargs) -> fields.Date:
    messages = {"invalid": "Enter a real date, for example 1 4 2011."}
    if required:
        messages["required"] = "Enter the date."
    return fields.Date(required=required, error_messages=messages, **kwargs)


def _basis(**kwargs) -> fields.String:
    return fields.String(validate=validate.OneOf(REVIEW_BASES, error=BASIS_ERROR), **kwargs)


class RulebookSwitchSchema(StrictSchema):
    """Move the board onto a local-policy rulebook from a date."""

    rulebook = Text(100, load_default=LOCAL_POLICY)
    effective_from = _date(metadata={"description": EFFECTIVE})
    plan_length_months = fields.Integer(strict=True, validate=validate.Range(
        1, 600, error="Enter a plan length from 1 to 600 months."),
        load_default=DEFAULT_PLAN_LENGTH_MONTHS)
    successor_grace_days = fields.Integer(strict=True, validate=validate.Range(
        0, 3650, error="Enter a number of days from 0 to 3650."),
        load_default=DEFAULT_SUCCESSOR_GRACE_DAYS)
    review_basis = _basis(load_default=DEFAULT_REVIEW_BASIS)


class BoardSettingsSchema(StrictSchema):
    """What PATCH may change (every field optional)."""

    name = Text(200, min_length=1)
    authority = Text(200, min_length=1)
    pct = Text(200, min_length=1)
    authority_website = fields.Url(allow_none=True, validate=validate.Length(max=500))
    pct_website = fields.Url(allow_none=True, validate=validate.Length(max=500))
    review_basis = _basis(metadata={
        "description": "A new year basis for reg 8(1) reviews, from effective_from."})
    effective_from = _date(metadata={"description": "For review_basis: " + EFFECTIVE})
    rulebook = fields.Nested(RulebookSwitchSchema, metadata={
        "description": "Move the Board onto a local-policy rulebook from a date."})
    annual_report_months = fields.Integer(strict=True, validate=validate.Range(1, 24), metadata={
        "description": "Annual reports (s17A(3)(b)) fall due on the last day of this month "
                       "after their year ends (default 6); applies to years ending from today."})


def _website(what: str) -> fields.Url:
    return fields.Url(allow_none=True, validate=validate.Length(max=500), error_messages={
        "invalid": f"Enter the {what} website as a full address, like https://www.example.gov.uk."})


class NewBoardSchema(StrictSchema):
    """A new Children's Trust Board."""

    # The rule of _establishing_bodies_given, for the OpenAPI document.
    OPENAPI = {"allOf": [{"anyOf": [{"required": ["authority"]}, {"required": ["authorities"]}]},
                         {"anyOf": [{"required": ["pct"]}, {"required": ["pcts"]}]}]}

    name = Text(200, required=True, error_messages={"required": "Enter the board's name."})
    authority = Text(200, min_length=1, metadata={
        "description": "The establishing authority (or give authorities)."})
    pct = Text(200, min_length=1, metadata={
        "description": "The relevant PCT (reg 6(a); or give pcts)."})
    authorities = fields.List(Text(200, min_length=1), validate=validate.Length(min=1, max=20),
                              metadata={"description": "A joint Board's establishing "
                                                       "authorities (s12A(6)), first the lead."})
    pcts = fields.List(Text(200, min_length=1), validate=validate.Length(min=1, max=20),
                       metadata={"description": "Its relevant PCTs, first the lead."})
    authority_website = _website("local authority's")
    pct_website = _website("Primary Care Trust's")
    review_basis = _basis(load_default=DEFAULT_REVIEW_BASIS)

    @validates_schema(skip_on_field_errors=False)
    def _establishing_bodies_given(self, data, **kwargs):
        """An authority and a PCT, one each or as a joint Board's lists (s12A(6))."""
        errors = {}
        if not (data.get("authority") or data.get("authorities")):
            errors["authority"] = ["Enter the local authority."]
        if not (data.get("pct") or data.get("pcts")):
            errors["pct"] = ["Enter the Primary Care Trust."]
        if errors:
            raise ValidationError(errors)


class NewBoardFormSchema(NewBoardSchema):
    """A new board as the web's form asks it: one authority and one PCT (a joint Board's
    several come through the API)."""

    authority = Text(200, required=True, error_messages={
        "required": "Enter the local authority."})
    pct = Text(200, required=True, error_messages={"required": "Enter the Primary Care Trust."})


class ReviewBasisSchema(StrictSchema):
    """A new year basis for the reg 8(1) reviews, from a date (the web's settings form)."""

    review_basis = _basis(required=True, error_messages={"required": BASIS_ERROR})
    effective_from = _date(metadata={"description": EFFECTIVE})


class RulebookFormSchema(StrictSchema):
    """A rulebook switch as the web's settings form asks it (its fields named apart from the
    year basis form on the same page): loads as the ``rulebook`` ``update_board`` takes."""

    rulebook_effective_from = _date(metadata={"description": EFFECTIVE})
    plan_length_months = fields.Integer(load_default=DEFAULT_PLAN_LENGTH_MONTHS, validate=validate.Range(
        1, 600, error="Enter a plan length from 1 to 600 months."),
        error_messages={"invalid": "Enter the plan length as a whole number of months."})
    successor_grace_days = fields.Integer(load_default=DEFAULT_SUCCESSOR_GRACE_DAYS, validate=validate.Range(
        0, 3650, error="Enter a number of days from 0 to 3650."),
        error_messages={"invalid": "Enter the days as a whole number."})
    rulebook_review_basis = _basis(load_default=DEFAULT_REVIEW_BASIS)

    @post_load
    def _as_switch(self, data, **kwargs):
        switch = {"plan_length_months": data["plan_length_months"],
                  "successor_grace_days": data["successor_grace_days"],
                  "review_basis": data["rulebook_review_basis"]}
        if data.get("rulebook_effective_from"):
            switch["effective_from"] = data["rulebook_effective_from"]
        return {"rulebook": switch}


class MemberChangesSchema(StrictSchema):
    """What may change on a member (every field optional)."""

    organisation = Text(200, min_length=1, metadata={"description": "The partner body."})
    partner_type = Text(60, min_length=1,
                        metadata={"description": "e.g. local_authority, pct, police."})
    statutory = fields.Boolean()
    representative = Text(200, allow_none=True)
    joined_on = _date()
    left_on = _date(allow_none=True)
    represents_partners = fields.List(fields.Integer(strict=True), validate=capped(
        MAX_REPRESENTED, "partners"), metadata={
        "description": "Relevant partners (ids) this member represents besides its own "
                       "organisation (s12A(5): one person may represent several)."})
    represents_authorities = fields.List(Text(200), validate=capped(
        MAX_REPRESENTED, "authorities"), metadata={
        "description": "Establishing authorities (names) this member represents."})


class NewMemberSchema(MemberChangesSchema):
    """A partner joining the board."""

    organisation = Text(200, required=True, error_messages={
        "required": "Enter the partner organisation."})
    partner_type = Text(60, required=True, error_messages={
        "required": "Choose the kind of partner."})
    statutory = fields.Boolean(required=True, error_messages={
        "required": "Say whether the partner is a statutory partner."})
    joined_on = _date(required=True)


class NewMemberFormSchema(NewMemberSchema):
    """A partner joining the board as the web's form asks it (checkbox values are text)."""

    represents_partners = fields.List(Id(), validate=capped(MAX_REPRESENTED, "partners"),
                                      error_messages={
        "invalid": "Choose relevant partners from the list."})


class MemberLeftSchema(StrictSchema):
    """The day a partner left the board."""

    left_on = _date(required=True)


def _days_before(value: str) -> list[int]:
    try:
        days = sorted({int(d) for d in value.replace(" ", "").split(",") if d}, reverse=True)
    except ValueError:
        raise ValidationError("Enter whole numbers of days separated by commas, "
                              "for example 90, 30, 14, 7, 1.") from None
    if any(d <= 0 for d in days):
        raise ValidationError("Each number of days must be at least 1.")
    return days


class DaysBefore(fields.String):
    """Days before a due date, typed as "90, 30, 14, 7, 1"."""

    def __init__(self, **kwargs):
        super().__init__(validate=validate.Length(max=200), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        return _days_before(super()._deserialize(value, attr, data, **kwargs))


class EmailLines(fields.String):
    """Email addresses, one a line (or separated by commas): at most ``MAX_RECIPIENTS``."""

    def __init__(self, **kwargs):
        super().__init__(validate=validate.Length(max=MAX_RECIPIENTS * 320), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        found = [a.strip() for a in text.replace(",", "\n").splitlines() if a.strip()]
        check = validate.Email(error="{input} is not an email address like name@example.org.")
        if len(found) > MAX_RECIPIENTS:
            raise ValidationError(f"Give at most {MAX_RECIPIENTS} email addresses.")
        for address in found:
            check(address)
        return found


class NotificationSettingsSchema(StrictSchema):
    """A board's reminder ladder and who hears it (the web's settings form): loads as the
    ``ladder``, ``roles`` and ``extra_recipients`` that ``update_notification_settings`` takes."""

    before = DaysBefore(load_default=list)
    on_due_date = fields.Boolean(load_default=False)
    overdue_every_days = fields.Integer(load_default=0, validate=validate.Range(
        0, 365, error="Enter a number of days from 0 to 365 (0: no overdue notices)."),
        error_messages={"invalid": "Enter a whole number of days."})
    roles = fields.List(fields.String(validate=validate.OneOf(ROLES)), load_default=list,
                        validate=capped(len(ROLES), "roles"))
    extra_recipients = EmailLines(load_default=list)

    @validates_schema
    def _someone_hears(self, data, **kwargs):
        if not data.get("roles") and not data.get("extra_recipients"):
            raise ValidationError("Choose at least one role or give an email address.", "roles")

    @post_load
    def _as_settings(self, data, **kwargs):
        ladder = {"before": data["before"], "on_due_date": data["on_due_date"],
                  "overdue_every_days": data["overdue_every_days"] or None}
        return {"ladder": ladder, "roles": data["roles"],
                "extra_recipients": data["extra_recipients"]}
