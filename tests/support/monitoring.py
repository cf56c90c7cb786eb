"""A board whose first plan (2011-2014) is published, with partners to monitor (s17A(3))."""
from __future__ import annotations

from datetime import date

from lifecycle import services
from tests.support import builders

PARTNERS = [("Northshire Constabulary", "police", date(2010, 4, 1), None),
            ("Eastvale District Council", "district_council", date(2010, 4, 1),
             date(2011, 6, 30)),
            ("Westmoor Academy Trust", "academy", date(2012, 9, 1), None)]


def board_with_partners(uow) -> dict:
    """Board id, plan id and member ids by organisation; the plan was published 15 March 2011."""
    board_id = builders.board(uow)["id"]
    plan_id = builders.plan(uow, board_id)["id"]
    builders.to_state(uow, plan_id, "in_force")
    members = {}
    for organisation, partner_type, joined, left in PARTNERS:
        members[organisation] = services.add_member(
            uow(), builders.ACTOR, board_id, organisation=organisation,
            partner_type=partner_type, statutory=True, joined_on=joined, left_on=left)["id"]
    return {"board": board_id, "plan": plan_id, "members": members}


def monitor(uow, board_id: int, member_id: int, on: date, assessment="in_accordance",
            evidence="Quarterly return") -> dict:
    return services.record_monitoring(uow(), builders.ACTOR, board_id, member_id=member_id,
                                      on=on, assessment=assessment, evidence=evidence)
