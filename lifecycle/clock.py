"""The one place that knows what "today" is.

Dates are Europe/London calendar dates (deadlines are days in England);
instants are aware UTC datetimes. ``CYPP_CLOCK`` pins the clock for a whole
process (training sandboxes, demos, tests).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


class Clock:
    """Real time."""

    def now(self) -> datetime:
        """The current instant, aware UTC."""
        return datetime.now(timezone.utc)

    def today(self) -> date:
        """Today's date in England."""
        return self.now().astimezone(LONDON).date()


@dataclass
class FixedClock(Clock):
    """A clock pinned to one instant; ``advance_to`` moves it (simulations, replays)."""

    instant: datetime

    def now(self) -> datetime:
        return self.instant

    def advance_to(self, instant: datetime | date) -> None:
        """Move the pinned instant (a date means 09:00 London that day)."""
        self.instant = instant_of(instant)


def instant_of(value: datetime | date) -> datetime:
    """A date or naive datetime read as London local time, returned as UTC."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(9, 0))
    if value.tzinfo is None:
        value = value.replace(tzinfo=LONDON)
    return value.astimezone(timezone.utc)


def parse_pinned(text: str) -> FixedClock:
    """Read ``YYYY-MM-DD`` or an ISO datetime into a pinned clock."""
    try:
        value = datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"CYPP_CLOCK must be YYYY-MM-DD or an ISO datetime, not {text!r}") from exc
    return FixedClock(instant_of(value))


def clock_from_env(environ: dict | None = None) -> Clock:
    """The process clock: pinned by ``CYPP_CLOCK`` when set, else real time."""
    pinned = (environ if environ is not None else os.environ).get("CYPP_CLOCK", "").strip()
    return parse_pinned(pinned) if pinned else Clock()
