"""The composition root: one app with the pages at / and the API at /api/v1, entrypoints that
never import each other, and a production WSGI target that needs its secret key."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli.app import create_app

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINTS = ("api", "web", "schedules")


def imported_packages(package: str) -> set[str]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return found


@pytest.mark.parametrize("package", ENTRYPOINTS + ("lifecycle",))
def test_entrypoints_and_the_domain_never_import_another_entrypoint(package):
    others = set(ENTRYPOINTS + ("cli",)) - {package}
    assert imported_packages(package) & others == set()


def test_the_pages_answer_html_and_the_api_answers_json_on_one_app(uow, clock):
    client = create_app({"TESTING": True, "UOW_FACTORY": uow, "CLOCK": clock}).test_client()
    page = client.get("/no-such-page")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert b"Page not found" in page.data and "Content-Security-Policy" in page.headers
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.get_json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/boards").status_code == 401
    home = client.get("/account/")
    assert home.status_code == 302 and "/sign-in" in home.headers["Location"]
    assert client.get("/sign-in").status_code == 200


def test_the_production_app_refuses_to_start_without_a_secret_key(database_url_for_tests):
    env = {k: v for k, v in os.environ.items() if k != "CYPP_SECRET_KEY"}
    env["CYPP_DATABASE_URL"] = database_url_for_tests
    done = subprocess.run([sys.executable, "-c", "import cli.wsgi"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "CYPP_SECRET_KEY is not set" in done.stderr
    done = subprocess.run([sys.executable, "-c", "import cli.wsgi; print(cli.wsgi.app.name)"],
                          env=env | {"CYPP_SECRET_KEY": "x" * 64}, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
