"""An axis's tick levels as pyqtgraph's ``AxisItem.tickValues`` makes them, one level at a time
and without NumPy.

A price axis lays out its labels again whenever its pane's y range moves, which a live tick does
on most frames (the MACD pane's on about two in three). pyqtgraph's ``tickValues`` works out
every level at once (the third, a tick every few pixels, included) and drops the values close to
a coarser level's with ``np.isclose`` over every pair: ~140 µs a layout, where the axis only
looks at the first two levels. :func:`tick_levels` yields the same levels, the same floats in
the same order, as the axis asks for them: each value computed by the same operations
(``k * spacing + start``, then ``/ scale``), and dropped when some coarser value lies within
the same tolerance (``abs(a - v) <= atol``, checked against the two nearest coarser values:
a float subtraction rounds monotonically, so no farther one can be nearer).
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections.abc import Iterator

import pyqtgraph as pg


def tick_levels(axis: pg.AxisItem, lo: float, hi: float, size: float) -> Iterator[tuple[float, list[float]]]:
    """``(spacing, values)`` per level, as ``pg.AxisItem.tickValues(axis, lo, hi, size)``
    returns them (its log mode, rare here, is left to it)."""
    if axis.logMode:
        yield from pg.AxisItem.tickValues(axis, lo, hi, size)
        return
    lo, hi = sorted((lo, hi))
    scale = axis.scale
    lo *= scale
    hi *= scale
    seen: list[float] = []  # the coarser levels' values, sorted
    for spacing, offset in axis.tickSpacing(lo, hi, size):
        start = (math.ceil((lo - offset) / spacing) * spacing) + offset
        atol = spacing / scale * 0.01
        values = []
        for k in range(int((hi - start) / spacing) + 1):
            v = (k * spacing + start) / scale
            if not _near(seen, v, atol):
                values.append(v)
        for v in values:
            insort(seen, v)
        yield spacing / scale, values


def _near(seen: list[float], v: float, atol: float) -> bool:
    """Whether ``np.isclose(seen, v, rtol=0, atol=atol).any()``."""
    if not seen:
        return False
    if not math.isfinite(v):  # (isclose: only an equal infinity)
        return any(a == v for a in seen)
    i = bisect_left(seen, v)
    return (i < len(seen) and abs(seen[i] - v) <= atol) or (i > 0 and abs(seen[i - 1] - v) <= atol)
