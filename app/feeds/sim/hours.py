"""The simulator's trading hours: the exchange's calendar, or one kept open around the clock.

``--sim-always-open`` is a calendar, not an exception to one: the feed trades, lays its history
and answers "is it open?" by the same :class:`Calendar`, so a status column or a book note that
asks the feed never says "closed" while prints arrive.
"""

from __future__ import annotations

from app.core.sessions import Calendar, Session, SessionKind

_KEPT_OPEN: dict[str, Calendar] = {}


def kept_open(calendar: Calendar) -> Calendar:
    """``calendar`` trading every minute of every day: same zone and the same trading-day roll
    (a US evening still belongs to the next day), one regular session, no holidays."""
    if calendar.always_open or calendar.name.endswith("+open"):
        return calendar
    found = _KEPT_OPEN.get(calendar.name)
    if found is None:
        start = calendar.day_start_minute
        found = _KEPT_OPEN[calendar.name] = Calendar(
            f"{calendar.name}+open", calendar.zone,
            (Session(SessionKind.REGULAR, start, start + 1440),), frozenset(range(7)),
        )
    return found
