"""Bars in NumPy columns addressed by index: the x axis is the bar number, so closed-market
gaps (nights, weekends, lunch breaks) take no room on screen.

Consumers of the columns (the level-of-detail pyramid, the indicators) register a
:class:`Watcher`; a write only lowers the watchers' ``dirty`` index, and each consumer
recomputes from there when it is next drawn, so a tick costs microseconds however long the
history is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from app.core.sessions import Calendar
from app.core.types import Bar

OPEN, HIGH, LOW, CLOSE, VOLUME = range(5)


class Watcher:
    """What a consumer of the columns must redo: everything from ``dirty`` (an index) on,
    or all of it after ``reset`` (the indices moved)."""

    def __init__(self) -> None:
        self.dirty = 0
        self.reset = True

    def done(self) -> None:
        self.dirty = math.inf
        self.reset = False


class BarManager:
    """Growable OHLCV columns; a live update or an append is O(1) amortised."""

    def __init__(self, capacity: int = 1024) -> None:
        self._n = 0
        self._ts = np.zeros(capacity, dtype=np.int64)
        self._cols = np.zeros((5, capacity), dtype=np.float64)
        self._watchers: list[Watcher] = []
        # the symbol's market, where its trading days begin (the VWAP starts again); None: each
        # bar's UTC date (daily and longer bars: every bar a session of its own)
        self.calendar: Calendar | None = None

    def __len__(self) -> int:
        return self._n

    def watch(self) -> Watcher:
        watcher = Watcher()
        self._watchers.append(watcher)
        return watcher

    @property
    def ts(self) -> np.ndarray:
        return self._ts[: self._n]

    @property
    def open(self) -> np.ndarray:
        return self._cols[OPEN, : self._n]

    @property
    def high(self) -> np.ndarray:
        return self._cols[HIGH, : self._n]

    @property
    def low(self) -> np.ndarray:
        return self._cols[LOW, : self._n]

    @property
    def close(self) -> np.ndarray:
        return self._cols[CLOSE, : self._n]

    @property
    def volume(self) -> np.ndarray:
        return self._cols[VOLUME, : self._n]

    def column(self, which: int) -> np.ndarray:
        return self._cols[which, : self._n]

    def bar(self, i: int) -> tuple[int, float, float, float, float, float]:
        """(ts, open, high, low, close, volume) of bar ``i``."""
        o, h, lo, c, v = self._cols[:, i]
        return int(self._ts[i]), float(o), float(h), float(lo), float(c), float(v)

    # -- writing -----------------------------------------------------------------------------

    def clear(self) -> None:
        self._n = 0
        self._reset_watchers()

    def set_arrays(self, ts: np.ndarray, ohlcv: np.ndarray) -> None:
        """Replace everything with ``ts`` (n,) and ``ohlcv`` (5, n), oldest first."""
        n = len(ts)
        self._n = 0
        self._reserve(n + max(1024, n // 8))  # room for the live bars to come
        self._ts[:n] = ts
        self._cols[:, :n] = ohlcv
        self._n = n
        self._reset_watchers()

    def set_bars(self, bars: Sequence[Bar]) -> None:
        ts, ohlcv = bars_to_arrays(bars)
        self.set_arrays(ts, ohlcv)

    def update(self, bar: Bar) -> int | None:
        """Apply a live bar: replace the bar with its start time or append a newer one.

        Returns the index written, or None for a bar older than the last (see :meth:`merge`).
        """
        n = self._n
        if n and bar.ts == self._ts[n - 1]:
            i = n - 1
        elif n == 0 or bar.ts > self._ts[n - 1]:
            if n == len(self._ts):
                self._reserve(n + 1)
            i = n
            self._n = n + 1
        else:
            return None
        self._ts[i] = bar.ts
        cols = self._cols
        cols[OPEN, i] = bar.open
        cols[HIGH, i] = bar.high
        cols[LOW, i] = bar.low
        cols[CLOSE, i] = bar.close
        cols[VOLUME, i] = bar.volume or 0.0
        for watcher in self._watchers:
            if i < watcher.dirty:
                watcher.dirty = i
        return i

    def merge(self, bars: Sequence[Bar]) -> int:
        """Insert or replace bars anywhere (a back-fill after a reconnect).

        Returns how many bars were inserted before the old first bar (the caller shifts its
        view by that many, so the picture does not jump).
        """
        if not bars:
            return 0
        ts, ohlcv = bars_to_arrays(bars)
        old_ts = self.ts
        at = np.searchsorted(old_ts, ts)
        exists = (at < len(old_ts)) & (old_ts[np.minimum(at, len(old_ts) - 1)] == ts) if len(old_ts) else \
            np.zeros(len(ts), dtype=bool)
        if exists.any():
            self._cols[:, at[exists]] = ohlcv[:, exists]
        fresh = ~exists
        if not fresh.any():
            self._touch(int(at.min()))
            return 0
        before = int((ts[fresh] < old_ts[0]).sum()) if len(old_ts) else 0
        all_ts = np.concatenate((old_ts, ts[fresh]))
        order = np.argsort(all_ts, kind="stable")
        all_cols = np.concatenate((self._cols[:, : self._n], ohlcv[:, fresh]), axis=1)[:, order]
        first_change = int(np.searchsorted(all_ts[order], ts.min()))
        self._n = 0
        self._reserve(len(all_ts))
        self._ts[: len(all_ts)] = all_ts[order]
        self._cols[:, : len(all_ts)] = all_cols
        self._n = len(all_ts)
        if before:
            self._reset_watchers()
        else:
            self._touch(first_change)
        return before

    def prepend(self, bars: Sequence[Bar]) -> int:
        """Put older bars in front (a page of deeper history); returns how many were added."""
        if not bars:
            return 0
        first = self._ts[0] if self._n else None
        older = [b for b in bars if first is None or b.ts < first]
        return self.merge(older)

    def _touch(self, i: int) -> None:
        for watcher in self._watchers:
            watcher.dirty = min(watcher.dirty, i)

    def _reset_watchers(self) -> None:
        for watcher in self._watchers:
            watcher.reset = True
            watcher.dirty = 0

    def _reserve(self, size: int) -> None:
        if size <= len(self._ts):
            return
        capacity = max(size, len(self._ts) * 2)
        ts = np.empty(capacity, dtype=np.int64)
        cols = np.empty((5, capacity), dtype=np.float64)
        ts[: self._n] = self._ts[: self._n]
        cols[:, : self._n] = self._cols[:, : self._n]
        self._ts, self._cols = ts, cols

    # -- reading ------------------------------------------------------------------------------

    def visible(self, x_min: float, x_max: float) -> tuple[int, int]:
        """Index range [start, stop) of bars inside an x range."""
        start = max(0, int(np.floor(x_min)))
        stop = min(self._n, int(np.ceil(x_max)) + 1)
        return start, max(start, stop)

    def index_at(self, x: float) -> int | None:
        """The bar under an x position, clamped to the data; None when there are no bars."""
        if not self._n:
            return None
        return min(max(int(round(x)), 0), self._n - 1)

    def index_of_ts(self, ts: int) -> int | None:
        i = int(np.searchsorted(self.ts, ts))
        return i if i < self._n and self._ts[i] == ts else None


def bars_to_arrays(bars: Sequence[Bar]) -> tuple[np.ndarray, np.ndarray]:
    """Columns from bar objects (a vendor's page: at most thousands, so a loop is fine)."""
    n = len(bars)
    ts = np.fromiter((b.ts for b in bars), dtype=np.int64, count=n)
    ohlcv = np.empty((5, n), dtype=np.float64)
    if n:
        ohlcv[:] = np.array([(b.open, b.high, b.low, b.close, b.volume or 0.0) for b in bars]).T
    return ts, ohlcv
