"""A price axis's tick levels, made level by level without NumPy (app.ui.chart.tick_levels), are
pyqtgraph's ``tickValues``: the same spacings, the same floats in the same order, for linear and
log scales, near zero, negative, tiny and huge ranges; and the labels an axis picks from them
are the ones it picked from pyqtgraph's."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from app.ui.chart.axis import PriceAxis
from app.ui.chart.scale import PriceScale, ScaleMode
from app.ui.chart.tick_levels import _near


def _ranges(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        centre = 10 ** rng.uniform(-6, 7) * rng.choice([1, -1, 1e-4])
        span = abs(centre) * 10 ** rng.uniform(-5, 1) + 10 ** rng.uniform(-9, 3)
        lo = centre - span * rng.random()
        hi = lo + span
        if rng.random() < 0.2:
            lo, hi = hi, lo  # (an inverted range: tickValues sorts it)
        yield lo, hi, rng.uniform(10, 2000)


@pytest.mark.parametrize("scale, spacing", [(1.0, None), (3.7, None), (1e-3, None), (1.0, (0.25, 0.05))])
def test_levels_are_pyqtgraphs(qapp, scale, spacing):
    """Also with the axis's scale set and with fixed spacings (the value formula and the
    closeness tolerance both divide by the scale)."""
    axis = PriceAxis()
    axis.setScale(scale)
    if spacing is not None:
        axis.setTickSpacing(*spacing)
    ranges = _ranges(5, 3000 if scale == 1.0 else 600)
    if spacing is not None:  # (fixed spacings: ranges of a sane count of ticks)
        rng = random.Random(9)
        ranges = ((lo, lo + rng.uniform(0.01, 20), rng.uniform(10, 2000))
                  for lo in (rng.uniform(-100, 100) for _ in range(600)))
    for lo, hi, length in ranges:
        assert list(axis.tick_levels(lo, hi, length)) == axis.tickValues(lo, hi, length), (lo, hi, length)


def test_near_is_numpys_isclose():
    """The closeness filter is pyqtgraph's ``np.isclose(seen, v, rtol=0, atol=atol).any()``,
    at the tolerance's very edge (a ulp either side), with infinities and a zero tolerance."""
    rng = random.Random(3)
    for _ in range(20_000):
        seen = sorted(rng.uniform(-1e3, 1e3) for _ in range(rng.randint(0, 6)))
        if seen and rng.random() < 0.1:
            seen[rng.randrange(len(seen))] = rng.choice([math.inf, -math.inf])
            seen.sort()
        atol = rng.choice([0.0, 1e-9, 0.5, rng.uniform(0, 10)])
        if seen and rng.random() < 0.6:
            edge = rng.choice(seen) + rng.choice([atol, -atol])
            v = rng.choice([edge, math.nextafter(edge, math.inf), math.nextafter(edge, -math.inf)])
        else:
            v = rng.choice([rng.uniform(-1e3, 1e3), math.inf, -math.inf])
        expected = bool(seen) and bool(np.isclose(np.array(seen), v, rtol=0, atol=atol).any())
        assert _near(seen, v, atol) == expected, (seen, v, atol)


def test_levels_on_a_log_scale_are_pyqtgraphs(qapp):
    scale = PriceScale()
    scale.mode = ScaleMode.LOG
    axis = PriceAxis(scale)
    rng = random.Random(7)
    for _ in range(1000):
        lo = rng.uniform(-3, 6)
        hi = lo + rng.uniform(1e-4, 3)
        length = rng.uniform(40, 1500)
        assert list(axis.tick_levels(lo, hi, length)) == axis.tickValues(lo, hi, length), (lo, hi, length)


def test_levels_are_made_as_asked(qapp, monkeypatch):
    """The first level is there before the finer ones are worked out (an axis that stops after two
    levels never pays for the third)."""
    axis = PriceAxis()
    made = []
    spacing = axis.tickSpacing
    monkeypatch.setattr(axis, "tickSpacing", lambda *a: made.append(1) or spacing(*a))
    levels = axis.tick_levels(0.0, 100.0, 500.0)
    assert not made
    first = next(levels)
    assert first == axis.tickValues(0.0, 100.0, 500.0)[0]


@pytest.mark.parametrize("auto", [False, True])
def test_axis_labels_the_same_ticks(qapp, monkeypatch, auto):
    axis = PriceAxis()
    axis.auto_decimals = auto
    ranges = list(_ranges(11, 400))
    ours = [axis._place_ticks(lo, hi, length) for lo, hi, length in ranges]
    monkeypatch.setattr(axis, "tick_levels", axis.tickValues)  # pyqtgraph's, as before
    assert ours == [axis._place_ticks(lo, hi, length) for lo, hi, length in ranges]
