"""The Blueprint every resource module uses: invalid input is a 400 and unknown fields are refused.

Validation failures are 400 (the request is wrong); 422 is kept for a
well-formed request that the law refuses (a guard's unmet requirements).
Each route's documentation also lists the errors any protected route may
answer (401, 403, 503, and 404 where the path names a resource).
"""
from __future__ import annotations

import flask_smorest
from marshmallow import RAISE
from webargs.flaskparser import FlaskParser

VALIDATION_STATUS = 400
STANDARD_ERRORS = {401: "UNAUTHORIZED", 403: "FORBIDDEN", 503: "SERVICE_UNAVAILABLE"}
HTTP_METHODS = ("get", "post", "put", "patch", "delete")


class Parser(FlaskParser):
    """Rejects unknown fields in every location, with a 400."""

    DEFAULT_VALIDATION_STATUS = VALIDATION_STATUS
    DEFAULT_UNKNOWN_BY_LOCATION: dict = {}

    def __init__(self):
        super().__init__(unknown=RAISE)


def document_errors(view, codes: dict) -> None:
    """Add ``{status: component name}`` error responses to each method's documentation."""
    for method in HTTP_METHODS:
        func = getattr(view, method, None)
        if func is None:
            continue
        apidoc = func.__dict__.setdefault("_apidoc", {})
        responses = apidoc.setdefault("manual_doc", {}).setdefault("responses", {})
        for status, name in codes.items():
            responses.setdefault(status, name)


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint with this API's argument parser and error documentation."""

    ARGUMENTS_PARSER = Parser()

    def route(self, rule, **options):
        decorator = super().route(rule, **options)

        def register(view):
            if not getattr(view, "public", False):
                document_errors(view, STANDARD_ERRORS | ({404: "NOT_FOUND"} if "<" in rule
                                                         else {}))
            return decorator(view)
        return register
