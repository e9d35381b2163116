"""One compared symbol's bars and their alignment to the chart's own bars.

The compared bars sit in a :class:`BarManager` of their own (live bars, merges and older pages
handled as the chart's are). The chart's x axis is its own symbol's bars, so each of its bars
takes the compared symbol's last close at or before its time (an as-of join): a bar the compared
symbol lacks (another market's holiday or lunch break, a quieter minute) **carries the last close
forward**; before the compared symbol's first bar there is nothing (NaN, a gap).
"""

from __future__ import annotations

import math

import numpy as np

from app.ui.chart.manager import BarManager


class CompareSeries:
    """A compared symbol: its bars, and its closes at the chart's bars (kept up to date from the
    dirty marks of both, so a tick redoes a few values, not a million)."""

    def __init__(self, symbol: str, main: BarManager) -> None:
        self.symbol = symbol
        self.main = main
        self.bars = BarManager()
        self._main_watch = main.watch()
        self._own_watch = self.bars.watch()
        self._aligned = np.empty(0)
        self.loaded = False  # its first page has come
        self.exhausted = False  # no older bars to be had

    def aligned(self) -> np.ndarray:
        """The compared close at each of the chart's bars (NaN before its first bar)."""
        n = len(self.main)
        main_w, own_w = self._main_watch, self._own_watch
        if main_w.reset or own_w.reset:
            start = 0
        else:
            start = int(min(main_w.dirty, len(self._aligned)))
            if own_w.dirty != math.inf and len(self.bars):
                changed = int(self.bars.ts[min(int(own_w.dirty), len(self.bars) - 1)])
                start = min(start, int(np.searchsorted(self.main.ts, changed, side="left")))
        main_w.done()
        own_w.done()
        if len(self._aligned) != n:
            grown = np.full(n, np.nan)
            keep = min(start, len(self._aligned), n)
            grown[:keep] = self._aligned[:keep]
            self._aligned = grown
        if start < n:
            self._aligned[start:] = as_of(self.bars.ts, self.bars.close, self.main.ts[start:])
        return self._aligned

    def percent_at(self, i: int, base_index: int) -> float:
        """Change in % at the chart's bar ``i`` from its close at ``base_index`` (NaN if unknown)."""
        values = self.aligned()
        base = first_finite(values, base_index)
        if not 0 <= i < len(values) or base is None:
            return math.nan
        return (float(values[i]) / base - 1.0) * 100.0


def as_of(ts: np.ndarray, close: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The last ``close`` at or before each time in ``at`` (``ts`` ascending); NaN before the first."""
    if not len(ts):
        return np.full(len(at), np.nan)
    idx = np.searchsorted(ts, at, side="right") - 1
    out = close[np.maximum(idx, 0)].astype(np.float64)
    out[idx < 0] = np.nan
    return out


def first_finite(values: np.ndarray, start: int, limit: int = 10_000) -> float | None:
    """The first finite non-zero value at or after ``start`` (the base of a compared line whose
    symbol starts later than the view)."""
    if not 0 <= start < len(values):
        return None
    chunk = values[start:start + limit]
    ok = np.flatnonzero(np.isfinite(chunk) & (chunk != 0))
    return float(chunk[ok[0]]) if len(ok) else None
