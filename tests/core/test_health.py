"""FeedHealth and StaleWatch on a fixed clock: every figure of the health line, worked out by
hand from planted arrivals."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from app.core.health import FeedHealth, Health, StaleWatch
from app.core.instruments import symbol_calendar
from app.core.sessions import Calendar
from app.core.types import Bar, ConnectionState, Quote, Trade, encode_event

# Tuesday 11 March 2025, 15:00 UTC = 11:00 in New York: US regular hours; crypto always trades.
OPEN = int(datetime(2025, 3, 11, 15, 0, tzinfo=UTC).timestamp() * 1000)
# Sunday 9 March 2025, 12:00 UTC: US closed (crypto open).
SUNDAY = int(datetime(2025, 3, 9, 12, 0, tzinfo=UTC).timestamp() * 1000)
NEVER = Calendar("NEVER", ZoneInfo("UTC"), (), frozenset())


def trade(symbol: str, ts: int) -> Trade:
    return Trade("t", symbol, ts, 100.0, 1.0)


# -- StaleWatch ------------------------------------------------------------------------------------

def test_a_symbol_never_heard_from_is_stale_after_the_floor_once_its_market_is_open():
    watch = StaleWatch(floor_ms=5_000)
    watch.watch(["CRYPTO:BTCUSDT", "US:AAPL"], SUNDAY)
    assert watch.stale(SUNDAY + 4_999) == []
    assert watch.stale(SUNDAY + 5_001) == ["CRYPTO:BTCUSDT"]  # US is closed on a Sunday
    assert watch.age_ms("CRYPTO:BTCUSDT", SUNDAY + 5_001) is None


def test_arrivals_noted_on_the_monotonic_clock_are_read_in_epoch_ms_and_learned_as_gaps():
    """The hot path notes arrivals as the loop reads them (monotonic seconds, in ``fresh``);
    every reading turns them into epoch ms with the clock's offset then, and an arrival noted
    in epoch ms afterwards is never overwritten by an older one still waiting to be folded."""
    offset = [OPEN - 1_000_000.0]  # epoch ms at the monotonic clock's zero
    watch = StaleWatch(floor_ms=5_000, factor=2.0, offset_ms=lambda: offset[0])
    watch.watch(["CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT"], OPEN)
    for second in range(1, 31):  # BTC every second, noted as Feed.emit notes it
        watch.fresh["CRYPTO:BTCUSDT"] = 1_000.0 + second
        watch.review(OPEN + second * 1000)
    assert watch.age_ms("CRYPTO:BTCUSDT", OPEN + 30_250) == 250
    assert watch.limit_ms("CRYPTO:BTCUSDT") == 5_000  # gaps of 1 s learned: the floor holds
    assert watch.stale(OPEN + 34_000) == ["CRYPTO:ETHUSDT"]
    assert watch.stale(OPEN + 35_001) == ["CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT"]
    offset[0] += 20.0  # the wall clock was set forward 20 ms: the next fold reads it
    watch.fresh["CRYPTO:ETHUSDT"] = 1_036.0
    watch.on_symbol("CRYPTO:ETHUSDT", OPEN + 37_000.0)  # later, in epoch ms: it stays
    assert watch.age_ms("CRYPTO:ETHUSDT", OPEN + 37_000) == 0
    watch.fresh["CRYPTO:ETHUSDT"] = 1_038.0
    assert watch.age_ms("CRYPTO:ETHUSDT", OPEN + 38_500) == 480
    watch.fresh["CRYPTO:BTCUSDT"] = 1_039.0
    watch.forget(["CRYPTO:BTCUSDT"])
    assert watch.age_ms("CRYPTO:BTCUSDT", OPEN + 40_000) is None and not watch.fresh


def test_an_arrival_noted_before_a_suspend_is_not_dated_after_it():
    """The monotonic clock stands still while the machine sleeps: the wall − monotonic offset
    read after it has grown by the sleep. An arrival noted before is dated with the offset it
    came under, so its symbol goes stale (a failover may act), not fresh for another limit."""
    offset = [OPEN - 1_000_000.0]
    watch = StaleWatch(floor_ms=5_000, offset_ms=lambda: offset[0])
    watch.watch(["CRYPTO:BTCUSDT"], OPEN)
    watch.fresh["CRYPTO:BTCUSDT"] = 1_001.0  # OPEN + 1 s
    offset[0] += 600_000.0  # ten minutes asleep
    assert watch.age_ms("CRYPTO:BTCUSDT", OPEN + 601_000) == 600_000
    assert watch.stale(OPEN + 601_000) == ["CRYPTO:BTCUSDT"]
    watch.fresh["CRYPTO:BTCUSDT"] = 1_002.0  # awake again: from now on the new offset holds
    assert watch.age_ms("CRYPTO:BTCUSDT", OPEN + 602_000) == 0


def test_a_busy_symbol_is_stale_after_the_floor_a_slow_one_after_its_own_usual_gap():
    watch = StaleWatch(floor_ms=5_000, factor=2.0)
    watch.watch(["CRYPTO:BTCUSDT", "CRYPTO:DOGEUSDT"], OPEN)
    now = OPEN
    for second in range(1, 121):  # BTC every second, DOGE every 10 s; a review each second
        now = OPEN + second * 1000
        watch.on_symbol("CRYPTO:BTCUSDT", now)
        if second % 10 == 0:
            watch.on_symbol("CRYPTO:DOGEUSDT", now)
        stale = watch.stale(now)
        if second >= 30:  # once DOGE's gaps are learned (before, the floor applies to it too)
            assert stale == []
    # both fall silent at OPEN + 120 s
    assert watch.limit_ms("CRYPTO:BTCUSDT") == 5_000  # 2 × 1 s is below the floor
    assert watch.limit_ms("CRYPTO:DOGEUSDT") == 20_000  # 2 × its 10 s gaps
    assert watch.stale(now + 6_000) == ["CRYPTO:BTCUSDT"]
    assert watch.stale(now + 19_000) == ["CRYPTO:BTCUSDT"]
    assert watch.stale(now + 21_000) == ["CRYPTO:BTCUSDT", "CRYPTO:DOGEUSDT"]
    assert watch.age_ms("CRYPTO:DOGEUSDT", now + 21_000) == 21_000
    watch.forget(["CRYPTO:BTCUSDT"])
    assert watch.stale(now + 21_000) == ["CRYPTO:DOGEUSDT"]


def test_a_closed_market_is_never_stale_and_the_night_teaches_no_gap():
    calendars = {"US:AAPL": symbol_calendar("US:AAPL"), "X:Y": NEVER}
    watch = StaleWatch(calendars.__getitem__, floor_ms=5_000)
    friday_close = int(datetime(2025, 3, 7, 19, 59, tzinfo=UTC).timestamp() * 1000)  # 14:59 NY
    watch.watch(["US:AAPL", "X:Y"], friday_close - 60_000)
    watch.on_symbol("US:AAPL", friday_close)  # its last print before the weekend
    watch.stale(friday_close)
    assert watch.stale(SUNDAY) == []  # silent for two days, but closed (and X:Y never opens)
    monday = int(datetime(2025, 3, 10, 13, 30, tzinfo=UTC).timestamp() * 1000)  # 09:30 NY
    watch.on_symbol("US:AAPL", monday)
    watch.stale(monday)
    assert watch.limit_ms("US:AAPL") == 5_000  # the weekend's silence was not learned as a gap
    assert watch.stale(monday + 6_000) == ["US:AAPL"]


# -- FeedHealth ------------------------------------------------------------------------------------

def test_rate_over_the_sliding_window():
    clock = [float(OPEN)]
    health = FeedHealth("t", clock=lambda: clock[0], rate_window_ms=5_000)
    for second in range(1, 11):
        n = 40 if second <= 5 else 10  # 40/s for 5 s, then 10/s
        for i in range(n):
            health.on_event(trade("CRYPTO:BTCUSDT", OPEN), OPEN + (second - 1) * 1000 + i)
        clock[0] = OPEN + second * 1000
        line = health.snapshot()
        if second <= 5:
            assert line.rate == 40.0
    assert line.rate == 10.0  # the window holds only the last 5 s
    assert health.count == 250


def test_latency_is_the_median_of_arrival_minus_the_vendors_time_and_na_without_one():
    health = FeedHealth("t", timed=[Trade, Quote])
    untimed = FeedHealth("sim")
    offsets = [200, 210, 190, 5_000, 205]  # one outlier: the median ignores it
    for i, offset in enumerate(offsets):
        arrival = OPEN + i * 1000
        for h in (health, untimed):
            h.on_event(trade("CRYPTO:BTCUSDT", arrival - offset), arrival)
            h.on_event(Bar("t", "CRYPTO:ETHUSDT", "1m", arrival - 60_000, 1, 1, 1, 1, 1), arrival)
        health.snapshot(arrival + 1)
        untimed.snapshot(arrival + 1)
    assert health.latency_ms() == 205  # a bar's time is its start: never a sample
    assert untimed.latency_ms() is None
    line = json.loads(encode_event(untimed.snapshot(OPEN + 9_000)))
    assert line["latency_ms"] is None


def test_a_vendor_stamping_whole_seconds_is_corrected_by_half_a_second():
    health = FeedHealth("t", timed=[Trade], resolution_ms=1000)
    for i in range(10):
        sent = OPEN + i * 1000 + i * 100 + 50  # anywhere in its second, stamped at its start
        health.on_event(trade("CRYPTO:BTCUSDT", sent // 1000 * 1000), sent + 50)  # 50 ms on the way
        health.snapshot(sent + 60)
    assert abs(health.latency_ms() - 50) <= 1  # uncorrected, the median would read 550


def test_untimed_snapshots_count_but_give_no_latency():
    health = FeedHealth("t", timed=[Quote])
    health.on_untimed(Quote("t", "CRYPTO:BTCUSDT", OPEN - 3_600_000, last=1.0), OPEN)
    line = health.snapshot(OPEN + 100)
    assert line.latency_ms is None and line.age_ms == 100 and health.count == 1


def test_state_reconnects_refusals_dropped_and_the_json_line():
    dropped = [0]
    health = FeedHealth("itick", dropped_of=lambda: dropped[0], clock=lambda: float(OPEN))
    for state in ("connecting", "connected", "reconnecting", "reconnecting", "connected",
                  "reconnecting", "connected"):
        health.on_state(ConnectionState(state))
    dropped[0] = 3
    line = health.snapshot(OPEN)
    assert (line.state, line.reconnects, line.dropped, line.refusals) == ("connected", 2, 3, 0)
    encoded = json.loads(encode_event(line))
    assert list(encoded) == ["type", "vendor", "ts", "state", "age_ms", "latency_ms", "rate",
                             "reconnects", "dropped", "stale"]  # DESIGN.md's line exactly
    assert encoded["type"] == "health" and encoded["age_ms"] is None and encoded["stale"] == []
    health.on_refusal()
    assert json.loads(encode_event(health.snapshot(OPEN)))["refusals"] == 1  # only when there was one


def test_subscribed_symbols_are_watched_until_every_channel_is_dropped():
    health = FeedHealth("t", floor_ms=1_000)
    health.subscribed(["CRYPTO:BTCUSDT"], ["quote", "trade"], OPEN)
    assert health.snapshot(OPEN + 1_500).stale == ["CRYPTO:BTCUSDT"]
    health.unsubscribed(["CRYPTO:BTCUSDT"], ["quote"])
    assert health.snapshot(OPEN + 1_600).stale == ["CRYPTO:BTCUSDT"]
    health.unsubscribed(["CRYPTO:BTCUSDT"], ["trade"])
    assert health.snapshot(OPEN + 1_700).stale == []
    health.subscribed(["CRYPTO:ETHUSDT"], ["quote"], OPEN)
    health.on_event(Quote("t", "CRYPTO:ETHUSDT", OPEN, last=1.0), OPEN + 1_000)
    snap = health.snapshot(OPEN + 1_500)
    assert snap.stale == [] and snap.age_ms == 500 and health.age_ms("CRYPTO:ETHUSDT", OPEN + 1_500) == 500
    assert isinstance(snap, Health)


def test_stale_between_snapshots_sees_every_arrival():
    health = FeedHealth("t", floor_ms=1_000)
    health.subscribed(["CRYPTO:BTCUSDT"], ["trade"], OPEN)
    health.snapshot(OPEN)
    health.on_event(trade("CRYPTO:BTCUSDT", OPEN), OPEN + 900)
    assert health.stale(OPEN + 1_500) == []  # arrived after the last snapshot: still fresh
    assert health.stale(OPEN + 2_000) == ["CRYPTO:BTCUSDT"]
