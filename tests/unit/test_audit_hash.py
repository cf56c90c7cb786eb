"""The audit hash covers the same text it always has: ``canonical`` writes, key by key, what
``json.dumps(content, sort_keys=True, separators=(",", ":"))`` writes for the record."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from lifecycle.audit import _content

names = st.text(max_size=30)
ids = st.none() | st.integers(min_value=1, max_value=2**31 - 1)
payloads = st.dictionaries(names, st.none() | st.booleans() | st.integers() | names
                           | st.lists(names, max_size=3), max_size=4)
instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                        timezones=st.sampled_from([None, timezone.utc,
                                                   timezone(timedelta(hours=1))]))


def documented(record_id, at, actor, board_id, plan_id, event, from_state, to_state, payload,
               prev) -> str:
    at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
    return json.dumps({
        "id": record_id, "at": at.astimezone(timezone.utc).isoformat(timespec="microseconds"),
        "actor": actor, "board_id": board_id, "plan_id": plan_id, "event": event,
        "from": from_state, "to": to_state, "payload": payload, "prev": prev,
    }, sort_keys=True, separators=(",", ":"))


@given(st.tuples(st.integers(min_value=1, max_value=2**31 - 1), instants, names, ids, ids,
                 names, st.none() | names, st.none() | names, payloads, names))
def test_the_hashed_text_is_the_sorted_compact_json_of_the_record(record):
    assert _content(*record) == documented(*record)
