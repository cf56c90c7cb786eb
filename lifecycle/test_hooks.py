"""Test only: hold a lifecycle event's transaction open just before it commits.

``CYPP_TEST_PAUSE_BEFORE_COMMIT=<path>`` is read here and nowhere else. When it is set
and ``<path>`` does not exist yet, ``fire_event`` writes its change (state, version,
audit record: flushed, not committed), creates ``<path>`` holding the process id and
sleeps (``CYPP_TEST_PAUSE_SECONDS``, default 60) so that a test can SIGKILL the worker
between the state change and the commit (tests/proofs/test_kill_before_commit.py). The
file existing disarms it, so the restarted worker commits normally. Unset, as it always
is outside the tests, it does nothing. Never set it in production.
"""
from __future__ import annotations

import os
import time

PAUSE_BEFORE_COMMIT = "CYPP_TEST_PAUSE_BEFORE_COMMIT"


def pause_before_commit(uow) -> None:
    """If armed: flush, leave the marker with our pid, and sleep before the caller commits."""
    path = os.environ.get(PAUSE_BEFORE_COMMIT)
    if not path:
        return
    uow.flush()
    try:
        marker = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.write(marker, str(os.getpid()).encode())
    os.close(marker)
    time.sleep(float(os.environ.get("CYPP_TEST_PAUSE_SECONDS") or 60))
