"""The ``Idempotency-Key`` header: a retried request returns the first result, applied once.

The key is stored per user with the SHA-256 of the request (method, path,
body). It is claimed in the same transaction as the change itself, so two
racing copies of a request cannot both apply. Following the IETF
idempotency-key draft: the same key with a different request is 422
(``idempotency_key_reused``); a key whose first request is still in flight
(or whose response was lost after it was applied) is 409
(``idempotency_key_in_progress``); an empty key is a 400. The key is claimed before the
use case reads anything, so racing copies of one request answer with the first one's
result (or "in progress"), never a stale-version 409. A request that failed changed
nothing and stored nothing, so retrying it runs it again.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from functools import wraps

from flask import g, jsonify, request

from api.auth import current_user
from api.errors import error_response
from api.runtime import new_uow
from lifecycle.db.uow import StoreUnavailable
from lifecycle.services import access

HEADER = "Idempotency-Key"
DOC = {"parameters": [{
    "in": "header", "name": HEADER, "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
    "description": "Retry-safe key: a retry with the same key and body returns the first "
                   "result and changes nothing; the same key with another body is refused (422).",
}]}
# The key reused for another request (422), or its first request still in flight (409).
ERRORS = {409: "CONFLICT", 422: "UNPROCESSABLE_ENTITY"}
log = logging.getLogger(__name__)


@dataclass
class Claim:
    """This request's key; ``wrap`` makes the use case's commit claim it."""

    user_id: int
    key: str
    request_hash: str
    unit: access.ClaimingUnitOfWork | None = None

    def wrap(self, unit):
        self.unit = access.ClaimingUnitOfWork(unit, self.user_id, self.key, self.request_hash)
        return self.unit

    @property
    def claimed(self) -> bool:
        return self.unit is not None and self.unit.claimed


def request_hash() -> str:
    """The SHA-256 of what makes a request this request: method, path and JSON body."""
    body = request.get_json(silent=True)
    canonical = json.dumps([request.method, request.path, body], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _answer_from(stored: dict | None, digest: str):
    """The answer a stored key gives, or ``None`` when the request should run."""
    if stored is None:
        return None
    if stored["request_hash"] != digest:
        return error_response(422, "idempotency_key_reused", "this Idempotency-Key was used "
                              "for a different request; use a new key",
                              {HEADER: ["Already used for a different request."]})
    if stored["status"] == access.PENDING:
        return error_response(409, "idempotency_key_in_progress", "a request with this "
                              "Idempotency-Key was applied but its answer is not stored yet; "
                              "reload the resource instead of retrying")
    response = jsonify(stored["body"])
    response.status_code = stored["status"]
    response.headers["Idempotent-Replayed"] = "true"
    return response


def idempotent(view):
    """Honour ``Idempotency-Key`` on a view whose use case commits one unit of work."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        given = request.headers.get(HEADER)
        if given is None:
            return view(*args, **kwargs)
        key = given.strip()
        if not key:  # an empty key would be accepted and never deduplicate anything
            return error_response(400, "invalid", "Idempotency-Key is empty: send a key, or "
                                  "no header at all", {HEADER: ["Must not be empty."]})
        if len(key) > 200:
            return error_response(400, "invalid", "Idempotency-Key is too long",
                                  {HEADER: ["Longer than 200 characters."]})
        user_id, digest = current_user().id, request_hash()
        answer = _answer_from(access.find_idempotent_request(new_uow(), user_id, key), digest)
        if answer is not None:
            return answer
        g.idempotency_claim = claim = Claim(user_id, key, digest)
        try:
            response = view(*args, **kwargs)
        except access.KeyAlreadyClaimed:
            stored = access.find_idempotent_request(new_uow(), user_id, key)
            return _answer_from(stored or {"request_hash": digest, "status": access.PENDING},
                                digest)
        finally:
            g.idempotency_claim = None
        if claim.claimed:
            _store(user_id, key, response)
        return response

    wrapper._apidoc = getattr(view, "_apidoc", {})
    manual = wrapper._apidoc.setdefault("manual_doc", {})
    manual["parameters"] = manual.get("parameters", []) + DOC["parameters"]
    responses = manual.setdefault("responses", {})
    for status, name in ERRORS.items():
        responses.setdefault(status, name)
    return wrapper


def _store(user_id: int, key: str, response) -> None:
    try:
        access.store_idempotent_response(new_uow(), user_id, key, response.status_code,
                                         response.get_json())
    except StoreUnavailable:
        log.warning("applied a request under Idempotency-Key %r but could not store its answer",
                    key)
