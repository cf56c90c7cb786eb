"""Helpers for the scheduler suites: a real SMTP server (aiosmtpd), a real HTTP webhook
receiver on loopback, board users, reading the scheduler's tables, moving the clock."""
from __future__ import annotations

import email
import email.policy
import http.server
import os
import socket
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from lifecycle.clock import FixedClock, instant_of
from lifecycle.db import schedule_tables as st
from lifecycle.db.access_tables import user_boards, users
from schedules.config import SchedulerSettings, SmtpSettings

POSTGRES = bool(os.environ.get("CYPP_TEST_DATABASE_URL", "").strip())
postgres_only = pytest.mark.skipif(not POSTGRES, reason="needs PostgreSQL "
                                   "(set CYPP_TEST_DATABASE_URL)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Mailbox:
    """What arrived at the SMTP server."""

    messages: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        for recipient in envelope.rcpt_tos:
            self.messages.append((recipient, message))
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for r, m in self.messages if r == address]

    def subjects(self, address: str) -> list[str]:
        """Subjects received by ``address``, unfolded."""
        return [" ".join(m["Subject"].split()) for m in self.to(address)]


class SmtpServer:
    """aiosmtpd on a loopback port; ``start``/``stop`` can be called again (down, then up)."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.mailbox = Mailbox()
        self.controller = None

    def start(self) -> SmtpServer:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def settings_for(smtp: SmtpServer | None) -> SchedulerSettings:
    """Scheduler settings sending mail to the test server (or with email off)."""
    if smtp is None:
        return SchedulerSettings()
    return SchedulerSettings(webhook_timeout=5, smtp=SmtpSettings(
        host="127.0.0.1", port=smtp.port, sender="cypp@northshire.example", timeout=5))


class WebhookReceiver(http.server.ThreadingHTTPServer):
    """A real HTTP endpoint that fails the first ``failures`` requests with 500."""

    def __init__(self, failures: int = 0):
        self.failures = failures
        self.requests: list[tuple] = []  # (headers, case-insensitive; body)
        super().__init__(("127.0.0.1", 0), _WebhookHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/cypp"


class _WebhookHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append((self.headers, body))
        failing = len(self.server.requests) <= self.server.failures
        self.send_response(500 if failing else 204)
        self.end_headers()

    def log_message(self, *args):
        pass


def add_user(runtime, name: str, board_id: int, role: str = "coordinator",
             mail: str | None = None) -> int:
    """A user of the board (the API's `cypp users create` does the same in production)."""
    uow = runtime.uow()
    with uow:
        user_id = uow.session.execute(users.insert().values(
            name=name, role=role, email=mail, created_at=datetime(2010, 1, 1, tzinfo=timezone.utc)
        ).returning(users.c.id)).scalar()
        uow.session.execute(user_boards.insert().values(user_id=user_id, board_id=board_id))
        uow.commit()
    return user_id


def day(clock: FixedClock, on: date, hour: int = 7) -> None:
    """Move the clock to ``hour`` o'clock London time on ``on`` (the evaluation's hour)."""
    clock.advance_to(instant_of(datetime(on.year, on.month, on.day, hour, 0)))



def rows(runtime, table, **where) -> list[dict]:
    """Rows of a scheduler table (``where`` equal values), in id order."""
    uow = runtime.uow()
    with uow:
        query = select(table).where(*[table.c[k] == v for k, v in where.items()])
        key = table.c.id if "id" in table.c else list(table.primary_key)[0]
        return [dict(r) for r in uow.session.execute(query.order_by(key)).mappings()]


def reminder_rungs(runtime, status: str | None = None) -> list[tuple[str, str, date]]:
    """(obligation key, rung, fire_on) of every reminder, optionally of one status."""
    uow = runtime.uow()
    with uow:
        query = select(st.obligation_states.c.key, st.reminders.c.rung, st.reminders.c.fire_on
                       ).join(st.obligation_states,
                              st.obligation_states.c.id == st.reminders.c.obligation_id)
        if status:
            query = query.where(st.reminders.c.status == status)
        return [tuple(r) for r in uow.session.execute(query.order_by(st.reminders.c.id))]
