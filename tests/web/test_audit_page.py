"""The audit page through Flask's test client: it shows the latest check of the hash chain
and walks the chain only when an auditor asks."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from cli.app import create_app
from lifecycle import audit
from lifecycle.services import access
from tests.support import builders
from tests.web.test_records import PASSWORD, signed_in


@pytest.fixture
def app(uow, clock):
    builders.board(uow)
    for name, role in (("audrey", "auditor"), ("cath", "coordinator")):
        access.create_user(uow(), "tester", name=name, role=role, password=PASSWORD)
    return create_app({"TESTING": True, "UOW_FACTORY": uow, "CLOCK": clock,
                       "RATELIMIT_ENABLED": False})


@pytest.fixture
def walks(monkeypatch):
    """How many times the whole chain was walked."""
    count = []
    original = audit.verify
    monkeypatch.setattr(audit, "verify", lambda *a, **k: count.append(1) or original(*a, **k))
    return count


def test_loading_the_page_does_not_walk_the_chain(app, walks):
    page = signed_in(app, "audrey").get("/audit")
    assert page.status_code == 200
    assert "The hash chain has not been checked yet." in page.text
    assert "Check the whole chain now" in page.text and walks == []


def test_checking_the_chain_shows_what_it_found_on_every_later_load(app, walks):
    client = signed_in(app, "audrey")
    answer = client.post("/audit/check", follow_redirects=True)
    assert "Chain intact:" in answer.text and walks == [1]
    again = client.get("/audit")
    assert "Intact:" in again.text and "by audrey" in again.text and walks == [1]


def test_only_auditors_may_check_the_chain(app, walks):
    assert signed_in(app, "cath").post("/audit/check").status_code == 403
    assert walks == []



def test_a_broken_chain_is_shown_with_the_record_and_who_checked(app, connection, is_postgres):
    if is_postgres:
        connection.execute(text("ALTER TABLE audit_records DISABLE TRIGGER "
                                "audit_records_append_only"))
    connection.execute(text("UPDATE audit_records SET actor = 'mallory' WHERE id = 1"))
    page = signed_in(app, "audrey").post("/audit/check", follow_redirects=True)
    assert "Chain broken at record 1: content does not match its hash (edited)" in page.text
    assert "by audrey" in page.text and "Chain intact" not in page.text
