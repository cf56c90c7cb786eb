"""The Blueprint every resource module uses: invalid input is a 400, unknown fields are refused,
a body that is not JSON is a 415, a missing body or one ``api.body`` refuses (an unpaired
surrogate, nesting too deep) is a 400, and every operation documents itself completely.

Validation failures are 400 (the request is not what the document allows); 422 is kept for
a request the document allows that a rule refuses (a guard's unmet requirements, a rule over
several fields or stored data), so a client generating input from the document never gets a
400 for it.
Each operation's documentation gets an ``operationId`` (``getPlan``,
``postEvents``: the method and the view's name), a description (its
docstring and who may call it) and the errors it may answer: 401, 403 and
503 on every protected route, 404 where the path names a resource, 400
where it takes arguments, 413 and 415 where it takes a JSON body.
"""
from __future__ import annotations

import flask_smorest
from flask import abort
from marshmallow import RAISE
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request
from webargs.flaskparser import abort as refuse

from api import body
from lifecycle.access import ADMINISTER, AUDIT, CHANGE, READ, RESPOND

VALIDATION_STATUS = 400
STANDARD_ERRORS = {401: "UNAUTHORIZED", 403: "FORBIDDEN", 503: "SERVICE_UNAVAILABLE"}
BODY_ERRORS = {400: "BAD_REQUEST", 413: "REQUEST_ENTITY_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE"}
HTTP_METHODS = ("get", "post", "put", "patch", "delete")
LOCATION = {"Location": {"description": "The URL of what was created.",
                         "schema": {"type": "string", "format": "uri-reference"}}}
WHO_MAY = {
    READ: "anyone who may see the board (admin, auditor, its coordinators and members)",
    CHANGE: "admins and the board's coordinators", ADMINISTER: "admins",
    AUDIT: "admins and auditors",
    RESPOND: "admins, the board's coordinators and members (members: responses only)",
}


class Parser(FlaskParser):
    """Rejects unknown fields in every location (400), a body that is not JSON (415), and a
    missing or hostile JSON body (400)."""

    DEFAULT_VALIDATION_STATUS = VALIDATION_STATUS
    DEFAULT_UNKNOWN_BY_LOCATION: dict = {}

    def __init__(self):
        super().__init__(unknown=RAISE)

    def load_json(self, req, schema):
        if not req.is_json and (req.mimetype or req.content_length):
            abort(415, description=f"the body must be JSON sent as Content-Type: "
                                   f"application/json, not {req.mimetype or 'untyped data'}")
        if not req.get_data(cache=True):
            # The spec marks every JSON body required: an empty PATCH is a mistake, not a no-op.
            refuse(400, messages={"body": ["A JSON body is required (send {} for none of the "
                                          "optional fields)."]})
        document = super().load_json(req, schema)
        problems = body.type_problems(schema, document)
        if problems:
            refuse(400, messages={"json": problems})
        return document

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return core.missing
        try:
            return body.loads(req.get_data(cache=True))
        except body.BodyError as refused:
            refuse(400, messages={"body": [f"Not accepted: {refused}."]})


def _responses(func) -> dict:
    apidoc = func.__dict__.setdefault("_apidoc", {})
    return apidoc.setdefault("manual_doc", {}).setdefault("responses", {})


def document_errors(view, codes: dict) -> None:
    """Add ``{status: component name}`` error responses to each method's documentation."""
    for method in HTTP_METHODS:
        func = getattr(view, method, None)
        if func is None:
            continue
        responses = _responses(func)
        for status, name in codes.items():
            responses.setdefault(status, name)


def _description(view, method: str, func) -> str:
    """The docstring's body, or else the resource's, and who may call the operation."""
    paragraphs = (func.__doc__ or "").strip().split("\n\n", 1)  # the first is the summary
    body = paragraphs[1].strip() if len(paragraphs) > 1 else ""
    body = " ".join(body.split()) or " ".join((view.__doc__ or "").split())
    permissions = getattr(view, "permissions", None)
    action = permissions.get(method) if isinstance(permissions, dict) else permissions
    who = WHO_MAY.get(action)
    return " ".join(part for part in (body, f"Who may call it: {who}." if who else "") if part)


def document_operations(view) -> None:
    """Give each method of ``view`` an operationId and a description (unless it has them)."""
    name = getattr(view, "__name__", "operation")
    for method in HTTP_METHODS:
        func = getattr(view, method, None)
        if func is None:
            continue
        manual = func.__dict__.setdefault("_apidoc", {}).setdefault("manual_doc", {})
        manual.setdefault("operationId", f"{method}{name[0].upper()}{name[1:]}")
        manual.setdefault("description", _description(view, method, func))


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest blueprint with this API's argument parser and error documentation."""

    ARGUMENTS_PARSER = Parser()

    def arguments(self, schema, *, location="json", **kwargs):
        decorator = super().arguments(schema, location=location, **kwargs)

        def document(func):
            wrapped = decorator(func)
            codes = BODY_ERRORS if location == "json" else {400: "BAD_REQUEST"}
            for status, name in codes.items():
                _responses(wrapped).setdefault(status, name)
            return wrapped
        return document

    def route(self, rule, **options):
        decorator = super().route(rule, **options)

        def register(view):
            if not getattr(view, "public", False):
                document_errors(view, STANDARD_ERRORS | ({404: "NOT_FOUND"} if "<" in rule
                                                         else {}))
            document_operations(view)
            return decorator(view)
        return register
