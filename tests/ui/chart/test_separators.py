"""Day and session separators on intraday charts: shown where days are far apart on screen (a
one-minute chart across Hong Kong's nights and lunch breaks), left out where they would draw a
grid (four-hour bars of a market that trades around the clock: a line every six bars)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.core.periods import Period
from app.storage.settings import Settings
from app.ui.chart.guides import MIN_DAY_SPACING_PX
from tests.support.windows import still_sim_window


@pytest.fixture
def window(qloop, qtbot):
    """A still simulator that keeps each market's real sessions (nights, lunch breaks)."""
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700", "CRYPTO:BTCUSDT"], selected="HK:00700"),
                          always_open=False) as w:
        yield w


def _show(qtbot, window, symbol: str, period: Period, bars: int):
    chart = window.chart
    chart.set_symbol(symbol, period)
    qtbot.waitUntil(lambda: chart.symbol == symbol and chart.period is period and len(chart.manager) > bars,
                    timeout=10000)
    n = len(chart.manager)
    chart.view.price.vb.setXRange(n - bars, n, padding=0)
    return chart.view


def test_hong_kong_minutes_show_each_new_day_and_the_lunch_break(qtbot, window):
    view = _show(qtbot, window, "HK:00700", Period.M1, 600)  # more than one 330-minute day
    days, sessions = view.separators.lines()
    hk = ZoneInfo("Asia/Hong_Kong")
    ts = view.manager.ts
    for x in days:  # each day line stands between the last bar of a day and the first of the next
        after = datetime.fromtimestamp(int(ts[int(x + 0.5)]) / 1000, hk)
        before = datetime.fromtimestamp(int(ts[int(x - 0.5)]) / 1000, hk)
        assert after.date() > before.date()
    assert len(days) >= 1
    lunch = [datetime.fromtimestamp(int(ts[int(x + 0.5)]) / 1000, hk).strftime("%H:%M") for x in sessions]
    assert lunch and set(lunch) == {"13:00"}


def test_four_hour_bars_of_a_round_the_clock_market_draw_no_grid(qtbot, window):
    view = _show(qtbot, window, "CRYPTO:BTCUSDT", Period.H4, 120)  # 20 days, six bars each
    px_per_day = 6 * view.price.vb.width() / 120
    assert px_per_day < MIN_DAY_SPACING_PX  # the case this guards
    assert [len(points) for points in view.separators.lines()] == [0, 0]

