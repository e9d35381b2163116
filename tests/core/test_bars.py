"""Tick → bar aggregation aligned like the vendors align."""

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.bars import BarBuilder, bar_start, next_bar_start
from app.core.periods import Period
from app.core.sessions import CALENDARS, calendar_for
from app.core.symbols import Market
from app.core.types import Side, Trade

HKT = ZoneInfo("Asia/Hong_Kong")
NY = ZoneInfo("America/New_York")


def ms(y, mo, d, h, mi, s=0, zone=HKT):
    return int(datetime(y, mo, d, h, mi, s, tzinfo=zone).timestamp() * 1000)


def test_intraday_alignment_is_wall_clock():
    hk = calendar_for(Market.HK)
    t = ms(2025, 3, 10, 9, 47, 12)
    assert bar_start(t, Period.M1, hk) == ms(2025, 3, 10, 9, 47)
    assert bar_start(t, Period.M5, hk) == ms(2025, 3, 10, 9, 45)
    assert bar_start(t, Period.M30, hk) == ms(2025, 3, 10, 9, 30)
    assert bar_start(t, Period.H1, hk) == ms(2025, 3, 10, 9, 0)


def test_day_week_month_year_start_at_exchange_midnight():
    hk = calendar_for(Market.HK)
    t = ms(2025, 3, 12, 14, 0)  # a Wednesday
    assert bar_start(t, Period.D1, hk) == ms(2025, 3, 12, 0, 0)
    assert bar_start(t, Period.W1, hk) == ms(2025, 3, 10, 0, 0)
    assert bar_start(t, Period.MN1, hk) == ms(2025, 3, 1, 0, 0)
    assert bar_start(t, Period.Y1, hk) == ms(2025, 1, 1, 0, 0)
    # QOS documents US day bars at 00:00 New York
    assert bar_start(ms(2025, 3, 7, 10, 0, zone=NY), Period.D1, CALENDARS["US"]) == ms(2025, 3, 7, 0, 0, zone=NY)


def test_us_night_trade_goes_into_next_days_bar():
    us = CALENDARS["US"]
    sunday_night = ms(2025, 3, 9, 21, 0, zone=NY)
    assert bar_start(sunday_night, Period.D1, us) == ms(2025, 3, 10, 0, 0, zone=NY)


def test_next_bar_start_over_dst():
    us = CALENDARS["US"]
    start = ms(2025, 3, 7, 0, 0, zone=NY)
    assert next_bar_start(start, Period.D1, us) == ms(2025, 3, 8, 0, 0, zone=NY)
    sat = ms(2025, 3, 8, 0, 0, zone=NY)
    assert next_bar_start(sat, Period.D1, us) - sat == 24 * 3600_000
    sun = ms(2025, 3, 9, 0, 0, zone=NY)  # a 23-hour day
    assert next_bar_start(sun, Period.D1, us) - sun == 23 * 3600_000
    assert next_bar_start(ms(2025, 1, 31, 0, 0, zone=NY), Period.MN1, us) == ms(2025, 2, 1, 0, 0, zone=NY)


def _trade(ts, price, size=1.0):
    return Trade("test", "HK:00700", ts, price, size, Side.BUY)


def test_builder_folds_ohlcv_and_reports_closed_bar():
    b = BarBuilder("test", "HK:00700", Period.M1, calendar_for(Market.HK))
    t0 = ms(2025, 3, 10, 9, 30, 1)
    assert b.add(_trade(t0, 400.0, 100)) is None
    assert b.add(_trade(t0 + 10_000, 401.0, 200)) is None
    assert b.add(_trade(t0 + 20_000, 399.0, 300)) is None
    closed = b.add(_trade(t0 + 60_000, 402.0, 50))
    assert (closed.ts, closed.open, closed.high, closed.low, closed.close, closed.volume) == (
        ms(2025, 3, 10, 9, 30), 400.0, 401.0, 399.0, 399.0, 600.0,
    )
    assert b.current.ts == ms(2025, 3, 10, 9, 31) and b.current.open == 402.0
    assert b.add(_trade(t0, 1.0)) is None  # late print for a closed bar is ignored
    assert b.current.low == 402.0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3 * 86_400_000), st.floats(1, 1000), st.floats(0, 1e4)),
        min_size=1, max_size=200,
    ),
    st.sampled_from([Period.M1, Period.M5, Period.H1, Period.D1, Period.W1]),
)
def test_builder_matches_a_direct_grouping(prints, period):
    """Whatever the trades, bars equal grouping the sorted trades by bar_start."""
    cal = calendar_for(Market.CRYPTO)
    base = ms(2025, 3, 7, 0, 0, zone=ZoneInfo("UTC"))
    prints = sorted((base + dt, p, s) for dt, p, s in prints)
    b = BarBuilder("t", "CRYPTO:BTCUSDT", period, cal)
    bars = []
    for ts, p, s in prints:
        closed = b.add_price(ts, p, s)
        if closed:
            bars.append(closed)
    bars.append(b.current)
    groups = {}
    for ts, p, s in prints:
        groups.setdefault(bar_start(ts, period, cal), []).append((p, s))
    assert [x.ts for x in bars] == sorted(groups)
    for bar in bars:
        g = groups[bar.ts]
        assert bar.open == g[0][0] and bar.close == g[-1][0]
        assert bar.high == max(p for p, _ in g) and bar.low == min(p for p, _ in g)
        assert abs(bar.volume - sum(s for _, s in g)) < 1e-6 * max(1.0, bar.volume)
