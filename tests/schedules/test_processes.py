"""Real scheduler processes sharing one database: every reminder exactly once, and a crash
between sending and recording costs at most one duplicate the receiver can drop."""
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from lifecycle.db import schedule_tables as st
from schedules.jobs import dispatch, evaluate
from tests.schedules.support import add_user, day, postgres_only, rows, settings_for
from tests.support import builders

ROOT = Path(__file__).resolve().parents[2]


def start_process(url: str, port: int, *flags: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.schedules.scheduler_process", url, str(port), *flags],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def coordinated_board(committing_uow, runtime, n: int) -> int:
    board_id = builders.board(committing_uow, name=f"Board {n}")["id"]
    for who in ("cora", "colin"):
        add_user(runtime, f"{who}{n}", board_id, mail=f"{who}@board{n}.example")
    return board_id


@postgres_only
def test_three_scheduler_processes_over_a_year_deliver_every_reminder_exactly_once(
        committing_uow, committing_runtime, database_url_for_tests, smtp_server):
    for n in range(3):
        coordinated_board(committing_uow, committing_runtime, n)
    processes = [start_process(database_url_for_tests, smtp_server.port) for _ in range(3)]
    try:
        on = date(2010, 6, 1)
        while on <= date(2011, 5, 31):
            for process in processes:
                process.stdin.write(f"{on}\n")
                process.stdin.flush()
            assert [p.stdout.readline().strip() for p in processes] == ["done"] * 3
            on += timedelta(days=1)
    finally:
        for process in processes:
            process.stdin.close()
            process.wait(timeout=30)
    dispatch(committing_runtime, settings_for(smtp_server))
    # first plan due 1 April 2011, never published: 5 rungs before, the day, 9 weekly notices
    messages = smtp_server.mailbox.messages
    assert len(messages) == 3 * 15 * 2
    assert len({(to, m["Message-ID"]) for to, m in messages}) == len(messages)
    assert {d["status"] for d in rows(committing_runtime, st.deliveries)} == {"delivered"}
    assert len(rows(committing_runtime, st.delivery_attempts)) == len(messages)


def test_a_process_killed_after_sending_causes_at_most_one_duplicate_the_receiver_can_drop(
        committing_uow, committing_runtime, database_url_for_tests, smtp_server):
    coordinated_board(committing_uow, committing_runtime, 1)
    settings = settings_for(smtp_server)
    day(committing_runtime.clock, date(2011, 1, 1))
    evaluate(committing_runtime, settings)
    killed = start_process(database_url_for_tests, smtp_server.port, "--kill-after-send")
    killed.communicate("2011-01-01\n", timeout=60)
    assert killed.returncode == -9
    assert len(smtp_server.mailbox.messages) == 1
    day(committing_runtime.clock, date(2011, 1, 1), hour=8)
    dispatch(committing_runtime, settings)
    messages = smtp_server.mailbox.messages
    assert len(messages) == 3
    keys = [m["Idempotency-Key"] for _, m in messages]
    assert len(keys) - len(set(keys)) == 1
    assert len({m["Message-ID"] for _, m in messages}) == 2
    assert {d["status"] for d in rows(committing_runtime, st.deliveries)} == {"delivered"}
