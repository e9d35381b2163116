"""A price axis's tick levels, made level by level without NumPy (app.ui.chart.tick_levels), are
pyqtgraph's ``tickValues``: the same spacings, the same floats in the same order, for linear and
log scales, near zero, negative, tiny and huge ranges; and the labels an axis picks from them
are the ones it picked from pyqtgraph's."""

from __future__ import annotations

import random

import pytest

from app.ui.chart.axis import PriceAxis
from app.ui.chart.scale import PriceScale, ScaleMode


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


def test_levels_are_pyqtgraphs(qapp):
    axis = PriceAxis()
    for lo, hi, length in _ranges(5, 3000):
        assert list(axis.tick_levels(lo, hi, length)) == axis.tickValues(lo, hi, length), (lo, hi, length)


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
