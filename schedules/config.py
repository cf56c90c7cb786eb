"""The scheduler's settings, read once from the environment.

``CYPP_EVALUATION_TIME`` (HH:MM, default 07:00) and ``CYPP_TIMEZONE`` (default
Europe/London) say when the daily evaluation runs; ``CYPP_DISPATCH_SECONDS``
(default 60) how often deliveries are dispatched. Email goes through
``CYPP_SMTP_HOST``/``PORT``/``USER``/``PASSWORD``/``TLS`` from ``CYPP_MAIL_FROM``;
with no host, email is off (reminders still go in-app and by webhook). ``CYPP_BASE_URL``
(e.g. ``https://cypp.northshire.gov.uk``) is where the service is reached: reminder emails
link to the plan's page under it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import time
from zoneinfo import ZoneInfo

TLS_MODES = ("off", "starttls", "ssl")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how email is sent; ``host`` None means email is off."""

    host: str | None = None
    port: int = 25
    user: str | None = None
    password: str | None = None
    tls: str = "off"
    sender: str = "cypp@localhost"
    timeout: float = 10.0

    @property
    def enabled(self) -> bool:
        return bool(self.host)


@dataclass(frozen=True)
class SchedulerSettings:
    """When the jobs run and how deliveries are made."""

    evaluation_time: time = time(7, 0)
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/London"))
    dispatch_seconds: int = 60
    webhook_timeout: float = 10.0
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    base_url: str | None = None


def _tls(value: str, port: int) -> str:
    value = value.strip().lower()
    if value in ("", "auto"):
        return {465: "ssl", 587: "starttls"}.get(port, "off")
    if value in ("1", "true", "yes", "on"):
        return "starttls"
    if value in ("0", "false", "no", "none"):
        return "off"
    if value not in TLS_MODES:
        raise ValueError(f"CYPP_SMTP_TLS must be one of {', '.join(TLS_MODES)}, not {value!r}")
    return value


def smtp_from_env(environ: dict) -> SmtpSettings:
    """SMTP settings from ``CYPP_SMTP_*`` and ``CYPP_MAIL_FROM``."""
    host = environ.get("CYPP_SMTP_HOST", "").strip() or None
    port = int(environ.get("CYPP_SMTP_PORT", "") or 25)
    return SmtpSettings(host=host, port=port, user=environ.get("CYPP_SMTP_USER") or None,
                        password=environ.get("CYPP_SMTP_PASSWORD") or None,
                        tls=_tls(environ.get("CYPP_SMTP_TLS", ""), port),
                        sender=environ.get("CYPP_MAIL_FROM", "").strip() or "cypp@localhost")


def settings_from_env(environ: dict | None = None) -> SchedulerSettings:
    """Every scheduler setting from the environment (defaults where unset)."""
    environ = os.environ if environ is None else environ
    text = environ.get("CYPP_EVALUATION_TIME", "").strip() or "07:00"
    try:
        at = time.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"CYPP_EVALUATION_TIME must be HH:MM, not {text!r}") from exc
    return SchedulerSettings(
        evaluation_time=at,
        timezone=ZoneInfo(environ.get("CYPP_TIMEZONE", "").strip() or "Europe/London"),
        dispatch_seconds=int(environ.get("CYPP_DISPATCH_SECONDS", "") or 60),
        webhook_timeout=float(environ.get("CYPP_WEBHOOK_TIMEOUT", "") or 10),
        smtp=smtp_from_env(environ),
        base_url=environ.get("CYPP_BASE_URL", "").strip().rstrip("/") or None)
