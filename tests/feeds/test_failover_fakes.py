"""FailoverFeed against the fake 脉动数据 (primary) and the fake iTick (backup) over real loopback
sockets: both serve ``CRYPTO:BTCUSDT`` and ``FX:GBPUSD``; ``MD:HX_HSI`` only the primary.

The healthy hold (30 s) runs on a clock sixty times as fast as the wall's; staleness keeps the
wall's (a floor of 1.5 s instead of 5 s, so the tests are quick), and every symbol's market is
taken as open (the crypto calendar) so the tests do not depend on the day they run.
"""

from __future__ import annotations

import asyncio
import time

from app.core.instruments import symbol_calendar
from app.core.types import Channel, Failover, Quote
from app.feeds.failover import FailoverFeed
from tests.fakes.itick import FakeItickServer
from tests.fakes.maidong import FakeMaidongServer
from tests.support.events import Sink
from tests.support.feed_cases import itick_feed, maidong_feed

SHARED = ["CRYPTO:BTCUSDT", "FX:GBPUSD"]
ONLY_PRIMARY = "MD:HX_HSI"
FLOOR_MS = 1_500
SPEED = 60.0  # the hold's clock runs this much faster than the wall's: 30 s in 0.5 s


def scaled_clock():
    start = time.time() * 1000.0
    return lambda: start + (time.time() * 1000.0 - start) * SPEED


def run(scenario, timeout: float = 30.0):
    async def main():
        maidong, itick = FakeMaidongServer(), FakeItickServer(token="test-token")
        await maidong.start()
        await itick.start()
        primary, _ = maidong_feed(maidong)
        backup, _ = itick_feed(itick)
        open_always = symbol_calendar("CRYPTO:BTCUSDT")
        primary.health.watch.calendar_of = lambda symbol: open_always
        feed = FailoverFeed(primary, backup, clock=scaled_clock(), stale_floor_ms=FLOOR_MS,
                            check_interval=0.05)
        sink = Sink()
        feed.set_sink(sink)
        try:
            await feed.start()
            async with asyncio.timeout(timeout):
                await scenario(feed, sink, maidong, itick)
        finally:
            await feed.aclose()
            await maidong.aclose()
            await itick.aclose()

    asyncio.run(main())


def quotes_from(sink: Sink, vendor: str, since: int = 0) -> set[str]:
    return {e.symbol for e in sink.events[since:] if type(e) is Quote and e.vendor == vendor}


def failovers(sink: Sink) -> list[Failover]:
    return sink.of(Failover)


def test_primary_killed_fails_over_once_and_comes_back_once():
    async def scenario(feed, sink, maidong, itick):
        # a hold of 2 s of wall time: its batch share (0.4 s) is wide enough for the second
        # symbol's first quote from the primary on a loaded machine (0.1 s at SPEED was not)
        feed._healthy_for = 30_000 * 4
        await feed.subscribe(SHARED + [ONLY_PRIMARY], [Channel.QUOTE])
        await sink.wait_for(lambda: quotes_from(sink, "maidong") >= set(SHARED))
        assert failovers(sink) == []

        killed = time.monotonic()
        await maidong.go_away()
        await sink.wait_for(lambda: failovers(sink), timeout=FLOOR_MS / 1000 + 2)
        mark = len(sink.events)
        await sink.wait_for(lambda: quotes_from(sink, "itick", mark) >= set(SHARED))
        assert time.monotonic() - killed <= FLOOR_MS / 1000 + 2  # the stream went on in time
        (event,) = failovers(sink)
        assert (event.from_, event.to, event.symbols) == ("maidong", "itick", SHARED)
        assert "maidong" in event.reason
        assert feed.serving("CRYPTO:BTCUSDT") == "itick" and feed.serving(ONLY_PRIMARY) == "maidong"
        assert sorted(feed.failed_over) == SHARED
        # the symbol only the primary has stays on it and is reported stale
        await sink.wait_for(lambda: ONLY_PRIMARY in feed.primary.health.stale(time.time() * 1000), timeout=4)
        assert ONLY_PRIMARY in feed.primary.health.snapshot().stale
        assert len(failovers(sink)) == 1

        await maidong.come_back()
        await sink.wait_for(lambda: len(failovers(sink)) == 2, timeout=10)
        back = failovers(sink)[1]
        assert (back.from_, back.to, back.symbols) == ("itick", "maidong", SHARED)
        assert feed.serving("CRYPTO:BTCUSDT") == "maidong"
        mark = len(sink.events)
        await sink.wait_for(lambda: quotes_from(sink, "maidong", mark) >= set(SHARED))
        assert quotes_from(sink, "itick", len(sink.events)) == set()
        await asyncio.sleep(0)  # no further switch pending
        assert len(failovers(sink)) == 2

    run(scenario)


def test_back_only_after_the_primary_has_been_healthy_for_the_hold():
    async def scenario(feed, sink, maidong, itick):
        feed._healthy_for = 30_000 * 4  # 2 s of wall time at SPEED
        await feed.subscribe(SHARED, [Channel.QUOTE])
        await sink.wait_for(lambda: quotes_from(sink, "maidong") >= set(SHARED))
        await maidong.go_away()
        await sink.wait_for(lambda: failovers(sink))
        await maidong.come_back()
        back = time.monotonic()  # the primary is healthy only after this
        await sink.wait_for(lambda: feed.primary.health.state == "connected")
        assert len(failovers(sink)) == 1
        await sink.wait_for(lambda: len(failovers(sink)) == 2, timeout=10)
        assert time.monotonic() - back >= 2.0  # not before the hold (on the scaled clock)

    run(scenario)


def test_a_silent_but_connected_primary_moves_only_the_silent_symbol():
    async def scenario(feed, sink, maidong, itick):
        await feed.subscribe(SHARED, [Channel.QUOTE])
        await sink.wait_for(lambda: quotes_from(sink, "maidong") >= set(SHARED))
        maidong.muted.add("CRYPTO:BTCUSDT")
        await sink.wait_for(lambda: failovers(sink), timeout=FLOOR_MS / 1000 + 2)
        (event,) = failovers(sink)
        assert (event.from_, event.to, event.symbols) == ("maidong", "itick", ["CRYPTO:BTCUSDT"])
        assert event.reason.startswith("stale on maidong")
        assert feed.primary.health.state == "connected"
        mark = len(sink.events)
        await sink.wait_for(lambda: "CRYPTO:BTCUSDT" in quotes_from(sink, "itick", mark)
                            and "FX:GBPUSD" in quotes_from(sink, "maidong", mark))
        assert "FX:GBPUSD" not in quotes_from(sink, "itick")  # the other symbol never moved
        assert feed.serving("FX:GBPUSD") == "maidong"
        # still silent on the primary: it stays on the backup past the hold (the scaled clock's)
        moved = feed._clock()
        await sink.wait_for(lambda: feed._clock() - moved > 2 * feed._healthy_for)
        assert len(failovers(sink)) == 1 and feed.serving("CRYPTO:BTCUSDT") == "itick"

        maidong.muted.clear()
        await sink.wait_for(lambda: len(failovers(sink)) == 2, timeout=10)
        assert failovers(sink)[1].symbols == ["CRYPTO:BTCUSDT"]
        assert feed.serving("CRYPTO:BTCUSDT") == "maidong"

    run(scenario)
