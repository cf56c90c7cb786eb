"""Schema pieces of the API: the shared input building blocks (``lifecycle.schemas``) and errors."""
from __future__ import annotations

from datetime import timezone

from marshmallow import Schema, fields

from lifecycle.schemas import MAX_ID, Id, StrictSchema, Text, capped  # noqa: F401  (the resources' base)


class Instant(fields.DateTime):
    """A moment, always answered with its UTC offset (SQLite hands stored UTC times back naive,
    and a ``date-time`` without an offset is not one)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return super()._serialize(value, attr, obj, **kwargs)


class RequirementSchema(Schema):
    requirement = fields.String()
    citation = fields.String()


class ErrorBodySchema(Schema):
    code = fields.String(metadata={"description": "Machine-readable error code."})
    message = fields.String(metadata={"description": "What went wrong, for a person."})
    field_errors = fields.Dict(data_key="fields", metadata={"description": "Each bad field and why."})
    current = fields.Dict(metadata={"description": "409: the plan's current state and version."})
    unmet = fields.List(fields.Nested(RequirementSchema),
                        metadata={"description": "422: every unmet requirement, cited."})
    warnings = fields.List(fields.Nested(RequirementSchema))


class ErrorSchema(Schema):
    """Every 4xx and 5xx answer: ``{"error": {"code", "message", "fields"}}``."""

    error = fields.Nested(ErrorBodySchema, required=True)
