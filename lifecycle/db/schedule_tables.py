"""Tables the scheduler keeps: persisted obligation states, reminders, their deliveries and
attempts, in-app notifications, per-board notification settings, leases and marks.

These tables, not APScheduler's job store, are the durable truth: a reminder is
identified by (obligation, rung) and a delivery by (reminder, channel, recipient),
so neither can be created twice whatever the number of scheduler processes.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from lifecycle.db.tables import _in, metadata
from lifecycle.obligations import STATUSES as OBLIGATION_STATUSES
from lifecycle.rules.reminders import DELIVERY_CHANNELS as CHANNELS
from lifecycle.rules.reminders import DELIVERY_STATUSES, REMINDER_STATUSES

obligation_states = Table(
    "obligation_states", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False),
    Column("key", String(200), nullable=False),
    Column("kind", String(60), nullable=False),
    Column("plan_id", Integer),
    Column("due_on", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("met_on", Date),
    Column("met_by", String(200)),
    Column("late", Boolean, nullable=False, default=False),
    Column("citation", String(60), nullable=False),
    Column("reason", Text),
    Column("last_rung_on", Date),
    Column("changed_on", Date, nullable=False),
    UniqueConstraint("board_id", "key"),
    CheckConstraint(_in("status", OBLIGATION_STATUSES), name="status"),
)

board_evaluations = Table(
    "board_evaluations", metadata,
    Column("board_id", ForeignKey("boards.id"), primary_key=True),
    Column("evaluated_on", Date, nullable=False),
    Column("wake_on", Date),
)

# The fingerprint of the obligations each board's stored states were last brought in line
# with (``lifecycle.services.evaluation.fingerprint``): when today's obligations have the
# same one, comparing them with the stored rows would change nothing, so none are read.
obligation_digests = Table(
    "obligation_digests", metadata,
    Column("board_id", ForeignKey("boards.id"), primary_key=True),
    Column("digest", String(32), nullable=False),
)

reminders = Table(
    "reminders", metadata,
    Column("id", Integer, primary_key=True),
    Column("obligation_id", ForeignKey("obligation_states.id")),
    # A chase of a consultee who has not replied (reg 7), instead of an obligation's rung.
    Column("consultee_id", ForeignKey("consultees.id"), index=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False, index=True),
    Column("rung", String(40), nullable=False),
    Column("fire_on", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("reason", Text),
    Column("message", JSON),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("obligation_id", "rung"),
    UniqueConstraint("consultee_id", "rung"),
    CheckConstraint(_in("status", REMINDER_STATUSES), name="status"),
    CheckConstraint("(obligation_id IS NULL) <> (consultee_id IS NULL)", name="subject"),
)

deliveries = Table(
    "deliveries", metadata,
    Column("id", Integer, primary_key=True),
    Column("reminder_id", ForeignKey("reminders.id"), nullable=False),
    Column("board_id", ForeignKey("boards.id"), nullable=False, index=True),
    Column("channel", String(20), nullable=False),
    Column("recipient", String(500), nullable=False),
    Column("idempotency_key", String(80), nullable=False, unique=True),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("max_attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("claimed_by", String(80)),
    Column("claimed_until", DateTime(timezone=True)),
    Column("delivered_at", DateTime(timezone=True)),
    Column("last_error", Text),
    UniqueConstraint("reminder_id", "channel", "recipient"),
    CheckConstraint(_in("status", DELIVERY_STATUSES), name="status"),
    CheckConstraint(_in("channel", CHANNELS), name="channel"),
    Index("ix_deliveries_due", "status", "next_attempt_at"),
)

delivery_attempts = Table(
    "delivery_attempts", metadata,
    Column("id", Integer, primary_key=True),
    Column("delivery_id", ForeignKey("deliveries.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("worker", String(80), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("error", Text),
)

notifications = Table(
    "notifications", metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id"), nullable=False),
    Column("reminder_id", ForeignKey("reminders.id"), nullable=False),
    Column("board_id", ForeignKey("boards.id"), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("read_at", DateTime(timezone=True)),
    UniqueConstraint("user_id", "reminder_id"),
    Index("ix_notifications_user_id_id", "user_id", "id"),
)

notification_settings = Table(
    "notification_settings", metadata,
    Column("board_id", ForeignKey("boards.id"), primary_key=True),
    Column("ladder", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("extra_recipients", JSON, nullable=False),
    Column("webhook_url", String(500)),
    Column("webhook_secret", String(1000)),  # sealed: "fernet:<token>" (lifecycle.sealing)
    Column("max_attempts", Integer, nullable=False),
    CheckConstraint("max_attempts >= 1", name="max_attempts"),
    CheckConstraint("webhook_url IS NULL OR webhook_secret IS NOT NULL", name="webhook_signed"),
)

scheduler_leases = Table(
    "scheduler_leases", metadata,
    Column("name", String(60), primary_key=True),
    Column("holder", String(80), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

scheduler_marks = Table(
    "scheduler_marks", metadata,
    Column("name", String(60), primary_key=True),
    Column("value", Integer, nullable=False),
)

evaluation_incidents = Table(
    "evaluation_incidents", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False, index=True),
    Column("first_failed_on", Date, nullable=False),
    Column("last_failed_on", Date, nullable=False),
    Column("failures", Integer, nullable=False),
    Column("error", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("resolved_on", Date),
)

# One row per scheduler job: when a scheduler process last finished it (wall-clock time), for
# readiness (``/readyz``) and the metrics' last successful evaluation.
scheduler_heartbeats = Table(
    "scheduler_heartbeats", metadata,
    Column("job", String(60), primary_key=True),
    Column("worker", String(80), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
