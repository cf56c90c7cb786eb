"""PostgreSQL going away under a running service: 503 with a clear message, then recovery."""
from __future__ import annotations

import os

import pytest
from sqlalchemy.engine import make_url

from cli.app import create_app
from lifecycle.bootstrap import runtime
from lifecycle.services import access
from tests.support.http import call, serve
from tests.support.tcp_proxy import TcpProxy

pytestmark = pytest.mark.skipif(not os.environ.get("CYPP_TEST_DATABASE_URL"),
                                reason="needs PostgreSQL (set CYPP_TEST_DATABASE_URL)")


def test_the_api_answers_503_while_postgres_is_unreachable_and_recovers(
        database_url_for_tests, committing_uow, clock):
    real = make_url(database_url_for_tests)
    proxy = TcpProxy((real.host, real.port or 5432)).restore()
    rt = runtime(real.set(host="127.0.0.1", port=proxy.port).render_as_string(False), clock)
    access.create_user(rt.uow(), "tester", name="ada", role="admin")
    token = access.issue_token(rt.uow(), "tester", "ada")["token"]
    base, stop = serve(create_app({"RUNTIME": rt}))
    try:
        assert call(f"{base}/boards", token=token)[0] == 200
        proxy.cut()
        status, body = call(f"{base}/boards", token=token)
        assert status == 503
        assert body["error"]["code"] == "store_unavailable"
        assert "database" in body["error"]["message"]
        proxy.restore()
        assert call(f"{base}/boards", token=token) == (200, [])
    finally:
        stop()
        proxy.cut()
        rt.engine.dispose()
