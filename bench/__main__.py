"""``make bench``: every benchmark, each figure beside its target, and ``bench/results.json``.

    .venv/bin/python -m bench [postgresql+psycopg://postgres@127.0.0.1:5432] [--only NAME ...]

Each module in ``SUITES`` exposes ``TARGETS`` (figure -> (comparison, target, unit)) and
``run(server) -> dict[str, float]``, which creates its own databases on ``server``. Figures
are printed, never asserted: a figure that misses its target says so and the run goes on.
"""
from __future__ import annotations

import argparse
import importlib
import json
import operator
import os
import platform
import time
from datetime import UTC, datetime
from pathlib import Path

SUITES = ("bench.events", "bench.audit", "bench.evaluation")
RESULTS = Path(__file__).with_name("results.json")
COMPARE = {">=": operator.ge, "<=": operator.le}


def _line(key: str, value: float, target: tuple[str, float, str] | None) -> str:
    if target is None:
        return f"  {key:<28} {value:12.3f}"
    comparison, bound, unit = target
    verdict = "meets" if COMPARE[comparison](value, bound) else "MISSES"
    return f"  {key:<28} {value:12.3f} {unit:<4} target {comparison} {bound:g} {unit}: {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("server", nargs="?", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    parser.add_argument("--only", nargs="*", help="run only these suites (e.g. events audit)")
    args = parser.parse_args()
    chosen = [s for s in SUITES if not args.only or s.rsplit(".", 1)[1] in args.only]
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() and args.only else {}
    for name in chosen:
        suite = importlib.import_module(name)
        print(f"=== {name} ===", flush=True)
        started = time.perf_counter()
        figures = suite.run(args.server)
        print(f"--- {name}: {time.perf_counter() - started:.0f} s")
        for key, value in figures.items():
            print(_line(key, value, suite.TARGETS.get(key)))
        results.update(figures)
    results["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["machine"] = (f"{platform.machine()}, {os.cpu_count()} CPUs, "
                          f"Python {platform.python_version()}")
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
