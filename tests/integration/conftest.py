"""The `cypp` command line as a user runs it: a real process on a fresh, migrated database."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

CYPP = str(Path(sys.executable).parent / "cypp")


@pytest.fixture
def cypp(fresh_database_url, tmp_path):
    def run(*args, clock="2026-11-25", check=True, env=None):
        env = os.environ | {"CYPP_DATABASE_URL": fresh_database_url, "CYPP_CLOCK": clock} | (
            env or {})
        done = subprocess.run([CYPP, *args], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=120)
        if check and done.returncode != 0:
            raise AssertionError(f"cypp {' '.join(args)} failed: {done.stderr}")
        return done
    run("db", "upgrade")
    return run
