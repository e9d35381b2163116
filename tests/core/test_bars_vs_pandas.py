"""``BarBuilder`` against pandas grouping, over windows with the hard edges of time.

The reference never calls our calendar or bar code: intraday bars are pandas' ``floor`` of the
exchange's wall time (the trade's own DST flag picks the repeated hour's occurrence, a start in
a spring-forward gap shifts forward); a trade's trading day is the New York date of the instant
shifted by 7 h for FX (the 17:00 roll), for US stocks exchange-calendars' next XNYS session from
20:00 New York (the night session) and the local date otherwise; a day bar is keyed at that
day's local midnight, a week bar at its Monday's. Trades are generated only inside sessions
written out here, fed in time order, with prices and sizes that are whole numbers so every sum
is exact: every bar must match in key, open, high, low, close and volume.

Windows: the US fall-back (2024-11-03) and spring-forward (2025-03-09) weekends for FX, US and an
always-open New York clock (trades in the repeated hour), Hong Kong and Shanghai lunch breaks and
weekends (no DST), Beijing midnight (脉动数据's 24 h clock) and UTC midnight (crypto).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.bars import BarBuilder
from app.core.periods import Period
from app.core.sessions import CALENDARS, Calendar, Session, SessionKind

NY, HKT, SHA, UTC = (ZoneInfo(z) for z in ("America/New_York", "Asia/Hong_Kong", "Asia/Shanghai", "UTC"))
PERIODS = [Period.M1, Period.M5, Period.M15, Period.H1, Period.H2, Period.H4, Period.D1, Period.W1]
_FREQ = {Period.M1: "1min", Period.M5: "5min", Period.M15: "15min", Period.H1: "1h",
         Period.H2: "2h", Period.H4: "4h"}
NY24 = Calendar("NY24", NY, (Session(SessionKind.REGULAR, 0, 1440),), frozenset(range(7)))
HOUR = 3_600_000
# exchange-calendars 4.13 still uses APIs that pandas 3.1 deprecates (DatetimeIndex.weekday …).
pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")


def _ms(day: date, hh: int, mm: int, zone: ZoneInfo) -> int:
    return int(datetime.combine(day, time(hh, mm), zone).timestamp() * 1000)


def _days(first: date, last: date):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


@dataclass(frozen=True)
class Scenario:
    name: str
    calendar: Calendar
    first: date  # window, in the zone's local dates
    last: date
    spans: tuple[tuple[int, int], ...]  # sessions: [open, close) epoch ms
    anchors: tuple[int, ...]  # edges that trades crowd around
    day_rule: str  # how the reference finds a trade's trading day
    exchange: str | None = None  # exchange-calendars code whose sessions every trading day must be


def _wall_spans(first, last, zone, weekdays, *hours):
    """Sessions [(h0, m0, h1, m1)…] on the listed weekdays; h1 ≥ 24 runs past midnight."""
    out = []
    for d in _days(first, last):
        if d.weekday() in weekdays:
            for h0, m0, h1, m1 in hours:
                out.append((_ms(d, h0, m0, zone), _ms(d + timedelta(days=h1 // 24), h1 % 24, m1, zone)))
    return tuple(out)


def _edges(first, last, zone, *hhmm):
    return tuple(_ms(d, h, m, zone) for d in _days(first, last) for h, m in hhmm)


def _fx(first, last):
    # Sunday 17:00 to Friday 17:00 New York: each Sunday–Thursday 17:00 opens a 24 h day.
    spans = _wall_spans(first, last, NY, {6, 0, 1, 2, 3}, (17, 0, 41, 0))
    return Scenario(f"FX {first}", CALENDARS["FX"], first, last, spans,
                    _edges(first, last, NY, (17, 0), (0, 0), (2, 0), (3, 0)), "fx")


def _us(first, last):
    spans = (_wall_spans(first, last, NY, {6, 0, 1, 2, 3}, (20, 0, 27, 50))
             + _wall_spans(first, last, NY, {0, 1, 2, 3, 4}, (4, 0, 20, 0)))
    return Scenario(f"US {first}", CALENDARS["US"], first, last, tuple(sorted(spans)),
                    _edges(first, last, NY, (20, 0), (0, 0), (3, 50), (4, 0), (9, 30), (16, 0)),
                    "us", "XNYS")


def _always(name, calendar, zone, first, last, *edges):
    spans = ((_ms(first, 0, 0, zone), _ms(last + timedelta(days=1), 0, 0, zone)),)
    return Scenario(name, calendar, first, last, spans, _edges(first, last, zone, *edges), "local")


def _lunch(name, calendar, zone, first, last, close, exchange):
    spans = _wall_spans(first, last, zone, set(range(5)), (9, 30, *close[0]), (13, 0, *close[1]))
    edges = _edges(first, last, zone, (9, 30), tuple(close[0]), (13, 0), tuple(close[1]), (0, 0))
    edges += _edges(first, last, UTC, (0, 0))
    return Scenario(name, calendar, first, last, spans, edges, "local", exchange)


SCENARIOS = [
    _fx(date(2024, 10, 31), date(2024, 11, 5)),  # fall back: Sun 2024-11-03 02:00 → 01:00
    _fx(date(2025, 3, 6), date(2025, 3, 11)),  # spring forward: Sun 2025-03-09 02:00 → 03:00
    _us(date(2024, 10, 31), date(2024, 11, 5)),
    _us(date(2025, 3, 6), date(2025, 3, 11)),
    _always("NY 24h fall back", NY24, NY, date(2024, 11, 1), date(2024, 11, 4), (1, 0), (2, 0), (0, 0)),
    _always("NY 24h spring forward", NY24, NY, date(2025, 3, 7), date(2025, 3, 10), (1, 0), (3, 0), (0, 0)),
    _lunch("HK", CALENDARS["HK"], HKT, date(2025, 3, 6), date(2025, 3, 11), ((12, 0), (16, 0)), "XHKG"),
    _lunch("CN", CALENDARS["CN"], SHA, date(2025, 3, 6), date(2025, 3, 11), ((11, 30), (15, 0)), "XSHG"),
    _always("MD Beijing midnight", CALENDARS["MD"], SHA, date(2025, 3, 7), date(2025, 3, 10), (0, 0), (8, 0)),
    _always("crypto UTC midnight", CALENDARS["CRYPTO"], UTC, date(2025, 3, 7), date(2025, 3, 10), (0, 0)),
]


@functools.cache
def _exchange(code: str):
    import exchange_calendars as xcals

    return xcals.get_calendar(code, start="2024-01-01", end="2026-12-31")


def _trading_days(scenario: Scenario, local: pd.DatetimeIndex) -> list[date]:
    if scenario.day_rule == "fx":
        return list((local.tz_localize(None) + pd.Timedelta(hours=7)).date)
    if scenario.day_rule == "us":  # the night session from 20:00 trades for the next session
        return [_next_session(d) if h >= 20 else d for d, h in zip(local.date, local.hour)]
    return list(local.tz_localize(None).date)


@functools.cache
def _next_session(day: date) -> date:
    after = pd.Timestamp(day + timedelta(days=1))
    return _exchange("XNYS").date_to_session(after, direction="next").date()


def _is_dst(local: pd.DatetimeIndex) -> list[bool]:
    """Each instant's DST flag: its UTC offset above the zone's standard (smaller) one."""
    offset = local.tz_localize(None) - local.tz_convert(None)
    year = pd.DatetimeIndex(["2025-01-15", "2025-07-15"]).tz_localize(local.tz)
    standard = (year.tz_localize(None) - year.tz_convert(None)).min()
    return list(offset > standard)


def reference_bars(scenario: Scenario, period: Period, trades) -> list[tuple]:
    """(key, open, high, low, close, volume) per bar, by pandas alone."""
    zone = scenario.calendar.zone
    frame = pd.DataFrame(trades, columns=["ts", "price", "size"])
    local = pd.DatetimeIndex(pd.to_datetime(frame["ts"].to_numpy(), unit="ms", utc=True)).tz_convert(zone)
    if period.is_intraday:
        dst = _is_dst(local)
        starts = local.floor(_FREQ[period], ambiguous=dst, nonexistent="shift_forward")
        frame["key"] = starts.as_unit("ms").asi8
    else:
        days = _trading_days(scenario, local)
        if period is Period.W1:
            days = [d - timedelta(days=d.weekday()) for d in days]
        frame["key"] = [pd.Timestamp(d).tz_localize(zone).value // 1_000_000 for d in days]
    grouped = frame.groupby("key", sort=True).agg(
        open=("price", "first"), high=("price", "max"), low=("price", "min"),
        close=("price", "last"), volume=("size", "sum"))
    return [(int(k), *map(float, row)) for k, row in zip(grouped.index, grouped.to_numpy())]


def built_bars(scenario: Scenario, period: Period, trades) -> list[tuple]:
    builder = BarBuilder("t", scenario.name, period, scenario.calendar)
    bars = []
    for ts, price, size in trades:
        closed = builder.add_price(ts, price, size)
        if closed is not None:
            bars.append(closed)
    if builder.current is not None:
        bars.append(builder.current)
    return [(b.ts, b.open, b.high, b.low, b.close, b.volume) for b in bars]


def _in_session(scenario: Scenario, ts: int) -> bool:
    return any(a <= ts < b for a, b in scenario.spans)


def _assert_same(scenario: Scenario, trades) -> None:
    for period in PERIODS:
        ours, theirs = built_bars(scenario, period, trades), reference_bars(scenario, period, trades)
        assert ours == theirs, (scenario.name, period.value)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_a_sweep_through_each_window_matches_pandas(scenario):
    """A trade every 7 min 13 s through every session of the window (every edge crossed)."""
    trades = []
    for i, (a, b) in enumerate(scenario.spans):
        trades += [(t, float(1 + (t // 1000) % 97), float(1 + i + (t // 60_000) % 5))
                   for t in range(a, b, 433_000)]
        trades.append((b - 1, 50.0, 3.0))  # the session's last millisecond
    trades.sort(key=lambda t: t[0])
    _assert_same(scenario, trades)
    if scenario.exchange:  # the windows hold no holiday: every trading day is a real session
        sessions = set(_exchange(scenario.exchange).sessions.date)
        assert _day_keys(scenario, trades) <= sessions


def _day_keys(scenario: Scenario, trades) -> set[date]:
    local = pd.DatetimeIndex(pd.to_datetime([t for t, _, _ in trades], unit="ms", utc=True)
                             ).tz_convert(scenario.calendar.zone)
    return set(_trading_days(scenario, local))


@st.composite
def _trades(draw):
    scenario = draw(st.sampled_from(SCENARIOS))
    raw = draw(st.lists(
        st.tuples(st.integers(0, len(scenario.anchors) - 1), st.integers(-2 * HOUR, 2 * HOUR),
                  st.integers(1, 60), st.integers(0, 100)),
        min_size=1, max_size=150))
    trades = [(scenario.anchors[i] + dt, float(p), float(s)) for i, dt, p, s in raw]
    trades = sorted((t for t in trades if _in_session(scenario, t[0])), key=lambda t: t[0])
    return scenario, trades


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_trades())
def test_random_trades_around_the_edges_match_pandas(case):
    scenario, trades = case
    if trades:
        _assert_same(scenario, trades)
