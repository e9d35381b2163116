"""Which bars a chart shows: those whose centre lies inside the x range. One definition for the
percent scale's base, the compared symbols' base and the volume profile, so that what reads 0 %
and what the profile counts are the same bars."""

from __future__ import annotations

import math

from app.ui.chart.manager import BarManager


def visible_bars(manager: BarManager, x0: float, x1: float) -> tuple[int, int]:
    """[start, stop) of the bars whose centre (their index) lies in [x0, x1]."""
    n = len(manager)
    start = min(max(0, math.ceil(x0 - 1e-9)), n)
    stop = min(n, max(start, math.floor(x1 + 1e-9) + 1))
    return start, stop


def first_visible(manager: BarManager, x0: float, x1: float) -> int | None:
    """The first bar in view (the last bar when the view is past the data); None with no bars."""
    n = len(manager)
    if not n:
        return None
    start, stop = visible_bars(manager, x0, x1)
    return start if stop > start else min(start, n - 1)
