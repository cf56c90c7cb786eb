"""The audit log as CSV, for a spreadsheet: one column per field that matters, event names in
one scheme, safe to open in Excel. The API's ``/audit?format=csv`` and the audit page's export
both write it here.

Event names: stored records keep the name they were written with (the hash chain covers
it): a plan's lifecycle events are the machine's bare event names (``open_consultation``,
``supersede``) and every other change is ``subject.verb`` (``consultee.added``). The CSV's
``event`` column puts every record in that dotted scheme, so a lifecycle event reads
``plan.open_consultation``; the JSON keeps the stored name.

Columns: ``id``, ``at`` (when it was recorded, UTC), ``on`` (the day it happened, in England:
the event's or fact's own date where it has one, else the day it was recorded), ``event``,
``actor``, ``board_id``, ``plan_id``, ``from`` and ``to`` (a plan's states), ``reason``,
``details`` (the rest of the record, as JSON) and ``hash``.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone

from lifecycle.clock import LONDON

COLUMNS = ("id", "at", "on", "event", "actor", "board_id", "plan_id", "from", "to", "reason",
           "details", "hash")
BOM = "\ufeff"  # lets Excel read the file as UTF-8
# The payload's own date of what happened, first found; a change without one happened the
# day it was recorded.
DATE_FIELDS = ("on", "approved_on", "done_on", "effective_from", "left_on", "joined_on",
               "responded_on", "invited_on", "chased_on")
# A cell a spreadsheet would run as a formula (CSV injection) is kept as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_event_name(event: str) -> str:
    """A stored event name in the CSV's ``subject.verb`` scheme."""
    return event if "." in event else f"plan.{event}"


def _day(record: dict) -> str:
    payload = record.get("payload") or {}
    found = next((payload[f] for f in DATE_FIELDS if payload.get(f)), None)
    if found is None:
        at = record["at"] if record["at"].tzinfo else record["at"].replace(tzinfo=timezone.utc)
        return at.astimezone(LONDON).date().isoformat()
    return found.isoformat() if isinstance(found, date) else str(found)


def _text(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _instant(value: datetime) -> str:
    at = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def csv_row(record: dict) -> list:
    """One audit record (``audit_record_view``) as the CSV's cells."""
    payload = dict(record.get("payload") or {})
    reason = payload.pop("reason", None)
    return [record["id"], _instant(record["at"]), _day(record), csv_event_name(record["event"]),
            _text(record["actor"]), record["board_id"] or "", record["plan_id"] or "",
            record["from_state"] or "", record["to_state"] or "", _text(reason),
            _text(json.dumps(payload, sort_keys=True, default=str)) if payload else "",
            record["hash"]]


def audit_csv(records: list[dict], *, bom: bool = False, header: bool = True) -> str:
    """The header (unless ``header`` is false) and one row per record; ``bom`` starts it with
    a UTF-8 byte order mark."""
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(COLUMNS)
    writer.writerows(csv_row(r) for r in records)
    return (BOM if bom else "") + out.getvalue()
