"""``stale S`` on a fixed clock: no data for S seconds of open market by the symbol's calendar
(Hong Kong: 09:30–12:00 and 13:00–16:00), once per silence; expiry on the clock."""

from __future__ import annotations

import math
from datetime import datetime
from zoneinfo import ZoneInfo

from app.core.alerts import AlertEngine, checked_rule
from app.core.types import Quote, Trade

HK = "HK:00700"
ZONE = ZoneInfo("Asia/Hong_Kong")


def at(hh, mm, ss=0, day=5):
    """Epoch ms of a time on Wednesday 5 March 2025 in Hong Kong (a trading day)."""
    return int(datetime(2025, 3, day, hh, mm, ss, tzinfo=ZONE).timestamp() * 1000)


def stale(seconds=30.0, **parts):
    return AlertEngine([checked_rule("a1", HK, "stale", seconds, **parts)])


def ticks(engine, start, end, step=1000):
    """The clock's ticks from ``start`` to ``end``: (ts, price, vendor) of each alert."""
    return [(a.ts, a.price, a.vendor) for now in range(start, end + 1, step)
            for a in engine.on_clock(now, "sim")]


def test_stale_fires_once_after_s_seconds_without_data_while_open():
    engine = stale()
    t0 = at(10, 0)
    assert engine.on_clock(t0) == []  # the silence is counted from the first tick
    engine.on_event(Quote("qos", HK, t0 + 500, last=400.0))
    assert ticks(engine, t0 + 1000, t0 + 30_000) == []  # data seen at the tick of t0 + 1 s
    assert ticks(engine, t0 + 31_000, t0 + 120_000) == [(t0 + 31_000, 400.0, "qos")]  # once


def test_data_again_rearms_it_and_a_trickle_keeps_it_quiet():
    engine = stale(5.0)
    t0 = at(10, 0)
    assert [ts for ts, _, _ in ticks(engine, t0, t0 + 6000)] == [t0 + 5000]
    for n in range(10):  # a trade every 4 s: never 5 s of silence
        now = t0 + 7000 + n * 4000
        engine.on_event(Trade("sim", HK, now, 401.0, 100.0))
        assert ticks(engine, now, now + 3000) == []
    last = t0 + 7000 + 9 * 4000
    assert ticks(engine, last + 4000, last + 6000) == [(last + 5000, 401.0, "sim")]


def test_closed_time_does_not_count():
    engine = stale(60.0)
    assert ticks(engine, at(11, 59, 30), at(13, 0, 59)) == []  # 30 s, lunch, 59 s
    assert [ts for ts, _, _ in ticks(engine, at(13, 1), at(13, 1, 5))] == [at(13, 1)]


def test_stale_only_while_the_market_is_open():
    engine = stale(60.0)
    evening, weekend = at(16, 30), at(10, 0, day=8)  # after the close; a Saturday
    assert ticks(engine, evening, evening + 600_000, step=10_000) == []
    assert ticks(engine, weekend, weekend + 600_000, step=10_000) == []
    fired = ticks(engine, at(9, 30), at(9, 32), step=1000)  # opens with no data: 60 s later
    assert [ts for ts, _, _ in fired] == [at(9, 31)]
    assert math.isnan(fired[0][1])  # no price was ever seen: none invented (written null)


def test_stale_every_s_fires_again_while_the_silence_lasts():
    engine = stale(10.0, every=30)
    t0 = at(10, 0)
    assert [ts for ts, _, _ in ticks(engine, t0, t0 + 75_000)] == [t0 + 10_000, t0 + 40_000,
                                                                  t0 + 70_000]


def test_a_rule_expires_on_the_clock_without_any_event():
    engine = AlertEngine([checked_rule("a1", HK, "stale", 1.0, expires=at(10, 0, 5))])
    assert [ts for ts, _, _ in ticks(engine, at(10, 0), at(10, 0, 30))] == [at(10, 0, 1)]
    assert engine.status("a1").state == "expired"
    engine.on_event(Quote("sim", HK, at(10, 1), last=400.0))
    assert ticks(engine, at(10, 1), at(10, 2)) == []  # data then silence: expired, silent
