"""Minimum price increments, including the price-dependent HKEX spread table."""

from __future__ import annotations

import math
from bisect import bisect_right

from app.core.types import Instrument

# HKEX spread table (part A): (lower price bound, tick) pairs, ascending.
_HK_TABLE = [
    (0.01, 0.001),
    (0.25, 0.005),
    (0.50, 0.01),
    (10.0, 0.02),
    (20.0, 0.05),
    (100.0, 0.1),
    (200.0, 0.2),
    (500.0, 0.5),
    (1000.0, 1.0),
    (2000.0, 2.0),
    (5000.0, 5.0),
]
_HK_BOUNDS = [b for b, _ in _HK_TABLE]


def hk_tick(price: float) -> float:
    """Tick for an HKEX price; at a band edge the lower band's tick applies going up."""
    i = bisect_right(_HK_BOUNDS, price) - 1
    return _HK_TABLE[max(i, 0)][1]


def us_tick(price: float) -> float:
    """Reg NMS sub-penny rule: 0.0001 below $1, 0.01 from $1."""
    return 0.01 if price >= 1.0 else 0.0001


def tick_for(instrument: Instrument, price: float) -> float:
    if instrument.tick_table == "HK":
        return hk_tick(price)
    if instrument.tick_table == "US":
        return us_tick(price)
    return instrument.tick_size


def round_to_tick(price: float, tick: float, *, down: bool = False) -> float:
    """Snap a price onto the tick grid, returning a float free of binary noise."""
    steps = price / tick
    n = math.floor(steps + 1e-9) if down else round(steps)
    decimals = max(0, -math.floor(math.log10(tick) + 1e-9))
    return round(n * tick, decimals + 1)


def decimals_for_tick(tick: float) -> int:
    """Decimals needed to show a tick size (0.005 → 3, 0.1 → 1, 1 → 0)."""
    text = f"{tick:.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0
