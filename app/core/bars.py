"""Folding trades into bars, aligned the way vendors align them.

Intraday bars are aligned on the exchange's wall clock from local midnight (a 1h bar of HKEX
starts at 09:00 and holds 09:30–10:00). Day bars start at local midnight of the *trading day*,
so an evening session's trades land in the next day's bar and no bar is keyed on a weekend.
Weeks start on Monday, months on the 1st, years on 1 January.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import msgspec

from app.core.periods import Period
from app.core.sessions import Calendar
from app.core.types import Bar, Trade


def bar_start(ts_ms: int, period: Period, calendar: Calendar) -> int:
    """Start (epoch ms) of the bar of ``period`` that holds the instant ``ts_ms``."""
    if period.is_intraday:
        local = datetime.fromtimestamp(ts_ms / 1000, calendar.zone)
        minute = local.hour * 60 + local.minute
        aligned = minute - minute % period.minutes
        return calendar.local_ms(local.date(), aligned)
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
    """Start of the bar after the one starting at ``start_ms`` (DST-safe)."""
    if period.is_intraday:
        local = datetime.fromtimestamp(start_ms / 1000, calendar.zone)
        minute = local.hour * 60 + local.minute + period.minutes
        return calendar.local_ms(local.date(), minute)
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


class BarBuilder:
    """Builds one symbol's bars of one period from its trades.

    The current bar's time range is cached, so the per-trade cost is a comparison and a few
    float operations; time zones are consulted only when a trade leaves the range.
    """

    __slots__ = ("_bar", "_end", "_start", "calendar", "period", "symbol", "vendor")

    def __init__(self, vendor: str, symbol: str, period: Period, calendar: Calendar):
        self.vendor = vendor
        self.symbol = symbol
        self.period = period
        self.calendar = calendar
        self._bar: Bar | None = None
        self._start = 0
        self._end = 0

    @property
    def current(self) -> Bar | None:
        return self._bar

    def seed(self, bar: Bar) -> None:
        """Continue from a bar loaded from history (the live bar picks up where it ends)."""
        self._bar = msgspec.structs.replace(bar)  # a copy: live updates must not touch history
        self._start = bar.ts
        self._end = next_bar_start(bar.ts, self.period, self.calendar)

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
        if bar is not None and ts < self._start:
            return None  # a late print for a bar already closed: vendors' bars ignore it too
        start = bar_start(ts, self.period, self.calendar)
        self._start = start
        self._end = next_bar_start(start, self.period, self.calendar)
        self._bar = Bar(self.vendor, self.symbol, self.period.value, start, price, price, price, price, size)
        return bar

