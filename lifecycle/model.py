"""Boards, their members, plans and the dated facts recorded about them.

Plain classes: ``lifecycle.db.orm`` maps them onto tables. SQLAlchemy does not
call ``__init__`` on loaded rows, so nothing here relies on it beyond setting
the given attributes.
"""
from __future__ import annotations


class Record:
    """Keyword-argument constructor shared by every entity."""

    def __init__(self, **values):
        for name, value in values.items():
            setattr(self, name, value)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {getattr(self, 'id', None)}>"


class Authority(Record):
    """An establishing (children's services) authority."""


class Board(Record):
    """A Children's Trust Board: prepares, consults on, publishes and reviews the plan (reg 3)."""

    @property
    def authority_names(self) -> list[str]:
        """The establishing authorities, the first one first (several for a joint Board)."""
        return [self.authority.name] + [a.name for a in self.joint_authorities]

    @property
    def pct_names(self) -> list[str]:
        """The relevant PCTs, the first one first."""
        return [self.pct] + [p.name for p in self.joint_pcts]


class JointPct(Record):
    """A relevant PCT of a joint Board after the first (reg 6(a) needs its website too)."""


class RelevantPartner(Record):
    """A relevant partner of the establishing authority (s10), a partner from ``since`` to the
    day before ``ended_on``; the Board must include a representative of it (s12A(2))."""


class RulebookSwitch(Record):
    """From ``effective_from`` the Board follows a local-policy rulebook instead of the regulations."""


class ReviewBasisChange(Record):
    """From ``effective_from`` the Board's reg 8(1) years run on ``review_basis``."""


class Member(Record):
    """A Board partner's seat, held from ``joined_on`` until ``left_on`` (reg 8(4) tracks these)."""


class Plan(Record):
    """A Children and Young People's Plan for one plan period."""

    def item(self, key: str) -> ChecklistItem:
        return next(i for i in self.checklist if i.key == key)

    def channels_of(self, revision: int) -> list[PublicationChannel]:
        return [c for c in self.channels if c.revision == revision]

    @property
    def plan_consultees(self) -> list[Consultee]:
        """Consultees on the plan's preparation (reg 7), not those of a review (8(2))."""
        return [c for c in self.consultees if c.review_id is None]

    @property
    def open_review(self) -> Review | None:
        return next((r for r in self.reviews if r.concluded_on is None), None)

    @property
    def pending_revision(self) -> Revision | None:
        return next((r for r in self.revisions if r.published_on is None), None)

    @property
    def next_revision_number(self) -> int:
        """The revision being prepared, or the one a revision would be if begun now."""
        pending = self.pending_revision
        return pending.number if pending else self.revision + 1

    def publication_floor(self, revision: int):
        """Publication cannot precede approval: the Board's approval date, or for a revision
        the day it was begun."""
        if revision == 0:
            return self.approved_on
        return next((r.begun_on for r in self.revisions if r.number == revision), None)

    def acknowledged_change_ids(self, revision: int) -> set[str]:
        return {a.change_id for a in self.acknowledgements if a.revision == revision}


class ChecklistItem(Record):
    """One of the 14 reg 4 matters a plan must contain."""


class Consultee(Record):
    """A body consulted (reg 7, or 8(2) when ``review_id`` is set), or a "none in the area" note."""

    @property
    def answered(self) -> bool:
        return self.responded_on is not None or bool(self.declined)


class PublicationChannel(Record):
    """A reg 6 publication step: a website or a public-place deposit, dated."""


class Review(Record):
    """An annual review (reg 8(1)); concluded by conclude_review or begin_revision."""


class Revision(Record):
    """A revision of a plan after review (reg 8(3)); published under reg 6 again."""


class Acknowledgement(Record):
    """A Board membership change taken into account by a revision (reg 8(4))."""


class MonitoringEntry(Record):
    """How far a co-operating partner acted in accordance with the plan, on a date (s17A(3)(a))."""


class AnnualReport(Record):
    """The Board's annual report on a year (s17A(3)(b)): a draft until published, then fixed."""


class AnnualReportSetting(Record):
    """From ``effective_from`` the Board's annual reports are due ``months`` after the year."""


class AuditRecord(Record):
    """One entry of the append-only, hash-chained audit log."""


class User(Record):
    """A person who uses the service; coordinators and members belong to boards
    (what each role may do: ``lifecycle.access``)."""


class ApiToken(Record):
    """A bearer token, stored only as its SHA-256; revoked tokens authenticate nobody."""


class CalendarToken(Record):
    """A read-only token for one board's calendar feed, stored only as its SHA-256."""
