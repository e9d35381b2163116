"""The intraday view's arithmetic against direct computations: a day's minute slots per the
session calendars (lunch breaks out, half days short, US pre- and post-market out), the running
average price (numpy's cumulative sums), not-yet-traded minutes empty, the symmetric range."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from app.core.intraday import day_grid, last_days, place, previous_close, symmetric_range
from app.core.sessions import calendar_for, install_table
from app.core.symbols import Market
from app.core.types import Bar
from app.storage.calendars import read_shipped_table

HK = ZoneInfo("Asia/Hong_Kong")
NY = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def table():
    install_table(read_shipped_table())
    yield
    install_table(None)


def _ms(zone, day: date, hh: int, mm: int) -> int:
    return int(datetime(day.year, day.month, day.day, hh, mm, tzinfo=zone).timestamp() * 1000)


def test_a_hong_kong_day_leaves_the_lunch_break_out():
    day = date(2025, 3, 11)
    grid = day_grid(calendar_for(Market.HK), day)
    assert len(grid) == 330 and grid.opens == (0, 150)
    assert grid.slots[149] == _ms(HK, day, 11, 59) and grid.slots[150] == _ms(HK, day, 13, 0)
    assert grid.end == _ms(HK, day, 16, 0)


def test_a_half_day_is_short_and_a_us_day_is_its_regular_hours():
    half = day_grid(calendar_for(Market.HK), date(2024, 12, 24))  # Christmas Eve: the morning only
    assert len(half) == 150 and half.opens == (0,) and half.end == _ms(HK, date(2024, 12, 24), 12, 0)
    us = day_grid(calendar_for(Market.US), date(2025, 3, 11))  # night, pre and after sessions left out
    assert len(us) == 390 and us.slots[0] == _ms(NY, date(2025, 3, 11), 9, 30)
    assert last_days(calendar_for(Market.HK), date(2025, 3, 11), 5) == [
        date(2025, 3, 5), date(2025, 3, 6), date(2025, 3, 7), date(2025, 3, 10), date(2025, 3, 11)]


def test_the_average_is_the_running_turnover_over_the_volume():
    day = date(2025, 3, 11)
    grid = day_grid(calendar_for(Market.HK), day)
    rng = np.random.default_rng(7)
    traded = [i for i in range(200) if i != 40]  # minute 40 saw no trade; 200 on: not yet
    close = 400 + np.cumsum(rng.normal(0, 0.3, 200))
    bars = [Bar("sim", "HK:00700", "1m", int(grid.slots[i]), close[i] - 0.1, close[i] + 0.4, close[i] - 0.5,
                close[i], float(rng.integers(100, 10_000))) for i in traded]
    series = place(grid, bars)
    h, lo, c, v = (np.array([getattr(b, f) for b in bars]) for f in ("high", "low", "close", "volume"))
    expected = np.cumsum((h + lo + c) / 3 * v) / np.cumsum(v)
    np.testing.assert_allclose(series.average[traded], expected, rtol=1e-12)
    assert series.price[40] == series.price[39] and series.volume[40] == 0  # carried, no volume
    assert series.average[40] == series.average[39]
    assert np.isnan(series.price[200:]).all() and np.isnan(series.average[200:]).all() and series.traded == 200
    assert series.high == pytest.approx(h.max()) and series.low == pytest.approx(lo.min())
    assert series.change[1] == pytest.approx(c[1] - c[0])
    assert previous_close(bars, int(grid.slots[10])) == c[9]


def test_the_range_is_symmetric_around_the_centre():
    assert symmetric_range(100.0, 103.0, 99.0, margin=0.05) == pytest.approx((96.85, 103.15))
    assert symmetric_range(100.0, 100.5, 96.0, margin=0.0) == pytest.approx((96.0, 104.0))
    assert symmetric_range(100.0, None, None, margin=0.0) == pytest.approx((99.0, 101.0))
