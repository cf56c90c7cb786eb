"""`cypp audit anchor` and `cypp audit verify --anchor`: a signed chain head kept outside the
database finds what the chain alone cannot - the newest records removed, a truncated log,
a log rewritten and re-hashed."""
import json

import pytest
from sqlalchemy import create_engine, select, update

from lifecycle.audit import chained_hash
from lifecycle.db.tables import audit_records

KEY = {"CYPP_AUDIT_KEY": "correct horse battery staple"}


@pytest.fixture
def anchored(cypp, tmp_path, add_records):
    """A dozen audit records with an anchor of their head saved in a file."""
    add_records(12)
    saved = tmp_path / "anchor.json"
    printed = cypp("audit", "anchor", "--output", str(saved), env=KEY).stdout
    return json.loads(printed), saved


def _verify(cypp, saved, env=KEY):
    return cypp("audit", "verify", "--anchor", str(saved), check=False, env=env)


def test_the_anchor_is_the_signed_head_printed_and_saved(cypp, anchored):
    anchor, saved = anchored
    assert json.loads(saved.read_text()) == anchor
    assert set(anchor) == {"records", "last_id", "last_hash", "anchored_at", "hmac"}
    assert anchor["records"] == anchor["last_id"] == 12
    done = _verify(cypp, saved)
    assert done.returncode == 0
    assert done.stdout == f"audit log intact: {anchor['records']} records, matching its anchor\n"


def test_records_added_after_the_anchor_still_match_it(cypp, anchored, add_records):
    anchor, saved = anchored
    add_records(1)
    done = _verify(cypp, saved)
    assert done.returncode == 0 and f"{anchor['records'] + 1} records" in done.stdout


def test_deleting_the_newest_record_is_found_only_with_the_anchor(cypp, anchored, tamper):
    anchor, saved = anchored
    tamper(f"DELETE FROM audit_records WHERE id = {anchor['last_id']}")
    assert cypp("audit", "verify").returncode == 0
    done = _verify(cypp, saved)
    assert done.returncode == 1
    assert done.stderr == (
        f"error: audit log broken at record {anchor['last_id']}: the log has "
        f"{anchor['records'] - 1} records but its anchor counted {anchor['records']}: the newest "
        "records were removed (deleted or truncated)\n")


def test_an_emptied_log_is_found_with_the_anchor(cypp, anchored, tamper, fresh_database_url):
    anchor, saved = anchored
    tamper("TRUNCATE audit_records" if fresh_database_url.startswith("postgresql")
           else "DELETE FROM audit_records")
    assert cypp("audit", "verify").stdout == "audit log intact: 0 records\n"
    done = _verify(cypp, saved)
    assert done.returncode == 1
    assert f"the log has 0 records but its anchor counted {anchor['records']}" in done.stderr


def test_a_rewritten_and_rehashed_log_is_found_with_the_anchor(cypp, anchored, tamper,
                                                               fresh_database_url):
    anchor, saved = anchored
    engine = create_engine(fresh_database_url)
    with engine.connect() as c:
        rows = [r._asdict() for r in c.execute(select(audit_records).order_by(audit_records.c.id))]
    engine.dispose()
    rows[2]["actor"] = "mallory"
    rewrites = []
    for before, row in zip([None, *rows], rows):
        row["prev_hash"] = before["hash"] if before else row["prev_hash"]
        row["hash"] = chained_hash(row["id"], row["at"], row["actor"], row["board_id"],
                                   row["plan_id"], row["event"], row["from_state"],
                                   row["to_state"], row["payload"], row["prev_hash"])
        rewrites.append(update(audit_records).where(audit_records.c.id == row["id"]).values(
            actor=row["actor"], prev_hash=row["prev_hash"], hash=row["hash"]))
    # the hash column is unique: clear the old hashes first
    tamper("UPDATE audit_records SET hash = 'x' || id", *rewrites)
    assert cypp("audit", "verify").returncode == 0
    done = _verify(cypp, saved)
    assert done.returncode == 1
    assert (f"record {anchor['last_id']} does not match its anchor: the log was rewritten"
            in done.stderr)


def test_an_edited_anchor_or_another_key_is_refused(cypp, anchored, tmp_path):
    anchor, saved = anchored
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(anchor | {"records": anchor["records"] - 1}))
    for path, env in ((edited, KEY), (saved, {"CYPP_AUDIT_KEY": "another key, just as long"})):
        done = _verify(cypp, path, env)
        assert done.returncode == 1
        assert done.stderr == ("error: the anchor's signature does not match: it was edited or "
                               "signed with another CYPP_AUDIT_KEY\n")


def test_without_a_key_anchoring_is_one_clear_error(cypp, tmp_path):
    (tmp_path / "anchor.json").write_text("{}")
    for args in (("audit", "anchor"), ("audit", "verify", "--anchor", "anchor.json")):
        done = cypp(*args, check=False, env={"CYPP_AUDIT_KEY": ""})
        assert done.returncode == 1
        assert done.stderr.startswith("error: CYPP_AUDIT_KEY is not set: ")
        assert done.stderr.count("\n") == 1
