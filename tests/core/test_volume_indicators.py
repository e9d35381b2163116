"""VWAP, volume profile and value area (app.core.indicators) against references: pandas'
groupby-cumsum for the session VWAP, a bar-by-bar loop for the profile, and the trading days
of the calendar bar by bar for the vectorised day numbers."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from app.core import indicators as ind
from app.core.sessions import calendar_for
from app.core.symbols import Market
from app.core.trading_days import day_numbers


def _bars(n: int, seed: int = 3):
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.003, n)))
    high = close * (1 + rng.random(n) * 0.004)
    low = close * (1 - rng.random(n) * 0.004)
    volume = rng.random(n) * 1000
    volume[::13] = 0.0
    return high, low, close, volume


def test_vwap_equals_pandas_groupby_day_cumsum():
    high, low, close, volume = _bars(3000)
    day = np.repeat(np.arange(12), 250)
    volume[250:260] = 0.0  # a day that opens without volume: no VWAP until it trades
    line, sum_pv, sum_v = ind.vwap(high, low, close, volume, day)
    frame = pd.DataFrame({"h": high, "l": low, "c": close, "v": volume, "d": day})
    typical = (frame.h + frame.l + frame.c) / 3
    cum_v = frame.v.groupby(frame.d).cumsum()
    expected = (typical * frame.v).groupby(frame.d).cumsum() / cum_v.where(cum_v > 0)
    np.testing.assert_allclose(line, expected.to_numpy(), rtol=1e-10, equal_nan=True)
    assert np.isnan(line[250:260]).all()


def test_vwap_continued_from_its_sums_equals_the_whole():
    high, low, close, volume = _bars(1000)
    day = np.repeat(np.arange(4), 250)
    whole, pv, v = ind.vwap(high, low, close, volume, day)
    k = 600  # a tail from the middle of the third day
    tail, _, _ = ind.vwap(high[k:], low[k:], close[k:], volume[k:], day[k:], (pv[k - 1], v[k - 1]))
    np.testing.assert_allclose(tail, whole[k:], rtol=1e-12)


def test_volume_profile_spreads_each_bar_over_its_range():
    high, low, close, volume = _bars(400)
    low[::17] = high[::17]  # bars without a range: all in one row
    edges, rows = ind.volume_profile(high, low, volume, 30)
    assert rows.sum() == pytest.approx(volume.sum(), rel=1e-12)
    assert edges[0] == low.min() and edges[-1] == pytest.approx(high.max())
    expected = np.zeros(30)
    for h, lo, v in zip(high, low, volume, strict=True):
        if h == lo:
            expected[min(int(np.searchsorted(edges, lo, side="right")) - 1, 29)] += v
            continue
        overlap = np.clip(np.minimum(h, edges[1:]) - np.maximum(lo, edges[:-1]), 0, None)
        expected += v * overlap / (h - lo)
    np.testing.assert_allclose(rows, expected, rtol=1e-9, atol=1e-7)


def test_value_area_grows_from_the_poc_toward_the_larger_neighbour():
    rows = np.array([1, 2, 10, 30, 20, 5, 40, 1, 0, 1], dtype=float)
    poc, first, last = ind.value_area(rows, 0.7)
    assert poc == 6
    # from row 6 (40): 5 vs 1 → row 5; 20 vs 1 → row 4; 30 vs 1 → row 3: 95 of 110 ≥ 77
    assert (first, last) == (3, 6)
    assert ind.value_area(np.zeros(5)) == (-1, -1, -1)


def test_day_numbers_are_the_calendar_trading_days():
    calendar = calendar_for(Market.US)
    start = int(datetime(2025, 3, 6, 0, 0, tzinfo=UTC).timestamp() * 1000)
    ts = start + np.arange(0, 6 * 24 * 60, 7, dtype=np.int64) * 60_000  # a week, weekend included
    got = day_numbers(ts, calendar)
    expected = [calendar.trading_day(int(t)).toordinal() for t in ts]
    assert got.tolist() == expected


def test_profile_blocks_give_the_exact_sum_and_rows_close_to_the_exact_ones():
    high, low, close, volume = _bars(200_000, seed=5)
    blocks = ind.ProfileBlocks(high, low, volume)
    for start, stop in ((0, 200_000), (1234, 187_777), (50_000, 90_000), (10, 900)):
        edges, rows = blocks.profile(high, low, volume, start, stop, 24)
        exact_edges, exact = ind.volume_profile(high[start:stop], low[start:stop], volume[start:stop], 24)
        np.testing.assert_allclose(edges, exact_edges, rtol=1e-12)
        assert rows.sum() == pytest.approx(volume[start:stop].sum(), rel=1e-9)
        assert np.abs(rows - exact).max() <= 0.005 * exact.max()
        assert exact[int(np.argmax(rows))] >= 0.99 * exact.max()  # the POC, or a row as full within the error
