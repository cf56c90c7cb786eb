"""The project carries its own domain reference, docs/rules.md, and it stays true.

A clone holds no material outside the repository, so nothing outside tests/ may point
at it; and every module and test that docs/rules.md names must exist.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "docs" / "rules.md"
# Built from parts so that this file does not itself match what it looks for.
FORBIDDEN = ("../" + "shared", "RULES" + ".md")
MODULE_PATH = re.compile(r"`((?:lifecycle|api|web|cli|schedules|tests)/[\w/]+\.py)`")
TEST_NAME = re.compile(r"`(test_\w+)`")


def _tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode()
    return [name for name in listed.split("\0") if name]


def test_no_tracked_file_outside_tests_points_outside_the_repository():
    offenders = []
    for name in _tracked_files():
        path = ROOT / name
        if name.startswith("tests/") or not path.is_file():
            continue
        text = path.read_bytes()
        offenders += [f"{name}: {word}" for word in FORBIDDEN if word.encode() in text]
    assert offenders == []


def test_the_tracked_files_include_the_domain_reference():
    assert "docs/rules.md" in _tracked_files()


def test_every_module_path_named_in_the_domain_reference_exists():
    named = sorted(set(MODULE_PATH.findall(RULES.read_text())))
    assert len(named) > 20
    assert [path for path in named if not (ROOT / path).is_file()] == []


def test_every_test_named_in_the_domain_reference_is_defined():
    named = set(TEST_NAME.findall(RULES.read_text()))
    defined = {match for path in (ROOT / "tests").rglob("test_*.py")
               for match in re.findall(r"^\s*def (test_\w+)\(", path.read_text(), re.M)}
    assert len(named) > 50
    assert sorted(named - defined) == []
