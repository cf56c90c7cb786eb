"""A realistic demo Board with its statutory-era history, recorded through the services.

Northshire's first plan is consulted on and published before 1 April 2011,
reviewed in 2011/12, revised in 2012/13 and reviewed again in 2013/14; its
successor is still being prepared. The Board monitors its partners each year
and publishes its annual reports (s17A(3)) for 2011/12 and 2012/13; the
2013/14 report is a draft still waiting for Jobcentre Plus's monitoring. Its
relevant partners are recorded and each is represented (s12A(2)); the district
councils share a seat (s12A(5)). A second, joint Board follows
(``cli.demo_joint``). Steps dated after today are left out, so the demo is
true whatever day the clock says.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from cli.demo_joint import joint_board_steps
from lifecycle import services
from lifecycle.rules.checklist import MATTERS
from lifecycle.services import access

D = date
ACTOR = "demo"

MEMBERS = [
    ("Northshire County Council", "local_authority", True, "Director of Children's Services"),
    ("NHS Northshire (PCT)", "pct", True, "Director of Commissioning"),
    ("Northshire Constabulary", "police", True, "Superintendent, Public Protection"),
    ("Northshire Probation Trust", "probation", True, "Assistant Chief Officer"),
    ("Northshire Youth Offending Service", "yot", True, "Head of Service"),
    ("Jobcentre Plus Northshire", "jobcentre_plus", True, "District Manager"),
    ("Northshire College", "fe_college", True, "Principal"),
    ("Maintained schools of Northshire", "maintained_schools", True, "Headteacher representative"),
    ("Eastvale District Council", "district_council", True, "Chief Executive"),
    ("Northshire Voluntary Action", "voluntary_sector", False, "Chief Officer"),
]
CONSULTEES = [
    ("e", "Northshire Local Safeguarding Children Board"), ("k", "Northshire Schools Forum"),
    ("l", "Northshire Admission Forum"), ("a", "Northshire Connexions Partnership"),
    ("b", "Westmoor Academy Trust"), ("f", "Eastvale Children's Centre Advisory Board"),
    ("f", "Northtown Children's Centre Advisory Board"), ("h", "Diocese of Northshire (CofE)"),
    ("h", "Roman Catholic Diocese of Northshire"), ("j", "Northshire Independent Schools Group"),
    ("c", "Northshire Youth Council"), ("d", "Northshire Parent Carer Forum"),
]
# By 2014 Westmoor Academy Trust sits on the Board, so it is no longer a reg 7(1)(b) consultee.
SUCCESSOR_CONSULTEES = [c if c[0] != "b" else ("b", "Kingsmead Academy Trust")
                        for c in CONSULTEES]
# The establishing authority's relevant partners (s12A(2)(b)) and since when.
PARTNERS = [
    ("NHS Northshire (PCT)", "pct", D(2010, 4, 1)), ("Northshire Constabulary", "police", D(2010, 4, 1)),
    ("Northshire Probation Trust", "probation", D(2010, 4, 1)),
    ("Northshire Youth Offending Service", "youth_offending_team", D(2010, 4, 1)),
    ("Jobcentre Plus Northshire", "jobcentre_plus", D(2010, 4, 1)),
    ("Northshire College", "fe_college", D(2010, 4, 1)),
    ("Maintained schools of Northshire", "maintained_school", D(2010, 4, 1)),
    ("Eastvale District Council", "district_council", D(2010, 4, 1)),
    ("Westvale District Council", "district_council", D(2010, 4, 1)),
    ("NHS North East (SHA)", "strategic_health_authority", D(2010, 4, 1)),
    ("Westmoor Academy Trust", "academy", D(2011, 9, 1)),
    ("Northshire Short Stay School", "short_stay_school", D(2012, 9, 1)),
]


def _board(uow, _ids):
    return services.create_board(
        uow(), ACTOR, name="Northshire Children's Trust Board",
        authority="Northshire County Council", pct="NHS Northshire",
        authority_website="https://www.northshire.gov.uk/cypp",
        pct_website="https://www.northshire.nhs.uk/cypp")["id"]


def _complete_matters(uow, plan_id: int, on: date, suffix: str = "") -> None:
    for m in MATTERS:
        extra = {}
        if m.key == "behaviour_attendance":
            extra = {"report_ref": "Northshire secondary behaviour partnerships report 2010",
                     "report_date": D(on.year - 1, 11, 30)}
        if m.key == "safeguarding":
            extra = {"report_ref": f"LSCB annual report {on.year - 1}-{str(on.year)[2:]}",
                     "report_date": D(on.year - 1, 10, 15)}
        services.update_checklist_item(
            uow(), ACTOR, plan_id, m.key, status="complete", text=f"{m.matter}{suffix}",
            document_url=f"https://www.northshire.gov.uk/cypp/{m.key}.pdf", **extra)


def _invite(uow, plan_id: int, invited: date, due: date, consultees=CONSULTEES) -> None:
    for letter, name in consultees:
        services.add_consultee(uow(), ACTOR, plan_id, category=letter, name=name,
                               invited_on=invited, response_due=due)
    services.add_consultee(uow(), ACTOR, plan_id, category="m", none_in_area=True,
                           note="No independent specialist college in Northshire (2010 survey)")


def _responses(uow, plan_id: int, answered: date, review: bool = False) -> None:
    """The LSCB, schools forum, children's centres and youth council reply; others stay silent."""
    view = services.get_plan(uow(), plan_id)
    invited = view["reviews"][-1]["consultees"] if review else view["consultees"]
    for consultee in invited:
        if consultee["category"] in "ekfc" and not consultee["none_in_area"] \
                and not consultee["responded_on"]:
            services.update_consultee(uow(), ACTOR, plan_id, consultee["id"],
                                      responded_on=answered, summary="Supports the priorities")


def _publish(uow, plan_id: int, on: date, event: str = "publish") -> None:
    for channel, where in (("authority_website", {"url": "https://www.northshire.gov.uk/cypp"}),
                           ("partner_website", {"url": "https://www.northshire.police.uk/cypp"}),
                           ("public_place", {"place": "Northtown Central Library"}),
                           ("pct_website", {"url": "https://www.northshire.nhs.uk/cypp"}),
                           ("child_friendly_version",
                            {"url": "https://www.northshire.gov.uk/cypp/young-people"}),
                           ("disseminated_to_consultees",
                            {"place": "Weblink and summary sent to everyone consulted"})):
        services.record_publication_channel(uow(), ACTOR, plan_id, channel=channel, done_on=on,
                                            **where)
    services.fire_event(uow(), ACTOR, plan_id, event, on=on)


def _open_review(uow, plan_id: int, opened: date) -> None:
    services.fire_event(uow(), ACTOR, plan_id, "start_review", on=opened)
    services.add_consultee(uow(), ACTOR, plan_id, category="c", name="Northshire Youth Council",
                           invited_on=opened)


def _close_review(uow, plan_id: int, concluded: date, revise: bool) -> None:
    _responses(uow, plan_id, concluded, review=True)
    if revise:
        services.fire_event(uow(), ACTOR, plan_id, "begin_revision", on=concluded,
                            reason="New early help duties and Academy conversions")
    else:
        services.fire_event(uow(), ACTOR, plan_id, "conclude_review", on=concluded,
                            outcome="no_revision_needed",
                            reason="Priorities still right; progress on track")


def _review_steps(p, opened: date, concluded: date, revise: bool = False) -> list:
    return [(opened, lambda uow: _open_review(uow, p(), opened)),
            (concluded, lambda uow: _close_review(uow, p(), concluded, revise))]


def _revise(uow, plan_id: int, on: date) -> None:
    changes = services.list_membership_changes(uow(), plan_id)
    services.acknowledge_membership_changes(
        uow(), ACTOR, plan_id, change_ids=[c["id"] for c in changes],
        note="Academy and Short Stay School representation reflected in the key actions")
    _complete_matters(uow, plan_id, on, suffix=" (revised 2013)")
    _publish(uow, plan_id, on, event="publish_revision")


def _first_plan_steps(ids) -> list[tuple[date, Callable]]:
    p = lambda: ids["plan1"]  # noqa: E731 - ids fill in as the story runs
    return [
        (D(2010, 5, 4), lambda uow: ids.update(plan1=services.create_plan(
            uow(), ACTOR, ids["board"], title="Northshire Children and Young People's Plan "
            "2011-2014", period_start=D(2011, 4, 1), period_end=D(2014, 3, 31))["id"])),
        (D(2010, 6, 30), lambda uow: services.update_checklist_item(
            uow(), ACTOR, p(), "needs_assessment", status="drafted",
            text="Joint strategic needs assessment 2010, children's chapter")),
        (D(2010, 9, 1), lambda uow: _invite(uow, p(), D(2010, 9, 1), D(2010, 10, 29))),
        (D(2010, 9, 1), lambda uow: services.fire_event(uow(), ACTOR, p(), "open_consultation",
                                                        on=D(2010, 9, 1))),
        (D(2010, 10, 20), lambda uow: _responses(uow, p(), D(2010, 10, 20))),
        (D(2010, 11, 5), lambda uow: services.fire_event(uow(), ACTOR, p(), "close_consultation",
                                                         on=D(2010, 11, 5))),
        (D(2011, 1, 20), lambda uow: _complete_matters(uow, p(), D(2011, 1, 20))),
        (D(2011, 1, 27), lambda uow: services.record_approval(
            uow(), ACTOR, p(), approved_on=D(2011, 1, 27), minute_ref="CTB/2011/01 item 4")),
        (D(2011, 1, 27), lambda uow: services.fire_event(uow(), ACTOR, p(), "approve",
                                                         on=D(2011, 1, 27))),
        (D(2011, 3, 15), lambda uow: _publish(uow, p(), D(2011, 3, 15))),
        (D(2013, 3, 20), lambda uow: _revise(uow, p(), D(2013, 3, 20))),
    ] + (_review_steps(p, D(2012, 1, 10), D(2012, 2, 20))
         + _review_steps(p, D(2012, 11, 5), D(2013, 1, 15), revise=True)
         + _review_steps(p, D(2013, 11, 1), D(2014, 1, 20)))


def _partner_ids(uow, board_id: int, *names: str) -> list[int]:
    partners = {p["name"]: p["id"] for p in services.list_relevant_partners(uow(), board_id)}
    return [partners[n] for n in names]


def _districts(uow, board_id: int):
    """One member for both district councils (s12A(5))."""
    return _partner_ids(uow, board_id, "Eastvale District Council", "Westvale District Council")


def _membership_steps(ids) -> list[tuple[date, Callable]]:
    b = lambda: ids["board"]  # noqa: E731
    steps = [(since, lambda uow, name=name, kind=kind, since=since: services.add_relevant_partner(
        uow(), ACTOR, b(), name=name, partner_type=kind, since=since))
        for name, kind, since in PARTNERS]
    steps += [(D(2010, 4, 1), lambda uow, m=m: services.add_member(
        uow(), ACTOR, b(), organisation=m[0], partner_type=m[1], statutory=m[2],
        representative=m[3], joined_on=D(2010, 4, 1),
        represents_partners=_districts(uow, b()) if m[1] == "district_council" else []))
        for m in MEMBERS]
    steps += [
        (D(2011, 9, 1), lambda uow: services.add_member(
            uow(), ACTOR, b(), organisation="Westmoor Academy Trust", partner_type="academy",
            statutory=True, representative="Executive Principal", joined_on=D(2011, 9, 1))),
        (D(2012, 3, 31), lambda uow: _member_leaves(uow, b(), "Eastvale District Council",
                                                    D(2012, 3, 31))),
        (D(2012, 3, 31), lambda uow: services.add_member(
            uow(), ACTOR, b(), organisation="Northshire District Councils", statutory=True,
            partner_type="district_council", representative="Lead Chief Executive",
            joined_on=D(2012, 3, 31), represents_partners=_districts(uow, b()))),
        (D(2012, 9, 1), lambda uow: services.add_member(
            uow(), ACTOR, b(), organisation="Northshire Short Stay School", partner_type="pru",
            statutory=True, representative="Headteacher", joined_on=D(2012, 9, 1))),
    ]
    return steps


def _member_leaves(uow, board_id: int, organisation: str, on: date) -> None:
    member = next(m for m in services.list_members(uow(), board_id)
                  if m["organisation"] == organisation)
    services.update_member(uow(), ACTOR, board_id, member["id"], left_on=on)


def _successor_steps(ids) -> list[tuple[date, Callable]]:
    p = lambda: ids["plan2"]  # noqa: E731
    return [
        (D(2013, 9, 2), lambda uow: ids.update(plan2=services.create_plan(
            uow(), ACTOR, ids["board"], title="Northshire Children and Young People's Plan "
            "2014-2017", period_start=D(2014, 4, 1), period_end=D(2017, 3, 31))["id"])),
        (D(2013, 12, 2), lambda uow: services.update_checklist_item(
            uow(), ACTOR, p(), "needs_assessment", status="drafted",
            text="Needs assessment refresh 2013")),
        (D(2014, 2, 3), lambda uow: _invite(uow, p(), D(2014, 2, 3), D(2014, 3, 28),
                                            SUCCESSOR_CONSULTEES)),
        (D(2014, 2, 3), lambda uow: services.fire_event(uow(), ACTOR, p(), "open_consultation",
                                                        on=D(2014, 2, 3))),
        (D(2014, 3, 14), lambda uow: _responses(uow, p(), D(2014, 3, 14))),
    ]


ASSESSMENTS = {"Northshire Constabulary": "partly", "Jobcentre Plus Northshire": "partly",
               "Northshire Probation Trust": "not_in_accordance"}
GOVERNANCE = ("The Chief Executive and the Leader judge the Board's governance and partnership "
              "arrangements effective; joint commissioning of early help is the next step.")


def _monitor(uow, board_id: int, on: date, skip: tuple[str, ...] = (),
             only: tuple[str, ...] | None = None) -> None:
    """One entry for each member on the Board on ``on`` (s17A(3)(a))."""
    for member in services.list_members(uow(), board_id):
        if member["joined_on"] > on or (member["left_on"] and member["left_on"] < on) \
                or member["organisation"] in skip or (only and member["organisation"] not in only):
            continue
        services.record_monitoring(
            uow(), ACTOR, board_id, member_id=member["id"], on=on,
            assessment=ASSESSMENTS.get(member["organisation"], "in_accordance"),
            evidence=f"Quarterly performance return and Board challenge session, {on:%B %Y}")


def _report(uow, board_id: int, year_start: date, published: date | None) -> None:
    """Draft the year's annual report; record the governance assessment and publish it."""
    report = services.create_annual_report(uow(), ACTOR, board_id, year_start=year_start)
    if published is None:
        return
    services.update_annual_report(uow(), ACTOR, report["id"], governance_assessment=GOVERNANCE)
    services.publish_annual_report(
        uow(), ACTOR, report["id"], published_on=published,
        url=f"https://www.northshire.gov.uk/cypp/annual-report-{year_start.year}")


def _monitoring_steps(ids) -> list[tuple[date, Callable]]:
    b = lambda: ids["board"]  # noqa: E731
    return [
        (D(2012, 3, 15), lambda uow: _monitor(uow, b(), D(2012, 3, 15))),
        # It joined on the year's last day, so it is a co-operating partner of 2011/12 too.
        (D(2012, 3, 31), lambda uow: _monitor(uow, b(), D(2012, 3, 31),
                                              only=("Northshire District Councils",))),
        (D(2012, 7, 16), lambda uow: _report(uow, b(), D(2011, 4, 1), D(2012, 7, 16))),
        (D(2013, 3, 14), lambda uow: _monitor(uow, b(), D(2013, 3, 14))),
        (D(2013, 9, 20), lambda uow: _report(uow, b(), D(2012, 4, 1), D(2013, 9, 20))),
        (D(2014, 3, 13), lambda uow: _monitor(uow, b(), D(2014, 3, 13),
                                              skip=("Jobcentre Plus Northshire",))),
        (D(2014, 6, 2), lambda uow: _report(uow, b(), D(2013, 4, 1), None)),
    ]


def load_demo(uow: Callable, today: date) -> dict:
    """Record the demo story up to ``today``; the ids of what was created."""
    ids: dict = {}
    ids["board"] = _board(uow, ids)
    steps = (_membership_steps(ids) + _first_plan_steps(ids) + _successor_steps(ids)
             + _monitoring_steps(ids))
    for on, step in sorted(steps, key=lambda s: s[0]):
        if on <= today:
            step(uow)
    for on, step in sorted(joint_board_steps(ids), key=lambda s: s[0]):
        if on <= today:
            step(uow)
    ids["automatic"] = services.run_automatic_events(uow(), ids["board"])
    if "joint_board" in ids:
        services.run_automatic_events(uow(), ids["joint_board"])
    ids["tokens"] = _demo_users(uow, [ids["board"], ids.get("joint_board")])
    return ids


# The demo's people, who sign in to the web pages with DEMO_PASSWORD (a demo, not a secret).
# (name, role, email, which demo boards: 0 Northshire, 1 Riverside and Dale)
DEMO_USERS = (("northshire-coordinator", "coordinator", "cypp@northshire.example", (0,)),
              ("northshire-member", "member", None, (0,)),
              ("riverside-coordinator", "coordinator", "cypp@riverside.example", (1,)),
              ("demo-auditor", "auditor", None, ()),
              ("demo-admin", "admin", None, ()))
DEMO_PASSWORD = "northshire-demo"
TOKEN_HOLDERS = ("northshire-coordinator", "demo-auditor")


def _demo_users(uow, board_ids: list) -> dict[str, str]:
    """The demo's people: a coordinator of each demo board, a member of the first, an
    auditor and an admin; two get a token to try the API."""
    tokens = {}
    boards = [b for b in board_ids if b is not None]
    for name, role, email, which in DEMO_USERS:
        access.create_user(uow(), ACTOR, name=name, role=role, email=email,
                           board_ids=[boards[i] for i in which if i < len(boards)],
                           password=DEMO_PASSWORD)
        if name in TOKEN_HOLDERS:
            tokens[name] = access.issue_token(uow(), ACTOR, name, "demo")["token"]
    return tokens


def demo_sign_ins(uow) -> list[str]:
    """How to sign in as each demo person still present and active (for ``make run``)."""
    present = {u["name"]: u for u in access.list_users(uow())}
    return [f"{name} ({role}) / password {DEMO_PASSWORD}" for name, role, _, _ in DEMO_USERS
            if name in present and present[name]["active"] and present[name]["has_password"]]
