"""The one clock: real time in England, or pinned by CYPP_CLOCK."""
from datetime import date, datetime, timezone

import pytest

from lifecycle.clock import Clock, clock_from_env


def test_cypp_clock_pins_today_for_the_process():
    clock = clock_from_env({"CYPP_CLOCK": "2011-03-31"})
    assert clock.today() == date(2011, 3, 31)


def test_cypp_clock_accepts_an_iso_datetime_read_as_london_time():
    clock = clock_from_env({"CYPP_CLOCK": "2014-07-01T00:30"})
    assert clock.today() == date(2014, 7, 1)
    assert clock.now() == datetime(2014, 6, 30, 23, 30, tzinfo=timezone.utc)


def test_a_malformed_cypp_clock_is_a_clear_error():
    with pytest.raises(ValueError, match="CYPP_CLOCK must be YYYY-MM-DD"):
        clock_from_env({"CYPP_CLOCK": "31/03/2011"})


def test_unset_cypp_clock_means_real_time(freezer):
    freezer.move_to("2026-03-29T00:30:00Z")
    clock = clock_from_env({})
    assert clock.today() == date(2026, 3, 29)
    assert clock.now().tzinfo is not None


def test_today_is_the_london_date_not_the_utc_date_in_summer(freezer):
    freezer.move_to("2013-03-31T23:30:00Z")  # 00:30 BST on 1 April 2013
    assert Clock().today() == date(2013, 4, 1)
