"""One error shape for every failure: ``{"error": {"code", "message", "fields"}}``.

Domain errors map to HTTP codes here and nowhere else: input the OpenAPI document rules out
400 (the parser), no token 401, forbidden 403, not found (or not yours) 404, a method the
path does not have 405 (with ``Allow``), stale version or an event not allowed from the
plan's state 409, a stale ``If-Match`` 412, a body too large 413 or not JSON 415, input
the document allows but a use case refuses (``InvalidInput``, a guard's unmet requirements)
422, database unavailable 503 (only a failure to reach it: any other database error is a
500, logged with its cause).
"""
from __future__ import annotations

import logging

import flask_smorest
from flask import Flask, current_app, jsonify
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from api.schemas import ErrorSchema
from lifecycle.db.uow import StoreUnavailable, is_unavailable
from lifecycle.drawing import DiagramUnavailable
from lifecycle.errors import (
    Conflict,
    DomainError,
    EventNotAllowed,
    Forbidden,
    GuardRefused,
    InvalidInput,
    NotFound,
    PreconditionFailed,
)

log = logging.getLogger(__name__)

_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 406: "not_acceptable", 409: "conflict",
               412: "precondition_failed", 413: "too_large", 415: "unsupported_media_type",
               422: "unprocessable",
               500: "internal", 503: "store_unavailable"}


def error_response(status: int, code: str, message: str, fields: dict | None = None,
                   headers: dict | None = None, **extra):
    """The JSON error answer."""
    body = {"code": code, "message": message, "fields": fields or {}} | extra
    response = jsonify({"error": body})
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _flatten(messages: dict) -> dict:
    """webargs nests messages by location ({"json": {...}}); clients want field -> reasons."""
    flat: dict = {}
    for location, value in messages.items():
        if isinstance(value, dict):
            flat.update(value)
        else:
            flat[location] = value
    return flat


def _summary(fields: dict) -> str:
    parts = [f"{name}: {' '.join(map(str, why)) if isinstance(why, list) else why}"
             for name, why in list(fields.items())[:5]]
    return "invalid input: " + "; ".join(parts) if parts else "invalid input"


class Api(flask_smorest.Api):
    """flask-smorest's Api with this service's error shape for HTTP errors."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error):
        data = getattr(error, "data", None) or {}
        if "messages" in data:
            fields = _flatten(data["messages"])
            return error_response(400, "invalid", _summary(fields), fields)
        if error.code >= 500:
            log.error("unexpected error", exc_info=getattr(error, "original_exception", None))
            return error_response(error.code, _HTTP_CODES.get(error.code, "internal"),
                                  "the service failed; nothing was changed")
        # Werkzeug's own headers: Allow on a 405 (RFC 9110 15.5.6).
        headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        if error.code == 401:
            headers["WWW-Authenticate"] = "Bearer"
        message = data.get("message") or error.description
        if error.code == 413:
            message = (f"the request body is larger than this service takes "
                       f"({current_app.config['MAX_CONTENT_LENGTH']} bytes); nothing was read")
        return error_response(error.code, _HTTP_CODES.get(error.code, "error"), message,
                              headers=headers)


def _requirements(requirements) -> list[dict]:
    return [{"requirement": r.requirement, "citation": r.citation} for r in requirements]


def _domain(error: DomainError):
    if isinstance(error, GuardRefused):
        return error_response(422, error.code, error.message, error.fields,
                              unmet=_requirements(error.findings.unmet),
                              warnings=_requirements(error.findings.warnings))
    if isinstance(error, Conflict):
        status = 412 if isinstance(error, PreconditionFailed) else 409
        return error_response(status, error.code, error.message, error.fields, current=error.current)
    if isinstance(error, StoreUnavailable):
        return _unavailable(error)
    if isinstance(error, DiagramUnavailable):
        return error_response(503, error.code, error.message)
    # A refusal by the use case is of a request that matched the documented schema: 422.
    status = next((status for kind, status in ((NotFound, 404), (Forbidden, 403),
                                               (EventNotAllowed, 409), (InvalidInput, 422))
                   if isinstance(error, kind)), 400)
    return error_response(status, error.code, error.message, error.fields)


def _unavailable(error: Exception):
    log.warning("database unavailable: %s", error)
    return error_response(503, "store_unavailable",
                          "the database is unavailable; nothing was changed, try again shortly",
                          headers={"Retry-After": "5"})


def _database(error: SQLAlchemyError):
    if isinstance(error, IntegrityError):
        return error_response(409, "conflict", "the change conflicts with stored data; "
                              "nothing was changed")
    if isinstance(error, DataError):
        return error_response(400, "invalid", "a value does not fit the database; "
                              "nothing was changed")
    if is_unavailable(error):
        return _unavailable(error)
    # Anything else is a statement the database refused: our bug, not an outage.
    log.error("database error: %s", error, exc_info=error)
    return error_response(500, "internal", "the service failed; nothing was changed")


def init_app(app: Flask) -> None:
    """Register the handlers for domain and database errors."""
    app.register_error_handler(DomainError, _domain)
    app.register_error_handler(SQLAlchemyError, _database)
