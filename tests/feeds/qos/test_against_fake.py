"""What only the QOS adapter does, end to end over real loopback sockets against the fake QOS
server (what every vendor does is in tests/feeds/contract/).

Timings are compressed (a "second" of the plan is 50 ms, a reconnect "minute" 0.6 s) so the
behaviours of minutes run in a fraction of a second; every wait is on a condition.
"""

from __future__ import annotations

import pytest

from app.core.periods import Period
from app.core.types import Channel, ConnectionState, Trade
from app.feeds.qos import QosPlan, VendorRefusal
from tests.support.events import running_feed
from tests.support.feed_cases import QOS_PACE as PACE
from tests.support.feed_cases import qos_feed as make_feed
from tests.support.vendor_cases import QOS


run = QOS.run


def test_data_going_quiet_while_the_market_is_open_reconnects():
    async def scenario(fake):
        async with running_feed(make_feed(fake, idle_limit=0.3)) as (feed, sink):
            await feed.subscribe(["PERP:BTCUSDT"], [Channel.QUOTE])  # crypto: always in session
            fake.mute_pushes = True  # heartbeats still answered: not a dead peer
            await sink.wait_for(lambda: any("no market data" in s.detail for s in
                                            sink.statuses(ConnectionState.RECONNECTING)))

    run(scenario)


def test_an_oversized_frame_costs_one_reconnect_not_the_stream():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["PERP:BTCUSDT"], [Channel.TRADE])
            await sink.wait_for(lambda: sink.of(Trade))
            fake.inject('{"tp":"T","pad":"' + "x" * (1 << 20) + '"}')
            await fake.wait_for(lambda: len(fake.connections) == 2
                                and fake.connections[1].active_set() == {("T", None): {"CF:BTCUSDT"}})
            before = len(sink.of(Trade))
            await sink.wait_for(lambda: len(sink.of(Trade)) > before)
            assert feed.bad_messages.counts["oversized"] == 1

    run(scenario)


def test_plan_limits_are_respected_products_pacing_and_http_rate():
    async def scenario(fake):
        feed, sink = make_feed(fake, plan=QosPlan(ws_min_interval=PACE, heartbeat=0.2,
                                                  http_requests=3, http_period=0.5))
        await feed.start()
        try:
            twelve = ["US:AAPL", "US:TSLA", "US:NVDA", "US:MSFT", "HK:00700", "HK:09988",
                      "SH:600519", "SZ:300750", "PERP:BTCUSDT", "PERP:ETHUSDT", "FX:EURUSD",
                      "CMDTY:XAUUSD"]
            with pytest.raises(VendorRefusal, match="allows 10 symbols.*FX:EURUSD, CMDTY:XAUUSD"):
                await feed.subscribe(twelve, [Channel.QUOTE, Channel.TRADE, Channel.DEPTH])
            assert len(fake.connections[0].products()) == 10
            # Seven history requests over HTTP at 3 per half second: the limiter waits.
            await feed.session.aclose()
            for _ in range(7):
                assert await feed.klines("US:AAPL", Period.D1, 5)
            assert feed._http.limiter.waited > 0.4
            assert fake.refusals == []  # neither pacing, products nor HTTP rate was exceeded
        finally:
            await feed.aclose()

    run(scenario, http_limit=(3, 0.5))


def test_seed_era_server_acks_without_reqid_and_numeric_prices():
    async def scenario(fake):
        fake.legacy = True
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["PERP:BTCUSDT"], [Channel.TRADE, Channel.QUOTE])
            await sink.wait_for(lambda: len(sink.of(Trade)) >= 3)
            assert all(isinstance(t.price, float) for t in sink.of(Trade))
            assert feed.bad_messages.total == 0 and fake.refusals == []

    run(scenario)


def test_requests_go_over_the_websocket_when_it_is_up_and_products_and_details_come_back():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["US:AAPL"], [Channel.QUOTE])
            http_before = len(fake.http_log)
            bars = await feed.klines("US:AAPL", Period.M5, 50)
            assert len(bars) == 50 and [b.ts for b in bars] == sorted(b.ts for b in bars)
            assert len(fake.http_log) == http_before  # served by RK over the socket
            [aapl] = await feed.describe(["US:AAPL"])
            assert (aapl.name, aapl.name_zh, aapl.currency) == ("Apple", "苹果", "USD")
            hk = await feed.instruments("HK")
            assert hk and all(i.symbol.startswith("HK:") and len(i.symbol) == 8 for i in hk)
            assert {c.id for c in await feed.categories()} >= {"US", "HK", "CF", "CM"}

    run(scenario)
