"""Use cases for Boards, their membership and their rulebook."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from lifecycle.db.tables import authorities, boards
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput, NotFound
from lifecycle.model import (
    Authority,
    Board,
    JointPct,
    Member,
    Plan,
    ReviewBasisChange,
    RulebookSwitch,
)
from lifecycle.rules.reviews import next_year_start
from lifecycle.rules.rulebooks import (
    DEFAULT_PLAN_LENGTH_MONTHS,
    DEFAULT_REVIEW_BASIS,
    DEFAULT_SUCCESSOR_GRACE_DAYS,
    LOCAL_POLICY,
    REVIEW_BASES,
)
from lifecycle.services.annual_report_settings import set_annual_report_months
from lifecycle.services.common import (
    bounded_date,
    check_paging,
    fact_date,
    load_board,
    record,
    require_actor,
)
from lifecycle.services.composition import represent
from lifecycle.states import OUT_OF_CHAIN
from lifecycle.views import board_view, member_view

BOARD_FIELDS = ("name", "authority", "pct", "authority_website", "pct_website", "review_basis")
MEMBER_FIELDS = ("organisation", "partner_type", "statutory", "representative", "joined_on",
                 "left_on", "represents_partners", "represents_authorities")


def _authority(uow: UnitOfWork, name: str) -> Authority:
    found = uow.session.scalar(select(Authority).where(Authority.name == name))
    return found or Authority(name=name)


def _check_basis(basis: str) -> None:
    if basis not in REVIEW_BASES:
        raise InvalidInput(f"review_basis must be one of {', '.join(REVIEW_BASES)}",
                           {"review_basis": [f"Must be one of: {', '.join(REVIEW_BASES)}."]})


def _require_text(**values) -> None:
    bad = {k: ["Missing data for required field."] for k, v in values.items()
           if not (v and str(v).strip())}
    if bad:
        raise InvalidInput(f"{', '.join(bad)} required", bad)


def _organisations(field: str, one: str | None, several: list[str] | None) -> list[str]:
    """A joint Board's authorities or PCTs (s12A(6)): the list, or the one name; when both
    are given the one must be the list's first."""
    names = [n.strip() for n in (several if several is not None else [one] if one else [])
             if n and n.strip()]
    if not names:
        raise InvalidInput(f"{field} required", {field: ["Missing data for required field."]})
    if len(set(names)) < len(names):
        raise InvalidInput(f"{field}s repeat a name", {f"{field}s": ["Names must differ."]})
    if several is not None and one and one.strip() != names[0]:
        raise InvalidInput(f"{field} is not the first of {field}s",
                           {field: [f"Must be the first of {field}s ({names[0]})."]})
    return names


def create_board(uow: UnitOfWork, actor: str, *, name: str, authority: str | None = None,
                 pct: str | None = None, authorities: list[str] | None = None,
                 pcts: list[str] | None = None, authority_website: str | None = None,
                 pct_website: str | None = None,
                 review_basis: str = DEFAULT_REVIEW_BASIS) -> dict:
    """A new Board; ``authorities`` and ``pcts`` make it a joint Board (s12A(6); guidance
    7.29), the first of each standing where a single Board has its one."""
    actor = require_actor(actor)
    _require_text(name=name)
    authority_names = _organisations("authority", authority, authorities)
    pct_names = _organisations("pct", pct, pcts)
    _check_basis(review_basis)
    with uow:
        board = Board(name=name, authority=_authority(uow, authority_names[0]), pct=pct_names[0],
                      authority_website=authority_website, pct_website=pct_website,
                      review_basis=review_basis, created_at=uow.clock.now())
        board.joint_authorities = [_authority(uow, n) for n in authority_names[1:]]
        board.joint_pcts = [JointPct(name=n) for n in pct_names[1:]]
        uow.session.add(board)
        uow.flush()
        record(uow, actor, "board.created", board_id=board.id, name=name,
               authority=authority_names[0], pct=pct_names[0], authorities=authority_names,
               pcts=pct_names, review_basis=review_basis)
        view = board_view(board, uow.clock.today())
        uow.commit()
        return view


def get_board(uow: UnitOfWork, board_id: int, as_of: date | None = None) -> dict:
    """The board, with its composition findings on ``as_of`` (default today; s12A(2))."""
    with uow:
        on = bounded_date(as_of, "as_of") or uow.clock.today()
        return board_view(load_board(uow, board_id), on)


def list_boards(uow: UnitOfWork, board_ids: set[int] | None = None) -> list[dict]:
    """Every board, or only those in ``board_ids`` (what a user may see)."""
    with uow:
        query = select(Board).order_by(Board.id)
        if board_ids is not None:
            query = query.where(Board.id.in_(board_ids))
        return [board_view(b, uow.clock.today()) for b in uow.session.scalars(query)]


def page_boards(uow: UnitOfWork, board_ids: set[int] | None = None, page: int = 1,
                per_page: int = 50) -> dict:
    """One page of the boards (every board, or those in ``board_ids``), oldest first, paged
    in the database: each board's id, name, authority and PCT, and how many there are."""
    check_paging(page, per_page)
    with uow:
        query = (select(boards.c.id, boards.c.name, authorities.c.name.label("authority"),
                        boards.c.pct)
                 .join(authorities, authorities.c.id == boards.c.authority_id))
        counted = select(func.count()).select_from(boards)
        if board_ids is not None:
            query, counted = (query.where(boards.c.id.in_(board_ids)),
                              counted.where(boards.c.id.in_(board_ids)))
        found = uow.session.execute(query.order_by(boards.c.id).limit(per_page)
                                    .offset((page - 1) * per_page)).mappings()
        listed = [dict(row) for row in found]
        total = uow.session.scalar(counted)
        return {"boards": listed, "total": total, "page": page, "per_page": per_page,
                "pages": -(-total // per_page)}


def switch_rulebook(uow: UnitOfWork, actor: str, board_id: int, *,
                    effective_from: date | None = None,
                    plan_length_months: int = DEFAULT_PLAN_LENGTH_MONTHS,
                    successor_grace_days: int = DEFAULT_SUCCESSOR_GRACE_DAYS,
                    review_basis: str = DEFAULT_REVIEW_BASIS, rulebook: str = LOCAL_POLICY) -> dict:
    """Move the Board onto a local-policy rulebook from a date (docs/rules.md "Rulebooks"); by
    default from the start of the next year under the rulebook's basis."""
    return update_board(uow, actor, board_id, rulebook={
        "rulebook": rulebook, "effective_from": effective_from,
        "plan_length_months": plan_length_months, "successor_grace_days": successor_grace_days,
        "review_basis": review_basis})


def _check_membership_dates(uow: UnitOfWork, joined_on, left_on) -> None:
    fact_date(uow, joined_on, "joined_on", required=True)
    fact_date(uow, left_on, "left_on")
    if left_on is not None and left_on < joined_on:
        raise InvalidInput("left_on is before joined_on",
                           {"left_on": [f"Must not be before the day it joined "
                                        f"(joined_on {joined_on})."]})


def add_member(uow: UnitOfWork, actor: str, board_id: int, *, organisation: str,
               partner_type: str, statutory: bool, joined_on: date,
               representative: str | None = None, left_on: date | None = None,
               represents_partners: list[int] | None = None,
               represents_authorities: list[str] | None = None) -> dict:
    """A partner joins the Board; besides its own organisation its member may represent
    relevant partners (by id) and authorities (by name) of the board (s12A(5))."""
    actor = require_actor(actor)
    _require_text(organisation=organisation, partner_type=partner_type)
    with uow:
        _check_membership_dates(uow, joined_on, left_on)
        board = load_board(uow, board_id)
        member = Member(organisation=organisation, partner_type=partner_type,
                        statutory=bool(statutory), representative=representative,
                        joined_on=joined_on, left_on=left_on)
        represent(board, member, represents_partners or [], represents_authorities or [])
        board.members.append(member)
        uow.flush()
        view = member_view(member)
        record(uow, actor, "member.added", board_id=board_id, member=view)
        uow.commit()
        return view


def update_member(uow: UnitOfWork, actor: str, board_id: int, member_id: int, **changes) -> dict:
    actor = require_actor(actor)
    unknown = set(changes) - set(MEMBER_FIELDS)
    if unknown:
        raise InvalidInput("unknown fields", {k: ["Unknown field."] for k in unknown})
    with uow:
        member = uow.session.get(Member, member_id)
        if member is None or member.board_id != board_id:
            raise NotFound(f"member {member_id} of board {board_id} does not exist")
        partners = changes.pop("represents_partners", None)
        authorities = changes.pop("represents_authorities", None)
        for key, value in changes.items():
            setattr(member, key, value)
        if partners is not None or authorities is not None:
            represent(load_board(uow, board_id), member,
                      [p.id for p in member.partners] if partners is None else partners,
                      [a.name for a in member.authorities] if authorities is None else authorities)
            changes.update(represents_partners=[p.id for p in member.partners],
                           represents_authorities=[a.name for a in member.authorities])
        _check_membership_dates(uow, member.joined_on, member.left_on)
        record(uow, actor, "member.updated", board_id=board_id, member_id=member_id, **changes)
        view = member_view(member)
        uow.commit()
        return view


def list_members(uow: UnitOfWork, board_id: int) -> list[dict]:
    with uow:
        return [member_view(m) for m in load_board(uow, board_id).members]


def update_board(uow: UnitOfWork, actor: str, board_id: int, *, rulebook: dict | None = None,
                 effective_from: date | None = None, annual_report_months: int | None = None,
                 **changes) -> dict:
    """Change a board's settings (the API's PATCH): one transaction, one audit record per
    change. A new ``review_basis`` and a ``rulebook`` switch take effect from a date
    (``effective_from``; default the start of the next year under the new basis, never
    before today): years that began before it keep the old basis and rules. A new
    ``annual_report_months`` applies to report years ending on or after today."""
    actor = require_actor(actor)
    unknown = set(changes) - set(BOARD_FIELDS)
    if unknown:
        raise InvalidInput("unknown fields", {k: ["Unknown field."] for k in unknown})
    basis = changes.pop("review_basis", None)
    if basis is not None:
        _check_basis(basis)
    elif effective_from is not None:
        raise InvalidInput("effective_from is for a change of review_basis",
                           {"effective_from": ["Give it with review_basis."]})
    _require_text(**{k: v for k, v in changes.items() if k in ("name", "authority", "pct")})
    switch = _new_switch(rulebook) if rulebook is not None else None
    with uow:
        board = load_board(uow, board_id)
        _not_joint_already(board, changes)
        if changes:
            for key, value in changes.items():
                setattr(board, key, _authority(uow, value) if key == "authority" else value)
            record(uow, actor, "board.updated", board_id=board_id, **changes)
        if basis is not None:
            _change_basis(uow, actor, board, basis, effective_from)
        if switch is not None:
            _switch(uow, actor, board, switch)
        if annual_report_months is not None:
            set_annual_report_months(uow, actor, board, annual_report_months)
        view = board_view(board, uow.clock.today())
        uow.commit()
        return view


def _not_joint_already(board: Board, changes: dict) -> None:
    """A new lead authority or PCT must not be one the joint Board already has."""
    for field, others in (("authority", board.authority_names[1:]), ("pct", board.pct_names[1:])):
        if changes.get(field) in others:
            raise InvalidInput(f"{field} {changes[field]} is already one of the board's",
                               {field: ["Already one of the joint Board's."]})


def default_effective_from(uow: UnitOfWork, board_id: int, basis: str) -> date:
    """When a change to ``basis`` takes effect if no date is named: the start of the next
    year under it (the plan basis counts years from the board's latest plan)."""
    anchor = uow.session.scalar(select(Plan.period_start).where(
        Plan.board_id == board_id, Plan.state.not_in(OUT_OF_CHAIN))
        .order_by(Plan.sequence.desc()).limit(1))
    return next_year_start(uow.clock.today(), basis, anchor)


def _effective(uow: UnitOfWork, board: Board, basis: str, given: date | None,
               within: str | None = None) -> date:
    """When a change of settings takes effect: the date given, or the start of the next year
    under the new basis; never before today, so no past year is rewritten."""
    today = uow.clock.today()
    if given is None:
        return default_effective_from(uow, board.id, basis)
    try:
        bounded_date(given, "effective_from")
        if given < today:
            raise InvalidInput(f"effective_from {given} is before today ({today}): a change of "
                               "settings never rewrites past years",
                               {"effective_from": [f"Must not be before {today}."]})
    except InvalidInput as error:
        if within:
            error.fields = {within: error.fields}
        raise
    return given


def _change_basis(uow: UnitOfWork, actor: str, board: Board, basis: str,
                  given: date | None) -> None:
    effective_from = _effective(uow, board, basis, given)
    if any(c.effective_from == effective_from for c in board.review_basis_changes):
        raise InvalidInput("the board already changes its review basis on that date",
                           {"effective_from": ["A change of basis on this date exists."]})
    board.review_basis_changes.append(ReviewBasisChange(review_basis=basis,
                                                        effective_from=effective_from))
    record(uow, actor, "board.review_basis_changed", board_id=board.id, review_basis=basis,
           effective_from=effective_from)


def _switch(uow: UnitOfWork, actor: str, board: Board, switch: RulebookSwitch) -> None:
    switch.effective_from = _effective(uow, board, switch.review_basis, switch.effective_from,
                                       within="rulebook")
    if any(s.effective_from == switch.effective_from for s in board.rulebook_switches):
        raise InvalidInput("the board already switches rulebook on that date",
                           {"rulebook": {"effective_from": ["A switch on this date exists."]}})
    board.rulebook_switches.append(switch)
    record(uow, actor, "board.rulebook_switched", board_id=board.id,
           **{k: getattr(switch, k) for k in RULEBOOK_FIELDS})


RULEBOOK_FIELDS = ("rulebook", "effective_from", "plan_length_months", "successor_grace_days",
                   "review_basis")


def _new_switch(rulebook: dict) -> RulebookSwitch:
    unknown = set(rulebook) - set(RULEBOOK_FIELDS)
    if unknown:
        raise InvalidInput("unknown fields", {"rulebook": {k: ["Unknown field."] for k in unknown}})
    switch = RulebookSwitch(**({"plan_length_months": DEFAULT_PLAN_LENGTH_MONTHS,
                                "successor_grace_days": DEFAULT_SUCCESSOR_GRACE_DAYS,
                                "review_basis": DEFAULT_REVIEW_BASIS, "rulebook": LOCAL_POLICY,
                                "effective_from": None} | rulebook))
    _check_switch(switch)
    return switch


def _check_switch(switch: RulebookSwitch) -> None:
    bad = {}
    if switch.effective_from is not None and not isinstance(switch.effective_from, date):
        bad["effective_from"] = ["Not a valid date."]
    if switch.review_basis not in REVIEW_BASES:
        bad["review_basis"] = [f"Must be one of: {', '.join(REVIEW_BASES)}."]
    if switch.plan_length_months <= 0:
        bad["plan_length_months"] = ["Must be at least 1."]
    if switch.successor_grace_days < 0:
        bad["successor_grace_days"] = ["Must be at least 0."]
    if bad:
        raise InvalidInput("invalid rulebook switch", {"rulebook": bad})
