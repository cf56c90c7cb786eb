"""Seed a database with N boards, each with a chain of three published plans, their
concluded annual reviews and published annual reports (10,000 boards = 30,000 plans), by
bulk insert.

    .venv/bin/python -m bench.seed postgresql+psycopg://postgres@127.0.0.1:5432/cypp_bench 10000
"""
from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import insert, text

from lifecycle.db.engine import make_engine
from lifecycle.db.migrate import upgrade
from lifecycle.db.monitoring_tables import annual_reports
from lifecycle.db.tables import authorities, boards, plans, reviews
from lifecycle.rules.rulebooks import DEFAULT_REVIEW_BASIS

CREATED = datetime(2010, 4, 1, tzinfo=timezone.utc)
PERIODS = ((date(2011, 4, 1), date(2014, 3, 31)), (date(2014, 4, 1), date(2017, 3, 31)),
           (date(2017, 4, 1), date(2020, 3, 31)))
STATES = ("superseded", "superseded", "in_force")
SEEDED_ON = date(2019, 6, 3)  # the bench's today: nothing is recorded after it


def _plans(board_id: int, first_plan_id: int) -> tuple[list[dict], list[dict]]:
    spread = timedelta(days=board_id % 40)
    chain, concluded = [], []
    for n, ((start, end), state) in enumerate(zip(PERIODS, STATES)):
        plan_id = first_plan_id + n
        chain.append({"id": plan_id, "board_id": board_id, "sequence": n + 1,
                      "title": f"CYPP {start.year}-{end.year}", "period_start": start,
                      "period_end": end, "predecessor_id": plan_id - 1 if n else None,
                      "state": state, "version": 1, "revision": 0,
                      "published_on": start - timedelta(days=20) + spread,
                      "created_at": CREATED})
        for year in (1, 2, 3):
            on = date(start.year + year, 1, 10) + spread
            if on > SEEDED_ON:
                continue
            concluded.append({"plan_id": plan_id, "opened_on": on - timedelta(days=30),
                              "concluded_on": on, "outcome": "no_revision_needed"})
    return chain, concluded


def _annual_reports(board_id: int) -> list[dict]:
    """A report on each financial year the chain runs, published in July after it."""
    spread = timedelta(days=board_id % 40)
    found = []
    for year in range(PERIODS[0][0].year, PERIODS[-1][1].year):
        on = date(year + 1, 7, 15) + spread
        if on <= SEEDED_ON:
            found.append({"board_id": board_id, "year_start": date(year, 4, 1),
                          "year_end": date(year + 1, 3, 31), "published_on": on,
                          "url": f"https://board{board_id}.example/report-{year}",
                          "created_at": CREATED})
    return found


def seed(url: str, count: int) -> None:
    """Migrate ``url`` and fill it with ``count`` boards (3 plans each)."""
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as c:
        c.execute(insert(authorities), [{"id": 1, "name": "Benchshire County Council"}])
        c.execute(insert(boards), [
            {"id": b, "name": f"Board {b}", "authority_id": 1, "pct": "NHS Benchshire",
             "review_basis": DEFAULT_REVIEW_BASIS, "created_at": CREATED} for b in range(1, count + 1)])
        all_plans, all_reviews = [], []
        for b in range(1, count + 1):
            chain, concluded = _plans(b, 3 * (b - 1) + 1)
            all_plans += chain
            all_reviews += concluded
        c.execute(insert(plans), all_plans)
        c.execute(insert(reviews), all_reviews)
        c.execute(insert(annual_reports), [r for b in range(1, count + 1)
                                           for r in _annual_reports(b)])
        if engine.dialect.name == "postgresql":
            for table in ("boards", "plans", "reviews", "authorities", "annual_reports"):
                c.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT max(id) FROM {table}))"))
            c.execute(text("ANALYZE"))
    engine.dispose()


if __name__ == "__main__":
    seed(sys.argv[1], int(sys.argv[2]))
