"""Day bars hold a whole trading day (evening sessions included); the DST fall-back hour gives
two intraday bars of their own; ``next_bar_start`` agrees with ``bar_start`` minute by minute."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.bars import BarBuilder, bar_start, next_bar_start
from app.core.periods import Period
from app.core.sessions import CALENDARS, Calendar, Session, SessionKind
from app.core.types import Bar
from app.feeds.sim.feed import aggregate_minutes

NY = ZoneInfo("America/New_York")
UTC = ZoneInfo("UTC")
INTRADAY = [p for p in Period if p.is_intraday]
# Any instant trades: isolates wall-clock alignment from sessions.
NY_ALWAYS = Calendar("NY24", NY, (Session(SessionKind.REGULAR, 0, 1440),), frozenset(range(7)))


def ms(y, mo, d, h, mi, s=0, zone=NY, fold=0):
    return int(datetime(y, mo, d, h, mi, s, tzinfo=zone, fold=fold).timestamp() * 1000)


def feed(builder: BarBuilder, trades) -> list[Bar]:
    bars = []
    for ts, price, size in trades:
        closed = builder.add_price(ts, price, size)
        if closed is not None:
            bars.append(closed)
    if builder.current is not None:
        bars.append(builder.current)
    return bars


def test_fx_evening_volume_stays_in_its_trading_days_bar():
    """Mon 17:00 → Tue 17:00 New York is Tuesday's trading day: every trade of it counts."""
    fx = CALENDARS["FX"]
    start = ms(2025, 3, 10, 17, 0)  # Monday 17:00 NY, after the US spring switch
    trades = [(start + i * 600_000, 1.08 + (i % 7) * 0.0001, 1.0 + i) for i in range(24 * 6)]
    trades.append((ms(2025, 3, 11, 17, 0), 1.09, 5.0))  # Tuesday 17:00: Wednesday's first trade
    bars = feed(BarBuilder("t", "FX:EURUSD", Period.D1, fx), trades)
    assert [b.ts for b in bars] == [ms(2025, 3, 11, 0, 0), ms(2025, 3, 12, 0, 0)]
    tuesday = trades[:-1]
    assert bars[0].volume == sum(s for _, _, s in tuesday)
    assert bars[0].open == tuesday[0][1] and bars[0].close == tuesday[-1][1]
    assert bars[0].high == max(p for _, p, _ in tuesday)
    assert bars[0].low == min(p for _, p, _ in tuesday)
    assert (bars[1].open, bars[1].volume) == (1.09, 5.0)


def test_us_night_session_trades_land_in_the_next_days_bar():
    us = CALENDARS["US"]
    night = [(ms(2025, 3, 9, 20, 0), 10.0, 3.0), (ms(2025, 3, 9, 23, 59), 11.0, 4.0),
             (ms(2025, 3, 10, 1, 0), 9.0, 5.0)]
    day = [(ms(2025, 3, 10, 9, 30), 12.0, 6.0), (ms(2025, 3, 10, 19, 59, 59), 10.5, 7.0)]
    next_night = [(ms(2025, 3, 10, 20, 0), 13.0, 8.0)]
    bars = feed(BarBuilder("t", "US:AAPL", Period.D1, us), night + day + next_night)
    assert [b.ts for b in bars] == [ms(2025, 3, 10, 0, 0), ms(2025, 3, 11, 0, 0)]
    monday = bars[0]
    assert (monday.open, monday.high, monday.low, monday.close, monday.volume) == (10.0, 12.0, 9.0, 10.5, 25.0)
    assert bars[1].volume == 8.0


def test_week_bar_counts_the_sunday_evening_and_ends_at_fridays_roll():
    fx = CALENDARS["FX"]
    trades = [(ms(2025, 3, 9, 17, 30), 1.0, 1.0), (ms(2025, 3, 10, 0, 30), 2.0, 1.0),
              (ms(2025, 3, 12, 18, 0), 3.0, 1.0), (ms(2025, 3, 14, 16, 59), 4.0, 1.0),
              (ms(2025, 3, 16, 17, 0), 5.0, 1.0)]  # Sunday 17:00: the next week
    bars = feed(BarBuilder("t", "FX:EURUSD", Period.W1, fx), trades)
    assert [(b.ts, b.volume, b.close) for b in bars] == [
        (ms(2025, 3, 10, 0, 0), 4.0, 4.0), (ms(2025, 3, 17, 0, 0), 1.0, 5.0)]


def test_a_late_print_of_a_closed_day_is_dropped_and_a_seeded_bar_continues():
    fx = CALENDARS["FX"]
    b = BarBuilder("t", "FX:EURUSD", Period.D1, fx)
    b.seed(Bar("t", "FX:EURUSD", "1d", ms(2025, 3, 11, 0, 0), 1.0, 2.0, 0.5, 1.5, 100.0))
    assert b.add_price(ms(2025, 3, 10, 16, 59), 9.0, 1.0) is None  # Monday's: late
    assert b.add_price(ms(2025, 3, 10, 17, 1), 1.7, 2.0) is None  # Tuesday's evening: continues
    assert (b.current.close, b.current.volume) == (1.7, 102.0)
    closed = b.add_price(ms(2025, 3, 11, 17, 0), 1.8, 1.0)
    assert closed.ts == ms(2025, 3, 11, 0, 0) and b.current.ts == ms(2025, 3, 12, 0, 0)


def test_a_vendor_day_bar_keyed_at_the_open_is_continued_by_its_days_trades():
    us = CALENDARS["US"]
    b = BarBuilder("t", "US:AAPL", Period.D1, us)
    b.seed(Bar("t", "US:AAPL", "1d", ms(2025, 3, 10, 9, 30), 10.0, 11.0, 9.0, 10.5, 100.0))
    assert b.add_price(ms(2025, 3, 10, 10, 0), 12.0, 5.0) is None
    assert (b.current.ts, b.current.high, b.current.volume) == (ms(2025, 3, 10, 9, 30), 12.0, 105.0)
    closed = b.add_price(ms(2025, 3, 10, 20, 0), 13.0, 1.0)  # the night session: Tuesday's
    assert closed.ts == ms(2025, 3, 10, 9, 30) and b.current.ts == ms(2025, 3, 11, 0, 0)


@pytest.mark.parametrize("period, starts", [
    (Period.H1, [ms(2025, 11, 2, 1, 0), ms(2025, 11, 2, 1, 0, fold=1), ms(2025, 11, 2, 2, 0)]),
    (Period.M5, [ms(2025, 11, 2, 1, 10), ms(2025, 11, 2, 1, 10, fold=1), ms(2025, 11, 2, 2, 10)]),
])
def test_the_dst_fall_back_hour_gives_two_distinct_bars(period, starts):
    """01:10 EDT, 01:10 EST (an hour later) and 02:10 EST: three bars, three starts."""
    trades = []
    for k, t in enumerate(starts):
        trades += [(t + 60_000, 10.0 + k, 1.0), (t + 120_000, 20.0 + k, 1.0)]
    bars = feed(BarBuilder("t", "X", period, NY_ALWAYS), trades)
    assert [b.ts for b in bars] == [bar_start(t + 60_000, period, NY_ALWAYS) for t in starts]
    assert len({b.ts for b in bars}) == 3
    assert [(b.open, b.close, b.volume) for b in bars] == [(10.0 + k, 20.0 + k, 2.0) for k in range(3)]
    assert bars[1].ts - bars[0].ts == 3600_000


def _all_minutes(day: date, zone: ZoneInfo):
    start = int(datetime.combine(day, datetime.min.time(), zone).timestamp()) * 1000
    return range(start, start + 2 * 86_400_000, 60_000)


@pytest.mark.parametrize("day", [date(2025, 3, 8), date(2025, 11, 1), date(2024, 11, 2)])
@pytest.mark.parametrize("period", INTRADAY)
def test_bars_tile_time_over_dst_switches(day, period):
    """Every minute is in exactly one bar; bars start on the period's wall-clock grid, never at
    a time that does not exist; the next bar starts where this one ends."""
    for t in _all_minutes(day, NY):
        s = bar_start(t, period, NY_ALWAYS)
        e = next_bar_start(s, period, NY_ALWAYS)
        assert s <= t < e, (t, s, e)
        assert bar_start(e, period, NY_ALWAYS) == e
        assert bar_start(e - 1, period, NY_ALWAYS) == s
        wall = datetime.fromtimestamp(s / 1000, NY)
        on_grid = (wall.hour * 60 + wall.minute) % period.minutes == 0 and wall.second == 0
        at_the_jump = datetime.fromtimestamp(s / 1000 - 1, NY).utcoffset() != wall.utcoffset()
        assert on_grid or at_the_jump  # a 2h bar due at 02:00 (missing) starts at 03:00 EDT
        assert e - s <= (period.minutes + 60) * 60_000


def test_spring_forward_makes_no_bar_for_the_missing_hour():
    t = ms(2025, 3, 9, 3, 0)  # 03:00 EDT, right after 01:59:59 EST
    assert next_bar_start(bar_start(t - 1, Period.H1, NY_ALWAYS), Period.H1, NY_ALWAYS) == t
    assert bar_start(t, Period.H1, NY_ALWAYS) == t
    assert next_bar_start(ms(2025, 3, 9, 1, 45), Period.M15, NY_ALWAYS) == t


def test_sim_rolls_fx_minutes_into_trading_day_bars():
    """The simulator's live day bar splits its minutes at the 17:00 New York roll."""
    fx = CALENDARS["FX"]
    minutes = [Bar("sim", "FX:EURUSD", "1m", t, 1.0, 1.0, 1.0, 1.0, 1.0)
               for t in range(ms(2025, 3, 10, 16, 0), ms(2025, 3, 10, 18, 0), 60_000)]
    days = aggregate_minutes(minutes, Period.D1, fx)
    assert [(b.ts, b.volume) for b in days] == [(ms(2025, 3, 10, 0, 0), 60.0),
                                               (ms(2025, 3, 11, 0, 0), 60.0)]
    assert timedelta(milliseconds=days[1].ts - days[0].ts) == timedelta(days=1)


@pytest.mark.parametrize("name", sorted(CALENDARS))
def test_the_calendar_keeps_the_contract_the_builder_relies_on(name):
    """Every instant of [trading_day_begin(D), trading_day_end(D)) has trading day D (its
    first and last millisecond are checked, and trading days never go backwards), so the builder
    may fold a whole span into one bar. Sampled 2024–2026 every 4 h 7 min: the sample drifts
    across every wall-clock minute of the day and both DST switches."""
    cal = CALENDARS[name]
    previous = None
    for t in range(ms(2024, 1, 1, 0, 0, zone=UTC), ms(2027, 1, 1, 0, 0, zone=UTC), 247 * 60_000):
        day = cal.trading_day(t)
        begin, end = cal.trading_day_begin(day), cal.trading_day_end(day)
        if begin < end:
            assert cal.trading_day(begin) == day == cal.trading_day(end - 1), (name, t, day)
        assert previous is None or previous <= day
        previous = day
