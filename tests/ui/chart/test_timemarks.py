"""The time axis's weights and marks stay what weighing every bar at once gives, while a chart
of a million bars weighs only the chunks it shows and stops looking once no mark fits."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import numpy as np

from app.ui.chart import timemarks

NY = ZoneInfo("America/New_York")


def _minutes(n: int, start_ms: int = 1_698_500_000_000) -> np.ndarray:  # from 2023-10-28
    return start_ms + 60_000 * np.arange(n, dtype=np.int64)


def test_chunks_weighed_on_demand_equal_weighing_everything():
    ts = _minutes(3 * timemarks.CHUNK + 123)  # across a US daylight-saving switch (Nov 2023)
    whole = timemarks.weights(ts, NY)
    cache = timemarks.Weights()
    cache.follow(ts, NY)
    part = cache.upto(timemarks.CHUNK - 5, timemarks.CHUNK + 5)  # two chunks, not the others
    assert np.array_equal(part[timemarks.CHUNK - 5:timemarks.CHUNK + 6], whole[timemarks.CHUNK - 5:timemarks.CHUNK + 6])
    assert not part[2 * timemarks.CHUNK:].any()  # never weighed
    assert np.array_equal(cache.upto(0, len(ts) - 1), whole)


def test_new_bars_at_the_end_are_weighed_as_if_all_were_weighed_at_once():
    ts = _minutes(2 * timemarks.CHUNK + 50)
    cache = timemarks.Weights()
    cache.follow(ts[:timemarks.CHUNK + 7], NY)
    cache.upto(0, timemarks.CHUNK + 6)
    cache.follow(ts, NY)  # live bars appended
    assert np.array_equal(cache.upto(0, len(ts) - 1), timemarks.weights(ts, NY))
    older = _minutes(100, int(ts[0]) - 100 * 60_000)
    both = np.concatenate([older, ts])
    cache.follow(both, NY)  # an older page loaded in front: weighed afresh
    assert np.array_equal(cache.upto(0, len(both) - 1), timemarks.weights(both, NY))


def _pick_without_stopping(weight, lo, hi, spacing):
    """The greedy fill over every weight present, with no early stop (the reference)."""
    first, last = max(0, int(np.ceil(lo))), min(weight.size - 1, int(np.floor(hi)))
    window = weight[first:last + 1]
    placed: list[int] = []
    for level in np.unique(window)[::-1]:
        candidates = np.flatnonzero(window == level) + first
        bounds = [-np.inf, *placed, np.inf]
        for left, right in zip(bounds[:-1], bounds[1:], strict=True):
            at = left + spacing if np.isfinite(left) else -np.inf
            while (k := int(np.searchsorted(candidates, at))) < candidates.size and candidates[k] <= right - spacing:
                placed.append(int(candidates[k]))
                at = candidates[k] + spacing
        placed.sort()
    return placed


def test_stopping_early_places_the_same_marks():
    rng = np.random.default_rng(7)
    for bars, spacing in ((200_000, 9000.0), (200_000, 40.0), (5_000, 3.0), (1_000_000, 53_000.0)):
        weight = timemarks.weights(_minutes(bars, 1_690_000_000_000 + int(rng.integers(0, 10**9))), NY)
        lo, hi = float(rng.integers(0, bars // 4)), float(bars - 1)
        assert timemarks.pick(weight, lo, hi, spacing) == _pick_without_stopping(weight, lo, hi, spacing)
