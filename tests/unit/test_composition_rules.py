"""Board composition (s12A(2), (4), (5)) and reg 7(1)(a)/(b) consultees who are Board partners,
with the dates worked out by hand."""
from datetime import date

from lifecycle.model import Authority, Consultee, Member, RelevantPartner
from lifecycle.rules import composition

COUNCIL = "Northshire County Council"


def member(organisation: str, joined=date(2010, 4, 1), left=None, partners=(), authorities=()):
    return Member(organisation=organisation, joined_on=joined, left_on=left,
                  partners=list(partners), authorities=list(authorities))


def partner(name: str, kind: str = "police", since=date(2010, 4, 1), ended=None):
    return RelevantPartner(name=name, partner_type=kind, since=since, ended_on=ended)


def gaps(partners, members, on, authorities=(COUNCIL,)):
    return [(g.body, g.since) for g in composition.unrepresented(authorities, partners, members, on)]


def test_an_unrepresented_relevant_partner_is_a_finding_cited_s12a2_from_when_it_became_one():
    police = partner("Northshire Constabulary", since=date(2010, 6, 1))
    found = composition.unrepresented([COUNCIL], [police], [member(COUNCIL)], date(2010, 9, 1))
    assert [(g.body, g.since, g.requirement.citation) for g in found] == [
        ("Northshire Constabulary", date(2010, 6, 1), "s12A(2)")]
    assert found[0].requirement.requirement == (
        "no Board member represents Northshire Constabulary (police), a relevant partner of "
        "the establishing authority")


def test_a_partner_is_not_yet_required_the_day_before_it_becomes_one():
    police = partner("Northshire Constabulary", since=date(2010, 6, 1))
    assert gaps([police], [member(COUNCIL)], date(2010, 5, 31)) == []


def test_a_strategic_health_authority_need_not_be_represented():
    sha = partner("NHS North East", kind="strategic_health_authority")
    assert gaps([sha], [member(COUNCIL)], date(2011, 1, 1)) == []


def test_one_member_may_represent_several_bodies():
    east, west = partner("Eastvale DC", "district_council"), partner("Westvale DC",
                                                                      "district_council")
    districts = member("Northshire District Councils", partners=[east, west])
    assert gaps([east, west], [member(COUNCIL), districts], date(2011, 1, 1)) == []


def test_a_member_who_left_represents_until_the_day_before_it_left():
    police = partner("Northshire Constabulary")
    leaving = member("Northshire Constabulary", left=date(2012, 3, 31))
    members = [member(COUNCIL), leaving]
    assert gaps([police], members, date(2012, 3, 30)) == []
    assert gaps([police], members, date(2012, 3, 31)) == [
        ("Northshire Constabulary", date(2012, 3, 31))]


def test_a_successor_joining_the_day_its_predecessor_left_leaves_no_gap():
    police = partner("Northshire Constabulary")
    members = [member(COUNCIL), member("Northshire Constabulary", left=date(2012, 3, 31)),
               member("Police seat", joined=date(2012, 3, 31), partners=[police])]
    assert gaps([police], members, date(2012, 3, 31)) == []


def test_a_partner_that_ended_needs_no_representative_from_its_end_date():
    pct = partner("NHS Northshire", "pct", ended=date(2013, 4, 1))
    assert gaps([pct], [member(COUNCIL)], date(2013, 3, 31)) == [
        ("NHS Northshire", date(2010, 4, 1))]
    assert gaps([pct], [member(COUNCIL)], date(2013, 4, 1)) == []


def test_nothing_is_judged_before_the_first_recorded_joining():
    police = partner("Northshire Constabulary")
    assert gaps([police], [member(COUNCIL, joined=date(2010, 6, 1))], date(2010, 5, 31)) == []
    assert gaps([police], [], date(2011, 1, 1)) == []


def test_each_authority_of_a_joint_board_needs_a_representative():
    dale = Authority(name="Dale County Council")
    riverside_only = [member("Riverside Borough Council")]
    assert gaps([], riverside_only, date(2011, 1, 1),
                ("Riverside Borough Council", "Dale County Council")) == [
        ("Dale County Council", None)]
    both = [member("Riverside Borough Council", authorities=[dale])]
    assert gaps([], both, date(2011, 1, 1),
                ("Riverside Borough Council", "Dale County Council")) == []


def consultee(category: str, name: str) -> Consultee:
    return Consultee(category=category, name=name, none_in_area=False)


def test_a_7_1_b_consultee_that_is_a_board_member_on_the_day_is_flagged():
    academy = member("Westmoor Academy Trust", joined=date(2011, 9, 1))
    consulted = [consultee("b", "Westmoor Academy Trust"), consultee("e", "Northshire LSCB")]
    assert composition.partner_consultees(consulted, [academy], date(2011, 8, 31)).warnings == []
    [warning] = composition.partner_consultees(consulted, [academy], date(2011, 9, 1)).warnings
    assert (warning.citation, warning.requirement) == (
        "reg 7(1)(b)", "Westmoor Academy Trust is a Board partner on 2011-09-01, but reg "
        "7(1)(b) is for bodies that are not Board partners")


def test_a_7_1_a_consultee_represented_through_another_member_is_flagged():
    connexions = partner("Connexions", "youth_offending_team")
    consulted = [consultee("a", "Connexions")]
    seat = member("Youth services", partners=[connexions])
    [warning] = composition.partner_consultees(consulted, [seat], date(2011, 1, 1)).warnings
    assert warning.citation == "reg 7(1)(a)"
