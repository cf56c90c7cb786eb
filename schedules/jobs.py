"""The scheduler's two jobs, plain top-level functions taking the runtime (and so its clock).

``evaluate`` (job id ``cypp-daily-evaluation``): for every board that needs it,
fire the automatic events, bring the persisted obligation states up to date and
raise the reminders that have come due. ``dispatch`` (job id ``cypp-dispatch``):
deliver the pending deliveries, recording every attempt. Each step opens its
own unit of work; the database, not the scheduler, remembers what was done. Each
finished run leaves a heartbeat (``scheduler_heartbeats``) that ``/readyz`` reads.
"""
from __future__ import annotations

import gc
import logging
import os
import socket
import uuid
from contextlib import contextmanager

from lifecycle import services
from lifecycle.bootstrap import Runtime
from lifecycle.db.uow import StoreUnavailable
from lifecycle.services.deliveries import claim_deliveries, record_attempt
from lifecycle.services.evaluation import (
    Evaluation,
    automatic_event_boards,
    boards_due_for_evaluation,
    evaluate_boards,
    failure,
    store_audit_mark,
)
from lifecycle.services.incidents import record_evaluation_failure
from lifecycle.services.operations import DISPATCH, EVALUATION, record_heartbeat
from schedules.config import SchedulerSettings, settings_from_env
from schedules.leader import leading
from schedules.notifiers import DeliveryFailed, send

EVALUATION_JOB = "cypp-daily-evaluation"
DISPATCH_JOB = "cypp-dispatch"
CHUNK = 1000
MAX_BATCHES = 200
log = logging.getLogger("cypp.scheduler")


def worker_name() -> str:
    """This process, as named in claims, leases and attempts."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def run_evaluation(runtime: Runtime, settings: SchedulerSettings,
                   board_ids: set[int] | None = None) -> Evaluation:
    """Evaluate every board that needs it today (or only ``board_ids``); what changed.

    Each board is evaluated in isolation: one whose evaluation raises becomes an incident
    and every other board is still evaluated and reminded."""
    result = Evaluation()
    for board_id in automatic_event_boards(runtime.uow()):
        if board_ids is None or board_id in board_ids:
            result.events += _isolated(result, board_id, lambda b=board_id: (
                services.run_automatic_events(runtime.uow(), b))) or []
    due, head = boards_due_for_evaluation(runtime.uow(), board_ids)
    for start in range(0, len(due), CHUNK):
        result.merge(_evaluate_chunk(runtime, due[start:start + CHUNK], settings.smtp.enabled))
    for failed in result.failures:
        record_evaluation_failure(runtime.uow(), failed["board_id"], failed["error"])
        log.error("incident: evaluation of board %s failed: %s", failed["board_id"],
                  failed["error"])
    if board_ids is None:
        store_audit_mark(runtime.uow(), head)
    return result


def _evaluate_chunk(runtime: Runtime, chunk: list[int], email: bool) -> Evaluation:
    """A chunk in one unit of work; if that raises, its boards one by one, so only the
    faulty board is left out (the fast path stays one transaction per chunk)."""
    try:
        return evaluate_boards(runtime.uow(), chunk, email=email)
    except StoreUnavailable:
        raise
    except Exception:  # noqa: BLE001 - a board's data broke the chunk: find which
        result = Evaluation()
        for board_id in chunk:
            done = _isolated(result, board_id, lambda b=board_id: evaluate_boards(
                runtime.uow(), [b], email=email))
            if done is not None:
                result.merge(done)
        return result


def _isolated(result: Evaluation, board_id: int, work):
    """Run one board's work; on failure record it in ``result`` and return None."""
    try:
        return work()
    except StoreUnavailable:
        raise
    except Exception as error:  # noqa: BLE001 - one board's fault must not stop the others
        result.failures.append(failure(board_id, error))
        return None


def evaluate(runtime: Runtime, settings: SchedulerSettings | None = None,
             worker: str | None = None) -> Evaluation | None:
    """The daily evaluation job; None when another scheduler process leads it."""
    settings = settings or settings_from_env()
    worker = worker or worker_name()
    with leading(runtime, EVALUATION_JOB, worker) as leader:
        if not leader:
            return None
        with _startup_objects_set_aside():
            result = run_evaluation(runtime, settings)
    record_heartbeat(runtime.uow(), EVALUATION, worker)
    log.info("evaluated %d boards on %s: %d events, %d status changes, %d reminders, "
             "%d rungs skipped, %d boards failed", result.boards, runtime.clock.today(),
             len(result.events), len(result.changes), len(result.reminders),
             len(result.skipped), len(result.failures))
    return result


@contextmanager
def _startup_objects_set_aside():
    """Let the garbage collector skip the objects that were alive before the run.

    The collector keeps running: every object the run creates is collected as usual. But
    each full collection would also walk the process's ~100,000 long-lived objects
    (modules, mappings, compiled SQL), and a run at 10,000 boards sets off dozens of
    them; ``gc.freeze`` sets those aside for the run, ``gc.unfreeze`` hands them back
    (unless the process had frozen objects of its own, as a pre-forking server may).
    """
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def deliver(runtime: Runtime, settings: SchedulerSettings, worker: str, delivery: dict) -> dict:
    """Send one claimed delivery and record the attempt; the delivery's new status."""
    try:
        send(settings, delivery, runtime.clock.now())
    except DeliveryFailed as failure:
        outcome = record_attempt(runtime.uow(), worker, delivery["id"], ok=False,
                                 error=str(failure))
        if outcome["status"] == "failed":
            log.error("incident: delivery %s (%s to %s) failed %d times: %s", delivery["id"],
                      outcome["channel"], outcome["recipient"], outcome["attempts"], failure)
        else:
            log.warning("delivery %s failed (attempt %d), will retry: %s", delivery["id"],
                        outcome["attempts"], failure)
        return outcome
    return record_attempt(runtime.uow(), worker, delivery["id"], ok=True)


def dispatch(runtime: Runtime, settings: SchedulerSettings | None = None,
             worker: str | None = None, batch: int = 50) -> list[dict]:
    """The dispatch job: claim due deliveries batch by batch and deliver each; the outcomes."""
    settings = settings or settings_from_env()
    worker = worker or worker_name()
    outcomes = []
    for _ in range(MAX_BATCHES):
        claimed = claim_deliveries(runtime.uow(), worker, limit=batch)
        if not claimed:
            break
        outcomes += [deliver(runtime, settings, worker, d) for d in claimed]
    record_heartbeat(runtime.uow(), DISPATCH, worker)
    return outcomes
