"""The intraday view's arithmetic (分时 and 五日), pure: a trading day's minute slots with the
lunch break and closed time left out, minute bars placed on them, the running average price
(成交均价) and the price range symmetric around the previous close.

A slot is one minute of a regular session; the x of a minute is its index among the day's
slots, so 13:00 in Hong Kong sits one slot after 11:59 and the lunch break takes no room. A
half day has fewer slots (the holiday table shortens its sessions). The whole day's slots are
laid out from the open: the minutes not traded yet stay empty to the close.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from app.core.sessions import Calendar, SessionKind
from app.core.types import Bar

MINUTE_MS = 60_000
MARGIN = 0.05  # of the half range: the highest and lowest prices stay off the pane's edges


@dataclass(frozen=True)
class DayGrid:
    """One trading day's minute slots: ``slots`` the start (epoch ms) of each, in order;
    ``opens`` the slot index where each session begins (0 first), ``end`` the close (epoch ms)."""

    day: date
    slots: np.ndarray
    opens: tuple[int, ...]
    end: int

    def __len__(self) -> int:
        return len(self.slots)


def day_grid(calendar: Calendar, day: date) -> DayGrid:
    """The regular sessions' minutes of ``day`` (the intraday view shows regular hours, as
    Futu and 同花顺 do by default); a calendar without a regular session gives all of its."""
    bounds = calendar.session_bounds(day)
    regular = [(start, end) for s, start, end in bounds if s.kind is SessionKind.REGULAR] or \
        [(start, end) for _s, start, end in bounds]
    parts, opens, n = [], [], 0
    for start, end in regular:
        minutes = np.arange(start, end, MINUTE_MS, dtype=np.int64)
        opens.append(n)
        n += len(minutes)
        parts.append(minutes)
    slots = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    return DayGrid(day, slots, tuple(opens), regular[-1][1] if regular else 0)


def last_days(calendar: Calendar, day: date, count: int) -> list[date]:
    """``count`` trading days ending with ``day`` (oldest first)."""
    days = [day]
    while len(days) < count:
        days.insert(0, calendar.previous_trading_day(days[0]))
    return days


@dataclass
class DaySeries:
    """One day's minute line on its slots: ``price`` the close of each traded minute (a minute
    without trade between two traded ones carries the last price, as the vendors draw it; after
    the last traded minute NaN: not traded yet), ``volume`` (0 where none, NaN after), ``average``
    the running average price (NaN after), ``change`` the minute's move (close − the previous
    minute's close, the first against its open) that colours the volume bar."""

    grid: DayGrid
    price: np.ndarray
    volume: np.ndarray
    average: np.ndarray
    change: np.ndarray
    high: float | None  # the day's highest and lowest traded price (None: nothing traded)
    low: float | None
    traded: int  # slots up to and including the last traded minute


def place(grid: DayGrid, bars: list[Bar]) -> DaySeries:
    """The day's minute bars placed on its slots (bars outside its sessions are left out).

    The average price is the running VWAP: Σ(price × volume) / Σvolume over the day's minutes
    so far. Bars carry no turnover (:class:`~app.core.types.Bar` has none), so each minute's
    turnover is taken as its typical price (high + low + close) / 3 × its volume, the usual
    stand-in (TradingView's VWAP source); before any volume the average is the price itself."""
    n = len(grid)
    close = np.full(n, np.nan)
    opens = np.full(n, np.nan)
    high = np.full(n, np.nan)
    low = np.full(n, np.nan)
    volume = np.zeros(n)
    if n and bars:
        ts = np.fromiter((b.ts for b in bars), dtype=np.int64, count=len(bars))
        idx = np.searchsorted(grid.slots, ts, side="right") - 1
        inside = (idx >= 0) & (ts < grid.slots[np.maximum(idx, 0)] + MINUTE_MS)
        for i, bar in zip(idx[inside], (b for b, ok in zip(bars, inside, strict=True) if ok), strict=True):
            if np.isnan(close[i]):
                opens[i], high[i], low[i] = bar.open, bar.high, bar.low
            else:  # two bars in one slot (a vendor's odd key): folded
                high[i], low[i] = max(high[i], bar.high), min(low[i], bar.low)
            close[i] = bar.close
            volume[i] += bar.volume or 0.0
    traded_at = np.flatnonzero(~np.isnan(close))
    if not len(traded_at):
        empty = np.full(n, np.nan)
        return DaySeries(grid, empty, empty.copy(), empty.copy(), empty.copy(), None, None, 0)
    first, last = int(traded_at[0]), int(traded_at[-1])
    price = _carried(close)
    typical = np.where(np.isnan(close), price, (high + low + close) / 3)
    cum_turnover = np.nancumsum(np.where(np.isnan(close), 0.0, typical * volume))
    cum_volume = np.cumsum(volume)
    with np.errstate(invalid="ignore", divide="ignore"):
        average = np.where(cum_volume > 0, cum_turnover / np.where(cum_volume > 0, cum_volume, 1), price)
    previous = np.concatenate(([np.nan], price[:-1]))
    change = np.where(np.isnan(previous), price - np.where(np.isnan(opens), price, opens), price - previous)
    after = slice(last + 1, n)
    for a in (price, average, change):
        a[:first] = np.nan
        a[after] = np.nan
    volume = volume.copy()
    volume[after] = np.nan
    return DaySeries(grid, price, volume, average, change, float(np.nanmax(high)), float(np.nanmin(low)), last + 1)


def _carried(close: np.ndarray) -> np.ndarray:
    """NaN gaps filled with the last known value (leading NaNs stay)."""
    idx = np.where(np.isnan(close), 0, np.arange(len(close)))
    np.maximum.accumulate(idx, out=idx)
    out = close[idx]
    if len(close) and np.isnan(close[0]):
        lead = np.flatnonzero(~np.isnan(close))
        out[: lead[0] if len(lead) else len(close)] = np.nan
    return out


def symmetric_range(centre: float, high: float | None, low: float | None,
                    margin: float = MARGIN) -> tuple[float, float]:
    """The price range with ``centre`` in the middle: the larger of |high − centre| and
    |low − centre|, widened by ``margin`` of itself; a day that has not moved gets ±1 % so
    the axis still reads."""
    half = max(abs((high if high is not None else centre) - centre),
               abs((low if low is not None else centre) - centre))
    if half <= 0:
        half = abs(centre) * 0.01 or 1.0
    half *= 1 + margin
    return centre - half, centre + half


def previous_close(bars: list[Bar], before_ms: int) -> float | None:
    """The close of the last bar that starts before ``before_ms`` (the previous day's last
    traded price, standing in for its close when no quote says it)."""
    found = None
    for bar in bars:
        if bar.ts >= before_ms:
            break
        found = bar.close
    return found
