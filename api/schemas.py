"""Schema building blocks shared by the resource modules: strict base, ids, text, errors."""
from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, pre_load, validate

MAX_ID = 2**31 - 1


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_has_nul(v) for v in value)
    return False


class StrictSchema(Schema):
    """Unknown fields are errors; text may not carry NUL characters (no database stores them)."""

    class Meta:
        unknown = RAISE

    @pre_load
    def _refuse_nul(self, data, **kwargs):
        if _has_nul(data):
            raise ValidationError("Text may not contain NUL characters.")
        return data


def Id(**kwargs) -> fields.Integer:  # noqa: N802 (reads as a field class)
    """A database id: a positive 32-bit integer."""
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def Text(max_length: int, *, required: bool = False, min_length: int | None = None,  # noqa: N802
         **kwargs) -> fields.String:
    """Text of at most ``max_length`` characters; required text may not be empty."""
    minimum = min_length if min_length is not None else (1 if required else 0)
    return fields.String(required=required, validate=validate.Length(min=minimum, max=max_length),
                         **kwargs)


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
