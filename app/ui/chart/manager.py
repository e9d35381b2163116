"""Bars in NumPy columns addressed by index: the x axis is the bar number, so closed-market
gaps (nights, weekends, lunch breaks) take no room on screen.

Consumers of the columns (the level-of-detail pyramid, the indicators) register a
:class:`Watcher`; a write only lowers the watchers' ``dirty`` index, and each consumer
recomputes from there when it is next drawn, so a tick costs microseconds however long the
history is. An older page lands in room kept in front of the columns (amortised, like a deque),
and a watcher that asked for it is told how many bars came in front instead of being reset: the
pyramid and the studies extend their heads instead of starting again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from app.core.bar_columns import (ROOM_MAX, CLOSE, HIGH, LOW, OPEN, VOLUME, BarColumns, bars_to_arrays, front_room,
                                  live_room)
from app.core.sessions import Calendar
from app.core.types import Bar

__all__ = ["CLOSE", "HIGH", "LOW", "OPEN", "VOLUME", "BarManager", "Watcher", "bars_to_arrays"]


class Watcher:
    """What a consumer of the columns must redo: everything from ``dirty`` (an index) on,
    or all of it after ``reset`` (the indices moved). A watcher made with ``front=True`` is
    told of older bars put in front by ``front`` (how many came since it last caught up; its
    ``dirty`` index is already shifted by them); any other is reset by them."""

    def __init__(self, front: bool = False) -> None:
        self.dirty = 0
        self.reset = True
        self.takes_front = front
        self.front = 0

    def done(self) -> None:
        self.dirty = math.inf
        self.reset = False
        self.front = 0


class BarManager:
    """Growable OHLCV columns; a live update or an append is O(1) amortised."""

    def __init__(self, capacity: int = 1024) -> None:
        self._lo = 0  # where bar 0 is in the buffers: the room before it takes older pages
        self._n = 0
        self._ts = np.zeros(capacity, dtype=np.int64)
        self._cols = np.zeros((5, capacity), dtype=np.float64)
        self._watchers: list[Watcher] = []
        # the symbol's market, where its trading days begin (the VWAP starts again); None: each
        # bar's UTC date (daily and longer bars: every bar a session of its own)
        self.calendar: Calendar | None = None
        # the decimals of the instrument's price step (None: unknown): how finely lines derived
        # from the prices must be kept (app.ui.chart.studies keeps some in single precision)
        self.decimals: int | None = None

    def __len__(self) -> int:
        return self._n

    def watch(self, front: bool = False) -> Watcher:
        """A watcher of the writes; ``front=True``: one that extends its head when older bars
        come in front (see :class:`Watcher`)."""
        watcher = Watcher(front)
        self._watchers.append(watcher)
        return watcher

    @property
    def ts(self) -> np.ndarray:
        return self._ts[self._lo:self._lo + self._n]

    @property
    def open(self) -> np.ndarray:
        return self._cols[OPEN, self._lo:self._lo + self._n]

    @property
    def high(self) -> np.ndarray:
        return self._cols[HIGH, self._lo:self._lo + self._n]

    @property
    def low(self) -> np.ndarray:
        return self._cols[LOW, self._lo:self._lo + self._n]

    @property
    def close(self) -> np.ndarray:
        return self._cols[CLOSE, self._lo:self._lo + self._n]

    @property
    def volume(self) -> np.ndarray:
        return self._cols[VOLUME, self._lo:self._lo + self._n]

    def column(self, which: int) -> np.ndarray:
        return self._cols[which, self._lo:self._lo + self._n]

    def columns(self) -> np.ndarray:
        """(5, bars): open, high, low, close, volume (a view: no copy)."""
        return self._cols[:, self._lo:self._lo + self._n]

    def bar(self, i: int) -> tuple[int, float, float, float, float, float]:
        """(ts, open, high, low, close, volume) of bar ``i``."""
        o, h, lo, c, v = self._cols[:, self._lo + i]
        return int(self._ts[self._lo + i]), float(o), float(h), float(lo), float(c), float(v)

    # -- writing -----------------------------------------------------------------------------

    def clear(self) -> None:
        self._n = 0
        self._reset_watchers()

    def set_arrays(self, ts: np.ndarray, ohlcv: np.ndarray) -> None:
        """Replace everything with ``ts`` (n,) and ``ohlcv`` (5, n), oldest first."""
        n = len(ts)
        self._n = 0
        self._lo = front_room(n)  # room for older pages: the first one moves nothing
        self._reserve(n + live_room(n))  # room for the live bars to come
        self._ts[self._lo:self._lo + n] = ts
        self._cols[:, self._lo:self._lo + n] = ohlcv
        self._n = n
        self._reset_watchers()

    def set_bars(self, bars: Sequence[Bar] | BarColumns) -> None:
        """Replace everything with these bars (objects, or columns as the cache reads them)."""
        if isinstance(bars, BarColumns):
            given = bars.buffers
            n = len(bars)
            front = bars.front  # (places for older pages, when the reader kept them)
            if (given is not None and len(given[0]) >= front + n + 1024 and given[1].shape == (5, len(given[0]))
                    and given[0].dtype == np.int64 and given[1].dtype == np.float64):
                self._ts, self._cols, self._lo, self._n = given[0], given[1], front, n  # taken, not copied
                self._reset_watchers()
            else:
                self.set_arrays(bars.ts, bars.ohlcv)
        else:
            self.set_arrays(*bars_to_arrays(bars))

    def update(self, bar: Bar) -> int | None:
        """Apply a live bar: replace the bar with its start time or append a newer one.

        Returns the index written, or None for a bar older than the last (see :meth:`merge`).
        """
        n = self._n
        last = self._lo + n - 1
        if n and bar.ts == self._ts[last]:
            i = n - 1
        elif n == 0 or bar.ts > self._ts[last]:
            if self._lo + n == len(self._ts):
                self._reserve(n + 1)
            i = n
            self._n = n + 1
        else:
            return None
        at = self._lo + i
        self._ts[at] = bar.ts
        cols = self._cols
        cols[OPEN, at] = bar.open
        cols[HIGH, at] = bar.high
        cols[LOW, at] = bar.low
        cols[CLOSE, at] = bar.close
        cols[VOLUME, at] = bar.volume or 0.0
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
        return self.merge_arrays(*bars_to_arrays(bars))

    def merge_arrays(self, ts: np.ndarray, ohlcv: np.ndarray) -> int:
        """:meth:`merge` of columns (``ts`` ascending or not, ``ohlcv`` (5, n))."""
        if not len(ts):
            return 0
        old_ts = self.ts
        if len(old_ts) and ts.max() < old_ts[0]:
            return self.prepend_arrays(ts, ohlcv)
        at = np.searchsorted(old_ts, ts)
        exists = (at < len(old_ts)) & (old_ts[np.minimum(at, len(old_ts) - 1)] == ts) if len(old_ts) else \
            np.zeros(len(ts), dtype=bool)
        if exists.any():
            self._cols[:, self._lo + at[exists]] = ohlcv[:, exists]
        fresh = ~exists
        if not fresh.any():
            self._touch(int(at.min()))
            return 0
        before = int((ts[fresh] < old_ts[0]).sum()) if len(old_ts) else 0
        all_ts = np.concatenate((old_ts, ts[fresh]))
        order = np.argsort(all_ts, kind="stable")
        all_cols = np.concatenate((self.columns(), ohlcv[:, fresh]), axis=1)[:, order]
        first_change = int(np.searchsorted(all_ts[order], ts.min()))
        self._n = 0
        self._lo = lo = front_room(len(all_ts))  # (the room for older pages kept)
        self._reserve(len(all_ts))
        self._ts[lo:lo + len(all_ts)] = all_ts[order]
        self._cols[:, lo:lo + len(all_ts)] = all_cols
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
        first = self._ts[self._lo] if self._n else None
        older = [b for b in bars if first is None or b.ts < first]
        if not older:
            return 0
        return self.prepend_arrays(*bars_to_arrays(older))

    def prepend_arrays(self, ts: np.ndarray, ohlcv: np.ndarray) -> int:
        """Older bars (columns, any order) in front of the first; newer ones are left out.
        No bar moves: the page goes into the room before the first bar (made when short, at
        least the history's length / 4, so a run of pages copies the history rarely)."""
        if self._n:
            keep = ts < self._ts[self._lo]
            if not keep.all():
                ts, ohlcv = ts[keep], ohlcv[:, keep]
        if not len(ts):
            return 0
        if len(ts) > 1 and not (np.diff(ts) > 0).all():
            ts, first = np.unique(ts, return_index=True)  # sorted, one bar per start time
            ohlcv = ohlcv[:, first]
        if not self._n:
            self.set_arrays(ts, ohlcv)
            return len(ts)
        p = len(ts)
        if self._lo < p:
            # (the room after the last bar kept as it was: the live bars' places)
            self._move(p + max(p, self._n // 4), max(len(self._ts) - self._lo - self._n, live_room(self._n)))
        self._lo -= p
        self._ts[self._lo:self._lo + p] = ts
        self._cols[:, self._lo:self._lo + p] = ohlcv
        self._n += p
        for watcher in self._watchers:
            if watcher.takes_front and not watcher.reset:
                watcher.front += p
                watcher.dirty += p
            else:
                watcher.reset = True
                watcher.dirty = 0
        return p

    def _touch(self, i: int) -> None:
        for watcher in self._watchers:
            watcher.dirty = min(watcher.dirty, i)

    def _reset_watchers(self) -> None:
        for watcher in self._watchers:
            watcher.reset = True
            watcher.dirty = 0
            watcher.front = 0

    def _reserve(self, size: int) -> None:
        """Room for ``size`` bars from bar 0 on."""
        if self._lo + size <= len(self._ts):
            return
        held = len(self._ts) - self._lo
        self._move(self._lo, max(size, held + max(1024, min(held, ROOM_MAX))) - self._n)

    def _move(self, front: int, back: int) -> None:
        """New buffers with ``front`` free places before bar 0 and ``back`` after the last."""
        capacity = front + self._n + back
        ts = np.empty(capacity, dtype=np.int64)
        cols = np.empty((5, capacity), dtype=np.float64)
        ts[front:front + self._n] = self.ts
        cols[:, front:front + self._n] = self.columns()
        self._ts, self._cols, self._lo = ts, cols, front

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
        return i if i < self._n and self._ts[self._lo + i] == ts else None
