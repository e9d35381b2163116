"""Level of detail: the bars merged two by two, then four by four, and so on.

When more than two bars fall on a pixel the chart draws buckets of 2**k bars instead of bars:
a bucket's open is its first bar's, its close its last bar's, its high and low the extremes
(so no spike disappears when zooming out), its volume the largest. Levels are built once from
the level below (halving each time: a million bars cost about as much as two million values),
and after a tick only the buckets from the changed bar on are redone, level by level.
"""

from __future__ import annotations

import math

import numpy as np

from app.ui.chart.manager import CLOSE, HIGH, LOW, OPEN, VOLUME, BarManager

# Below this many bars per pixel, bars are drawn one by one.
DETAIL_LIMIT = 2.0


class _Level:
    __slots__ = ("cols", "n", "valid")

    def __init__(self) -> None:
        self.cols = np.zeros((5, 0))
        self.n = 0  # buckets
        self.valid = 0  # buckets known to be up to date


class LodPyramid:
    """Buckets of 2**k bars for k = 1, 2, …, built from a :class:`BarManager`."""

    def __init__(self, manager: BarManager) -> None:
        self.manager = manager
        self._watch = manager.watch()
        self._levels: list[_Level] = []

    @staticmethod
    def level_for(bars_per_pixel: float) -> int:
        """The coarsest level whose buckets still give at least one per pixel (0: bars)."""
        if bars_per_pixel <= DETAIL_LIMIT:
            return 0
        return max(0, int(math.floor(math.log2(bars_per_pixel))))

    def columns(self, level: int) -> np.ndarray:
        """(5, buckets) open, high, low, close, max volume of ``level`` (0: the bars)."""
        if level <= 0:
            return self.manager._cols[:, : len(self.manager)]
        self._sync()
        while len(self._levels) < level:
            self._levels.append(_Level())
        for k in range(1, level + 1):
            self._refresh(k)
        lvl = self._levels[level - 1]
        return lvl.cols[:, : lvl.n]

    def _sync(self) -> None:
        watch = self._watch
        if watch.reset:
            for lvl in self._levels:
                lvl.valid = 0
        elif watch.dirty != math.inf:
            first = int(watch.dirty)
            for k, lvl in enumerate(self._levels, start=1):
                lvl.valid = min(lvl.valid, first >> k)
        watch.done()

    def _refresh(self, k: int) -> None:
        lvl = self._levels[k - 1]
        below = self.columns(0) if k == 1 else self._levels[k - 2].cols[:, : self._levels[k - 2].n]
        n_below = below.shape[1]
        n = (n_below + 1) // 2
        if lvl.valid >= n and lvl.n == n:
            return
        if lvl.cols.shape[1] < n:
            grown = np.zeros((5, max(n, lvl.cols.shape[1] * 2, 16)))
            grown[:, : lvl.valid] = lvl.cols[:, : lvl.valid]
            lvl.cols = grown
        first = min(lvl.valid, n)
        src = below[:, 2 * first:]
        even, odd = src[:, 0::2], src[:, 1::2]
        paired = odd.shape[1]  # buckets with two members; an odd last bar stands alone
        out = lvl.cols[:, first:n]
        out[OPEN] = even[OPEN]
        np.maximum(even[HIGH, :paired], odd[HIGH], out=out[HIGH, :paired])
        np.minimum(even[LOW, :paired], odd[LOW], out=out[LOW, :paired])
        out[CLOSE, :paired] = odd[CLOSE]
        np.maximum(even[VOLUME, :paired], odd[VOLUME], out=out[VOLUME, :paired])
        if paired < even.shape[1]:
            out[1:, paired:] = even[1:, paired:]
        # A bucket still growing (the live bar's) is redone when the manager marks it dirty.
        lvl.n = n
        lvl.valid = n

    def build(self, levels: int) -> None:
        """Precompute ``levels`` levels (at load, so the first zoom-out is as fast as the rest)."""
        if levels > 0:
            self.columns(levels)


def levels_for(n: int, pixels: int = 800) -> int:
    """How many levels a chart of ``n`` bars shown on ``pixels`` needs when fully zoomed out."""
    return LodPyramid.level_for(n / max(pixels, 1))
