"""Use cases for Board composition (s12A(2), (4), (5)): the area's relevant partners and whom
each member represents. The rule itself is ``lifecycle.rules.composition``."""
from __future__ import annotations

from datetime import date

from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput, NotFound
from lifecycle.model import Board, RelevantPartner
from lifecycle.rules.composition import PARTNER_TYPES
from lifecycle.services.common import bounded_date, fact_date, load_board, record, require_actor
from lifecycle.views import relevant_partner_view

PARTNER_FIELDS = ("name", "partner_type", "since", "ended_on")


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(f"{field}: {message}", {field: [message]})


def represent(board: Board, member, partner_ids: list[int], authority_names: list[str]) -> None:
    """Set whom ``member`` represents besides its own organisation (s12A(5)): relevant
    partners of its board by id, the board's authorities by name."""
    partners = {p.id: p for p in board.relevant_partners}
    unknown = [str(i) for i in partner_ids if i not in partners]
    if unknown:
        raise _invalid("represents_partners", f"Not a relevant partner of board {board.id}: "
                                              f"{', '.join(unknown)}.")
    authorities = [board.authority, *board.joint_authorities]
    by_name = {a.name: a for a in authorities}
    strangers = [n for n in authority_names if n not in by_name]
    if strangers:
        raise _invalid("represents_authorities",
                       f"Must be among the board's authorities: {', '.join(by_name)}.")
    member.partners = [partners[i] for i in dict.fromkeys(partner_ids)]
    member.authorities = [by_name[n] for n in dict.fromkeys(authority_names)]


def _check_partner(uow: UnitOfWork, board: Board, partner: RelevantPartner) -> None:
    if not (partner.name and partner.name.strip()):
        raise _invalid("name", "Missing data for required field.")
    if partner.partner_type not in PARTNER_TYPES:
        raise _invalid("partner_type", f"Must be one of: {', '.join(PARTNER_TYPES)}.")
    fact_date(uow, partner.since, "since")
    fact_date(uow, partner.ended_on, "ended_on")
    if partner.since and partner.ended_on and partner.ended_on <= partner.since:
        raise _invalid("ended_on", "Must be after since.")
    key = partner.name.strip().casefold()
    if key in {n.casefold() for n in board.authority_names}:
        raise _invalid("name", "An establishing authority is represented as such, not as a "
                               "relevant partner.")
    if any(p is not partner and p.name.strip().casefold() == key
           for p in board.relevant_partners):
        raise _invalid("name", "The board already has a relevant partner of this name.")


def add_relevant_partner(uow: UnitOfWork, actor: str, board_id: int, *, name: str,
                         partner_type: str, since: date | None = None,
                         ended_on: date | None = None) -> dict:
    """Record a relevant partner of the board's area (s10; s12A(2)(b)): a partner from
    ``since`` (unset: as far as the records go) until ``ended_on``."""
    actor = require_actor(actor)
    with uow:
        board = load_board(uow, board_id)
        partner = RelevantPartner(name=(name or "").strip(), partner_type=partner_type,
                                  since=since, ended_on=ended_on)
        _check_partner(uow, board, partner)
        board.relevant_partners.append(partner)
        uow.flush()
        view = relevant_partner_view(partner, board.members, uow.clock.today())
        record(uow, actor, "relevant_partner.added", board_id=board_id, partner=view)
        uow.commit()
        return view


def update_relevant_partner(uow: UnitOfWork, actor: str, board_id: int, partner_id: int,
                            **changes) -> dict:
    """Change a relevant partner, e.g. set ``ended_on`` when it stops being one."""
    actor = require_actor(actor)
    unknown = set(changes) - set(PARTNER_FIELDS)
    if unknown:
        raise InvalidInput("unknown fields", {k: ["Unknown field."] for k in unknown})
    with uow:
        board = load_board(uow, board_id)
        partner = next((p for p in board.relevant_partners if p.id == partner_id), None)
        if partner is None:
            raise NotFound(f"relevant partner {partner_id} of board {board_id} does not exist")
        for key, value in changes.items():
            setattr(partner, key, value.strip() if key == "name" and value else value)
        _check_partner(uow, board, partner)
        record(uow, actor, "relevant_partner.updated", board_id=board_id,
               partner_id=partner_id, **changes)
        view = relevant_partner_view(partner, board.members, uow.clock.today())
        uow.commit()
        return view


def list_relevant_partners(uow: UnitOfWork, board_id: int, as_of: date | None = None) -> list[dict]:
    """The board's relevant partners, past and present, with the members representing each
    on ``as_of`` (default today)."""
    with uow:
        board = load_board(uow, board_id)
        on = bounded_date(as_of, "as_of") or uow.clock.today()
        return [relevant_partner_view(p, board.members, on) for p in board.relevant_partners]
