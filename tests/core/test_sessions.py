"""Sessions per market, in exchange time, across both DST switches."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.core.sessions import CALENDARS, SessionKind, calendar_for
from app.core.symbols import Market

NY = ZoneInfo("America/New_York")
HKT = ZoneInfo("Asia/Hong_Kong")
SHA = ZoneInfo("Asia/Shanghai")


def ms(y, mo, d, h, mi, zone):
    return int(datetime(y, mo, d, h, mi, tzinfo=zone).timestamp() * 1000)


US = CALENDARS["US"]


@pytest.mark.parametrize(
    "when, kind",
    [
        ((2025, 3, 7, 9, 29), SessionKind.PRE),  # Friday before spring-forward
        ((2025, 3, 7, 9, 30), SessionKind.REGULAR),
        ((2025, 3, 10, 9, 30), SessionKind.REGULAR),  # Monday after spring-forward (EDT)
        ((2025, 3, 10, 15, 59), SessionKind.REGULAR),
        ((2025, 3, 10, 16, 0), SessionKind.AFTER),
        ((2025, 3, 10, 20, 0), SessionKind.NIGHT),
        ((2025, 3, 11, 3, 49), SessionKind.NIGHT),
        ((2025, 3, 11, 3, 50), None),
        ((2025, 3, 11, 4, 0), SessionKind.PRE),
        ((2025, 11, 3, 9, 30), SessionKind.REGULAR),  # Monday after fall-back (EST)
        ((2025, 11, 3, 9, 29), SessionKind.PRE),
        ((2025, 3, 8, 12, 0), None),  # Saturday
        ((2025, 3, 7, 20, 30), None),  # Friday evening: no night session into Saturday
        ((2025, 3, 9, 20, 30), SessionKind.NIGHT),  # Sunday evening opens Monday's trading day
    ],
)
def test_us_sessions_in_new_york_time(when, kind):
    session = US.session_at(ms(*when, NY))
    assert (session.kind if session else None) == kind


def test_us_regular_open_moves_in_utc_with_dst():
    # 09:30 New York is 13:30 UTC in summer (EDT) and 14:30 UTC in winter (EST).
    summer = int(datetime(2025, 3, 10, 13, 30, tzinfo=ZoneInfo("UTC")).timestamp() * 1000)
    winter = int(datetime(2025, 11, 3, 14, 30, tzinfo=ZoneInfo("UTC")).timestamp() * 1000)
    assert US.session_at(summer).kind is SessionKind.REGULAR
    assert US.session_at(summer - 60_000).kind is SessionKind.PRE
    assert US.session_at(winter).kind is SessionKind.REGULAR
    assert US.session_at(winter - 60_000).kind is SessionKind.PRE


def test_us_night_belongs_to_next_trading_day():
    assert US.trading_day(ms(2025, 3, 9, 21, 0, NY)) == date(2025, 3, 10)
    assert US.trading_day(ms(2025, 3, 10, 19, 59, NY)) == date(2025, 3, 10)


@pytest.mark.parametrize(
    "hm, is_open", [((9, 29), False), ((9, 30), True), ((11, 59), True), ((12, 0), False),
                    ((12, 59), False), ((13, 0), True), ((15, 59), True), ((16, 0), False)],
)
def test_hong_kong_with_lunch_break(hm, is_open):
    assert calendar_for(Market.HK).is_open(ms(2025, 3, 10, *hm, HKT)) is is_open


@pytest.mark.parametrize(
    "hm, is_open", [((9, 29), False), ((9, 30), True), ((11, 30), False), ((13, 0), True),
                    ((14, 59), True), ((15, 0), False)],
)
def test_a_shares(hm, is_open):
    for market in (Market.SH, Market.SZ):
        assert calendar_for(market).is_open(ms(2025, 3, 10, *hm, SHA)) is is_open


def test_weekends_closed_for_exchanges():
    for market in (Market.US, Market.HK, Market.SH, Market.FX, Market.CMDTY):
        cal = calendar_for(market)
        for hour in range(24):
            assert not cal.is_open(ms(2025, 3, 8, hour, 0, cal.zone)), (market, hour)


def test_crypto_trades_around_the_clock():
    cal = calendar_for(Market.CRYPTO)
    for day in (8, 9, 10):  # Saturday, Sunday, Monday
        for hour in range(24):
            assert cal.is_open(ms(2025, 3, day, hour, 30, ZoneInfo("UTC")))


def test_fx_is_24_5_from_sunday_evening_new_york():
    fx = calendar_for(Market.FX)
    assert not fx.is_open(ms(2025, 3, 9, 16, 59, NY))
    assert fx.is_open(ms(2025, 3, 9, 17, 0, NY))  # Sunday 17:00 (DST began that morning)
    assert fx.is_open(ms(2025, 3, 12, 3, 0, NY))
    assert fx.is_open(ms(2025, 3, 14, 16, 59, NY))
    assert not fx.is_open(ms(2025, 3, 14, 17, 0, NY))  # Friday close


def test_last_close_before():
    saturday = ms(2025, 3, 8, 12, 0, HKT)
    assert calendar_for(Market.HK).last_close_before(saturday) == ms(2025, 3, 7, 16, 0, HKT)
    assert US.last_close_before(ms(2025, 3, 8, 12, 0, NY)) == ms(2025, 3, 7, 20, 0, NY)


def test_session_bounds_follow_dst():
    spring = US.session_bounds(date(2025, 3, 10))
    regular = [b for b in spring if b[0].kind is SessionKind.REGULAR][0]
    assert regular[1] == ms(2025, 3, 10, 9, 30, NY)
    assert (regular[2] - regular[1]) == 390 * 60_000
    # the night session of Monday 10 March opened on Sunday 20:00 EDT
    assert spring[0][1] == ms(2025, 3, 9, 20, 0, NY)
    assert US.session_bounds(date(2025, 3, 8)) == []


@pytest.mark.parametrize("market, zone, when, phase", [
    (Market.HK, "Asia/Hong_Kong", "2026-11-20 10:00", "open"),
    (Market.HK, "Asia/Hong_Kong", "2026-11-20 12:30", "lunch"),
    (Market.HK, "Asia/Hong_Kong", "2026-11-20 16:30", "closed"),
    (Market.HK, "Asia/Hong_Kong", "2026-11-21 10:00", "closed"),  # a Saturday
    (Market.SH, "Asia/Shanghai", "2026-11-20 11:45", "lunch"),
    (Market.US, "America/New_York", "2026-11-20 05:00", "pre"),
    (Market.US, "America/New_York", "2026-11-20 10:00", "open"),
    (Market.US, "America/New_York", "2026-11-20 17:00", "after"),
    (Market.US, "America/New_York", "2026-11-22 21:00", "night"),  # Sunday evening: Monday's night
    (Market.CRYPTO, "UTC", "2026-11-21 03:00", "open"),
])
def test_market_phase_names_sessions_breaks_and_closed_times(market, zone, when, phase):
    from app.core.sessions import market_phase

    ts = int(datetime.fromisoformat(when).replace(tzinfo=ZoneInfo(zone)).timestamp() * 1000)
    assert market_phase(calendar_for(market), ts).value == phase
