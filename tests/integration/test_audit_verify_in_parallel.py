"""`cypp audit verify` walks a long chain in several processes at once (PostgreSQL): each
walks a range of ids from the stored hash before it, and the report is the one a single
walk gives, whichever range the damage is in or at the edge of."""
import pytest
from sqlalchemy import create_engine, select, update

from lifecycle import audit
from lifecycle.db.tables import audit_records

# 30 records in three ranges of ten: 1-10, 11-20, 21-30.
EDIT = "UPDATE audit_records SET actor = 'mallory' WHERE id = {}"
DELETE = "DELETE FROM audit_records WHERE id = {}"


@pytest.fixture
def chain(cypp, add_records, monkeypatch):
    monkeypatch.setattr(audit, "PARALLEL_FROM", 1)  # the parent decides; its workers never ask
    add_records(30)


def _walked_once_and_in_parallel(url: str, workers: int = 3):
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return audit.verify(connection), audit.verify_in_parallel(connection, workers)
    finally:
        engine.dispose()


@pytest.mark.parametrize("damage, first_bad_id", [
    ([], None),
    ([EDIT.format(15)], 15),  # inside the middle range
    ([EDIT.format(11)], 11),  # a range's first record
    ([EDIT.format(10)], 10),  # a range's last record
    ([DELETE.format(11)], 12),  # a gap where a range begins: found at the record after it
    ([DELETE.format(20)], 21),  # a gap where a range ends: found in the next range's first
    ([DELETE.format(19), DELETE.format(20)], 21),
    ([EDIT.format(25), EDIT.format(5)], 5),  # the first break wins
    ([DELETE.format(1)], 2),
], ids=["intact", "edit-middle", "edit-range-start", "edit-range-end", "gap-range-start",
        "gap-range-end", "gap-two-at-range-end", "two-breaks", "gap-first"])
def test_walking_in_parallel_reports_what_one_walk_reports(chain, tamper, fresh_database_url,
                                                           damage, first_bad_id):
    tamper(*damage)
    once, in_parallel = _walked_once_and_in_parallel(fresh_database_url)
    assert in_parallel == once
    assert once.first_bad_id == first_bad_id
    assert once.intact is (first_bad_id is None)


def test_a_record_rewritten_with_a_matching_hash_at_a_range_end_breaks_the_next_link(
        chain, tamper, fresh_database_url):
    engine = create_engine(fresh_database_url)
    with engine.connect() as c:
        row = c.execute(select(audit_records).where(audit_records.c.id == 10)).one()._asdict()
    engine.dispose()
    rewritten = audit.chained_hash(row["id"], row["at"], "mallory", row["board_id"],
                                   row["plan_id"], row["event"], row["from_state"],
                                   row["to_state"], row["payload"], row["prev_hash"])
    tamper(update(audit_records).where(audit_records.c.id == 10)
           .values(actor="mallory", hash=rewritten))
    once, in_parallel = _walked_once_and_in_parallel(fresh_database_url)
    assert in_parallel == once
    assert (once.first_bad_id, once.problem) == (
        11, "does not follow the previous record (removed or reordered)")


def test_the_command_takes_a_number_of_workers_and_says_where_it_broke(cypp, chain, tamper):
    assert cypp("audit", "verify", "--workers", "3").stdout == "audit log intact: 30 records\n"
    tamper(EDIT.format(17))
    done = cypp("audit", "verify", "--workers", "3", check=False)
    assert done.returncode == 1
    assert done.stderr == ("error: audit log broken at record 17: content does not match its "
                           "hash (edited)\n")


def test_a_short_log_is_walked_in_one_go(cypp, add_records, fresh_database_url):
    add_records(5)  # fewer than PARALLEL_FROM: no process is started
    once, in_parallel = _walked_once_and_in_parallel(fresh_database_url, workers=4)
    assert in_parallel == once == audit.ChainReport(True, 5)


def test_workers_must_be_at_least_one(cypp):
    done = cypp("audit", "verify", "--workers", "0", check=False)
    assert done.returncode == 2 and "--workers" in done.stderr
