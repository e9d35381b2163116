"""The validator against DESIGN's list of what is never shown or stored as data."""

from __future__ import annotations

import math

import pytest

from app.core import validate as v
from app.core.types import Bar, Book, Quote, SessionQuote, Status, Trade, ConnectionState, encode_event

NOW = 1_764_500_000_000  # 2025-11-30
TS = NOW - 60_000
NAN, INF = math.nan, math.inf


def quote(**fields) -> Quote:
    base = dict(last=10.0, prev_close=9.5, open=9.8, high=10.2, low=9.7, volume=100.0, turnover=1000.0)
    return Quote("t", "US:AAPL", fields.pop("ts", TS), **(base | fields))


def bar(o=10.0, h=11.0, lo=9.0, c=10.5, vol=5.0, ts=TS, period="1m") -> Bar:
    return Bar("t", "US:AAPL", period, ts, o, h, lo, c, vol)


def book(bids, asks, ts=TS) -> Book:
    return Book("t", "US:AAPL", ts, bids, asks)


def kind_of(event):
    return v.validate(event, NOW)[1]


def test_good_events_pass_unchanged_and_the_same_object():
    for event in (quote(), Trade("t", "US:AAPL", TS, 10.0, 0.0), bar(),
                  book([(10.0, 1.0), (9.9, 2.0)], [(10.1, 1.0), (10.2, 0.0)]),
                  quote(prev_close=None, volume=None, high=None, low=None)):
        out, kind = v.validate(event, NOW)
        assert out is event and kind is None
    status = Status("t", ConnectionState.CONNECTED)
    assert v.validate(status, NOW) == (status, None)


@pytest.mark.parametrize(("fields", "kind"), [
    ({"last": -4242.5}, v.PRICE), ({"last": 0.0}, v.PRICE), ({"last": NAN}, v.NON_FINITE),
    ({"last": INF}, v.NON_FINITE), ({"last": 1e22}, v.HUGE), ({"prev_close": -INF}, v.NON_FINITE), ({"open": 0.0}, v.PRICE),
    ({"volume": -1.0}, v.SIZE), ({"turnover": NAN}, v.NON_FINITE), ({"limit_up": -1.0}, v.PRICE),
    ({"market_cap": INF}, v.NON_FINITE),
    ({"high": 1.0, "low": 1000.0}, v.QUOTE_RANGE),
    ({"ts": -5_000_000}, v.TOO_OLD), ({"ts": 946_684_799_999}, v.TOO_OLD),
    ({"ts": 32_503_680_000_000}, v.FUTURE), ({"ts": NOW + v.DAY_MS + 1}, v.FUTURE),
])
def test_a_quote_with_one_bad_field_is_dropped_whole(fields, kind):
    assert v.validate(quote(**fields), NOW) == (None, kind)


def test_the_time_limits_are_inclusive_and_an_extended_session_is_checked_too():
    assert kind_of(quote(ts=v.MIN_TS)) is None and kind_of(quote(ts=NOW + v.DAY_MS)) is None
    good = SessionQuote(TS, 10.0, 9.0, 10.5, 9.5, 100.0, 1000.0)
    assert kind_of(quote(extended={"pre": good})) is None
    assert kind_of(quote(extended={"pre": SessionQuote(0, 10.0)})) is None  # no time sent
    assert kind_of(quote(extended={"pre": SessionQuote(TS, -1.0)})) is v.PRICE
    assert kind_of(quote(extended={"after": SessionQuote(TS, 10.0, high=1.0, low=2.0)})) is v.QUOTE_RANGE


@pytest.mark.parametrize(("trade", "kind"), [
    (Trade("t", "US:AAPL", TS, -33.33, 5.0), v.PRICE),
    (Trade("t", "US:AAPL", TS, 10.0, -9.0), v.SIZE),
    (Trade("t", "US:AAPL", TS, NAN, 1.0), v.NON_FINITE),
    (Trade("t", "US:AAPL", TS, 1e22, 1.0), v.HUGE),
    (Trade("t", "US:AAPL", TS, 10.0, INF), v.NON_FINITE),
    (Trade("t", "US:AAPL", 946_684_799_000, 10.0, 1.0), v.TOO_OLD),
])
def test_bad_trades(trade, kind):
    assert v.validate(trade, NOW) == (None, kind)


@pytest.mark.parametrize(("made", "kind"), [
    (bar(o=100.0, h=90.0, lo=110.0, c=100.0), v.BAR_RANGE),  # high 90 < low 110
    (bar(o=12.0), v.BAR_RANGE), (bar(c=12.0), v.BAR_RANGE),  # high below open / close
    (bar(o=8.0), v.BAR_RANGE), (bar(c=8.5), v.BAR_RANGE),  # low above open / close
    (bar(lo=-1.0), v.PRICE), (bar(vol=-1.0), v.SIZE), (bar(vol=NAN), v.NON_FINITE),
    (bar(h=INF), v.NON_FINITE), (bar(ts=NOW + 2 * v.DAY_MS), v.FUTURE),
])
def test_bad_bars(made, kind):
    assert v.validate(made, NOW) == (None, kind)


def test_a_day_bar_may_be_keyed_at_a_trading_day_ahead_of_the_clock():
    # Sunday 20:00 New York, Monday a holiday: the night session's day bar is keyed at Tuesday
    assert kind_of(bar(period="1d", ts=NOW + 28 * 3_600_000)) is None
    assert kind_of(bar(period="1m", ts=NOW + 28 * 3_600_000)) is v.FUTURE
    assert kind_of(bar(period="1d", ts=NOW + 5 * v.DAY_MS)) is v.FUTURE
    assert v.bar_ok(bar()) and not v.bar_ok(bar(h=1.0))


def test_a_book_is_sorted_best_first_and_loses_its_bad_levels():
    made = book([(9.8, 1.0), (10.0, 2.0), (-5.0, 3.0), (9.9, 1.0), (0.0, 4.0)],
                [(10.3, 1.0), (10.1, -2.0), (10.2, 1.0)])
    out, kind = v.validate(made, NOW)
    assert out.bids == [(10.0, 2.0), (9.9, 1.0), (9.8, 1.0)]
    assert out.asks == [(10.2, 1.0), (10.3, 1.0)]
    assert kind is v.LEVEL_PRICE and not out.crossed
    out, kind = v.validate(book([(10.0, 1.0)], [(1e22, 1.0), (10.1, 1.0)]), NOW)
    assert out.asks == [(10.1, 1.0)] and kind is v.LEVEL_PRICE
    out, kind = v.validate(book([(10.0, 1.0)], [(10.2, -1.0), (10.1, 1.0)]), NOW)
    assert out.asks == [(10.1, 1.0)] and kind is v.LEVEL_SIZE
    unsorted = book([(9.0, 1.0), (10.0, 1.0)], [(11.0, 1.0)])
    out, kind = v.validate(unsorted, NOW)
    assert out.bids == [(10.0, 1.0), (9.0, 1.0)] and kind is None


def test_a_crossed_book_is_flagged_not_dropped_and_its_line_says_so():
    out, kind = v.validate(book([(777.77, 1.0)], [(111.11, 1.0)]), NOW)
    assert kind is None and out.crossed
    assert b'"crossed":true' in encode_event(out)
    locked, _ = v.validate(book([(10.0, 1.0)], [(10.0, 1.0)]), NOW)
    assert locked.crossed
    fine, _ = v.validate(book([(9.0, 1.0)], [(10.0, 1.0)]), NOW)
    assert b"crossed" not in encode_event(fine)  # the contract's line, unchanged


def test_a_book_with_a_level_that_is_not_a_number_is_dropped_whole():
    assert v.validate(book([(10.0, NAN)], [(11.0, 1.0)]), NOW) == (None, v.NON_FINITE)
    assert v.validate(book([(10.0, 1.0)], [(-INF, 1.0)]), NOW) == (None, v.NON_FINITE)
    assert v.validate(book([(10.0, 1.0)], [], ts=-5_000_000), NOW) == (None, v.TOO_OLD)


def test_the_validator_counts_each_kind_and_tells_the_hook():
    heard = []
    check = v.Validator(lambda kind, event: heard.append(kind), clock=lambda: NOW)
    events = [quote(), quote(last=-1.0), Trade("t", "US:AAPL", TS, -33.33, -9.0),
              book([(-5.0, 1.0), (10.0, 1.0)], [(11.0, 1.0)]), quote(last=0.0)]
    kept = check.keep(events)
    assert [type(e) for e in kept] == [Quote, Book]
    assert check.counts == {v.PRICE: 3, v.LEVEL_PRICE: 1}
    assert heard == [v.PRICE, v.PRICE, v.LEVEL_PRICE, v.PRICE]
    assert check(bar(h=1.0)) is None and check.counts[v.BAR_RANGE] == 1
