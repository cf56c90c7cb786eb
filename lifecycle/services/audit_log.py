"""Use cases on the audit log itself: verifying the chain and reading it page by page."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, insert, select

from lifecycle import audit, audit_anchor
from lifecycle.audit_csv import audit_csv
from lifecycle.audit_words import describe
from lifecycle.clock import LONDON
from lifecycle.db.tables import audit_records, audit_verifications
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput
from lifecycle.services.common import bounded_date

MAX_PAGE = 500
FILTERS = ("board_id", "plan_id", "actor", "event", "from", "to")


def verify_audit_log(uow: UnitOfWork, anchor: str | None = None,
                     key: bytes | None = None, *, workers: int = 1) -> dict:
    """Whether the hash chain is intact and, if not, the first bad record and why.

    ``workers`` > 1: a long chain on PostgreSQL is walked by that many processes at once
    (``audit.verify_in_parallel``), for a command line rather than a web worker.

    With a saved ``anchor`` (and the ``key`` that signed it), also whether the log still
    holds the anchored head: removed newest records, a truncation or a rewrite break it.
    """
    anchored = audit_anchor.read(anchor, key) if anchor is not None else None
    with uow:
        connection = uow.session.connection()
        report = audit.verify_in_parallel(connection, workers)
        if anchored is not None:
            report = audit_anchor.compare(report, anchored,
                                          audit.hash_of(connection, anchored.last_id))
        return asdict(report)


def anchor_audit_log(uow: UnitOfWork, key: bytes) -> dict:
    """The chain's head now (record count, last id and hash), signed with ``key``: save it
    outside the database and check the log against it with ``verify_audit_log``."""
    with uow:
        return audit_anchor.sign(audit.head(uow.session.connection()), uow.clock.now(), key)


def check_audit_chain(uow: UnitOfWork, actor: str) -> dict:
    """Verify the whole chain now and keep the outcome, which the audit page then shows."""
    with uow:
        report = audit.verify(uow.session.connection())
        uow.session.execute(insert(audit_verifications).values(
            at=uow.clock.now(), actor=actor, **asdict(report)))
        uow.commit()
        return asdict(report)


def last_chain_check(uow: UnitOfWork) -> dict | None:
    """The latest check of the chain (when, by whom, what it found) and how many records
    were added after it; ``None`` if nobody has checked yet."""
    with uow:
        t = audit_verifications
        latest = uow.session.execute(select(t).order_by(t.c.id.desc()).limit(1)).mappings().first()
        if latest is None:
            return None
        newest = uow.session.execute(select(func.max(audit_records.c.id))).scalar() or 0
        at = latest["at"] if latest["at"].tzinfo else latest["at"].replace(tzinfo=timezone.utc)
        return dict(latest) | {"at": at, "added_since": max(newest - latest["records"], 0)}


def audit_record_view(record) -> dict:
    """One audit record (a row or an ``AuditRecord``) as plain values, its instant in UTC;
    ``what`` and ``reason`` say it in plain words for people."""
    at = record.at if record.at.tzinfo else record.at.replace(tzinfo=timezone.utc)
    payload = record.payload or {}
    return {"id": record.id, "at": at.astimezone(timezone.utc), "actor": record.actor,
            "board_id": record.board_id, "plan_id": record.plan_id, "event": record.event,
            "from_state": record.from_state, "to_state": record.to_state,
            "payload": record.payload, "prev_hash": record.prev_hash, "hash": record.hash,
            "what": describe(record.event, payload), "reason": payload.get("reason")}


def _start_of(day: date) -> datetime:
    """The first instant of a day in England, as UTC."""
    return datetime.combine(day, time(0), LONDON).astimezone(timezone.utc)


def _filtered(query, filters: dict):
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise InvalidInput("unknown filters", {k: ["Unknown field."] for k in unknown})
    t = audit_records
    for column in ("board_id", "plan_id", "actor", "event"):
        if filters.get(column) is not None:
            query = query.where(t.c[column] == filters[column])
    if filters.get("from") is not None:
        query = query.where(t.c.at >= _start_of(filters["from"]))
    if filters.get("to") is not None:
        query = query.where(t.c.at < _start_of(filters["to"] + timedelta(days=1)))
    return query


def list_audit(uow: UnitOfWork, filters: dict | None = None, cursor: int | None = None,
               limit: int = 100) -> dict:
    """One page of audit records, oldest first, after ``cursor`` (keyset pagination).

    ``from`` and ``to`` are dates in England, both inclusive. The result's
    ``next_cursor`` is the cursor for the following page, ``None`` on the last.
    """
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"limit must be 1-{MAX_PAGE}", {"limit": [f"Must be 1-{MAX_PAGE}."]})
    filters = filters or {}
    for name in ("from", "to"):
        bounded_date(filters.get(name), name)
    if filters.get("from") and filters.get("to") and filters["from"] > filters["to"]:
        raise InvalidInput("from is after to", {"from": ["Must not be after to."]})
    with uow:
        rows = _page_rows(uow.session, filters, cursor, limit + 1)
        page = rows[:limit]
        more = len(rows) > limit
        return {"records": [audit_record_view(r) for r in page],
                "next_cursor": page[-1].id if more else None}


def _page_rows(session, filters: dict, cursor: int | None, limit: int) -> list:
    """The first ``limit`` records the filters select after ``cursor``, as plain rows (a page
    is read, never changed).

    A board, plan, actor or event has an (column, id) index that yields the page in order.
    A date range alone is read one of two ways, whichever reads fewer records: from the
    cursor in id order until the range begins, or every id in the range (by the (at, id)
    index) and the first of them.
    """
    t = audit_records
    query = _filtered(select(t), filters)
    if cursor is not None:
        query = query.where(t.c.id > cursor)
    if not any(filters.get(k) is not None for k in ("board_id", "plan_id", "actor", "event")) \
            and _range_is_narrow(session, filters, cursor or 0, limit):
        # Ordered by "id + 0", not id, so the planner reads the ids in the range from the
        # (at, id) index instead of walking the id index (its estimate takes the range's
        # records as spread over the whole log, not together).
        first = query.with_only_columns(t.c.id).order_by(t.c.id + 0).limit(limit)
        query = select(t).where(t.c.id.in_(first))
    return list(session.execute(query.order_by(t.c.id).limit(limit)))


def _range_is_narrow(session, filters: dict, cursor: int, limit: int) -> bool:
    """Whether reading every id in the date range costs less than walking ids from
    ``cursor`` until ``limit`` of them fall in the range (or the log ends).

    Records are appended in time order, so the ids of the range's first and last record in
    time estimate both; either way the page is the same.
    """
    if filters.get("from") is None and filters.get("to") is None:
        return False
    t = audit_records
    in_time = _filtered(select(t.c.id), filters)
    first = session.execute(in_time.order_by(t.c.at, t.c.id).limit(1)).scalar()
    if first is None:
        return True
    last = session.execute(in_time.order_by(t.c.at.desc(), t.c.id.desc()).limit(1)).scalar()
    if last - max(first, cursor) >= limit:
        walk = max(first - cursor, 0) + limit
    else:
        walk = (session.execute(select(func.max(t.c.id))).scalar() or 0) - cursor
    return abs(last - first) < walk


def export_audit_csv(uow: UnitOfWork, filters: dict | None = None,
                     bom: bool = False) -> Iterator[str]:
    """Every record the filters select, oldest first, as CSV text in chunks (a page of
    records each, read by keyset), so a long log streams without being held in memory."""
    page = list_audit(uow, filters, None, MAX_PAGE)
    yield audit_csv(page["records"], bom=bom)
    while page["next_cursor"] is not None:
        page = list_audit(uow, filters, page["next_cursor"], MAX_PAGE)
        yield audit_csv(page["records"], header=False)


def audit_page(uow: UnitOfWork, filters: dict | None = None, cursor: int | None = None,
               limit: int = 50) -> dict:
    """What the audit page shows: one page of records (``list_audit``) and the latest check
    of the hash chain (``last_chain_check``); walking a long chain is an explicit action."""
    return list_audit(uow, filters, cursor, limit) | {"chain": last_chain_check(uow)}
