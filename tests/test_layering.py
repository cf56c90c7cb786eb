"""The layering holds: the import-linter contracts in pyproject.toml are kept.

``make lint`` and ``.ci/run`` run ``lint-imports`` too; this test makes ``make test`` say it
as well, in the words of the contract that broke.
"""
from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_linter_contracts_are_kept(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exit_code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True,
                             no_logo=True)
    assert exit_code == 0, capsys.readouterr().out
