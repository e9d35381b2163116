"""The simulator lays intraday history on the wall clock without a zone lookup per bar when the
clocks do not change within a session (start-up, issue 24: a chart's first 1000 bars): the same
bars, to the millisecond, as stepping with ``next_bar_start``, on every calendar it trades,
across daylight-saving changes and lunch, night and round-the-clock sessions."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.bars import bar_start, next_bar_start
from app.core.periods import Period
from app.core.sessions import Calendar, calendar_for
from app.core.symbols import market_of
from app.feeds.sim.activity import session_activity
from app.feeds.sim.history import _FIRST_DAY, bar_slots_traded
from app.feeds.sim.hours import kept_open
from app.feeds.sim.universe import SPECS

NEW_YORK = ZoneInfo("America/New_York")
ENDS = [  # (wall clock, zone): around the two US clock changes of 2025, a CN/HK lunch, a Sunday night
    (datetime(2025, 3, 10, 9, 45), NEW_YORK), (datetime(2025, 11, 3, 4, 30), NEW_YORK),
    (datetime(2025, 11, 2, 1, 30), NEW_YORK), (datetime(2025, 3, 9, 3, 10), NEW_YORK),
    (datetime(2025, 6, 3, 12, 10), ZoneInfo("Asia/Shanghai")), (datetime(2025, 6, 8, 23, 5), ZoneInfo("UTC")),
]


def reference_slots(calendar: Calendar, period: Period, end_ms: int, count: int) -> tuple[list[int], list[float]]:
    """The bars as stepped with ``next_bar_start`` for every bar (the walk before the shortcut)."""
    slots: list[int] = []
    seconds: list[float] = []
    day = calendar.trading_day(end_ms)
    guard = 0
    while len(slots) < count and guard < 40_000 and day >= _FIRST_DAY:
        day_slots: list[int] = []
        day_seconds: list[float] = []
        for session, start, end in calendar.session_bounds(day):
            if start > end_ms:
                continue
            busy = session_activity(session.kind)
            t = bar_start(start, period, calendar)
            stop = min(end, end_ms + 1)
            while t < stop:
                nxt = next_bar_start(t, period, calendar)
                traded = (min(nxt, stop) - max(t, start)) / 1000 * busy
                if not day_slots or t > day_slots[-1]:
                    day_slots.append(t)
                    day_seconds.append(traded)
                else:
                    day_seconds[-1] += traded
                t = nxt
        if slots and day_slots and day_slots[-1] == slots[0]:
            seconds[0] += day_seconds.pop()
            day_slots.pop()
        slots[:0] = day_slots
        seconds[:0] = day_seconds
        day -= timedelta(days=1)
        guard += 1
    return slots[-count:], seconds[-count:]


def _calendars() -> list[Calendar]:
    found = {}
    for spec in SPECS:
        calendar = calendar_for(market_of(spec.instrument.symbol), spec.instrument.calendar)
        found[calendar.name] = calendar
        found[kept_open(calendar).name] = kept_open(calendar)
    return list(found.values())


@pytest.mark.parametrize("period", [p for p in Period if p.is_intraday], ids=lambda p: p.value)
def test_the_same_bars_as_stepping_bar_by_bar(period):
    count = {Period.M1: 3000, Period.M5: 1200}.get(period, 400)  # days across each clock change
    compared = 0
    for calendar in _calendars():
        for wall, zone in ENDS:
            end_ms = int(wall.replace(tzinfo=zone).timestamp() * 1000)
            fast = bar_slots_traded(calendar, period, end_ms, count)
            slow = reference_slots(calendar, period, end_ms, count)
            assert fast[0] == slow[0], (calendar.name, period.value, wall)
            assert fast[1] == slow[1], (calendar.name, period.value, wall)
            compared += len(fast[0])
    assert compared > 10_000


def test_a_clock_change_inside_a_session_is_stepped_as_before():
    """US extended hours (04:00-20:00 New York) hold no change; a calendar kept open round the
    clock holds the 2 a.m. change itself: its bars there are the reference's."""
    calendar = kept_open(calendar_for(market_of("US:AAPL")))
    for day in (date(2025, 3, 9), date(2025, 11, 2)):
        end_ms = int(datetime.combine(day, datetime.min.time().replace(hour=5), NEW_YORK).timestamp() * 1000)
        for period in (Period.M30, Period.H1, Period.H2, Period.H4):
            assert bar_slots_traded(calendar, period, end_ms, 30) == reference_slots(calendar, period, end_ms, 30)
