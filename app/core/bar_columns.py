"""Bars as NumPy columns: what a chart draws from, without a Python object per bar.

A million one-minute bars as :class:`~app.core.types.Bar` objects cost ~0.2 s to make and as much
again to turn into columns; the kline cache reads its rows straight into columns instead
(``KlineStore.latest_columns``), and the chart takes either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from app.core.types import Bar
from app.core.validate import DAY_MS, LONG_BAR_SLACK_MS, LONG_PERIODS, MAX_PRICE, MIN_TS, now_ms

OPEN, HIGH, LOW, CLOSE, VOLUME = range(5)
_FIELDS = ("open", "high", "low", "close")


ROOM_MAX = 1 << 16  # live bars a chart keeps room for past the last at most (~45 days of minutes)


def live_room(n: int) -> int:
    """Places to keep after ``n`` bars for the live ones to come: an eighth, 1024 to ROOM_MAX."""
    return max(1024, min(n // 8, ROOM_MAX))


def front_room(n: int) -> int:
    """Places to keep before ``n`` bars for older pages of history, as many as after them for
    the live bars (:func:`live_room`), so that a chart's first older page goes in front without
    moving the history."""
    return live_room(n)


@dataclass(frozen=True, slots=True)
class BarColumns:
    """``ts`` (n,) int64 bar starts, epoch ms, ascending; ``ohlcv`` (5, n) float64 open, high,
    low, close, volume (0 where the vendor gave none). ``len()`` is the number of bars.

    ``buffers``, when given: ``(ts, ohlcv)`` arrays that hold ``ts`` and ``ohlcv`` from place
    ``front`` on, with room after them (and ``front`` places before), handed to whoever shows the
    bars (the reader keeps no reference): a chart takes them as its own columns instead of
    copying a million bars.
    """

    ts: np.ndarray
    ohlcv: np.ndarray
    buffers: tuple[np.ndarray, np.ndarray] | None = None
    front: int = 0

    def __len__(self) -> int:
        return len(self.ts)

    @classmethod
    def empty(cls) -> BarColumns:
        return cls(np.zeros(0, dtype=np.int64), np.zeros((5, 0)))

    @classmethod
    def of(cls, bars: Sequence[Bar]) -> BarColumns:
        return cls(*bars_to_arrays(bars))

    def bars(self, vendor: str, symbol: str, period: str) -> list[Bar]:
        """Back to bar objects (for a consumer that wants them: few bars)."""
        rows = zip(self.ts.tolist(), *self.ohlcv.tolist(), strict=True)
        return [Bar(vendor, symbol, period, *row) for row in rows]


def bars_to_arrays(bars: Sequence[Bar]) -> tuple[np.ndarray, np.ndarray]:
    """(ts, ohlcv) from bar objects, one field at a time (twice as fast as a row per bar)."""
    n = len(bars)
    ts = np.fromiter(map(attrgetter("ts"), bars), dtype=np.int64, count=n)
    ohlcv = np.empty((5, n), dtype=np.float64)
    for row, field in enumerate(_FIELDS):
        ohlcv[row] = np.fromiter(map(attrgetter(field), bars), dtype=np.float64, count=n)
    ohlcv[VOLUME] = np.fromiter((b.volume or 0.0 for b in bars), dtype=np.float64, count=n)
    return ts, ohlcv


def columns_ok(ts: np.ndarray, ohlcv: np.ndarray, period: str, now: int | None = None) -> np.ndarray:
    """Per bar, whether :func:`app.core.validate.bar_ok` would let it through (the same rules:
    a time from 2000 to a day ahead, prices above 0 and below the limit, a volume not below 0,
    high and low around open and close), for a whole column at once."""
    limit = (now_ms() if now is None else now) + DAY_MS
    if period in LONG_PERIODS:
        limit += LONG_BAR_SLACK_MS
    o, h, lo, c, v = ohlcv
    ok = (ts >= MIN_TS) & (ts <= limit)
    for x in (o, h, lo, c):
        ok &= (x > 0.0) & (x < MAX_PRICE)
    ok &= (v >= 0.0) & (v < np.inf)
    ok &= (h >= o) & (h >= c) & (h >= lo) & (lo <= o) & (lo <= c)
    return ok
