"""Maps the domain classes onto the tables (imperative mapping, as in cosmicpython)."""
from __future__ import annotations

from sqlalchemy.orm import registry, relationship

from lifecycle import model
from lifecycle.db import access_tables, monitoring_tables, tables

mapper_registry = registry(metadata=tables.metadata)
_mapped = False


def _owned(cls, **kwargs):
    return relationship(cls, cascade="all, delete-orphan", lazy="selectin", **kwargs)


def start_mappers() -> None:
    """Map every domain class once per process."""
    global _mapped
    if _mapped:
        return
    m = mapper_registry.map_imperatively
    m(model.Authority, tables.authorities)
    m(model.JointPct, tables.joint_pcts)
    m(model.RelevantPartner, tables.relevant_partners)
    m(model.Member, tables.members, properties={
        "partners": relationship(model.RelevantPartner, secondary=tables.member_partners,
                                 lazy="selectin", order_by=tables.relevant_partners.c.id),
        "authorities": relationship(model.Authority, secondary=tables.member_authorities,
                                    lazy="selectin", order_by=tables.authorities.c.id),
    })
    m(model.RulebookSwitch, tables.rulebook_switches)
    m(model.ReviewBasisChange, tables.review_basis_changes)
    m(model.MonitoringEntry, monitoring_tables.monitoring_entries)
    m(model.AnnualReport, monitoring_tables.annual_reports, properties={
        "board": relationship(model.Board, lazy="joined")})
    m(model.AnnualReportSetting, monitoring_tables.annual_report_settings)
    m(model.Board, tables.boards, properties={
        "annual_report_settings": _owned(
            model.AnnualReportSetting,
            order_by=monitoring_tables.annual_report_settings.c.effective_from),
        "authority": relationship(model.Authority, lazy="joined"),
        "members": _owned(model.Member, order_by=tables.members.c.id),
        "joint_authorities": relationship(model.Authority, secondary=tables.joint_authorities,
                                          lazy="selectin", order_by=tables.joint_authorities.c.id),
        "joint_pcts": _owned(model.JointPct, order_by=tables.joint_pcts.c.id),
        "relevant_partners": _owned(model.RelevantPartner,
                                    order_by=tables.relevant_partners.c.id),
        "rulebook_switches": _owned(model.RulebookSwitch,
                                    order_by=tables.rulebook_switches.c.effective_from),
        "review_basis_changes": _owned(model.ReviewBasisChange,
                                       order_by=tables.review_basis_changes.c.effective_from),
    })
    m(model.ChecklistItem, tables.checklist_items)
    m(model.Consultee, tables.consultees)
    m(model.PublicationChannel, tables.publication_channels)
    m(model.Review, tables.reviews)
    m(model.Revision, tables.revisions)
    m(model.Acknowledgement, tables.acknowledgements)
    m(model.AuditRecord, tables.audit_records)
    m(model.Plan, tables.plans, version_id_col=tables.plans.c.version, properties={
        "board": relationship(model.Board, lazy="joined"),
        "predecessor": relationship(model.Plan, remote_side=[tables.plans.c.id], lazy="select"),
        "checklist": _owned(model.ChecklistItem, order_by=tables.checklist_items.c.id),
        "consultees": _owned(model.Consultee, order_by=tables.consultees.c.id),
        "channels": _owned(model.PublicationChannel, order_by=tables.publication_channels.c.id),
        "reviews": _owned(model.Review, order_by=tables.reviews.c.id),
        "revisions": _owned(model.Revision, order_by=tables.revisions.c.number),
        "acknowledgements": _owned(model.Acknowledgement, order_by=tables.acknowledgements.c.id),
    })
    m(model.ApiToken, access_tables.api_tokens)
    m(model.CalendarToken, access_tables.calendar_tokens)
    m(model.User, access_tables.users, properties={
        "boards": relationship(model.Board, secondary=access_tables.user_boards,
                               lazy="selectin", order_by=access_tables.user_boards.c.board_id),
        "tokens": relationship(model.ApiToken, lazy="select",
                               order_by=access_tables.api_tokens.c.id),
    })
    _mapped = True
