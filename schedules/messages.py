"""A reminder in words: the plain-text and HTML bodies of its email, the webhook's JSON.

The deadline reads as a person says it ("overdue by 3 days", "due in 14 days": the
countdown of ``lifecycle.rules.urgency``, as of the day the reminder fired), and the email
links to the plan's page when ``CYPP_BASE_URL`` is set (``plan_url``).
"""
from __future__ import annotations

import json
from datetime import date
from html import escape

from lifecycle.rules.urgency import countdown

LINES = (
    ("Board", "board_name"), ("Plan", "plan_label"), ("Obligation", "obligation"),
    ("Due on", "due_on"), ("When", "when"), ("Citation", "citation"),
    ("Next action", "next_action"),
)


def plan_url(base_url: str | None, plan_id: int | None) -> str | None:
    """The plan's page in the web UI (``/plans/<id>``), if the service's address is known."""
    if not base_url or plan_id is None:
        return None
    return f"{base_url.rstrip('/')}/plans/{plan_id}"


def _when(message: dict) -> str:
    try:
        due = date.fromisoformat(message["due_on"])
        fired = date.fromisoformat(message.get("fire_on") or message["due_on"])
    except (KeyError, TypeError, ValueError):
        return "no date set"
    return countdown(due, fired)


def _fields(message: dict) -> dict:
    plan = message.get("plan_title")
    plan_id = message.get("plan_id")
    label = f"{plan} (plan {plan_id})" if plan else "no plan recorded yet"
    return message | {"plan_label": label, "when": _when(message)}


def text_body(message: dict, base_url: str | None = None) -> str:
    """The plain-text part."""
    values = _fields(message)
    lines = [message["subject"], ""]
    lines += [f"{label}: {values[key]}" for label, key in LINES]
    link = plan_url(base_url, message.get("plan_id"))
    lines += [f"Open the plan: {link}"] if link else []
    lines += ["", "Sent by cypp-lifecycle; reply to your Board's coordinator with questions."]
    return "\n".join(lines) + "\n"


def html_body(message: dict, base_url: str | None = None) -> str:
    """The HTML part: the same facts as a small table, and the link to the plan."""
    values = _fields(message)
    rows = "".join(f"<tr><th align=\"left\">{escape(label)}</th><td>{escape(str(values[key]))}"
                   "</td></tr>" for label, key in LINES)
    link = plan_url(base_url, message.get("plan_id"))
    anchor = f'<p><a href="{escape(link)}">Open the plan</a></p>' if link else ""
    return (f"<html><body><h1>{escape(message['subject'])}</h1><table>{rows}</table>{anchor}"
            "<p>Sent by cypp-lifecycle.</p></body></html>")


def webhook_body(message: dict, idempotency_key: str) -> bytes:
    """The JSON a webhook receives: the reminder's facts and its idempotency key."""
    payload = {"type": "cypp.reminder", "idempotency_key": idempotency_key, "reminder": message}
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
