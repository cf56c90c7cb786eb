"""The append-only audit log: each record carries the SHA-256 of its content and its predecessor's hash."""
from __future__ import annotations

import hashlib
import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timezone
from json.encoder import c_make_encoder, encode_basestring_ascii

import psycopg
from sqlalchemy import Connection, Text, cast, create_engine, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from lifecycle.db.tables import audit_records
from lifecycle.model import AuditRecord

GENESIS = "0" * 64
_CHAIN_LOCK = 7_215_2010  # pg advisory lock key: one writer extends the chain at a time
_TAKE_CHAIN_LOCK = text("SELECT pg_advisory_xact_lock(:key)").bindparams(key=_CHAIN_LOCK)
_HEAD = select(audit_records.c.id, audit_records.c.hash).order_by(audit_records.c.id.desc()).limit(1)
# The payload is read as its stored text and parsed here: cheaper than the driver's JSON type.
_CHAINED = [*(audit_records.c[name] for name in (
    "id", "at", "actor", "board_id", "plan_id", "event", "from_state", "to_state")),
    cast(audit_records.c.payload, Text), audit_records.c.prev_hash, audit_records.c.hash]


def canonical(record: AuditRecord) -> str:
    """The content a record's hash covers, as stable JSON."""
    return _content(record.id, record.at, record.actor, record.board_id, record.plan_id,
                    record.event, record.from_state, record.to_state, record.payload,
                    record.prev_hash)


def _content(record_id: int, at: datetime, actor: str, board_id: int | None,
             plan_id: int | None, event: str, from_state: str | None, to_state: str | None,
             payload: dict, prev: str) -> str:
    """``canonical`` from plain values (a row, or a record about to be written).

    The text is exactly ``json.dumps(content, sort_keys=True, separators=(",", ":"))`` of
    ``{"id", "at", "actor", "board_id", "plan_id", "event", "from", "to", "payload",
    "prev"}`` (the hash's definition since the first record), written out key by key in
    sorted order because that is three times faster when a million records are verified.
    """
    at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
    return (f'{{"actor":{_string(actor)},'
            f'"at":"{at.astimezone(timezone.utc).isoformat(timespec="microseconds")}",'
            f'"board_id":{_number(board_id)},"event":{_string(event)},'
            f'"from":{_string(from_state)},"id":{_number(record_id)},'
            f'"payload":{_stable_json(payload)},"plan_id":{_number(plan_id)},'
            f'"prev":{_string(prev)},"to":{_string(to_state)}}}')


def _string(value: str | None) -> str:
    return "null" if value is None else encode_basestring_ascii(value)


def _number(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


def chained_hash(record_id: int, at: datetime, actor: str, board_id: int | None,
                 plan_id: int | None, event: str, from_state: str | None, to_state: str | None,
                 payload: dict, prev: str) -> str:
    """The hash of a record given as plain values (what a bulk load of the log computes)."""
    return _sha(_content(record_id, at, actor, board_id, plan_id, event, from_state, to_state,
                         payload, prev))


def _sha(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot audit a {type(value).__name__}")


def _json_writer():
    """Sorted, compact JSON (``json.dumps(value, sort_keys=True, separators=(",", ":"))``)
    with the C encoder made once: ``json.dumps`` with options makes a new one per call."""
    if c_make_encoder is None:
        return json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=_plain).encode
    write = c_make_encoder(None, _plain, encode_basestring_ascii, None, ":", ",", True, False,
                           True)
    return lambda value: "".join(write(value, 0))


_stable_json = _json_writer()


def digest(record: AuditRecord) -> str:
    return _sha(canonical(record))


def append(session: Session, *, at: datetime, actor: str, event: str, board_id: int | None = None,
           plan_id: int | None = None, from_state: str | None = None, to_state: str | None = None,
           payload: dict | None = None) -> AuditRecord:
    """Add one record at the head of the chain, in the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_TAKE_CHAIN_LOCK)
    head = session.execute(_HEAD).first()
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


def verify(connection: Connection, batch: int = 10_000, *, first_id: int = 1,
           last_id: int | None = None) -> ChainReport:
    """Walk the chain in id order; any edit, removal or reordering breaks a link.

    Reads plain rows as they stream in (``_chained_rows``), never ORM objects, so a million
    records go through in constant memory. Given ``first_id`` and ``last_id``, walks those
    records only, from the stored hash of the record before them, and looks at the next one
    (a gap at the segment's end is reported at the record after it, as one walk does): the
    segments of a chain walked apart (``verify_in_parallel``) find what one walk finds.
    """
    expected_prev = GENESIS if first_id == 1 else hash_of(connection, first_id - 1)
    expected_id = first_id
    for row in _chained_rows(connection, batch, first_id, last_id):
        if last_id is not None and expected_id > last_id:
            break  # the record after the segment, read only to judge a gap at its end
        record_id, at, actor, board_id, plan_id, event, from_state, to_state, payload, prev, \
            stored = row
        if record_id != expected_id or prev != expected_prev or stored != _sha(
                _content(record_id, at, actor, board_id, plan_id, event, from_state, to_state,
                         json.loads(payload), prev)):
            return ChainReport(False, expected_id - 1, record_id,
                               _link_problem(row, expected_id, expected_prev))
        expected_prev, expected_id = stored, expected_id + 1
    return ChainReport(True, expected_id - 1)


PARALLEL_FROM = 100_000  # records: below this, starting processes costs more than it saves


def verify_in_parallel(connection: Connection, workers: int) -> ChainReport:
    """``verify`` on PostgreSQL with the chain cut into ``workers`` id ranges, each walked by
    its own process on its own connection at the same time (hashing is the cost, a CPU's
    worth per process); the report of the first range that fails, as one walk gives.

    The ranges end at the head when the check starts; the log is append-only, so what each
    process reads of its range is what this transaction sees. Short logs, and SQLite, are
    walked here in one go."""
    last_id = connection.execute(select(func.max(audit_records.c.id))).scalar() or 0
    if workers < 2 or last_id < PARALLEL_FROM or connection.dialect.name != "postgresql":
        return verify(connection)
    size = -(-last_id // workers)
    ranges = [(first, min(first + size - 1, last_id)) for first in range(1, last_id + 1, size)]
    url = connection.engine.url.render_as_string(hide_password=False)
    with ProcessPoolExecutor(len(ranges), mp_context=multiprocessing.get_context("spawn")) as pool:
        for report in pool.map(_verify_range, [url] * len(ranges), ranges):
            if not report.intact:
                return report
    return ChainReport(True, last_id)


def _verify_range(url: str, bounds: tuple[int, int]) -> ChainReport:
    """One process's part of ``verify_in_parallel``: its records, on a connection of its own."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return verify(connection, first_id=bounds[0], last_id=bounds[1])
    finally:
        engine.dispose()


def _chained_rows(connection: Connection, batch: int, first_id: int = 1,
                  last_id: int | None = None):
    """The hashed fields of the records from ``first_id`` as tuples, in id order: all of them,
    or up to ``last_id`` and the one record after it.

    On PostgreSQL the driver streams the result (``cursor.stream``), so the server sends the
    next rows while these are hashed; stopped early, the rest is read to the end rather
    than the query cancelled, which would abort the caller's transaction. Elsewhere a
    server-side cursor (``yield_per``).
    """
    query = select(*_CHAINED).where(audit_records.c.id >= first_id).order_by(audit_records.c.id)
    if last_id is not None:
        query = query.limit(last_id - first_id + 2)
    if connection.dialect.name != "postgresql":
        for rows in connection.execute(query.execution_options(yield_per=batch)).partitions():
            yield from rows
        return
    chunked = psycopg.pq.version() >= 170000  # rows in chunks needs libpq 17; else one by one
    compiled = query.compile(dialect=connection.dialect)
    with connection.connection.driver_connection.cursor() as cursor:
        stream = cursor.stream(str(compiled), compiled.params, size=batch if chunked else 1)
        try:
            for row in stream:  # noqa: UP028 - "yield from" would close the stream: a cancel
                yield row
        finally:
            for _ in stream:
                pass


def _link_problem(row: tuple, expected_id: int, expected_prev: str) -> str:
    if row[0] != expected_id:
        return f"record {expected_id} is missing"
    if row[9] != expected_prev:
        return "does not follow the previous record (removed or reordered)"
    return "content does not match its hash (edited)"


@dataclass(frozen=True)
class Head:
    """The newest record of the chain: how many there are, its id and its hash."""

    records: int
    last_id: int
    last_hash: str


def head(connection: Connection) -> Head:
    """The chain's head as stored (an empty log: 0 records, id 0, the genesis hash)."""
    t = audit_records
    count, last_id = connection.execute(select(func.count(), func.max(t.c.id))).one()
    last_hash = connection.execute(select(t.c.hash).where(t.c.id == last_id)).scalar()
    return Head(count, last_id or 0, last_hash or GENESIS)


def hash_of(connection: Connection, record_id: int) -> str | None:
    """The stored hash of one record, ``None`` if there is no such record."""
    if record_id == 0:
        return GENESIS
    return connection.execute(select(audit_records.c.hash)
                              .where(audit_records.c.id == record_id)).scalar()
