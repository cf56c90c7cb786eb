from datetime import date

from tests.support import builders


def test_a_plan_can_be_driven_to_revising(uow):
    board = builders.board(uow)
    plan = builders.plan(uow, board["id"])
    view = builders.to_state(uow, plan["id"], "revising")
    assert view["state"] == "revising"
    assert view["reviews"][0]["concluded_on"] == date(2012, 2, 1)
