"""The schema as SQLAlchemy Core tables, made by Alembic; constraints say what must never happen.

Every CHECK list is built from the domain's own enum (plan states from the machine, reg 7
letters, reg 6 channels, review bases...), and tests/integration/test_migrations.py says the
migrated database holds exactly these CHECKs.
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
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from lifecycle.rules.checklist import STATUSES as CHECKLIST_STATUSES
from lifecycle.rules.composition import PARTNER_TYPES
from lifecycle.rules.consultees import CATEGORIES
from lifecycle.rules.publication import CHANNELS
from lifecycle.rules.rulebooks import DEFAULT_REVIEW_BASIS, REVIEW_BASES
from lifecycle.states import PlanState

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

PLAN_STATES = tuple(state.value for state in PlanState)
PUBLICATION_CHANNELS = tuple(channel.name for channel in CHANNELS)
CONSULTEE_CATEGORIES = tuple(category.letter for category in CATEGORIES)


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


authorities = Table(
    "authorities", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
)

boards = Table(
    "boards", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("authority_id", ForeignKey("authorities.id"), nullable=False),
    Column("pct", String(200), nullable=False),
    Column("authority_website", String(500)),
    Column("pct_website", String(500)),
    Column("review_basis", String(20), nullable=False, default=DEFAULT_REVIEW_BASIS),
    Column("created_at", DateTime(timezone=True), nullable=False),
    CheckConstraint(_in("review_basis", REVIEW_BASES), name="review_basis"),
)

# A joint Board (Act s12A(6)): the establishing authorities and relevant PCTs after the
# first, which stay in boards.authority_id and boards.pct.
joint_authorities = Table(
    "joint_authorities", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False, index=True),
    Column("authority_id", ForeignKey("authorities.id"), nullable=False),
    UniqueConstraint("board_id", "authority_id"),
)

joint_pcts = Table(
    "joint_pcts", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    UniqueConstraint("board_id", "name"),
)

relevant_partners = Table(
    "relevant_partners", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("partner_type", String(60), nullable=False),
    Column("since", Date),
    Column("ended_on", Date),
    UniqueConstraint("board_id", "name"),
    CheckConstraint(_in("partner_type", PARTNER_TYPES), name="partner_type"),
    CheckConstraint("since IS NULL OR ended_on IS NULL OR ended_on > since", name="ended_after"),
)

rulebook_switches = Table(
    "rulebook_switches", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False, index=True),
    Column("rulebook", String(100), nullable=False),
    Column("effective_from", Date, nullable=False),
    Column("plan_length_months", Integer, nullable=False),
    Column("successor_grace_days", Integer, nullable=False),
    Column("review_basis", String(20), nullable=False),
    UniqueConstraint("board_id", "effective_from"),
    CheckConstraint("plan_length_months > 0 AND successor_grace_days >= 0", name="cadence"),
    CheckConstraint(_in("review_basis", REVIEW_BASES), name="review_basis"),
)

review_basis_changes = Table(
    "review_basis_changes", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False, index=True),
    Column("review_basis", String(20), nullable=False),
    Column("effective_from", Date, nullable=False),
    UniqueConstraint("board_id", "effective_from"),
    CheckConstraint(_in("review_basis", REVIEW_BASES), name="review_basis"),
)

members = Table(
    "members", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False, index=True),
    Column("organisation", String(200), nullable=False),
    Column("partner_type", String(60), nullable=False),
    Column("statutory", Boolean, nullable=False),
    Column("representative", String(200)),
    Column("joined_on", Date, nullable=False),
    Column("left_on", Date),
    CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="left_after_joining"),
)

# Whom each member represents besides its own organisation (s12A(5)).
member_partners = Table(
    "member_partners", metadata,
    Column("member_id", ForeignKey("members.id"), primary_key=True),
    Column("partner_id", ForeignKey("relevant_partners.id"), primary_key=True, index=True),
)

member_authorities = Table(
    "member_authorities", metadata,
    Column("member_id", ForeignKey("members.id"), primary_key=True),
    Column("authority_id", ForeignKey("authorities.id"), primary_key=True),
)

plans = Table(
    "plans", metadata,
    Column("id", Integer, primary_key=True),
    Column("board_id", ForeignKey("boards.id"), nullable=False, index=True),
    Column("sequence", Integer, nullable=False),
    Column("title", String(300), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("predecessor_id", ForeignKey("plans.id")),
    Column("state", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("revision", Integer, nullable=False, default=0),
    Column("approved_on", Date),
    Column("approval_minute_ref", String(200)),
    Column("published_on", Date),
    Column("superseded_on", Date),
    Column("last_event", String(40)),
    Column("last_event_on", Date),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("board_id", "sequence"),
    CheckConstraint("period_start < period_end", name="period_order"),
    CheckConstraint(_in("state", PLAN_STATES), name="state"),
)

checklist_items = Table(
    "checklist_items", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("key", String(40), nullable=False),
    Column("status", String(20), nullable=False, default="missing"),
    Column("text", Text),
    Column("document_url", String(500)),
    Column("report_ref", String(500)),
    Column("report_date", Date),
    Column("no_report_yet", Boolean, nullable=False, default=False),
    Column("note", Text),
    UniqueConstraint("plan_id", "key"),
    CheckConstraint(_in("status", CHECKLIST_STATUSES), name="status"),
)

reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("opened_on", Date, nullable=False),
    Column("concluded_on", Date),
    Column("outcome", String(40)),
    Column("reason", Text),
    CheckConstraint("concluded_on IS NULL OR concluded_on >= opened_on", name="concluded_after_opening"),
)

consultees = Table(
    "consultees", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("review_id", ForeignKey("reviews.id")),
    Column("category", String(1), nullable=False),
    Column("name", String(300)),
    Column("invited_on", Date),
    Column("response_due", Date),
    Column("responded_on", Date),
    Column("declined", Boolean, nullable=False, default=False),
    Column("summary", Text),
    Column("none_in_area", Boolean, nullable=False, default=False),
    Column("note", Text),
    Column("authority", String(200)),  # the authority area (joint Boards: reg 7(1)(e), (k), (l))
    CheckConstraint(_in("category", CONSULTEE_CATEGORIES), name="category"),
    CheckConstraint("none_in_area OR name IS NOT NULL", name="named_unless_none"),
)

revisions = Table(
    "revisions", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("review_id", ForeignKey("reviews.id"), nullable=False),
    Column("begun_on", Date, nullable=False),
    Column("published_on", Date),
    UniqueConstraint("plan_id", "number"),
)

publication_channels = Table(
    "publication_channels", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("revision", Integer, nullable=False, default=0),
    Column("channel", String(30), nullable=False),
    Column("url", String(500)),
    Column("place", String(300)),
    Column("organisation", String(200)),  # which authority or PCT (joint Boards: reg 6(a))
    Column("done_on", Date, nullable=False),
    CheckConstraint(_in("channel", PUBLICATION_CHANNELS), name="channel"),
    CheckConstraint("url IS NOT NULL OR place IS NOT NULL", name="url_or_place"),
)

acknowledgements = Table(
    "acknowledgements", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("plans.id"), nullable=False, index=True),
    Column("revision", Integer, nullable=False),
    Column("change_id", String(40), nullable=False),
    Column("note", Text),
    Column("acknowledged_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("plan_id", "revision", "change_id"),
)

audit_records = Table(
    "audit_records", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("board_id", Integer),
    Column("plan_id", Integer),
    Column("event", String(60), nullable=False),
    Column("from_state", String(20)),
    Column("to_state", String(20)),
    Column("payload", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    # One index per filter the audit log offers; (column, id) serves "WHERE column = ? ORDER BY
    # id LIMIT n" (a keyset page) straight from the index, (at, id) the ids in a date range.
    Index("ix_audit_records_board_id_id", "board_id", "id"),
    Index("ix_audit_records_plan_id_id", "plan_id", "id"),
    Index("ix_audit_records_actor_id", "actor", "id"),
    Index("ix_audit_records_event_id", "event", "id"),
    Index("ix_audit_records_at_id", "at", "id"),
)

# Each check of the whole audit chain asked for from the audit page, newest last: the page
# shows the latest instead of walking the chain on every load.
audit_verifications = Table(
    "audit_verifications", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("intact", Boolean, nullable=False),
    Column("records", Integer, nullable=False),
    Column("first_bad_id", Integer),
    Column("problem", Text),
)

# One row: this installation's identity, made once (calendar UIDs are unique per installation).
installation = Table(
    "installation", metadata,
    Column("id", Integer, primary_key=True),
    Column("installation_id", String(36), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("id = 1", name="single_row"),
)
