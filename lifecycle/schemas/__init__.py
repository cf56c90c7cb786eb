"""Plain marshmallow schemas for input that more than one entrypoint accepts (API and web).

Validation only: no Flask, no tables. ``StrictSchema`` refuses unknown fields
and NUL characters; ``Id``, ``Text`` and ``capped`` are the building blocks. Every list
a client sends is capped: one request never turns into tens of thousands of database
parameters (PostgreSQL's driver takes at most 65,535).
"""
from __future__ import annotations

from collections.abc import Mapping

from marshmallow import RAISE, Schema, ValidationError, fields, pre_load, validate

from lifecycle.rules.rulebooks import EARLIEST_DATE, LATEST_DATE

MAX_ID = 2**31 - 1


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, Mapping):  # a JSON object, or the query string's MultiDictProxy
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_has_nul(v) for v in value)
    return False


# What each kind of field accepts, enforced and declared in the OpenAPI document as a
# ``pattern``, so a client generating input from the document sends only what is taken.
NO_NUL = r"^[^\x00]*$"
# Every day within the rulebook's bounds (2000-01-01 to 2100-12-31), as ISO text.
DAY_IN_BOUNDS = "^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
WEB_ADDRESS = "^https?://([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?[.])+[A-Za-z]{2,63}(/[^\\s]*)?$"
_DAY_ERROR = f"Must be between {EARLIEST_DATE} and {LATEST_DATE}."


def _declare(field: fields.Field, pattern: str, rule: validate.Validator | None = None) -> None:
    """``field`` enforces ``rule`` and its documentation says ``pattern``."""
    if "pattern" in field.metadata or any(isinstance(v, validate.Regexp)
                                          for v in field.validators):
        return  # it says its own pattern
    field.metadata = field.metadata | {"pattern": pattern}
    if rule is not None:
        field.validators = [*field.validators, rule]


class StrictSchema(Schema):
    """Unknown fields are errors; text may not carry NUL characters (no database stores them);
    dates lie within the rulebook's bounds; web addresses are http(s) with a domain name."""

    class Meta:
        unknown = RAISE

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        # Fields are shallow copies of the class's: give this one its own lists, once.
        if isinstance(field_obj, fields.Url):
            _declare(field_obj, WEB_ADDRESS, validate.Regexp(
                WEB_ADDRESS, error=field_obj.error_messages["invalid"]))
        elif isinstance(field_obj, fields.Date):
            _declare(field_obj, DAY_IN_BOUNDS, validate.Range(EARLIEST_DATE, LATEST_DATE,
                                                              error=_DAY_ERROR))
        elif isinstance(field_obj, fields.String):
            _declare(field_obj, NO_NUL)
        elif isinstance(field_obj, fields.List) and type(field_obj.inner) is fields.String:
            _declare(field_obj.inner, NO_NUL)

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
