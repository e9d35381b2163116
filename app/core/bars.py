"""Folding trades into bars, aligned the way vendors align them.

Intraday bars are aligned on the exchange's wall clock from local midnight (a 1h bar of HKEX
starts at 09:00 and holds 09:30–10:00). When the clocks fall back, the repeated hour's bars are
bars of their own (01:00 EDT and 01:00 EST start an hour apart); when they spring forward, no bar
starts at a time that does not exist.

A day bar holds one *trading day*, all of its sessions (the FX evening from 17:00 New York and
the US night session from 20:00 belong to the next day), and is keyed at the local midnight of
that trading day. Week, month and year bars hold the trading days of that week (from Monday),
month or year, keyed at its first calendar day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import msgspec

from app.core.periods import Period
from app.core.sessions import Calendar
from app.core.types import Bar, Trade


def bar_start(ts_ms: int, period: Period, calendar: Calendar) -> int:
    """Start (epoch ms) of the bar of ``period`` that holds the instant ``ts_ms``; for calendar
    periods, the key (local midnight of the bar's first day), which may lie after its first trade."""
    if period.is_intraday:
        local = datetime.fromtimestamp(ts_ms / 1000, calendar.zone)
        minute = local.hour * 60 + local.minute
        aligned = minute - minute % period.minutes
        # The trade's fold picks the repeated hour's first or second occurrence; a start that
        # falls in a spring-forward gap (fold 0) maps to the instant the clocks jumped.
        start = datetime.combine(
            local.date(), time(aligned // 60, aligned % 60, fold=local.fold), calendar.zone
        )
        return int(start.timestamp() * 1000)
    return calendar.local_ms(bar_day(calendar.trading_day(ts_ms), period), 0)


def bar_day(day: date, period: Period) -> date:
    """First day of the calendar bar (day, week, month, year) holding a trading day."""
    if period is Period.D1:
        return day
    if period is Period.W1:
        return day - timedelta(days=day.weekday())
    if period is Period.MN1:
        return day.replace(day=1)
    if period is Period.Y1:
        return day.replace(month=1, day=1)
    raise ValueError(f"{period.value} is not a calendar period")


def next_bar_start(start_ms: int, period: Period, calendar: Calendar) -> int:
    """Start of the bar after the one starting at ``start_ms`` (DST-safe): for intraday periods
    the first instant whose ``bar_start`` differs, for calendar periods the next key."""
    if period.is_intraday:
        zone = calendar.zone
        local = datetime.fromtimestamp(start_ms / 1000, zone)
        before = _offset_ms_of(local)
        end = next_intraday_start(start_ms, period.minutes, before)
        after = utc_offset_ms(end, zone)
        if before == after:
            return end
        switch = _switch_after(start_ms, end, zone)
        if bar_start(switch, period, calendar) != start_ms:
            return switch  # the clocks' switch starts a bar (repeated hour, or past the gap)
        return end + before - after  # the bar spans the switch: it ends at its wall-clock end
    day = datetime.fromtimestamp(start_ms / 1000, calendar.zone).date()
    if period is Period.D1:
        nxt = day + timedelta(days=1)
    elif period is Period.W1:
        nxt = day + timedelta(days=7)
    elif period is Period.MN1:
        nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    else:
        nxt = day.replace(year=day.year + 1, month=1, day=1)
    return calendar.local_ms(nxt, 0)


def bar_range(ts_ms: int, period: Period, calendar: Calendar) -> tuple[int, int, int]:
    """``(key, begin, end)``: the key of the bar holding ``ts_ms`` and a span [begin, end) around
    it whose every instant folds into that bar — the bar itself for intraday periods, the
    trading day of ``ts_ms`` for calendar periods (a week is walked day by day)."""
    if period.is_intraday:
        start = bar_start(ts_ms, period, calendar)
        return start, start, next_bar_start(start, period, calendar)
    day = calendar.trading_day(ts_ms)
    key = calendar.local_ms(bar_day(day, period), 0)
    return key, calendar.trading_day_begin(day), calendar.trading_day_end(day)


def next_intraday_start(start_ms: int, minutes: int, offset_ms: int) -> int:
    """Start of the bar after the one starting at ``start_ms``, ``minutes`` long, while the zone
    is ``offset_ms`` from UTC throughout: the next whole multiple of its minutes of wall-clock
    time (past the aligned minute if the start fell in a gap). :func:`next_bar_start` handles a
    change of the clocks within the bar; a caller that knows none comes skips its zone lookup."""
    minute = ((start_ms + offset_ms) // 60_000) % 1440
    return start_ms + (minutes - minute % minutes) * 60_000


def utc_offset_ms(ts_ms: int, zone: ZoneInfo) -> int:
    """``zone``'s offset from UTC at ``ts_ms``, in ms."""
    return _offset_ms_of(datetime.fromtimestamp(ts_ms / 1000, zone))


def _offset_ms_of(local: datetime) -> int:
    offset = local.utcoffset()
    return 0 if offset is None else int(offset.total_seconds() * 1000)


def _switch_after(lo: int, hi: int, zone: ZoneInfo) -> int:
    """First millisecond in (lo, hi] at a UTC offset other than lo's, given one switch in
    between (a bisection: only bars that hold a DST switch get here)."""
    first = utc_offset_ms(lo, zone)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if utc_offset_ms(mid, zone) == first:
            lo = mid
        else:
            hi = mid
    return hi


class BarBuilder:
    """Builds one symbol's bars of one period from its trades.

    The span of trades known to fold into the current bar (the bar itself, or for day, week,
    month and year bars the current trading day) is cached, so the per-trade cost is a
    comparison and a few float operations; calendars are consulted only when a trade leaves it.
    """

    __slots__ = ("_bar", "_end", "_key", "_start", "calendar", "period", "symbol", "vendor")

    def __init__(self, vendor: str, symbol: str, period: Period, calendar: Calendar):
        self.vendor = vendor
        self.symbol = symbol
        self.period = period
        self.calendar = calendar
        self._bar: Bar | None = None
        self._key = 0  # our key of the current bar (a seeded vendor bar may carry another ts)
        self._start = 0
        self._end = 0

    @property
    def current(self) -> Bar | None:
        return self._bar

    def seed(self, bar: Bar) -> None:
        """Continue from a bar loaded from history (the live bar picks up where it ends)."""
        self._bar = msgspec.structs.replace(bar)  # a copy: live updates must not touch history
        # A vendor may key its bar elsewhere in the bar (a day bar at the open): trades that
        # fall in the bar holding its ts continue it.
        self._key = bar_start(bar.ts, self.period, self.calendar)
        self._start = self._end = bar.ts  # empty: the first trade finds its bar by key

    def add(self, trade: Trade) -> Bar | None:
        """Fold a trade in; returns the bar it closed, if it opened a new one."""
        return self.add_price(trade.ts, trade.price, trade.size)

    def add_price(self, ts: int, price: float, size: float) -> Bar | None:
        bar = self._bar
        if bar is not None and self._start <= ts < self._end:
            if price > bar.high:
                bar.high = price
            elif price < bar.low:
                bar.low = price
            bar.close = price
            bar.volume = (bar.volume or 0.0) + size
            return None
        key, begin, end = bar_range(ts, self.period, self.calendar)
        if bar is not None:
            if key < self._key:
                return None  # a late print for a bar already closed: vendors' bars ignore it too
            if key == self._key:  # another trading day of the same bar (or the seeded bar's)
                self._start, self._end = begin, end
                bar.high = max(bar.high, price)
                bar.low = min(bar.low, price)
                bar.close = price
                bar.volume = (bar.volume or 0.0) + size
                return None
        self._key, self._start, self._end = key, begin, end
        self._bar = Bar(self.vendor, self.symbol, self.period.value, key, price, price, price, price, size)
        return bar
