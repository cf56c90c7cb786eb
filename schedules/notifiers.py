"""Delivery channels: email over SMTP and signed webhooks. Each send either returns or raises
``DeliveryFailed`` with the reason; the dispatcher records the outcome.

Email: one message per recipient, plain-text and HTML parts, its Message-ID
derived from the delivery's idempotency key (a receiver that sees the same ID
twice can drop the copy). Webhooks: POST of JSON with ``X-CYPP-Timestamp``,
``X-CYPP-Signature: sha256=HMAC(secret, "<timestamp>.<body>")`` and an
``Idempotency-Key`` header.
"""
from __future__ import annotations

import hashlib
import hmac
import smtplib
import ssl
import urllib.error
import urllib.request
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

from lifecycle import sealing
from schedules.config import SchedulerSettings, SmtpSettings
from schedules.messages import html_body, text_body, webhook_body

SIGNATURE_HEADER = "X-CYPP-Signature"
TIMESTAMP_HEADER = "X-CYPP-Timestamp"
IDEMPOTENCY_HEADER = "Idempotency-Key"


class DeliveryFailed(Exception):
    """A channel could not deliver; the message says why."""


def email_message(smtp: SmtpSettings, recipient: str, message: dict, key: str,
                  sent_at: datetime, base_url: str | None = None) -> EmailMessage:
    """The email for one recipient, from the configured sender (``CYPP_MAIL_FROM``). Its
    Message-ID depends on the delivery alone, so a copy resent after a crash by a process
    configured otherwise is still recognisably the same message."""
    email = EmailMessage()
    email["Subject"] = message["subject"]
    email["From"] = smtp.sender
    email["To"] = recipient
    email["Date"] = format_datetime(sent_at)
    email["Message-ID"] = f"<{key}@cypp-lifecycle>"
    email[IDEMPOTENCY_HEADER] = key
    email.set_content(text_body(message, base_url))
    email.add_alternative(html_body(message, base_url), subtype="html")
    return email


def send_email(smtp: SmtpSettings, recipient: str, message: dict, key: str,
               sent_at: datetime, base_url: str | None = None) -> None:
    """Send one reminder email; raises ``DeliveryFailed``."""
    email = email_message(smtp, recipient, message, key, sent_at, base_url)
    try:
        if smtp.tls == "ssl":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
        with client:
            if smtp.tls == "starttls":
                client.starttls(context=ssl.create_default_context())
            if smtp.user:
                client.login(smtp.user, smtp.password or "")
            client.send_message(email)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryFailed(f"smtp {smtp.host}:{smtp.port}: {exc}") from exc


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The webhook signature header value for a body sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def send_webhook(url: str, secret: str | None, message: dict, key: str, sent_at: datetime,
                 timeout: float) -> None:
    """POST one reminder to a webhook; any answer but 2xx raises ``DeliveryFailed``."""
    body = webhook_body(message, key)
    timestamp = str(int(sent_at.timestamp()))
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret or "", timestamp, body), IDEMPOTENCY_HEADER: key,
        "User-Agent": "cypp-lifecycle"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        raise DeliveryFailed(f"webhook {url}: HTTP {exc.code}") from exc
    except (OSError, ValueError) as exc:
        raise DeliveryFailed(f"webhook {url}: {exc}") from exc
    if not 200 <= status < 300:
        raise DeliveryFailed(f"webhook {url}: HTTP {status}")


def _secret(delivery: dict) -> str | None:
    """The webhook's signing secret, decrypted; a delivery failure if it cannot be."""
    stored = delivery["webhook_secret"]
    try:
        return sealing.unseal(stored) if stored else None
    except (sealing.SecretsKeyMissing, sealing.SecretUnreadable) as exc:
        raise DeliveryFailed(f"cannot sign the webhook: {exc}") from exc


def send(settings: SchedulerSettings, delivery: dict, sent_at: datetime) -> None:
    """Send a claimed delivery through its channel; raises ``DeliveryFailed``."""
    if delivery["channel"] == "email":
        if not settings.smtp.enabled:
            raise DeliveryFailed("email is off: CYPP_SMTP_HOST is not set")
        send_email(settings.smtp, delivery["recipient"], delivery["message"],
                   delivery["idempotency_key"], sent_at, settings.base_url)
    else:
        send_webhook(delivery["recipient"], _secret(delivery), delivery["message"],
                     delivery["idempotency_key"], sent_at, settings.webhook_timeout)
