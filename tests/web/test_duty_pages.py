"""The duty pages through Flask's test client: a joint Board's records forms ask whose
website and which authority area, and what the services refuse reaches the page."""
from __future__ import annotations

from datetime import date

import pytest

from cli.app import create_app
from lifecycle import services
from lifecycle.services import access
from tests.support import builders
from tests.web.test_records import PASSWORD, signed_in
from web.display import dates_in_words


@pytest.fixture
def app(uow, clock):
    return create_app({"TESTING": True, "UOW_FACTORY": uow, "CLOCK": clock,
                       "RATELIMIT_ENABLED": False, "PROPAGATE_EXCEPTIONS": True})


@pytest.fixture
def joint(uow):
    board = builders.board(uow, authority=None, pct=None,
                           authorities=["Riverside Council", "Dale Council"],
                           pcts=["NHS Riverside", "NHS Dale"])
    plan = builders.plan(uow, board["id"])
    access.create_user(uow(), "tester", name="cath", role="coordinator",
                       board_ids=[board["id"]], password=PASSWORD)
    return {"board_id": board["id"], "plan_id": plan["id"]}


def test_a_joint_boards_board_page_names_each_authority_and_each_unrepresented_body(
        app, uow, joint):
    services.add_member(uow(), "tester", joint["board_id"], organisation="Riverside Council",
                        partner_type="local_authority", statutory=True,
                        joined_on=date(2010, 4, 1), represents_authorities=["Riverside Council"])
    page = signed_in(app, "cath").get(f"/boards/{joint['board_id']}")
    assert page.status_code == 200, page.text
    for name in ("Riverside Council", "Dale Council", "NHS Riverside", "NHS Dale"):
        assert name in page.text
    assert "Dale Council: no member represents this establishing authority" in page.text
    assert "Riverside Council: no member" not in page.text


def test_a_joint_boards_records_forms_ask_whose_website_and_which_area(app, joint):
    client = signed_in(app, "cath")
    channel = client.get(f"/plans/{joint['plan_id']}/publication/new")
    assert 'name="organisation" type="radio" value="NHS Dale"' in channel.text
    consultee = client.get(f"/plans/{joint['plan_id']}/consultees/new")
    assert 'name="authority" type="radio" value="Dale Council"' in consultee.text


def test_a_monitoring_entry_dated_after_today_is_refused_with_the_field_named(app, uow, joint):
    member = services.add_member(uow(), "tester", joint["board_id"], organisation="Police",
                                 partner_type="police", statutory=True,
                                 joined_on=date(2010, 4, 1))
    answer = signed_in(app, "cath").post(
        f"/boards/{joint['board_id']}/monitoring/new",
        data={"member_id": member["id"], "on-day": "1", "on-month": "1", "on-year": "2030",
              "assessment": "partly", "evidence": "Too early"})
    assert answer.status_code == 400
    assert services.list_monitoring(uow(), joint["board_id"])["total"] == 0


def test_a_services_iso_dates_read_as_england_writes_them_on_a_page():
    assert dates_in_words("Annual report for the year 2013-04-01 to 2014-03-31") == (
        "Annual report for the year 1 April 2013 to 31 March 2014")
    assert dates_in_words("not a date 2013-02-30") == "not a date 2013-02-30"
