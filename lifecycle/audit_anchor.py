"""The audit chain's head, anchored outside the database.

The hash chain shows an edit or a removal in the middle of the log, but not the loss of its
newest records (or of all of them, a TRUNCATE), nor a log rewritten and re-hashed from the
start. An anchor - the record count, the last id and the last hash, signed with HMAC-SHA256
under a key kept outside the database (``CYPP_AUDIT_KEY``) - is saved somewhere the
database's users cannot write; checking the log against it later finds all three.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timezone

from lifecycle.audit import ChainReport, Head
from lifecycle.errors import InvalidInput

KEY_VARIABLE = "CYPP_AUDIT_KEY"
SHORTEST_KEY = 16
_SIGNED = ("records", "last_id", "last_hash", "anchored_at")


def audit_key(environ: dict) -> bytes:
    """The anchor key from the environment; one clear error when it is missing or weak."""
    key = environ.get(KEY_VARIABLE, "").strip()
    if not key:
        raise InvalidInput(f"{KEY_VARIABLE} is not set: export the secret that signs audit "
                           "anchors (at least 16 characters, kept outside the database)")
    if len(key) < SHORTEST_KEY:
        raise InvalidInput(f"{KEY_VARIABLE} is too short: use at least {SHORTEST_KEY} characters")
    return key.encode()


def _mac(body: dict, key: bytes) -> str:
    text = json.dumps({k: body[k] for k in _SIGNED}, sort_keys=True, separators=(",", ":"))
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def sign(head: Head, at: datetime, key: bytes) -> dict:
    """The anchor of ``head`` taken at ``at``: its fields and their HMAC."""
    body = {"records": head.records, "last_id": head.last_id, "last_hash": head.last_hash,
            "anchored_at": at.astimezone(timezone.utc).isoformat(timespec="seconds")}
    return body | {"hmac": _mac(body, key)}


def read(text: str, key: bytes) -> Head:
    """The head a saved anchor vouches for; refused if it is not an anchor or its HMAC does
    not match (edited, or signed with another key)."""
    try:
        body = json.loads(text)
        fields = {k: body[k] for k in (*_SIGNED, "hmac")}
        if not all(isinstance(fields[k], int) for k in ("records", "last_id")):
            raise TypeError("records and last_id are whole numbers")
    except (ValueError, TypeError, KeyError) as exc:
        raise InvalidInput("the anchor is not an audit anchor (JSON with records, last_id, "
                           "last_hash, anchored_at and hmac)") from exc
    if not (isinstance(fields["hmac"], str)
            and hmac.compare_digest(fields["hmac"], _mac(fields, key))):
        raise InvalidInput("the anchor's signature does not match: it was edited or signed "
                           f"with another {KEY_VARIABLE}")
    return Head(fields["records"], fields["last_id"], fields["last_hash"])


def compare(report: ChainReport, anchored: Head, stored_hash: str | None) -> ChainReport:
    """The chain report, broken if the log no longer holds the anchored head as it was.

    ``stored_hash`` is the hash the log holds now for the anchored last id (``None`` if
    that record is gone). An intact chain runs 1..N without gaps, so fewer records than
    the anchor counted means the newest were removed.
    """
    if not report.intact:
        return report
    if report.records < anchored.records:
        return ChainReport(False, report.records, report.records + 1, (
            f"the log has {report.records} records but its anchor counted "
            f"{anchored.records}: the newest records were removed (deleted or truncated)"))
    if stored_hash != anchored.last_hash:
        return ChainReport(False, report.records, anchored.last_id, (
            f"record {anchored.last_id} does not match its anchor: the log was rewritten"))
    return report
