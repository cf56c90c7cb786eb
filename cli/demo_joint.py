"""The demo's joint Board (Act s12A(6); guidance 7.29): two authorities, two PCTs.

Riverside Borough Council and Dale County Council run one Board for their combined
area. Its relevant partners are all represented, some by one person for several
(s12A(5)); its first plan is consulted on in both areas (reg 7(1)(e), (k), (l) per
area), put on both councils' and both PCTs' websites (reg 6(a)) and reviewed each
year; its successor is not yet started. Steps dated after today are left out.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from lifecycle import services
from lifecycle.rules.checklist import MATTERS

D = date
ACTOR = "demo"
AUTHORITIES = ["Riverside Borough Council", "Dale County Council"]
PCTS = ["NHS Riverside", "NHS Dale"]
SITES = {"Riverside Borough Council": "https://www.riverside.gov.uk/cypp",
         "Dale County Council": "https://www.dale.gov.uk/cypp",
         "NHS Riverside": "https://www.riverside.nhs.uk/cypp",
         "NHS Dale": "https://www.dale.nhs.uk/cypp"}
PARTNERS = [("NHS Riverside", "pct"), ("NHS Dale", "pct"), ("Riverdale Constabulary", "police"),
            ("Riverdale Probation Trust", "probation"),
            ("Riverside Youth Offending Team", "youth_offending_team"),
            ("Dale Youth Offending Team", "youth_offending_team"),
            ("Jobcentre Plus Riverdale", "jobcentre_plus"),
            ("Maintained schools of Riverside and Dale", "maintained_school"),
            ("Riverdale College", "fe_college"),
            ("NHS North of England", "strategic_health_authority")]
# (organisation, partner_type, representative, the partners it also represents)
MEMBERS = [
    ("Riverside Borough Council", "local_authority", "Director of Children's Services", []),
    ("Dale County Council", "local_authority", "Director of Children's Services", []),
    ("NHS Riverside and Dale", "pct", "Joint Director of Commissioning",
     ["NHS Riverside", "NHS Dale"]),
    ("Riverdale Constabulary", "police", "Chief Superintendent", []),
    ("Riverdale Probation Trust", "probation", "Assistant Chief Officer", []),
    ("Riverside and Dale Youth Offending Services", "yot", "Head of Youth Justice",
     ["Riverside Youth Offending Team", "Dale Youth Offending Team"]),
    ("Jobcentre Plus Riverdale", "jobcentre_plus", "District Manager", []),
    ("Maintained schools of Riverside and Dale", "maintained_schools", "Headteacher", []),
    ("Riverdale College", "fe_college", "Principal", []),
]
CONSULTEES = [
    ("e", "Riverside LSCB", "Riverside Borough Council"),
    ("e", "Dale LSCB", "Dale County Council"),
    ("k", "Riverside Schools Forum", "Riverside Borough Council"),
    ("k", "Dale Schools Forum", "Dale County Council"),
    ("l", "Riverside Admission Forum", "Riverside Borough Council"),
    ("l", "Dale Admission Forum", "Dale County Council"),
    ("a", "Riverdale Connexions", None), ("b", "Dale Valley Academy Trust", None),
    ("f", "Riverside Children's Centre Advisory Board", "Riverside Borough Council"),
    ("h", "Diocese of Riverdale (CofE)", None), ("j", "Riverdale Independent Schools", None),
    ("c", "Riverside and Dale Youth Forum", None),
]


def _board_and_members(uow, ids: dict) -> None:
    ids["joint_board"] = board = services.create_board(
        uow(), ACTOR, name="Riverside and Dale Children's Trust Board", authorities=AUTHORITIES,
        pcts=PCTS, authority_website=SITES[AUTHORITIES[0]], pct_website=SITES[PCTS[0]])["id"]
    partner_ids = {name: services.add_relevant_partner(
        uow(), ACTOR, board, name=name, partner_type=kind, since=D(2010, 4, 1))["id"]
        for name, kind in PARTNERS}
    for organisation, kind, representative, represents in MEMBERS:
        services.add_member(uow(), ACTOR, board, organisation=organisation, partner_type=kind,
                            statutory=True, representative=representative,
                            joined_on=D(2010, 4, 1),
                            represents_partners=[partner_ids[n] for n in represents])


def _consult(uow, plan_id: int, on: date) -> None:
    for letter, name, area in CONSULTEES:
        services.add_consultee(uow(), ACTOR, plan_id, category=letter, name=name, authority=area,
                               invited_on=on, response_due=D(2010, 10, 29))
    services.add_consultee(uow(), ACTOR, plan_id, category="m", none_in_area=True,
                           note="No independent specialist college in either area")
    services.fire_event(uow(), ACTOR, plan_id, "open_consultation", on=on)


def _responses(uow, plan_id: int, on: date) -> None:
    for consultee in services.get_plan(uow(), plan_id)["consultees"]:
        if consultee["category"] in "ekc" and not consultee["none_in_area"]:
            services.update_consultee(uow(), ACTOR, plan_id, consultee["id"], responded_on=on,
                                      summary="Supports the joint priorities")


def _approve(uow, plan_id: int, on: date) -> None:
    for m in MATTERS:
        report = {"report_ref": f"{m.key} report 2010", "report_date": D(2010, 10, 1)} \
            if m.takes_report else {}
        services.update_checklist_item(uow(), ACTOR, plan_id, m.key, status="complete",
                                       text=m.matter, **report)
    services.record_approval(uow(), ACTOR, plan_id, approved_on=on, minute_ref="RDCTB/2011/02")
    services.fire_event(uow(), ACTOR, plan_id, "approve", on=on)


def _publish(uow, plan_id: int, on: date) -> None:
    """Reg 6(a) on each council's and each PCT's website, 6(b), 6(c) and guidance 8.45."""
    channels = [("authority_website", n) for n in AUTHORITIES] + [("pct_website", n) for n in PCTS]
    for channel, organisation in channels:
        services.record_publication_channel(uow(), ACTOR, plan_id, channel=channel, done_on=on,
                                            organisation=organisation, url=SITES[organisation])
    for channel, where in (("partner_website", {"url": "https://www.riverdale.police.uk/cypp"}),
                           ("public_place", {"place": "Riverside Central Library"}),
                           ("child_friendly_version", {"url": SITES[AUTHORITIES[0]] + "/young"}),
                           ("disseminated_to_consultees", {"place": "Sent to all consulted"})):
        services.record_publication_channel(uow(), ACTOR, plan_id, channel=channel, done_on=on,
                                            **where)
    services.fire_event(uow(), ACTOR, plan_id, "publish", on=on)


def _review(uow, plan_id: int, opened: date, concluded: date) -> None:
    services.fire_event(uow(), ACTOR, plan_id, "start_review", on=opened)
    services.add_consultee(uow(), ACTOR, plan_id, category="c",
                           name="Riverside and Dale Youth Forum", invited_on=opened)
    services.fire_event(uow(), ACTOR, plan_id, "conclude_review", on=concluded,
                        outcome="no_revision_needed", reason="Joint priorities still right")


def joint_board_steps(ids: dict) -> list[tuple[date, Callable]]:
    """The joint Board's story as dated steps (run after Northshire's, so ids stay stable)."""
    p = lambda: ids["joint_plan1"]  # noqa: E731 - filled in as the story runs
    steps = [
        (D(2010, 4, 1), lambda uow: _board_and_members(uow, ids)),
        (D(2010, 5, 10), lambda uow: ids.update(joint_plan1=services.create_plan(
            uow(), ACTOR, ids["joint_board"], title="Riverside and Dale Children and Young "
            "People's Plan 2011-2014", period_start=D(2011, 4, 1), period_end=D(2014, 3, 31))["id"])),
        (D(2010, 7, 1), lambda uow: services.update_checklist_item(
            uow(), ACTOR, p(), "needs_assessment", status="drafted",
            text="Joint strategic needs assessments of Riverside and of Dale, 2010")),
        (D(2010, 9, 6), lambda uow: _consult(uow, p(), D(2010, 9, 6))),
        (D(2010, 10, 20), lambda uow: _responses(uow, p(), D(2010, 10, 20))),
        (D(2010, 11, 8), lambda uow: services.fire_event(uow(), ACTOR, p(), "close_consultation",
                                                         on=D(2010, 11, 8))),
        (D(2011, 1, 31), lambda uow: _approve(uow, p(), D(2011, 1, 31))),
        (D(2011, 3, 28), lambda uow: _publish(uow, p(), D(2011, 3, 28))),
    ]
    for opened, concluded in ((D(2012, 1, 16), D(2012, 2, 27)), (D(2012, 11, 12), D(2013, 1, 21)),
                              (D(2013, 11, 4), D(2014, 1, 27))):
        steps.append((concluded, lambda uow, o=opened, c=concluded: _review(uow, p(), o, c)))
    return steps
