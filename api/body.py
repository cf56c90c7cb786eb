"""What the API accepts as a JSON body: real UTF-8 text, at most ``MAX_DEPTH`` levels deep.

``json.loads`` alone lets two hostile bodies through to a 500: an escaped unpaired
surrogate (``"\\udfff"``) decodes to a string no database or encoder accepts, and
tens of thousands of nested brackets exhaust Python's recursion limit. ``loads``
refuses both with a ``BodyError`` saying which; the argument parser turns it into a
400 and ``JSONProvider`` makes ``request.get_json()`` refuse them the same way.
"""
from __future__ import annotations

import json
import re

from flask.json.provider import DefaultJSONProvider
from marshmallow import fields

MAX_DEPTH = 32  # our bodies nest three levels at most; 32 leaves room and the stack safe
_SURROGATE = re.compile("[\ud800-\udfff]")


class BodyError(ValueError):
    """A body that is JSON but not one this service takes (a ``ValueError`` as Flask expects)."""


def _check(document) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` and strings holding an unpaired surrogate."""
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise BodyError("a string holds an unpaired UTF-16 surrogate (such as "
                                "\\udfff), which is not text; send real characters")
        elif isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                raise BodyError(f"the body nests deeper than {MAX_DEPTH} levels")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            pending.extend((part, depth + 1) for item in items for part in item
                           if isinstance(part, (str, dict, list)))


def loads(data: str | bytes):
    """The JSON document in ``data``; ``BodyError`` (or ``json.JSONDecodeError``) if refused."""
    try:
        document = json.loads(data)
    except RecursionError:
        raise BodyError(f"the body nests deeper than {MAX_DEPTH} levels") from None
    _check(document)
    return document


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, reading request bodies with ``loads``."""

    def loads(self, s: str | bytes, **kwargs):
        return loads(s)


def type_problems(schema, document) -> dict:
    """Booleans and numbers in a JSON ``document`` that are not JSON booleans and numbers.

    Marshmallow takes ``"yes"`` or ``1`` for a boolean and ``"5"`` for a number, as a web
    form needs; a JSON client sends the types the OpenAPI document declares, so the API
    refuses anything else (400) rather than guess."""
    if not isinstance(document, dict):
        return {}
    problems: dict = {}
    for name, field in schema.fields.items():
        key = field.data_key or name
        if key in document and document[key] is not None:
            why = _type_problem(field, document[key])
            if why:
                problems[key] = why
    return problems


def _type_problem(field, value):
    if isinstance(field, fields.Boolean) and not isinstance(value, bool):
        return ["Not a valid boolean."]
    if isinstance(field, fields.Number) and (isinstance(value, bool) or
                                             not isinstance(value, (int, float))):
        return ["Not a valid number."]
    if isinstance(field, fields.List) and isinstance(value, list):
        found = {i: why for i, item in enumerate(value)
                 if item is not None and (why := _type_problem(field.inner, item))}
        return found or None
    if isinstance(field, fields.Nested) and isinstance(value, dict):
        return type_problems(field.schema, value) or None
    return None
