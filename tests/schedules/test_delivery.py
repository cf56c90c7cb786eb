"""Delivering reminders for real: SMTP (aiosmtpd) and webhooks (http.server) on loopback,
every attempt recorded, retries with backoff, incidents, and no duplicates after a restart."""
import hashlib
import hmac
import json
import logging
from datetime import date, timedelta

from lifecycle.db import schedule_tables as st
from lifecycle.services.deliveries import claim_deliveries
from lifecycle.services.incidents import list_incidents
from lifecycle.services.notification_settings import update_notification_settings
from lifecycle.services.notifications import list_notifications, mark_notification_read
from schedules.config import settings_from_env
from schedules.jobs import deliver, dispatch, evaluate
from tests.schedules.support import SmtpServer, add_user, day, free_port, rows, settings_for
from tests.support import builders

FIRST_RUNG = date(2011, 1, 1)


def board_with_plan(uow, runtime, *emails) -> tuple[int, int]:
    board_id = builders.board(uow)["id"]
    plan_id = builders.plan(uow, board_id)["id"]
    for n, address in enumerate(emails):
        add_user(runtime, f"coordinator{n}", board_id, mail=address)
    return board_id, plan_id


def raise_first_rung(runtime, settings) -> None:
    day(runtime.clock, FIRST_RUNG)
    evaluate(runtime, settings)


def later(runtime, **delta) -> None:
    runtime.clock.advance_to(runtime.clock.now() + timedelta(**delta))


def test_each_recipient_gets_one_email_with_text_and_html_naming_what_to_do(
        uow, runtime, smtp_server):
    board_id, plan_id = board_with_plan(uow, runtime, "cora@ns.example", "colin@ns.example")
    add_user(runtime, "mo", board_id, role="member", mail="mo@ns.example")
    update_notification_settings(uow(), "tester", board_id, extra_recipients=["clerk@ns.example"])
    settings = settings_for(smtp_server)
    raise_first_rung(runtime, settings)
    dispatch(runtime, settings)
    assert sorted(r for r, _ in smtp_server.mailbox.messages) == [
        "clerk@ns.example", "colin@ns.example", "cora@ns.example"]
    [message] = smtp_server.mailbox.to("cora@ns.example")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for fact in ("Northshire Children's Trust Board", f"CYPP 2011 (plan {plan_id})",
                 "Publication of the Board's first plan", "Due on: 2011-04-01", "When: due in 90 days",
                 "reg 5(1)", f"plan {plan_id}: finish the draft and open consultation"):
        assert fact in text
    assert "<table>" in html and "2011-04-01" in html


def test_an_overdue_reminder_says_so_in_words_links_the_plan_and_comes_from_the_sender(
        uow, runtime, smtp_server):
    board_id, plan_id = board_with_plan(uow, runtime, "cora@ns.example")
    env = {"CYPP_SMTP_HOST": "127.0.0.1", "CYPP_SMTP_PORT": str(smtp_server.port),
           "CYPP_MAIL_FROM": "cypp@northshire.gov.example",
           "CYPP_BASE_URL": "https://cypp.northshire.gov.example/"}
    settings = settings_from_env(env)
    day(runtime.clock, date(2011, 4, 9))  # the first plan was due on or before 1 April
    evaluate(runtime, settings)
    dispatch(runtime, settings)
    [message] = smtp_server.mailbox.to("cora@ns.example")
    assert message["From"] == "cypp@northshire.gov.example"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = f"https://cypp.northshire.gov.example/plans/{plan_id}"
    assert "When: overdue by 8 days" in text and "overdue by 8 days" in message["Subject"]
    assert f"Open the plan: {link}" in text and f'href="{link}"' in html


def test_coordinators_see_the_reminder_in_their_feed_and_mark_it_read(uow, runtime):
    board_id, _ = board_with_plan(uow, runtime)
    cora = add_user(runtime, "cora", board_id)
    mo = add_user(runtime, "mo", board_id, role="member")
    raise_first_rung(runtime, settings_for(None))
    [note] = list_notifications(uow(), cora)
    assert "first plan" in note["subject"] and note["read_at"] is None
    assert list_notifications(uow(), mo) == []
    mark_notification_read(uow(), cora, note["id"])
    assert list_notifications(uow(), cora, unread_only=True) == []


def test_a_webhook_that_fails_twice_then_succeeds_gets_it_signed_once_accepted(
        uow, runtime, webhook_receiver):
    receiver = webhook_receiver(failures=2)
    board_id, _ = board_with_plan(uow, runtime)
    update_notification_settings(uow(), "tester", board_id, webhook_url=receiver.url,
                                 webhook_secret="s3cret")
    settings = settings_for(None)
    raise_first_rung(runtime, settings)
    assert [o["status"] for o in dispatch(runtime, settings)] == ["pending"]
    assert dispatch(runtime, settings) == []
    later(runtime, seconds=61)
    assert [o["status"] for o in dispatch(runtime, settings)] == ["pending"]
    later(runtime, seconds=121)
    assert [o["status"] for o in dispatch(runtime, settings)] == ["delivered"]
    headers, body = receiver.requests[-1]
    expected = hmac.new(b"s3cret", headers["X-CYPP-Timestamp"].encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    assert headers["X-CYPP-Signature"] == f"sha256={expected}"
    assert len({h["Idempotency-Key"] for h, _ in receiver.requests}) == 1
    assert json.loads(body)["reminder"]["citation"] == "reg 5(1)"
    attempts = rows(runtime, st.delivery_attempts)
    assert [a["ok"] for a in attempts] == [False, False, True]
    assert "HTTP 500" in attempts[0]["error"]


def test_an_smtp_server_that_is_down_then_up_gets_the_mail_on_the_retry(uow, runtime):
    server = SmtpServer(port=free_port())
    board_with_plan(uow, runtime, "cora@ns.example")
    settings = settings_for(server)
    raise_first_rung(runtime, settings)
    assert [o["status"] for o in dispatch(runtime, settings)] == ["pending"]
    server.start()
    try:
        assert dispatch(runtime, settings) == []
        later(runtime, seconds=61)
        assert [o["status"] for o in dispatch(runtime, settings)] == ["delivered"]
        assert len(server.mailbox.messages) == 1
    finally:
        server.stop()
    assert [a["ok"] for a in rows(runtime, st.delivery_attempts)] == [False, True]


def test_a_delivery_that_keeps_failing_becomes_a_visible_incident(
        uow, runtime, webhook_receiver, caplog):
    receiver = webhook_receiver(failures=99)
    board_id, _ = board_with_plan(uow, runtime)
    update_notification_settings(uow(), "tester", board_id, webhook_url=receiver.url,
                                 webhook_secret="s3cret", max_attempts=2)
    settings = settings_for(None)
    raise_first_rung(runtime, settings)
    dispatch(runtime, settings)
    later(runtime, minutes=5)
    with caplog.at_level(logging.ERROR, logger="cypp.scheduler"):
        assert [o["status"] for o in dispatch(runtime, settings)] == ["failed"]
    later(runtime, days=1)
    assert dispatch(runtime, settings) == []
    [incident] = list_incidents(uow())
    assert (incident["board_id"], incident["channel"], incident["attempts"]) == (
        board_id, "webhook", 2)
    assert "HTTP 500" in incident["last_error"]
    assert "incident" in caplog.text
    assert rows(runtime, st.reminders, status="failed")


def test_a_dispatcher_restarted_mid_batch_sends_nothing_twice(uow, runtime, smtp_server):
    board_with_plan(uow, runtime, "a@ns.example", "b@ns.example", "c@ns.example")
    settings = settings_for(smtp_server)
    raise_first_rung(runtime, settings)
    claimed = claim_deliveries(runtime.uow(), "first-process")
    deliver(runtime, settings, "first-process", claimed[0])
    # the first process stops here; its claims on the other two hold until the lease ends
    assert dispatch(runtime, settings, "second-process") == []
    later(runtime, minutes=6)
    assert len(dispatch(runtime, settings, "second-process")) == 2
    later(runtime, days=1)
    assert dispatch(runtime, settings, "second-process") == []
    assert sorted(r for r, _ in smtp_server.mailbox.messages) == [
        "a@ns.example", "b@ns.example", "c@ns.example"]
    assert {d["status"] for d in rows(runtime, st.deliveries)} == {"delivered"}
