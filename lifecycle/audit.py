"""The append-only audit log: each record carries the SHA-256 of its content and its predecessor's hash."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from lifecycle.model import AuditRecord

GENESIS = "0" * 64
_CHAIN_LOCK = 7_215_2010  # pg advisory lock key: one writer extends the chain at a time


def canonical(record: AuditRecord) -> str:
    """The content a record's hash covers, as stable JSON."""
    at = record.at if record.at.tzinfo else record.at.replace(tzinfo=timezone.utc)
    content = {
        "id": record.id, "at": at.astimezone(timezone.utc).isoformat(timespec="microseconds"),
        "actor": record.actor, "board_id": record.board_id, "plan_id": record.plan_id,
        "event": record.event, "from": record.from_state, "to": record.to_state,
        "payload": record.payload, "prev": record.prev_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), default=_plain)


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot audit a {type(value).__name__}")


def digest(record: AuditRecord) -> str:
    return hashlib.sha256(canonical(record).encode()).hexdigest()


def append(session: Session, *, at: datetime, actor: str, event: str, board_id: int | None = None,
           plan_id: int | None = None, from_state: str | None = None, to_state: str | None = None,
           payload: dict | None = None) -> AuditRecord:
    """Add one record at the head of the chain, in the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
    head = session.execute(select(AuditRecord.id, AuditRecord.hash)
                           .order_by(AuditRecord.id.desc()).limit(1)).first()
    record = AuditRecord(
        id=(head.id + 1) if head else 1, at=at, actor=actor, event=event, board_id=board_id,
        plan_id=plan_id, from_state=from_state, to_state=to_state,
        payload=json.loads(json.dumps(payload or {}, default=_plain)),
        prev_hash=head.hash if head else GENESIS,
    )
    record.hash = digest(record)
    session.add(record)
    return record


@dataclass(frozen=True)
class ChainReport:
    """Whether the chain is intact and, if not, the first record that breaks it."""

    intact: bool
    records: int
    first_bad_id: int | None = None
    problem: str | None = None


def verify(session: Session, batch: int = 1000) -> ChainReport:
    """Walk the chain in id order; any edit, removal or reordering breaks a link."""
    expected_prev, expected_id, count = GENESIS, 1, 0
    query = select(AuditRecord).order_by(AuditRecord.id).execution_options(yield_per=batch)
    for record in session.scalars(query):
        problem = _link_problem(record, expected_id, expected_prev)
        if problem:
            return ChainReport(False, count, record.id, problem)
        expected_prev, expected_id, count = record.hash, record.id + 1, count + 1
    return ChainReport(True, count)


def _link_problem(record: AuditRecord, expected_id: int, expected_prev: str) -> str | None:
    if record.id != expected_id:
        return f"record {expected_id} is missing"
    if record.prev_hash != expected_prev:
        return "does not follow the previous record (removed or reordered)"
    if digest(record) != record.hash:
        return "content does not match its hash (edited)"
    return None
