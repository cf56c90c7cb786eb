"""Tables of the Board's monitoring duties (Act s17A(3)): monitoring entries, annual reports
and the Board's ``annual_report_months`` setting over time."""
from __future__ import annotations

from sqlalchemy import (
    JSON,
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
from lifecycle.rules.monitoring import ASSESSMENTS

monitoring_entries = Table(
    "monitoring_entries", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False),
    Column("member_id", ForeignKey("members.id"), nullable=False, index=True),
    Column("monitored_on", Date, nullable=False),
    Column("assessment", String(20), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    CheckConstraint(_in("assessment", ASSESSMENTS), name="assessment"),
    Index("ix_monitoring_entries_board_id_monitored_on", "board_id", "monitored_on"),
)

annual_reports = Table(
    "annual_reports", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False),
    Column("year_start", Date, nullable=False),
    Column("year_end", Date, nullable=False),
    Column("governance_assessment", Text),
    Column("published_on", Date),
    Column("url", String(500)),
    Column("contents", JSON),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("board_id", "year_start"),
    CheckConstraint("year_start < year_end", name="year_order"),
    CheckConstraint("(published_on IS NULL) = (url IS NULL)", name="published_with_url"),
)

annual_report_settings = Table(
    "annual_report_settings", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False),
    Column("months", Integer, nullable=False),
    Column("effective_from", Date, nullable=False),
    UniqueConstraint("board_id", "effective_from"),
    CheckConstraint("months BETWEEN 1 AND 24", name="months"),
)
