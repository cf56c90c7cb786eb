"""People and their credentials through the services: passwords, sessions, deactivation,
named API tokens with their last use, calendar tokens, and an audit log without secrets."""
from __future__ import annotations

from datetime import timedelta

import pytest

from lifecycle.errors import InvalidInput, NotFound
from lifecycle.services import access, calendar_tokens, people
from lifecycle.services.audit_log import list_audit
from tests.support import builders

PASSWORD = "correct-horse-battery"


@pytest.fixture
def ada(uow) -> dict:
    return access.create_user(uow(), "tester", name="ada", role="admin", password=PASSWORD)


def test_a_password_is_stored_as_an_argon2_hash_and_signs_the_user_in(uow, ada):
    assert people.sign_in(uow(), "ada", PASSWORD)["name"] == "ada"
    assert people.sign_in(uow(), "ada", "wrong-password") is None
    assert people.sign_in(uow(), "nobody", PASSWORD) is None
    with uow() as unit:
        stored = unit.session.get(access.User, ada["id"]).password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_a_short_password_is_refused_naming_the_rule(uow):
    with pytest.raises(InvalidInput) as refused:
        access.create_user(uow(), "tester", name="bo", role="auditor", password="short")
    assert "at least 10 characters" in refused.value.fields["password"][0]


def test_a_new_password_ends_sessions_opened_with_the_old_one(uow, ada):
    session = people.sign_in(uow(), "ada", PASSWORD)
    assert people.session_user(uow(), ada["id"], session["session_key"]) is not None
    people.set_password(uow(), "tester", ada["id"], "another-long-password")
    assert people.session_user(uow(), ada["id"], session["session_key"]) is None


def test_changing_your_own_password_needs_the_current_one(uow, ada):
    with pytest.raises(InvalidInput) as refused:
        people.change_own_password(uow(), ada["id"], "not-it-at-all", "another-long-password")
    assert "current_password" in refused.value.fields
    people.change_own_password(uow(), ada["id"], PASSWORD, "another-long-password")
    assert people.sign_in(uow(), "ada", "another-long-password") is not None


def test_a_deactivated_user_cannot_sign_in_keep_a_session_or_use_a_token(uow, ada):
    bo = access.create_user(uow(), "tester", name="bo", role="auditor", password=PASSWORD)
    token = access.issue_token(uow(), "tester", "bo", "script")["token"]
    session = people.sign_in(uow(), "bo", PASSWORD)
    people.set_active(uow(), "ada", bo["id"], False)
    assert people.sign_in(uow(), "bo", PASSWORD) is None
    assert people.session_user(uow(), bo["id"], session["session_key"]) is None
    assert access.authenticate(uow(), token) is None
    people.set_active(uow(), "ada", bo["id"], True)
    assert access.authenticate(uow(), token).name == "bo"


def test_an_admin_may_neither_deactivate_themselves_nor_change_their_own_role(uow, ada):
    with pytest.raises(InvalidInput):
        people.set_active(uow(), "ada", ada["id"], False)
    with pytest.raises(InvalidInput):
        people.update_user(uow(), "ada", ada["id"], role="auditor")


def test_a_tokens_last_use_is_recorded_at_most_every_five_minutes(uow, clock, ada):
    issued = access.issue_token(uow(), "tester", "ada", "report script")
    [listed] = access.list_tokens(uow(), ada["id"])
    assert listed["name"] == "report script" and listed["last_used_at"] is None
    first = clock.now()
    access.authenticate(uow(), issued["token"])
    clock.advance_to(first + timedelta(minutes=4))
    access.authenticate(uow(), issued["token"])
    assert access.list_tokens(uow(), ada["id"])[0]["last_used_at"].replace(tzinfo=None) == \
        first.replace(tzinfo=None)
    clock.advance_to(first + timedelta(minutes=6))
    access.authenticate(uow(), issued["token"])
    assert access.list_tokens(uow(), ada["id"])[0]["last_used_at"].replace(tzinfo=None) == \
        (first + timedelta(minutes=6)).replace(tzinfo=None)


def test_a_user_revokes_only_their_own_token(uow, ada):
    access.create_user(uow(), "tester", name="bo", role="auditor")
    theirs = access.issue_token(uow(), "tester", "bo", "theirs")
    with pytest.raises(NotFound):
        access.revoke_token(uow(), "ada", ada["id"], theirs["token_id"])
    mine = access.issue_token(uow(), "ada", "ada", "mine")
    assert access.revoke_token(uow(), "ada", ada["id"], mine["token_id"])["revoked_at"]
    assert access.authenticate(uow(), mine["token"]) is None
    assert access.authenticate(uow(), theirs["token"]).name == "bo"


def test_a_calendar_token_opens_only_its_own_boards_feed_until_revoked(uow):
    north = builders.board(uow)
    south = builders.board(uow, name="Southshire Children's Trust Board")
    issued = calendar_tokens.issue_calendar_token(uow(), "cora", north["id"], "Outlook")
    assert calendar_tokens.calendar_board(uow(), issued["token"]) == north["id"]
    assert access.authenticate(uow(), issued["token"]) is None
    with pytest.raises(NotFound):
        calendar_tokens.revoke_calendar_token(uow(), "cora", south["id"], issued["id"])
    calendar_tokens.revoke_calendar_token(uow(), "cora", north["id"], issued["id"])
    assert calendar_tokens.calendar_board(uow(), issued["token"]) is None


def test_users_are_listed_a_page_at_a_time_by_name(uow):
    for n in range(23):
        access.create_user(uow(), "tester", name=f"user-{n:02d}", role="auditor")
    first, last = people.page_users(uow(), 1), people.page_users(uow(), 2)
    assert (first["pages"], first["total"], len(first["users"]), len(last["users"])) == (2, 23, 20, 3)
    assert [u["name"] for u in last["users"]] == ["user-20", "user-21", "user-22"]
    assert people.page_users(uow(), 99)["page"] == 2


def test_every_change_to_people_is_audited_without_a_password_or_token(uow, ada):
    bo = access.create_user(uow(), "ada", name="bo", role="member",
                            board_ids=[builders.board(uow)["id"]], password=PASSWORD)
    token = access.issue_token(uow(), "bo", "bo", "script")
    people.set_password(uow(), "ada", bo["id"], "second-long-password")
    people.update_user(uow(), "ada", bo["id"], role="auditor")
    people.set_active(uow(), "ada", bo["id"], False)
    records = list_audit(uow(), {}, None, 500)["records"]
    events = [r["event"] for r in records]
    for expected in ("user.created", "token.issued", "user.password_set", "user.updated",
                     "user.deactivated"):
        assert expected in events
    text = repr(records)
    assert PASSWORD not in text and "second-long-password" not in text
    assert token["token"] not in text and "$argon2" not in text
