"""HTTP fixtures: the app on the test's transaction, and users of each role with their tokens."""
from __future__ import annotations

import pytest

from cli.app import create_app
from lifecycle.services import access
from tests.support import builders


class Caller:
    """A Flask test client that sends one user's bearer token (or none)."""

    def __init__(self, client, token: str | None):
        self.client, self.token = client, token

    def open(self, method: str, path: str, headers: dict | None = None, **kwargs):
        headers = dict(headers or {})
        if self.token:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def get(self, path, **kw):
        return self.open("GET", path, **kw)

    def post(self, path, **kw):
        return self.open("POST", path, **kw)

    def put(self, path, **kw):
        return self.open("PUT", path, **kw)

    def patch(self, path, **kw):
        return self.open("PATCH", path, **kw)


@pytest.fixture
def app(uow, clock):
    return create_app({"TESTING": True, "UOW_FACTORY": uow, "CLOCK": clock})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def board_a(uow) -> dict:
    return builders.board(uow, name="Northshire Children's Trust Board")


@pytest.fixture
def board_b(uow) -> dict:
    return builders.board(uow, name="Southshire Children's Trust Board",
                          authority="Southshire County Council", pct="NHS Southshire")


@pytest.fixture
def user(uow, client):
    """``user(name, role, *board_ids)``: a new user and a Caller with their token."""
    def make(name: str, role: str, *board_ids: int) -> Caller:
        access.create_user(uow(), "tester", name=name, role=role, board_ids=list(board_ids))
        return Caller(client, access.issue_token(uow(), "tester", name)["token"])
    return make


@pytest.fixture
def anonymous(client) -> Caller:
    return Caller(client, None)


@pytest.fixture
def admin(user) -> Caller:
    return user("ada", "admin")


@pytest.fixture
def auditor(user) -> Caller:
    return user("audrey", "auditor")


@pytest.fixture
def coordinator(user, board_a) -> Caller:
    return user("cora", "coordinator", board_a["id"])


@pytest.fixture
def member(user, board_a) -> Caller:
    return user("mo", "member", board_a["id"])
