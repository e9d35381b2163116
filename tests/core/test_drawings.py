"""The drawings' pure parts: time ↔ bar number (inside bars, across closed-market gaps, before
and after the history, a coarser period's times), the retracement's levels, the alert's line."""

from __future__ import annotations

import numpy as np
import pytest

from app.core.drawings import (
    ANCHORS,
    FIB_LEVELS,
    Anchor,
    Drawing,
    Tool,
    bar_time,
    fib_levels,
    line_points,
    snap_price,
    times_to_x,
    x_to_time,
)

H = 3_600_000
DAY = 24 * H
# hourly bars 09:00 … 15:00 on two days (a night between): x 0 … 6, then 7 … 13
TS = np.array([d * DAY + h * H for d in (0, 1) for h in range(9, 16)], dtype=np.int64)


def test_a_bar_start_is_its_index_and_inside_a_bar_x_follows_the_time():
    assert times_to_x(TS, H, TS).tolist() == list(range(14))
    assert times_to_x(TS, H, np.array([9 * H + H // 4]))[0] == pytest.approx(0.25)


def test_a_time_in_a_closed_market_waits_at_the_next_bar():
    evening, midnight = 20 * H, DAY  # after the last bar of day 0, before the first of day 1
    assert times_to_x(TS, H, np.array([evening, midnight])).tolist() == [7.0, 7.0]


def test_a_daily_time_lands_on_the_first_hour_of_its_day():
    assert times_to_x(TS, H, np.array([0, DAY])).tolist() == [-9.0, 7.0]  # day 0 is before the history


def test_before_and_after_the_history_x_steps_one_per_period():
    assert times_to_x(TS, H, np.array([TS[0] - 3 * H, TS[-1] + 5 * H])).tolist() == [-3.0, 18.0]


def test_x_to_time_inverts_times_to_x():
    times = np.array([TS[0] - 2 * H, TS[3] + H // 2, TS[-1], TS[-1] + 4 * H], dtype=np.int64)
    xs = times_to_x(TS, H, times)
    assert [x_to_time(TS, H, float(x)) for x in xs] == times.tolist()


def test_bar_time_rounds_to_the_nearest_bar_and_counts_bars_to_come():
    assert bar_time(TS, H, 2.4) == TS[2]
    assert bar_time(TS, H, 2.6) == TS[3]
    assert bar_time(TS, H, 15.2) == TS[-1] + 2 * H


def test_no_bars_no_x():
    assert np.isnan(times_to_x(np.array([], dtype=np.int64), H, np.array([0]))).all()


def test_fib_levels_as_tradingview_draws_them():
    levels = fib_levels(100.0, 200.0)  # drawn from a low of 100 up to 200
    assert [lvl for lvl, _ in levels] == list(FIB_LEVELS) == [0, 0.236, 0.382, 0.5, 0.618, 0.786, 1]
    prices = dict(levels)
    assert prices[0.0] == 200.0 and prices[1.0] == 100.0
    assert prices[0.618] == pytest.approx(200 - 0.618 * 100)
    assert prices[0.5] == pytest.approx(150.0)


def test_line_points_for_an_alert():
    trend = Drawing("d1", Tool.TREND, (Anchor(1, 10.0), Anchor(2, 12.0)))
    level = Drawing("d2", Tool.HLINE, (Anchor(5, 11.0),))
    assert line_points(trend) == (1, 10.0, 2, 12.0)
    assert line_points(level) == (5, 11.0, 5, 11.0)
    with pytest.raises(ValueError):
        line_points(Drawing("d3", Tool.RECT, (Anchor(1, 1.0), Anchor(2, 2.0))))


def test_snap_price_takes_the_nearest_ohlc():
    assert snap_price((10.0, 12.0, 9.0, 11.0), 11.8) == 12.0
    assert snap_price((10.0, 12.0, 9.0, 11.0), 9.2) == 9.0


def test_every_tool_says_its_anchors():
    assert set(ANCHORS) == set(Tool)
    assert ANCHORS[Tool.CHANNEL] == 3 and ANCHORS[Tool.HLINE] == 1 and ANCHORS[Tool.FIB] == 2
