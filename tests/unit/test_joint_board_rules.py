"""Joint Boards (s12A(6)): reg 6(a) for each authority and PCT, reg 7(1)(e), (k), (l) for each
authority area; dates worked out by hand."""
from datetime import date

from lifecycle.model import Consultee, PublicationChannel
from lifecycle.rules import consultees, publication

AUTHORITIES = ("Riverside Borough Council", "Dale County Council")
PCTS = ("NHS Riverside", "NHS Dale")
APPROVED = date(2011, 1, 31)


def record(channel: str, on: date, organisation=None) -> PublicationChannel:
    return PublicationChannel(channel=channel, done_on=on, organisation=organisation)


def test_publication_names_each_authority_and_pct_website_still_missing():
    channels = [record("authority_website", date(2011, 3, 20), "Riverside Borough Council"),
                record("pct_website", date(2011, 3, 22), "NHS Dale"),
                record("public_place", date(2011, 3, 21))]
    found = publication.publication_complete(channels, date(2011, 3, 28), APPROVED,
                                             AUTHORITIES, PCTS)
    assert [(r.citation, r.requirement) for r in found.unmet] == [
        ("reg 6(a)", "the plan is not on the website of Dale County Council (an establishing "
                     "authority)"),
        ("reg 6(a)", "the plan is not on the website of NHS Riverside (a relevant PCT)")]


def test_the_publication_date_is_the_latest_of_all_6a_records_and_the_first_deposit():
    # Websites 20, 25, 22 and 24 March; deposits 21 and 19 March: the last step is 25 March.
    channels = [record("authority_website", date(2011, 3, 20), "Riverside Borough Council"),
                record("authority_website", date(2011, 3, 25), "Dale County Council"),
                record("pct_website", date(2011, 3, 22), "NHS Riverside"),
                record("pct_website", date(2011, 3, 24), "NHS Dale"),
                record("public_place", date(2011, 3, 21)), record("public_place", date(2011, 3, 19))]
    assert publication.publication_date(channels, date(2011, 3, 28), APPROVED, AUTHORITIES,
                                        PCTS) == date(2011, 3, 25)
    assert publication.publication_date(channels, date(2011, 3, 24), APPROVED, AUTHORITIES,
                                        PCTS) is None


def test_a_website_record_without_an_organisation_counts_for_the_first_authority_only():
    channels = [record("authority_website", date(2011, 3, 20))]
    found = publication.publication_complete(channels, date(2011, 3, 28), APPROVED,
                                             AUTHORITIES, PCTS)
    assert "the plan is not on the website of Dale County Council (an establishing authority)" \
        in [r.requirement for r in found.unmet]
    assert not any("Riverside Borough Council" in r.requirement for r in found.unmet)


def test_a_record_for_the_other_authority_dated_too_late_is_named():
    channels = [record("authority_website", date(2011, 3, 20), "Riverside Borough Council"),
                record("authority_website", date(2011, 4, 2), "Dale County Council")]
    found = publication.publication_complete(channels, date(2011, 3, 28), APPROVED,
                                             AUTHORITIES, PCTS)
    assert "the authority_website (Dale County Council) record is dated 2011-04-02, after this " \
           "event (2011-03-28)" in [r.requirement for r in found.unmet]


def consultee(category: str, name: str, authority=None) -> Consultee:
    return Consultee(category=category, name=name, authority=authority, none_in_area=False)


def test_a_joint_board_needs_an_lscb_schools_forum_and_admission_forum_for_each_area():
    consulted = [consultee("e", "Riverside LSCB", "Riverside Borough Council"),
                 consultee("k", "Dale Schools Forum", "Dale County Council"),
                 consultee("l", "Riverside Admission Forum")]  # no area: the first authority's
    unmet = [(r.citation, r.requirement) for r in
             consultees.consultee_records_present(consulted, AUTHORITIES).unmet
             if r.citation in ("reg 7(1)(e)", "reg 7(1)(k)", "reg 7(1)(l)")]
    assert unmet == [
        ("reg 7(1)(e)", "the Local Safeguarding Children Board for Dale County Council has no "
                        "consultee record"),
        ("reg 7(1)(k)", "the schools forum for Riverside Borough Council has no consultee record"),
        ("reg 7(1)(l)", "the admission forum for Dale County Council has no consultee record")]


def test_a_single_board_needs_each_of_those_forums_once():
    consulted = [consultee("e", "LSCB"), consultee("k", "Forum"), consultee("l", "Admissions")]
    cited = {r.citation for r in consultees.consultee_records_present(consulted, AUTHORITIES[:1])
             .unmet}
    assert not cited & {"reg 7(1)(e)", "reg 7(1)(k)", "reg 7(1)(l)"}
