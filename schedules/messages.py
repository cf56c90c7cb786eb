"""A reminder in words: the plain-text and HTML bodies of its email, the webhook's JSON."""
from __future__ import annotations

import json
from html import escape

LINES = (
    ("Board", "board_name"), ("Plan", "plan_label"), ("Obligation", "obligation"),
    ("Due on", "due_on"), ("Days left", "days_left"), ("Citation", "citation"),
    ("Next action", "next_action"),
)


def _fields(message: dict) -> dict:
    plan = message.get("plan_title")
    plan_id = message.get("plan_id")
    label = f"{plan} (plan {plan_id})" if plan else "no plan recorded yet"
    return message | {"plan_label": label}


def text_body(message: dict) -> str:
    """The plain-text part."""
    values = _fields(message)
    lines = [message["subject"], ""]
    lines += [f"{label}: {values[key]}" for label, key in LINES]
    lines += ["", "Sent by cypp-lifecycle; reply to your Board's coordinator with questions."]
    return "\n".join(lines) + "\n"


def html_body(message: dict) -> str:
    """The HTML part: the same facts as a small table."""
    values = _fields(message)
    rows = "".join(f"<tr><th align=\"left\">{escape(label)}</th><td>{escape(str(values[key]))}"
                   "</td></tr>" for label, key in LINES)
    return (f"<html><body><h1>{escape(message['subject'])}</h1><table>{rows}</table>"
            "<p>Sent by cypp-lifecycle.</p></body></html>")


def webhook_body(message: dict, idempotency_key: str) -> bytes:
    """The JSON a webhook receives: the reminder's facts and its idempotency key."""
    payload = {"type": "cypp.reminder", "idempotency_key": idempotency_key, "reminder": message}
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
