"""Drawings on a chart as pure data: what a trader drew, anchored in (time, price).

Anchors are epoch milliseconds and prices, never bar numbers, so a drawing stays on its bars
when the chart zooms, pans, loads older pages (the bar numbers shift) or changes period (a line
drawn on 1d shows on 1h at the same times and prices). :func:`times_to_x` and :func:`x_to_time`
are the one place where a time meets the chart's x axis (the bar number): between two bars' start
times x moves with the time for one period's length, then waits at the next bar (a closed market
takes no room), and before the first or after the last bar it steps one bar per period.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec
import numpy as np

# Fibonacci retracement levels, as TradingView and MetaTrader draw them by default.
FIB_LEVELS = (0.0, 0.236, 0.382, 0.5, 0.618, 0.786, 1.0)


class Tool(StrEnum):
    HLINE = "hline"  # horizontal line, across the whole chart
    HRAY = "hray"  # horizontal ray, from its anchor to the right
    TREND = "trend"  # trend line, between two anchors
    RAY = "ray"  # from the first anchor through the second, on to the edge
    VLINE = "vline"  # vertical line at a time
    RECT = "rect"  # rectangle between two corners
    CHANNEL = "channel"  # parallel channel: a trend line and its parallel through a third anchor
    FIB = "fib"  # Fibonacci retracement between two anchors
    TEXT = "text"  # a note at an anchor


class LineStyle(StrEnum):
    SOLID = "solid"
    DASHED = "dashed"
    DOTTED = "dotted"


# How many anchors each tool takes (clicks to place it).
ANCHORS: dict[Tool, int] = {Tool.HLINE: 1, Tool.HRAY: 1, Tool.VLINE: 1, Tool.TEXT: 1, Tool.TREND: 2,
                            Tool.RAY: 2, Tool.RECT: 2, Tool.FIB: 2, Tool.CHANNEL: 3}
# The tools an alert can watch ("Alert on this line"): a level or a sloped line.
ALERTABLE = frozenset({Tool.HLINE, Tool.HRAY, Tool.TREND, Tool.RAY})
# The tools that reach the chart's right edge (or both edges): never culled for being left of view.
REACHES_RIGHT = frozenset({Tool.HLINE, Tool.HRAY, Tool.RAY})
REACHES_LEFT = frozenset({Tool.HLINE})


class Anchor(msgspec.Struct, frozen=True, array_like=True):
    """A point of a drawing: ``t`` epoch ms (UTC), ``p`` a price."""

    t: int
    p: float


class Drawing(msgspec.Struct, frozen=True):
    """One drawing. ``colour`` indexes the theme's line colours (so it follows the theme);
    ``width`` is in pixels; ``visible`` False hides it without deleting it."""

    id: str
    tool: Tool
    anchors: tuple[Anchor, ...]
    colour: int = 0
    width: float = 1.0
    style: LineStyle = LineStyle.SOLID
    locked: bool = False
    visible: bool = True
    text: str = ""

    def with_anchor(self, k: int, anchor: Anchor) -> Drawing:
        """Anchor ``k`` put elsewhere (a handle dragged)."""
        anchors = list(self.anchors)
        anchors[k] = anchor
        return msgspec.structs.replace(self, anchors=tuple(anchors))


def fib_levels(first: float, second: float, levels: tuple[float, ...] = FIB_LEVELS) -> list[tuple[float, float]]:
    """(level, price) of a retracement drawn from ``first`` to ``second``: level 0 at the second
    anchor (where the move ended), 1 at the first (where it started), as TradingView draws it."""
    return [(level, second + (first - second) * level) for level in levels]


def line_points(drawing: Drawing) -> tuple[int, float, int, float]:
    """What an alert on this drawing watches: ``(t1, p1, t2, p2)``; a horizontal line or ray
    gives its one anchor twice (t1 == t2, p1 == p2)."""
    if drawing.tool not in ALERTABLE:
        raise ValueError(f"no alert on a {drawing.tool.value}")
    a = drawing.anchors[0]
    b = drawing.anchors[1] if len(drawing.anchors) > 1 else a
    return a.t, a.p, b.t, b.p


# -- time and the chart's x axis (the bar number) ------------------------------------------------

def times_to_x(ts: np.ndarray, period_ms: int, times: np.ndarray) -> np.ndarray:
    """The x (bar number, a bar's start time at its whole number) of each time, vectorised.

    ``ts`` holds the bars' start times, sorted. Inside bar ``i`` x grows with the time for one
    ``period_ms`` and then stays at ``i + 1`` until the next bar starts (a closed market, or a
    coarser drawing's time between two bars); before the first and after the last bar x steps one
    per ``period_ms``. With no bars every x is NaN."""
    times = np.asarray(times, dtype=np.int64)
    n = len(ts)
    if n == 0:
        return np.full(times.shape, np.nan)
    period = float(max(period_ms, 1))
    i = np.searchsorted(ts, times, side="right") - 1
    inside = np.clip(i, 0, n - 1)
    start = ts[inside]
    span = np.full(times.shape, period)
    has_next = inside < n - 1
    span[has_next] = np.minimum(period, (ts[np.minimum(inside + 1, n - 1)] - start)[has_next])
    x = inside + np.minimum((times - start) / span, 1.0)
    after = i >= n - 1
    x[after] = n - 1 + (times[after] - ts[-1]) / period
    before = i < 0
    x[before] = (times[before] - ts[0]) / period
    return x


def x_to_time(ts: np.ndarray, period_ms: int, x: float) -> int:
    """The time at ``x``: the inverse of :func:`times_to_x` (a closed market's gap, which has no
    x of its own, is never given back)."""
    n = len(ts)
    if n == 0:
        raise ValueError("no bars")
    period = float(max(period_ms, 1))
    if x <= 0:
        return int(round(ts[0] + x * period))
    if x >= n - 1:
        return int(round(ts[-1] + (x - (n - 1)) * period))
    i = int(np.floor(x))
    span = min(period, float(ts[i + 1] - ts[i]))
    return int(round(ts[i] + (x - i) * span))


def bar_time(ts: np.ndarray, period_ms: int, x: float) -> int:
    """The start time of the bar nearest ``x`` (a bar to come, beyond the last, counts in periods):
    where a click puts an anchor, at a bar's centre, as TradingView does."""
    return x_to_time(ts, period_ms, float(round(x)))


def snap_price(ohlc: tuple[float, float, float, float], price: float) -> float:
    """The magnet: the bar's open, high, low or close nearest ``price``."""
    return min(ohlc, key=lambda v: abs(v - price))
