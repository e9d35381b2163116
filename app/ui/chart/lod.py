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
# The buckets are drawn (two or more bars to a pixel) and fit the y range, never read as
# prices: single precision (7 digits) is far finer than a pixel, and halves the pyramid.
LEVEL_DTYPE = np.float32


class _Level:
    """One level's buckets in a buffer with room before and after them: ``buf[:, lo:lo + n]``.
    Buckets ``[0, head)`` and ``[valid, n)`` are stale (older bars came in front; the last
    ones changed)."""

    __slots__ = ("buf", "head", "lo", "n", "valid")

    def __init__(self) -> None:
        self.buf = np.zeros((5, 0), dtype=LEVEL_DTYPE)
        self.lo = 0
        self.n = 0  # buckets
        self.head = 0
        self.valid = 0

    @property
    def cols(self) -> np.ndarray:
        return self.buf[:, self.lo:self.lo + self.n]

    def room(self, front: int, n: int) -> None:
        """``front`` more buckets in front of the first and ``n`` buckets in all (amortised)."""
        if self.lo >= front and self.lo - front + n <= self.buf.shape[1]:
            return
        keep = self.n
        new_lo = front + max(front, n // 4) if front else 0
        grown = np.empty((5, new_lo - front + n + max(16, min(n // 8, 1 << 14))), dtype=LEVEL_DTYPE)
        grown[:, new_lo:new_lo + keep] = self.buf[:, self.lo:self.lo + keep]
        self.buf, self.lo = grown, new_lo


class LodPyramid:
    """Buckets of 2**k bars for k = 1, 2, …, built from a :class:`BarManager`.

    Bucket boundaries stay on the same bars when older pages come in front (``shift``: bars
    put in front since the last full build): at level k the first bucket holds only the
    ``(2**k - offset(k))`` first bars, so the levels grow at their heads instead of being
    rebuilt, and a page costs the same at a thousand bars as at a million.
    """

    def __init__(self, manager: BarManager) -> None:
        self.manager = manager
        self._watch = manager.watch(front=True)
        self._levels: list[_Level] = []
        self.shift = 0

    @staticmethod
    def level_for(bars_per_pixel: float) -> int:
        """The coarsest level whose buckets still give at least one per pixel (0: bars)."""
        if bars_per_pixel <= DETAIL_LIMIT:
            return 0
        return max(0, int(math.floor(math.log2(bars_per_pixel))))

    def offset(self, level: int) -> int:
        """Places before bar 0 in its bucket at ``level``: bucket j holds bars
        ``[j·2**level − offset, (j+1)·2**level − offset)``."""
        return (-self.shift) % (1 << level) if level > 0 else 0

    def columns(self, level: int) -> np.ndarray:
        """(5, buckets) open, high, low, close, max volume of ``level`` (0: the bars)."""
        if level <= 0:
            return self.manager.columns()
        self._sync()
        while len(self._levels) < level:
            self._levels.append(_Level())
        for k in range(1, level + 1):
            self._refresh(k)
        return self._levels[level - 1].cols

    def _sync(self) -> None:
        watch = self._watch
        if watch.reset:
            self.shift = 0
            for lvl in self._levels:
                lvl.valid = lvl.head = 0
        else:
            if watch.front:
                self._take_front(watch.front)
            if watch.dirty != math.inf:
                first = int(watch.dirty)
                for k, lvl in enumerate(self._levels, start=1):
                    lvl.valid = min(lvl.valid, (first + self.offset(k)) >> k)
        watch.done()

    def _take_front(self, added: int) -> None:
        """``added`` older bars came in front: each level's buckets move back by the whole
        buckets that came, and those plus the old first one (it may have grown) are stale."""
        self.shift += added
        for k, lvl in enumerate(self._levels, start=1):
            if not lvl.valid:
                lvl.head = 0  # never built (or stale anyway): built whole when next asked
                continue
            moved = (added + self.offset(k)) >> k
            lvl.room(moved, lvl.n + moved)
            lvl.lo -= moved
            lvl.n += moved
            lvl.valid += moved
            lvl.head = min(lvl.n, max(lvl.head + moved, moved + 1))

    def _refresh(self, k: int) -> None:
        lvl = self._levels[k - 1]
        below = self.columns(0) if k == 1 else self._levels[k - 2].cols
        n_below = below.shape[1]
        odd_start = 1 if self.offset(k) >= (1 << (k - 1)) else 0  # the first bucket's first half is empty
        n = (n_below + odd_start + 1) // 2
        if lvl.valid >= n and lvl.n == n and not lvl.head:
            return
        lvl.room(0, n)
        lvl.n = n
        valid = min(lvl.valid, n)
        if lvl.head >= valid:
            _merge(below, odd_start, 0, n, lvl.cols)
        else:
            if lvl.head:
                _merge(below, odd_start, 0, lvl.head, lvl.cols)
            if valid < n:
                _merge(below, odd_start, valid, n, lvl.cols)
        # A bucket still growing (the live bar's) is redone when the manager marks it dirty.
        lvl.head = 0
        lvl.valid = n

    def build(self, levels: int) -> None:
        """Precompute ``levels`` levels (at load, so the first zoom-out is as fast as the rest)."""
        if levels > 0:
            self.columns(levels)


def _merge(below: np.ndarray, odd_start: int, first: int, stop: int, cols: np.ndarray) -> None:
    """Buckets ``[first, stop)`` of a level from the level ``below`` (bucket j = below's
    ``2j − odd_start`` and ``2j + 1 − odd_start``; a missing member leaves the other alone)."""
    if first == 0 and odd_start:
        cols[:, 0] = below[:, 0]
        first = 1
    if first >= stop:
        return
    src = below[:, 2 * first - odd_start:2 * stop - odd_start]
    even, odd = src[:, 0::2], src[:, 1::2]
    paired = odd.shape[1]  # buckets with two members; an odd last one stands alone
    out = cols[:, first:stop]
    out[OPEN] = even[OPEN]
    np.maximum(even[HIGH, :paired], odd[HIGH], out=out[HIGH, :paired])
    np.minimum(even[LOW, :paired], odd[LOW], out=out[LOW, :paired])
    out[CLOSE, :paired] = odd[CLOSE]
    np.maximum(even[VOLUME, :paired], odd[VOLUME], out=out[VOLUME, :paired])
    if paired < even.shape[1]:
        out[1:, paired:] = even[1:, paired:]


def levels_for(n: int, pixels: int = 800) -> int:
    """How many levels a chart of ``n`` bars shown on ``pixels`` needs when fully zoomed out."""
    return LodPyramid.level_for(n / max(pixels, 1))
