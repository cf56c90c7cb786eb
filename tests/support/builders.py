"""Build boards and plans in a given lifecycle state through the services, as a coordinator would."""
from __future__ import annotations

from datetime import date

from lifecycle import services
from lifecycle.rules.checklist import MATTERS

ACTOR = "tester"
MANDATORY = [("e", "Northshire LSCB"), ("k", "Schools Forum"), ("l", "Admission Forum"),
             ("a", "Connexions"), ("b", "Academy Trust"), ("f", "Children's Centre AB"),
             ("h", "Diocese"), ("j", "Independent Schools Group"), ("c", "Youth Council")]


def board(uow, **overrides) -> dict:
    values = dict(name="Northshire Children's Trust Board", authority="Northshire County Council",
                  pct="NHS Northshire", authority_website="https://council.example/cypp",
                  pct_website="https://pct.example/cypp")
    return services.create_board(uow(), ACTOR, **(values | overrides))


def plan(uow, board_id: int, start=date(2011, 4, 1), end=date(2014, 3, 31), **kw) -> dict:
    return services.create_plan(uow(), ACTOR, board_id, title=f"CYPP {start.year}",
                                period_start=start, period_end=end, **kw)


def consultees(uow, plan_id: int, invited=date(2010, 9, 1), due=date(2010, 10, 29),
               responded=date(2010, 10, 20)) -> None:
    for letter, name in MANDATORY:
        services.add_consultee(uow(), ACTOR, plan_id, category=letter, name=name,
                               invited_on=invited, response_due=due, responded_on=responded)
    services.add_consultee(uow(), ACTOR, plan_id, category="m", none_in_area=True,
                           note="No independent specialist college in the area")


def complete_checklist(uow, plan_id: int) -> None:
    for m in MATTERS:
        report = {"report_ref": "Report 2010", "report_date": date(2010, 10, 1)} \
            if m.takes_report else {}
        services.update_checklist_item(uow(), ACTOR, plan_id, m.key, status="complete",
                                       text=m.matter, **report)


def publication(uow, plan_id: int, on: date, channels=("authority_website", "pct_website",
                                                      "public_place", "partner_website")) -> None:
    for channel in channels:
        where = {"place": "Central Library"} if channel == "public_place" else \
            {"url": f"https://{channel}.example/cypp"}
        services.record_publication_channel(uow(), ACTOR, plan_id, channel=channel, done_on=on,
                                            **where)


def fire(uow, plan_id: int, event: str, **kw) -> dict:
    return services.fire_event(uow(), ACTOR, plan_id, event, **kw)


def to_state(uow, plan_id: int, state: str, published=date(2011, 3, 15)) -> dict:
    """Drive a plan from drafting to ``state`` along the happy path."""
    path = ["consultation", "finalising", "approved", "in_force", "under_review", "revising"]
    view = services.get_plan(uow(), plan_id)
    if state in ("drafting", view["state"]):
        return view
    services.update_checklist_item(uow(), ACTOR, plan_id, "needs_assessment", status="drafted",
                                   text="JSNA")
    consultees(uow, plan_id)
    view = fire(uow, plan_id, "open_consultation", on=date(2010, 9, 1))
    steps = {
        "finalising": lambda: fire(uow, plan_id, "close_consultation", on=date(2010, 11, 5)),
        "approved": lambda: (complete_checklist(uow, plan_id), services.record_approval(
            uow(), ACTOR, plan_id, approved_on=date(2011, 1, 27), minute_ref="CTB/1"),
            fire(uow, plan_id, "approve", on=date(2011, 1, 27)))[-1],
        "in_force": lambda: (publication(uow, plan_id, published),
                             fire(uow, plan_id, "publish", on=published))[-1],
        "under_review": lambda: fire(uow, plan_id, "start_review", on=date(2012, 1, 10)),
        "revising": lambda: fire(uow, plan_id, "begin_revision", on=date(2012, 2, 1),
                                 reason="new duties"),
    }
    for target in path[1:path.index(state) + 1]:
        view = steps[target]()
    return view


def plan_in_state(uow, state: str) -> int:
    """A board's first plan in any lifecycle state, reached only through events."""
    board_id = board(uow)["id"]
    plan_id = plan(uow, board_id)["id"]
    if state in ("expired", "superseded"):
        to_state(uow, plan_id, "in_force")
        if state == "expired":
            services.run_automatic_events(uow())
        else:
            publish_successor(uow, board_id, plan_id)
    elif state == "withdrawn":
        fire(uow, plan_id, "withdraw", reason="merged into a joint plan")
    else:
        to_state(uow, plan_id, state)
    return plan_id


def publish_successor(uow, board_id: int, predecessor_id: int,
                      published=date(2014, 4, 20)) -> int:
    successor = plan(uow, board_id, start=date(2014, 4, 1), end=date(2017, 3, 31),
                     predecessor_id=predecessor_id)["id"]
    to_state(uow, successor, "in_force", published=published)
    return successor
