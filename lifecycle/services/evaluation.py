"""The daily evaluation: bring each board's persisted obligation states up to date and raise
the reminders that have come due (the scheduler's job calls these, one unit of work each).

Obligations are computed by ``lifecycle.obligations`` and stored in
``obligation_states`` keyed by (board, obligation key); the ladder arithmetic is
``lifecycle.rules.reminders``. A board is evaluated when it has never been, when
its audit trail moved on since the last run, or when its ``wake_on`` day comes
(the next day on which time alone changes something for it).

Every board evaluated has its obligations computed afresh; its stored states are read
only when they are needed: when the obligations' ``fingerprint`` differs from the one
stored with them (``obligation_digests``), or for the ids and last rungs of the
obligations whose reminders have begun.
"""
from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import attrgetter

from sqlalchemy import Row, bindparam, func, or_, select, update

from lifecycle.db.schedule_tables import (
    board_evaluations,
    obligation_digests,
    obligation_states,
    scheduler_marks,
)
from lifecycle.db.tables import audit_records, boards
from lifecycle.db.uow import UnitOfWork
from lifecycle.obligations import MET, NOT_REQUIRED, OVERDUE, PENDING, Obligation, obligations_as_of
from lifecycle.rules.reminders import first_rung_on, next_rung_on, rungs_due
from lifecycle.services.incidents import resolve_incidents
from lifecycle.services.reminders import cancel_reminders, raise_reminder, record_skipped
from lifecycle.services.schedule_facts import (
    BoardSnapshot,
    among,
    boards_awaiting_automatic_events,
    future_fact_dates,
    load_snapshots,
)
from lifecycle.services.upsert import insert_ignoring_duplicates, insert_or_update

AUDIT_MARK = "audit"
GONE = "no longer an obligation of the board (its plan was withdrawn or the chain changed)"
STATE_FIELDS = ("kind", "plan_id", "due_on", "status", "met_on", "met_by", "late", "citation",
                "reason")
STATUS = STATE_FIELDS.index("status")
state_of = attrgetter(*STATE_FIELDS)  # an obligation's STATE_FIELDS, as a tuple
# A stored obligation is read as a Row of these columns; row[STORED_STATE] is its STATE_FIELDS.
STORED_COLUMNS = ("board_id", "key", "id", "last_rung_on", *STATE_FIELDS)
STORED_STATE = slice(4, None)
LAST_RUNG_ON = STORED_COLUMNS.index("last_rung_on")
ONE_DAY = timedelta(days=1)


@dataclass
class Evaluation:
    """What one evaluation changed: the timeline of a day."""

    boards: int = 0
    changes: list[dict] = field(default_factory=list)
    reminders: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)

    def merge(self, other: Evaluation) -> None:
        self.boards += other.boards
        self.changes += other.changes
        self.reminders += other.reminders
        self.skipped += other.skipped
        self.events += other.events
        self.failures += other.failures


def boards_due_for_evaluation(uow: UnitOfWork, board_ids: set[int] | None = None
                              ) -> tuple[list[int], int]:
    """The boards to evaluate today and the audit mark to store once they are done."""
    with uow:
        session, today = uow.session, uow.clock.today()
        mark = session.scalar(select(scheduler_marks.c.value).where(
            scheduler_marks.c.name == AUDIT_MARK)) or 0
        head = session.scalar(select(func.max(audit_records.c.id))) or 0
        changed = set(session.scalars(select(audit_records.c.board_id).distinct().where(
            audit_records.c.id > mark, audit_records.c.board_id.is_not(None))))
        query = select(boards.c.id).outerjoin(
            board_evaluations, board_evaluations.c.board_id == boards.c.id).where(or_(
                board_evaluations.c.board_id.is_(None), board_evaluations.c.wake_on <= today,
                board_evaluations.c.evaluated_on > today))
        due = changed | set(session.scalars(query))
        due |= set(boards_awaiting_automatic_events(session, today))
        if board_ids is not None:
            due &= board_ids
        return sorted(due), head


def automatic_event_boards(uow: UnitOfWork) -> list[int]:
    """Boards with a plan that ``run_automatic_events`` would expire or supersede today."""
    with uow:
        return boards_awaiting_automatic_events(uow.session, uow.clock.today())


def store_audit_mark(uow: UnitOfWork, head: int) -> None:
    """Remember how far the audit trail has been taken into account."""
    with uow:
        found = uow.session.execute(update(scheduler_marks).where(
            scheduler_marks.c.name == AUDIT_MARK).values(value=head)).rowcount
        if not found:
            insert_ignoring_duplicates(uow.session, scheduler_marks,
                                       [{"name": AUDIT_MARK, "value": head}])
        uow.commit()


def evaluate_boards(uow: UnitOfWork, board_ids: list[int], *, email: bool) -> Evaluation:
    """Bring the boards' obligation states up to date and raise today's reminders.

    ``email`` says whether email is configured; without it reminders go in-app and by webhook.
    """
    with uow:
        today = uow.clock.today()
        snapshots = load_snapshots(uow.session, board_ids)
        result = Evaluation(boards=len(snapshots))
        computed = _computed(snapshots, today, result)
        ladders = {board_id: _on_the_ladder(snapshots[board_id], obligations, today)
                   for board_id, obligations in computed.items()}
        digests = {board_id: fingerprint(obligations) for board_id, obligations in computed.items()}
        stale = _stale(uow, digests)
        rows = _stored_states(uow, stale | {b for b, (begun, _) in ladders.items() if begun})
        rows |= _sync_states(uow, {b: computed[b] for b in stale}, rows, result)
        insert_or_update(uow.session, obligation_digests, [
            {"board_id": b, "digest": digests[b]} for b in sorted(stale)], key=("board_id",))
        wakes = [{"board_id": board_id, "evaluated_on": today,
                  "wake_on": _remind(uow, snapshots[board_id], ladders[board_id],
                                     rows.get(board_id, {}), result, email=email)}
                 for board_id in computed]
        _store_wakes(uow, wakes)
        resolve_incidents(uow, list(computed))
        uow.commit()
        return result


def fingerprint(obligations: list[Obligation]) -> str:
    """A digest of the obligations' keys and stored fields (``STATE_FIELDS``), in order:
    equal digests, equal states. Dates go in as day numbers, so ``marshal`` (whose format 2
    writes every value out, whatever objects it shares) can encode them quickly."""
    states = [(o.key, o.kind, o.plan_id, o.due_on.toordinal(), o.status,
               o.met_on and o.met_on.toordinal(), o.met_by, o.late, o.citation, o.reason)
              for o in obligations]
    return hashlib.blake2b(marshal.dumps(states, 2), digest_size=16).hexdigest()


def _stale(uow: UnitOfWork, digests: dict[int, str]) -> set[int]:
    """The boards whose obligations are not those their stored states were last brought in
    line with (or that have none stored): only these need comparing with the stored rows.

    Bringing states in line with the same obligations twice changes nothing (each row is
    set to its obligation, the vanished ones to not required), and only this module writes
    them, so an equal fingerprint means there is nothing to write."""
    query = select(obligation_digests.c.board_id, obligation_digests.c.digest).where(
        among(obligation_digests.c.board_id, digests))
    synced = dict(uow.session.execute(query).all())
    return {board_id for board_id, digest in digests.items() if synced.get(board_id) != digest}


def _computed(snapshots: dict[int, BoardSnapshot], today: date, result: Evaluation) -> dict:
    """Each board's obligations today; a board whose stored facts make the computation
    raise is left out and reported in ``result.failures``, the others go on."""
    computed = {}
    for board_id, snapshot in snapshots.items():
        try:
            computed[board_id] = obligations_as_of(snapshot.facts, today)
        except Exception as error:  # noqa: BLE001 - any fault of one board's data
            result.failures.append(failure(board_id, error))
    return computed


def failure(board_id: int, error: Exception) -> dict:
    """What is recorded of a board whose evaluation raised."""
    return {"board_id": board_id, "error": f"{type(error).__name__}: {error}"}


def _stored_states(uow: UnitOfWork, board_ids) -> dict[int, dict[str, Row]]:
    """The stored obligation rows of the boards (STORED_COLUMNS), by board and key."""
    stored: dict[int, dict[str, Row]] = {}
    if not board_ids:
        return stored
    columns = [obligation_states.c[name] for name in STORED_COLUMNS]
    query = select(*columns).where(among(obligation_states.c.board_id, board_ids))
    for row in uow.session.execute(query).all():
        board_id, key = row[0], row[1]  # by position: a Row's attributes are slow to read
        stored.setdefault(board_id, {})[key] = row
    return stored


def _on_the_ladder(snapshot: BoardSnapshot, obligations: list[Obligation],
                   today: date) -> tuple[list[Obligation], list[date | None]]:
    """The board's open obligations whose reminders have begun (their first rung has come),
    and the days ahead on which time alone changes something for the others or its facts."""
    wake = future_fact_dates(snapshot.facts, today)
    begun = []
    for obligation in obligations:
        if obligation.status not in (PENDING, OVERDUE):
            continue
        if obligation.status == PENDING:
            wake.append(obligation.due_on + ONE_DAY)
        first = first_rung_on(snapshot.ladder, obligation.due_on)
        if first is None or first > today:  # most open obligations, most days: not yet
            wake.append(first)
        else:
            begun.append(obligation)
    return begun, wake


def _remind(uow: UnitOfWork, snapshot: BoardSnapshot, ladder, rows: dict[str, Row],
            result: Evaluation, *, email: bool) -> date | None:
    """Raise the board's reminders that are due (``ladder``: what ``_on_the_ladder`` found);
    the next day it needs evaluating."""
    today = uow.clock.today()
    begun, wake = ladder
    for obligation in begun:
        row = rows[obligation.key]
        due = rungs_due(snapshot.ladder, obligation.due_on, today, row[LAST_RUNG_ON])
        if due.latest is not None:
            _raise(uow, snapshot, obligation, row, due, result, email=email)
        wake.append(next_rung_on(snapshot.ladder, obligation.due_on, today))
    return min((d for d in wake if d is not None), default=None)


def _raise(uow, snapshot, obligation, row: Row, due, result: Evaluation, *,
           email: bool) -> None:
    skipped = record_skipped(uow, row.id, snapshot.board_id, due)
    result.skipped += [{"board_id": snapshot.board_id, "key": obligation.key, "rung": r.name,
                        "fire_on": r.fire_on} for r in skipped]
    raised = raise_reminder(uow, snapshot, obligation, row.id, due.latest, email=email)
    if raised is not None:
        result.reminders.append(raised)
    uow.session.execute(update(obligation_states).where(obligation_states.c.id == row.id)
                        .values(last_rung_on=due.latest.fire_on))


def _sync_states(uow: UnitOfWork, computed: dict[int, list], stored: dict[int, dict[str, Row]],
                 result: Evaluation) -> dict[int, dict[str, Row]]:
    """Insert new obligations, update changed ones, retire vanished ones; the rows by board
    and key (what the reminders read of them, ids and last rungs, is up to date)."""
    today = uow.clock.today()
    fresh, changed = [], []
    for board_id, obligations in computed.items():
        known = stored.get(board_id, {})
        for o in obligations:
            values = state_of(o)
            row = known.get(o.key)
            if row is None:
                fresh.append(dict(zip(STATE_FIELDS, values), board_id=board_id, key=o.key,
                                  changed_on=today))
                result.changes.append(_change(board_id, o, None))
            elif row[STORED_STATE] != values:
                changed.append((row, values))
                if row.status != o.status:
                    result.changes.append(_change(board_id, o, row.status))
        changed += _vanished(known, {o.key for o in obligations})
    insert_ignoring_duplicates(uow.session, obligation_states, fresh)
    _apply_changes(uow, changed, today)
    return _stored_states(uow, computed) if fresh else stored


def _change(board_id: int, o, before: str | None) -> dict:
    """A status change for the day's timeline (``before`` is None for a new obligation)."""
    return {"board_id": board_id, "key": o.key, "kind": o.kind, "plan_id": o.plan_id,
            "due_on": o.due_on, "late": o.late, "from": before, "to": o.status}


def _vanished(known: dict[str, Row], keys: set[str]) -> list[tuple[Row, tuple]]:
    gone = []
    for key, row in known.items():
        if key not in keys and row.status != NOT_REQUIRED:
            values = dict(zip(STATE_FIELDS, row[STORED_STATE])) | {"status": NOT_REQUIRED,
                                                                   "reason": GONE}
            gone.append((row, tuple(values.values())))
    return gone


def _apply_changes(uow: UnitOfWork, changed: list[tuple[Row, tuple]],
                   today: date) -> None:
    if not changed:
        return
    statement = update(obligation_states).where(obligation_states.c.id == bindparam("row_id"))
    uow.session.connection().execute(statement.values(
        {name: bindparam(f"new_{name}") for name in (*STATE_FIELDS, "changed_on")}),
        [{"row_id": row.id, "new_changed_on": today}
         | {f"new_{name}": v for name, v in zip(STATE_FIELDS, values)}
         for row, values in changed])
    for row, values in changed:
        status = values[STATUS]
        if status in (MET, NOT_REQUIRED) and row.status not in (MET, NOT_REQUIRED):
            cancel_reminders(uow, row.id, f"obligation {status} on {today}")


def _store_wakes(uow: UnitOfWork, wakes: list[dict]) -> None:
    insert_or_update(uow.session, board_evaluations, wakes, key=("board_id",))


def wake_board(uow: UnitOfWork, board_id: int) -> None:
    """Ask for the board to be evaluated at the next run (its settings changed)."""
    uow.session.execute(update(board_evaluations).where(board_evaluations.c.board_id == board_id)
                        .values(wake_on=uow.clock.today()))
