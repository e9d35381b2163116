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
_US_TABLE = [(0.0, 0.0001), (1.0, 0.01)]  # Reg NMS Rule 612: sub-penny only below $1.00
_US_BOUNDS = [b for b, _ in _US_TABLE]


def _steps_to_bounds(table: list[tuple[float, float]]) -> list[int]:
    """For each band, the valid prices stepped from the table's first bound to the band's."""
    out = [0]
    for (low, tick), (high, _next) in zip(table, table[1:]):
        out.append(out[-1] + round((high - low) / tick))
    return out


def _decimals_of(table: list[tuple[float, float]]) -> list[int]:
    return [decimals_for_tick(tick) for _low, tick in table]


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


def _index(table: list[tuple[float, float]], bounds: list[float], steps: list[int], price: float) -> float:
    """How many valid prices lie between the table's first bound and ``price`` (a whole
    number for a price on the grid); below the first bound the first tick continues."""
    i = max(bisect_right(bounds, price) - 1, 0)
    low, tick = table[i]
    return steps[i] + (price - low) / tick


def ticks_between(instrument: Instrument, a: float, b: float) -> int:
    """Ticks stepped from ``a`` to ``b`` (negative going down), band by band for a price-
    dependent table: 0.246 → 0.255 on HKEX is 4 ticks of 0.001 to 0.25 and one of 0.005."""
    if instrument.tick_table == "HK":
        return round(_index(_HK_TABLE, _HK_BOUNDS, _HK_STEPS, b) - _index(_HK_TABLE, _HK_BOUNDS, _HK_STEPS, a))
    if instrument.tick_table == "US":
        return round(_index(_US_TABLE, _US_BOUNDS, _US_STEPS, b) - _index(_US_TABLE, _US_BOUNDS, _US_STEPS, a))
    return round((b - a) / instrument.tick_size) if instrument.tick_size > 0 else 0


def decimals_at(instrument: Instrument | None, price: float | None) -> int:
    """Decimals to show ``price`` with: the instrument's own, or more where the tick at that
    price needs them for a table-driven market (US 0.5123 has 4; HK keeps the 3 its traders
    read, 414.400, and a band finer than that would show its own). Runs per painted cell, so
    it is a bisection at most."""
    if instrument is None:
        return 2
    table = instrument.tick_table
    own = instrument.price_decimals
    if table is None or price is None:
        return own
    if table == "HK":  # (NaN bisects to the last band: no error on a paint path)
        band = _HK_DECIMALS[bisect_right(_HK_BOUNDS, price) - 1] if price >= 0.01 else _HK_DECIMALS[0]
    elif table == "US":
        band = _US_DECIMALS[1] if price >= 1.0 else _US_DECIMALS[0]
    else:
        return own
    return band if band > own else own


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


_HK_STEPS = _steps_to_bounds(_HK_TABLE)
_US_STEPS = _steps_to_bounds(_US_TABLE)
_HK_DECIMALS = _decimals_of(_HK_TABLE)
_US_DECIMALS = _decimals_of(_US_TABLE)
