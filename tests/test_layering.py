"""The layering holds: the import-linter contracts in pyproject.toml are kept.

``make lint`` and ``.ci/run`` run ``lint-imports`` too; this test makes ``make test`` say it
as well, in the words of the contract that broke. It runs in its own process: import-linter
configures logging, which would silence the loggers other tests read.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = ("import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(no_cache=True, no_logo=True))")


def test_the_import_linter_contracts_are_kept():
    run = subprocess.run([sys.executable, "-c", LINT], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
