"""Paging on the pages that span boards: the page asked for, and pagination that stays short
with 10,000 boards."""
from __future__ import annotations

from flask import Flask

from web.paging import page_number, pagination


def app() -> Flask:
    made = Flask(__name__)
    made.add_url_rule("/boards", "boards", lambda: "")
    return made


def test_pagination_links_first_last_and_the_pages_round_this_one():
    with app().test_request_context("/boards"):
        found = pagination("boards", 250, 500, per="x")
    numbers = [i.get("number", "...") for i in found["items"]]
    assert numbers == [1, "...", 249, 250, 251, "...", 500]
    assert [i["number"] for i in found["items"] if i.get("current")] == [250]
    assert found["previous"]["href"] == "/boards?page=249&per=x"
    assert found["next"]["href"] == "/boards?page=251&per=x"


def test_the_first_and_last_pages_have_no_link_beyond_them_and_one_page_has_no_pagination():
    with app().test_request_context("/boards"):
        assert pagination("boards", 1, 3)["previous"] is None
        assert pagination("boards", 3, 3)["next"] is None
        assert [i["number"] for i in pagination("boards", 1, 3)["items"]] == [1, 2, 3]
        assert pagination("boards", 1, 1) is None


def test_a_missing_or_nonsense_page_number_means_the_first_page():
    for query, expected in (("", 1), ("?page=7", 7), ("?page=0", 1), ("?page=-2", 1),
                            ("?page=abc", 1), ("?page=99999999999", 1)):
        with app().test_request_context("/boards" + query):
            assert page_number() == expected, query
