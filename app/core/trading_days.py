"""Which trading day each bar belongs to, for studies that start again every day (the VWAP):
one number per bar from a market's calendar, vectorised (a loop over the days, not the bars)."""

from __future__ import annotations

from datetime import date

import numpy as np

from app.core.sessions import Calendar

DAY_MS = 86_400_000


def day_numbers(ts: np.ndarray, calendar: Calendar | None) -> np.ndarray:
    """The trading day (:meth:`Calendar.trading_day`, as a date ordinal) of each epoch-ms time in
    ``ts`` (ascending). Without a calendar, the UTC date. The calendar is asked once per day
    spanned: the day ends are found, then every bar placed among them by ``np.searchsorted``."""
    ts = np.asarray(ts, dtype=np.int64)
    if not len(ts):
        return np.empty(0, dtype=np.int64)
    if calendar is None:
        return ts // DAY_MS + date(1970, 1, 1).toordinal()
    first = calendar.trading_day(int(ts[0]))
    last = calendar.trading_day(int(ts[-1]))
    days = [first]
    while days[-1] < last:
        days.append(calendar.next_trading_day(days[-1]))
    ends = np.fromiter((calendar.trading_day_end(d) for d in days), dtype=np.int64, count=len(days))
    at = np.minimum(np.searchsorted(ends, ts, side="right"), len(days) - 1)
    ordinals = np.fromiter((d.toordinal() for d in days), dtype=np.int64, count=len(days))
    return ordinals[at]
