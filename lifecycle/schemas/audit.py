"""Input for reading the audit log: the filters the API and the audit page both offer."""
from __future__ import annotations

from marshmallow import ValidationError, fields, validates_schema

from lifecycle.schemas import Id, StrictSchema, Text

DATE_ERROR = "Enter a real date, for example 1 4 2011."


class AuditFilterSchema(StrictSchema):
    """Which records: of a board, a plan, by an actor, of an event, between two days in
    England (both inclusive)."""

    board_id = Id(error_messages={"invalid": "Enter a board number, like 1."})
    plan_id = Id(error_messages={"invalid": "Enter a plan number, like 2."})
    actor = Text(200)
    event = Text(60)
    from_ = fields.Date(data_key="from", metadata={"description": "From this day (inclusive)."},
                        error_messages={"invalid": DATE_ERROR})
    to = fields.Date(metadata={"description": "To this day (inclusive)."},
                     error_messages={"invalid": DATE_ERROR})

    @validates_schema
    def _in_order(self, data, **kwargs):
        if data.get("from_") and data.get("to") and data["from_"] > data["to"]:
            raise ValidationError("The from date must not be after the to date.", "from")


def audit_filters(query: dict) -> dict:
    """The loaded filters as ``list_audit`` takes them (``from`` rather than ``from_``)."""
    return {("from" if k == "from_" else k): query[k] for k in
            ("board_id", "plan_id", "actor", "event", "from_", "to") if k in query}
