"""Fixtures for the scheduler suites: a runtime inside the test's rolled-back transaction,
a committing runtime, a real SMTP server and real webhook receivers on loopback."""
from __future__ import annotations

import pytest
from sqlalchemy.orm import sessionmaker

from lifecycle.bootstrap import Runtime
from schedules.replay import ReplayRuntime
from tests.schedules.support import SmtpServer, WebhookReceiver


@pytest.fixture
def runtime(engine, connection, clock):
    """Jobs' runtime whose units of work are savepoints in the test's transaction."""
    return ReplayRuntime(engine, clock, sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False))


@pytest.fixture
def committing_runtime(engine, committing_uow, clock):
    """A runtime that really commits (tables emptied afterwards by ``committing_uow``)."""
    return Runtime(engine, clock)


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def webhook_receiver():
    receivers = []

    def start(failures: int = 0) -> WebhookReceiver:
        receivers.append(WebhookReceiver(failures))
        return receivers[-1]

    yield start
    for receiver in receivers:
        receiver.shutdown()
        receiver.server_close()
