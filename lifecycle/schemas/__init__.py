"""Plain marshmallow schemas for input that more than one entrypoint accepts (API and web).

Validation only: no Flask, no tables. ``StrictSchema`` refuses unknown fields
and NUL characters; ``Id``, ``Text`` and ``capped`` are the building blocks. Every list
a client sends is capped: one request never turns into tens of thousands of database
parameters (PostgreSQL's driver takes at most 65,535).
"""
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


def capped(most: int, what: str = "items", least: int = 0) -> validate.Length:
    """A list of at most ``most`` (and at least ``least``) ``what``: a 400 naming the cap."""
    if least:
        return validate.Length(min=least, max=most,
                               error=f"Give from {least} to {most} {what}.")
    return validate.Length(max=most, error=f"Give at most {most} {what} at a time.")


def Text(max_length: int, *, required: bool = False, min_length: int | None = None,  # noqa: N802
         **kwargs) -> fields.String:
    """Text of at most ``max_length`` characters; required text may not be empty."""
    minimum = min_length if min_length is not None else (1 if required else 0)
    return fields.String(required=required, validate=validate.Length(min=minimum, max=max_length),
                         **kwargs)
