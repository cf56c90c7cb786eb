"""Logs as JSON lines on stderr, the same for the web process and the scheduler.

Each line is one object: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``
and the record's structured fields (``request_id``, ``route``, ``status``...). Text
from libraries is cleaned before it is written: terminal colour codes are dropped
(werkzeug colours its lines whether or not stderr is a terminal) and anything that
looks like a secret - a bearer or calendar token, a ``token=``/``password=`` value,
a password in a database URL - is replaced by ``[redacted]``. The request logger
never receives a query string in the first place.
"""
from __future__ import annotations

import json
import logging
import re
import sys
from datetime import datetime, timezone

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
SECRETS = [
    (re.compile(r"\b(cypp|cal)_[A-Za-z0-9_\-]{16,}"), "[redacted]"),
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=\-]+"), r"\1 [redacted]"),
    (re.compile(r"(?i)\b(token|password|passwd|secret|api_key|csrf_token)=[^&\s\"']+"),
     r"\1=[redacted]"),
    (re.compile(r"(://[^:/@\s]+:)[^@\s]+@"), r"\1[redacted]@"),
]
# LogRecord attributes that are not structured fields of ours.
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
NOISY = {"apscheduler": logging.WARNING, "werkzeug": logging.WARNING, "alembic": logging.WARNING}


def clean(text: str) -> str:
    """``text`` without colour codes and with every secret-looking value redacted."""
    text = ANSI.sub("", text)
    for pattern, replacement in SECRETS:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(logging.Formatter):
    """One JSON object per record, secrets redacted."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(
                     timespec="milliseconds"),
                 "level": record.levelname.lower(), "logger": record.name,
                 "message": clean(record.getMessage())}
        entry |= {key: _field(value) for key, value in vars(record).items()
                  if key not in STANDARD and not key.startswith("_")}
        if record.exc_info:
            entry["exception"] = clean(self.formatException(record.exc_info))
        return json.dumps(entry, default=str)


def _field(value):
    return clean(value) if isinstance(value, str) else value


def configure_logging(stream=None, level: int = logging.INFO) -> None:
    """Send every logger's records to ``stream`` (stderr) as JSON lines; quiet chatty
    libraries. Idempotent: a second call replaces the handler rather than adding one."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h.formatter, JsonFormatter)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name, quiet in NOISY.items():
        logging.getLogger(name).setLevel(quiet)
