"""Webhook secrets are encrypted at rest under CYPP_SECRETS_KEY, and never stored without it."""
from __future__ import annotations

import hashlib
import hmac
import os

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import sessionmaker

from lifecycle import sealing
from lifecycle.db import schedule_tables as st
from lifecycle.db.migrate import alembic_config
from lifecycle.db.uow import UnitOfWork
from lifecycle.services.notification_settings import (
    get_notification_settings,
    update_notification_settings,
)
from tests.schedules.support import rows, settings_for
from tests.schedules.test_delivery import board_with_plan, dispatch, raise_first_rung
from tests.support import builders

OTHER_KEY = "b3RoZXIta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXMtLS0="


def _stored(uow, board_id: int) -> str:
    with uow() as unit:
        return unit.session.scalar(select(st.notification_settings.c.webhook_secret).where(
            st.notification_settings.c.board_id == board_id))


def test_a_webhook_secret_is_stored_encrypted_and_never_shown(uow):
    board = builders.board(uow)
    shown = update_notification_settings(uow(), "tester", board["id"],
                                         webhook_url="https://hooks.example/cypp",
                                         webhook_secret="s3cret")
    stored = _stored(uow, board["id"])
    assert stored.startswith("fernet:") and "s3cret" not in stored
    assert sealing.unseal(stored) == "s3cret"
    assert "webhook_secret" not in shown and shown["webhook_signed"] is True
    assert "webhook_secret" not in get_notification_settings(uow(), board["id"])


def test_without_a_key_a_webhook_secret_is_refused_naming_the_variable(uow, monkeypatch):
    monkeypatch.delenv("CYPP_SECRETS_KEY")
    board = builders.board(uow)
    with pytest.raises(sealing.SecretsKeyMissing, match="CYPP_SECRETS_KEY is not set"):
        update_notification_settings(uow(), "tester", board["id"],
                                     webhook_url="https://hooks.example/cypp",
                                     webhook_secret="s3cret")
    assert _stored(uow, board["id"]) is None


def test_the_encrypted_secret_still_signs_the_webhook(uow, runtime, webhook_receiver):
    receiver = webhook_receiver()
    board_id, _ = board_with_plan(uow, runtime)
    update_notification_settings(uow(), "tester", board_id, webhook_url=receiver.url,
                                 webhook_secret="s3cret")
    settings = settings_for(None)
    raise_first_rung(runtime, settings)
    assert [o["status"] for o in dispatch(runtime, settings)] == ["delivered"]
    headers, body = receiver.requests[-1]
    expected = hmac.new(b"s3cret", headers["X-CYPP-Timestamp"].encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    assert headers["X-CYPP-Signature"] == f"sha256={expected}"


def test_a_secret_no_configured_key_opens_fails_the_delivery_saying_why(
        uow, runtime, webhook_receiver, monkeypatch):
    receiver = webhook_receiver()
    board_id, _ = board_with_plan(uow, runtime)
    update_notification_settings(uow(), "tester", board_id, webhook_url=receiver.url,
                                 webhook_secret="s3cret")
    monkeypatch.setenv("CYPP_SECRETS_KEY", OTHER_KEY)
    settings = settings_for(None)
    raise_first_rung(runtime, settings)
    dispatch(runtime, settings)
    assert receiver.requests == []
    assert "CYPP_SECRETS_KEY" in rows(runtime, st.delivery_attempts)[0]["error"]


def test_keys_rotate_the_first_encrypts_and_any_decrypts(monkeypatch):
    current = os.environ["CYPP_SECRETS_KEY"]
    stored = sealing.seal("s3cret")
    monkeypatch.setenv("CYPP_SECRETS_KEY", f"{OTHER_KEY},{current}")
    assert sealing.unseal(stored) == "s3cret"
    monkeypatch.setenv("CYPP_SECRETS_KEY", OTHER_KEY)
    with pytest.raises(sealing.SecretUnreadable):
        sealing.unseal(stored)


def _plain_secret_at_0011(url: str, clock) -> None:
    command.upgrade(alembic_config(url), "0011_api")
    engine = create_engine(url)
    board = builders.board(lambda: UnitOfWork(sessionmaker(bind=engine), clock))
    with engine.begin() as c:
        c.execute(text("INSERT INTO notification_settings (board_id, ladder, roles, "
                       "extra_recipients, webhook_url, webhook_secret, max_attempts) VALUES "
                       "(:board, '{}', '[]', '[]', 'https://hooks.example', 'plain-s3cret', 3)"),
                  {"board": board["id"]})
    engine.dispose()


def _secret_in(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as c:
        stored = c.execute(text("SELECT webhook_secret FROM notification_settings")).scalar()
    engine.dispose()
    return stored


def test_the_migration_encrypts_plain_secrets_and_the_downgrade_restores_them(
        fresh_database_url, clock):
    _plain_secret_at_0011(fresh_database_url, clock)
    command.upgrade(alembic_config(fresh_database_url), "0014_secrets")
    stored = _secret_in(fresh_database_url)
    assert sealing.is_sealed(stored) and sealing.unseal(stored) == "plain-s3cret"
    command.downgrade(alembic_config(fresh_database_url), "0011_api")
    assert _secret_in(fresh_database_url) == "plain-s3cret"


def test_the_migration_refuses_to_leave_plain_secrets_without_a_key(fresh_database_url,
                                                                    clock, monkeypatch):
    _plain_secret_at_0011(fresh_database_url, clock)
    monkeypatch.delenv("CYPP_SECRETS_KEY")
    with pytest.raises(RuntimeError, match="CYPP_SECRETS_KEY is not set"):
        command.upgrade(alembic_config(fresh_database_url), "0014_secrets")
    assert _secret_in(fresh_database_url) == "plain-s3cret"
