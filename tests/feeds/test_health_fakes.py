"""Feed health against the fake iTick over real loopback sockets: the figures are right for a
fake whose rate and latency the test controls (its own pushes muted, ticks planted at a set rate
with a vendor time a set offset behind the send time), a planted drop is one reconnect, a planted
invalid value one dropped, and a silent-but-connected symbol is stale while its market is open
and not while it is closed.
"""

from __future__ import annotations

import asyncio
import json
import time
from zoneinfo import ZoneInfo

import pytest

from app.core.sessions import Calendar
from app.core.types import Channel, ConnectionState, Quote, Status, Trade, encode_event
from app.feeds.base import AuthError
from app.feeds.sim.feed import wall_clock_ms
from tests.fakes.itick import itick_address
from tests.support.events import run_against, running_feed
from tests.support.feed_cases import itick_feed, qos_fake, qos_feed
from tests.support.vendor_cases import ITICK

NEVER_OPEN = Calendar("NEVER", ZoneInfo("UTC"), (), frozenset())
RATE = 100  # ticks a second, planted
OFFSET_MS = 300  # the vendor's time this far behind the send time, planted


def tick_frame(symbol: str, ts: int, price: float = 97_000.5) -> str:
    _asset, region, code = itick_address(symbol)
    return json.dumps({"code": 1, "data": {"s": code, "r": region, "ld": price, "v": 0.5,
                                            "t": ts, "type": "tick"}})


async def plant(fake, symbol: str, rate: int = RATE, per_burst: int = 5) -> None:
    """``rate`` ticks a second in bursts, on the loop's clock without drift, each stamped
    OFFSET_MS before it is sent."""
    loop = asyncio.get_running_loop()
    due = loop.time()
    while True:
        for _ in range(per_burst):
            fake.inject(tick_frame(symbol, int(time.time() * 1000) - OFFSET_MS))
        due += per_burst / rate
        await asyncio.sleep(max(0.0, due - loop.time()))


def test_rate_latency_reconnects_and_dropped_are_what_was_planted():
    async def scenario(fake):
        fake.mute_pushes = True
        async with running_feed(itick_feed(fake)) as (feed, sink):
            await feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.TRADE])
            pusher = asyncio.ensure_future(plant(fake, "CRYPTO:BTCUSDT"))
            try:
                await sink.wait_for(lambda: len(sink.of(Trade)) >= 50)
                feed.health.snapshot()  # the window's start
                start = len(sink.of(Trade))
                await sink.wait_for(lambda: len(sink.of(Trade)) >= start + 2 * RATE, timeout=10)
                line = feed.health.snapshot()
            finally:
                pusher.cancel()
            assert abs(line.rate - RATE) <= 0.05 * RATE, line
            assert abs(line.latency_ms - OFFSET_MS) <= 40, line
            assert line.state == "connected" and line.reconnects == 0 and line.dropped == 0
            assert 0 <= line.age_ms < 500 and line.stale == []

            fake.inject(tick_frame("CRYPTO:BTCUSDT", int(time.time() * 1000), price=-1.0))
            fake.inject(tick_frame("CRYPTO:BTCUSDT", int(time.time() * 1000), price=97_001.0))
            await sink.wait_for(lambda: sink.of(Trade)[-1].price == 97_001.0)
            assert feed.health.snapshot().dropped == 1

            mark = len(sink.events)
            fake.drop_all()
            await sink.wait_for(lambda: any(type(e) is Status and e.state is ConnectionState.CONNECTED
                                            for e in sink.events[mark:]))
            after = feed.health.snapshot()
            assert after.reconnects == 1 and after.state == "connected"

    ITICK.run(scenario)


def test_a_silent_but_connected_symbol_is_stale_while_its_market_is_open_only():
    async def scenario(fake):
        fake.mute_pushes = True
        feed, sink = itick_feed(fake)
        health = feed.health
        health.watch.floor_ms = 300
        opens = feed.calendar
        health.watch.calendar_of = lambda s: NEVER_OPEN if s == "CRYPTO:SOLUSDT" else opens(s)
        async with running_feed((feed, sink)):
            await feed.subscribe(["CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "CRYPTO:SOLUSDT"], [Channel.TRADE])
            pusher = asyncio.ensure_future(plant(fake, "CRYPTO:BTCUSDT", rate=50))
            try:
                assert health.snapshot().stale == []  # just subscribed: within the floor
                deadline = asyncio.get_running_loop().time() + 5
                while not health.snapshot().stale:  # each look waits for the next planted ticks
                    assert asyncio.get_running_loop().time() < deadline
                    await sink.wait_for(lambda n=len(sink.events): len(sink.events) > n)
                line = health.snapshot()
            finally:
                pusher.cancel()
        # ETH: connected, subscribed, silent, its market open; SOL: as silent, its market closed
        assert line.stale == ["CRYPTO:ETHUSDT"]
        assert health.age_ms("CRYPTO:BTCUSDT", health.clock()) < 300

    ITICK.run(scenario)


def test_a_refused_key_is_one_refusal_however_often_it_is_raised():
    async def scenario(fake):
        feed, _sink = ITICK.refused_feed(fake)
        try:
            await ITICK.provoke_refusal(feed, fake, "message")
            with pytest.raises(AuthError):  # raised again: the same refusal, not another
                await feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.TRADE])
            line = feed.health.snapshot()
        finally:
            await feed.aclose()
        assert line.refusals == 1 and line.state == "error"
        assert json.loads(encode_event(line))["refusals"] == 1

    ITICK.run(_refusing(scenario))


def _refusing(scenario):
    async def run(fake):
        ITICK.refuse(fake, "message")
        return await scenario(fake)

    return run


def test_a_vendor_stamping_whole_seconds_gives_the_planted_latency_too():
    """QOS stamps its pushes in whole seconds: its fake's clock is set OFFSET_MS behind, and the
    median of arrival minus the truncated stamps, less half a second, finds the offset."""
    fake = qos_fake()
    fake._sim._clock = lambda: wall_clock_ms() - OFFSET_MS  # the vendor's clock, behind by the offset

    async def scenario(fake):
        async with running_feed(qos_feed(fake)) as (feed, sink):
            await feed.subscribe(["PERP:BTCUSDT", "US:AAPL", "HK:00700"], [Channel.QUOTE, Channel.TRADE])
            await sink.wait_for(lambda: len(sink.of(Trade)) + len(sink.of(Quote)) >= 300, timeout=15)
            line = feed.health.snapshot()
        assert abs(line.latency_ms - OFFSET_MS) <= 120, line  # a second's stamps: ±a tenth of it

    run_against(fake, scenario)
