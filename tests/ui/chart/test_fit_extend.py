"""The y fit widens a pane's range by all of its lines' finite values in one pass: the same
lows and highs as widening it line by line (NaN warm-ups, infinities, single-precision lines,
empty windows)."""

from __future__ import annotations

import numpy as np

from app.ui.chart.ranges import _extend


def _line_by_line(series) -> tuple[list[float], list[float]]:
    lows, highs = [], []
    for values in series:
        finite = values[np.isfinite(values)]
        if len(finite):
            lows.append(float(finite.min()))
            highs.append(float(finite.max()))
    return lows, highs


def test_one_pass_over_a_panes_lines_gives_the_line_by_line_range():
    rng = np.random.default_rng(3)
    for case in range(300):
        series = []
        for _ in range(int(rng.integers(0, 5))):
            values = rng.normal(95_000, 500, int(rng.integers(0, 40)))
            if rng.random() < 0.5 and len(values):
                values[: int(rng.integers(0, len(values) + 1))] = np.nan  # a warm-up
            if rng.random() < 0.2 and len(values):
                values[int(rng.integers(0, len(values)))] = rng.choice([np.inf, -np.inf])
            series.append(values.astype(np.float32) if rng.random() < 0.3 else values)
        lows, highs = [0.0], [0.0]  # (what the pane put in before its lines)
        _extend(lows, highs, *series)
        ref_lows, ref_highs = _line_by_line(series)
        if ref_lows:
            assert (min(lows), max(highs)) == (min([0.0, *ref_lows]), max([0.0, *ref_highs])), case
        else:
            assert (lows, highs) == ([0.0], [0.0]), case
