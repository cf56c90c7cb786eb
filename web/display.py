"""How values read on a page: dates and times in England, the navigation a person sees."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

from flask import current_app, request, url_for
from flask_login import current_user

from lifecycle.access import may
from lifecycle.clock import LONDON


def when(moment: datetime | date | str | None) -> str:
    """``25 November 2026, 3:04pm`` in London time (a date alone: ``25 November 2026``; an
    ISO date as a published report's contents keep it, too)."""
    if moment is None:
        return ""
    if isinstance(moment, str):
        moment = date.fromisoformat(moment)
    if not isinstance(moment, datetime):
        return f"{moment.day} {moment:%B %Y}"
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    local = aware.astimezone(LONDON)
    return f"{local.day} {local:%B %Y}, {local.hour % 12 or 12}:{local:%M}{local:%p}".replace(
        "AM", "am").replace("PM", "pm")


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def dates_in_words(text: str | None) -> str:
    """A service's sentence with its ISO dates as England writes them: "the year 2013-04-01
    to 2014-03-31" -> "the year 1 April 2013 to 31 March 2014"."""
    def spoken(found: re.Match) -> str:
        try:
            return when(date(*(int(part) for part in found.groups())))
        except ValueError:
            return found.group(0)
    return _ISO_DATE.sub(spoken, text or "")


def navigation() -> list[dict]:
    """The service navigation's items for the signed-in person: those they may use, the one
    whose area (blueprint) this page belongs to marked active."""
    if not current_user.is_authenticated:
        return []
    area = (request.endpoint or "").rsplit(".", 1)[0]
    return [{"text": item.text, "href": url_for(item.endpoint),
             "active": item.endpoint.rsplit(".", 1)[0] == area}
            for item in current_app.extensions["cypp.web.navigation"]
            if item.action is None or may(current_user.caller, item.action)]
