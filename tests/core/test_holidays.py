"""The session calendars against exchange-calendars (the field's well-kept library), 2024–2026:
every regular session, lunch break, half day and holiday of US, HK, SH, SZ and Tokyo."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import exchange_calendars as xcals
import pandas as pd
import pytest

from app.core.exchange_table import build_table
from app.core.sessions import CALENDARS, SessionKind, calendar_for, install_table, market_phase
from app.core.symbols import Market

FIRST, LAST = date(2024, 1, 1), date(2026, 12, 31)
NY = ZoneInfo("America/New_York")
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated")  # exchange-calendars on pandas 3


@pytest.fixture(scope="module", autouse=True)
def table():
    built = build_table(first_year=2023, last_year=2027)
    install_table(built)
    yield built
    install_table(None)


def days(first: date = FIRST, last: date = LAST):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def ms(ts: pd.Timestamp) -> int:
    return int(ts.value // 1_000_000)


def their_sessions(code: str) -> dict[date, list[tuple[int, int]]]:
    """exchange-calendars' regular sessions per day, as [open, close) epoch ms pairs."""
    cal = xcals.get_calendar(code, start=FIRST.isoformat(), end=LAST.isoformat())
    out = {}
    for label, row in cal.schedule.iterrows():
        if pd.isna(row.break_start):
            out[label.date()] = [(ms(row.open), ms(row.close))]
        else:
            out[label.date()] = [(ms(row.open), ms(row.break_start)), (ms(row.break_end), ms(row.close))]
    return out


@pytest.mark.parametrize("calendar, code", [
    (CALENDARS["US"], "XNYS"), (CALENDARS["US_REGULAR"], "XNYS"), (calendar_for(Market.HK), "XHKG"),
    (calendar_for(Market.SH), "XSHG"), (calendar_for(Market.SZ), "XSHG"), (CALENDARS["JP"], "XTKS"),
])
def test_regular_sessions_equal_exchange_calendars_every_day(calendar, code):
    theirs = their_sessions(code)
    differ = []
    for day in days():
        ours = [(a, b) for s, a, b in calendar.session_bounds(day) if s.kind is SessionKind.REGULAR]
        if ours != theirs.get(day, []):
            differ.append((day, ours, theirs.get(day, [])))
        assert calendar.is_trading_day(day) is (day in theirs)
    assert differ == [], f"{len(differ)} days differ, first {differ[:3]}"


def test_us_night_sessions_belong_to_the_next_exchange_session():
    us, xnys = CALENDARS["US"], xcals.get_calendar("XNYS", start="2023-12-01", end="2027-01-31")
    for day in days():
        evening = int(datetime(day.year, day.month, day.day, 20, 0, tzinfo=NY).timestamp() * 1000)
        following = xnys.date_to_session(pd.Timestamp(day + timedelta(days=1)), direction="next").date()
        assert us.trading_day(evening) == following, day
        # the night session trades only into a session that starts the next morning
        night = us.session_at(evening)
        assert (night is not None and night.kind is SessionKind.NIGHT) is (following == day + timedelta(days=1))
    # the example: Sunday evening before Martin Luther King Day belongs to Tuesday
    sunday = int(datetime(2024, 1, 14, 20, 0, tzinfo=NY).timestamp() * 1000)
    assert us.trading_day(sunday) == date(2024, 1, 16)


def test_trading_days_tile_the_time_line_across_holidays_and_dst():
    for calendar in (CALENDARS["US"], CALENDARS["FX"], calendar_for(Market.HK), calendar_for(Market.SH),
                     CALENDARS["CRYPTO"], CALENDARS["JP"]):
        trading = [d for d in days(date(2024, 1, 1), date(2024, 12, 31)) if calendar.is_trading_day(d)]
        for day, following in zip(trading, trading[1:], strict=False):
            begin, end = calendar.trading_day_begin(day), calendar.trading_day_end(day)
            assert end == calendar.trading_day_begin(following), (calendar.name, day)
            for t in range(begin, end, 3_600_000):
                assert calendar.trading_day(t) == day, (calendar.name, day, t)
            assert calendar.trading_day(end - 1) == day
        holiday = date(2024, 12, 25)
        if not calendar.is_trading_day(holiday):
            assert calendar.trading_day_begin(holiday) == calendar.trading_day_end(holiday)


def test_fx_evening_of_the_spring_switch_rolls_to_monday():
    fx = CALENDARS["FX"]
    sunday = int(datetime(2024, 3, 10, 17, 0, tzinfo=NY).timestamp() * 1000)  # EDT since 02:00
    assert fx.trading_day(sunday) == date(2024, 3, 11)
    assert fx.trading_day(sunday - 1) == date(2024, 3, 11)  # the weekend belongs to Monday too
    assert fx.trading_day_begin(date(2024, 3, 11)) == int(datetime(2024, 3, 8, 17, 0, tzinfo=NY).timestamp() * 1000)


def test_us_half_day_post_market_runs_to_17_00():
    bounds = {s.kind: (a, b) for s, a, b in CALENDARS["US"].session_bounds(date(2024, 11, 29))}
    at = lambda h: int(datetime(2024, 11, 29, h, 0, tzinfo=NY).timestamp() * 1000)  # noqa: E731
    assert bounds[SessionKind.REGULAR] == (at(9) + 1_800_000, at(13))
    assert bounds[SessionKind.AFTER] == (at(13), at(17))


def test_market_phase_on_holidays_and_half_days():
    hk = calendar_for(Market.HK)
    hkt = ZoneInfo("Asia/Hong_Kong")
    at = lambda *a: int(datetime(*a, tzinfo=hkt).timestamp() * 1000)  # noqa: E731
    assert market_phase(hk, at(2025, 12, 24, 11, 0)).value == "open"
    assert market_phase(hk, at(2025, 12, 24, 12, 30)).value == "closed"  # morning only: no lunch
    assert market_phase(hk, at(2025, 12, 25, 10, 0)).value == "closed"  # Christmas
    assert hk.last_close_before(at(2025, 12, 26, 10, 0)) == at(2025, 12, 24, 12, 0)
    us = CALENDARS["US"]
    assert market_phase(us, int(datetime(2025, 7, 4, 10, 0, tzinfo=NY).timestamp() * 1000)).value == "closed"


def test_without_a_table_every_weekday_trades(table):
    install_table(None)
    try:
        assert calendar_for(Market.US).is_trading_day(date(2025, 12, 25))
    finally:
        install_table(table)
    assert not calendar_for(Market.US).is_trading_day(date(2025, 12, 25))


def test_a_vendor_adds_closures_and_half_days_but_never_reopens_a_holiday(table):
    from app.core.holidays import VendorDays, merge_vendor_days

    december = [date(2026, 12, d) for d in range(1, 32)]
    listed = {d for d in december if d.weekday() < 5} - {date(2026, 12, 7)}  # a typhoon day
    merged = merge_vendor_days(table, VendorDays(
        "qos", "XHKG", december[0], december[-1], trading=frozenset(listed),
        half=frozenset({date(2026, 12, 9)})))
    assert merged.closed == [date(2026, 12, 7)]
    assert merged.halved == [date(2026, 12, 9)]
    assert merged.ignored == [date(2026, 12, 25)]  # exchange-calendars' Christmas stands
    hk = calendar_for(Market.HK)
    install_table(merged.table)
    try:
        assert not hk.is_trading_day(date(2026, 12, 7))
        assert [(s.start, s.end) for s in hk.day_sessions(date(2026, 12, 9))] == [(570, 720)]  # HK's half day
        assert not hk.is_trading_day(date(2026, 12, 25))
        assert hk.is_trading_day(date(2026, 12, 8))
        assert calendar_for(Market.US).is_trading_day(date(2026, 12, 7))  # other exchanges untouched
    finally:
        install_table(table)
    assert hk.is_trading_day(date(2026, 12, 7))


def test_a_vendors_holiday_list_closes_those_days_only(table):
    from app.core.holidays import VendorDays, merge_vendor_days

    merged = merge_vendor_days(table, VendorDays(
        "itick", "XNYS", date(2026, 1, 1), date(2026, 12, 31),
        closed=frozenset({date(2026, 1, 1), date(2026, 12, 7)})))
    assert merged.closed == [date(2026, 12, 7)] and merged.halved == [] and merged.ignored == []
    spans = {(d, tuple(map(tuple, s))) for d, s in merged.table.exchanges["XSHG"].special}
    assert spans == {(d, tuple(map(tuple, s))) for d, s in table.exchanges["XSHG"].special}
