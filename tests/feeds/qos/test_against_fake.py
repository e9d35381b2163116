"""The QOS adapter end to end over real loopback sockets, against the fake QOS server.

Timings are compressed (a "second" of the plan is 50 ms, a reconnect "minute" 0.6 s) so the
behaviours of minutes run in a fraction of a second; every wait is on a condition.
"""

from __future__ import annotations

import time

import pytest

from app.core.periods import Period
from app.core.types import Bar, Book, Channel, ConnectionState, Quote, Status, Trade
from app.feeds.base import AuthError
from app.feeds.qos import QosFeed, QosPlan, QosTimings, VendorRefusal
from app.feeds.transport.backoff import ReconnectPolicy
from tests.fakes.qos import FakeQosServer
from tests.support.events import Sink, run_against, running_feed

SCALE = 0.01  # reconnect timings: 2 s → 20 ms, 30 s → 300 ms, stable after 10 s → 100 ms
PACE = 0.05
# The fake stamps a command when its loop gets to it, so on a loaded machine two commands we sent
# PACE apart can be read closer together; unpaced ones arrive ~0 ms apart, well under this.
SERVER_MIN_GAP = PACE * 0.3
ALL = [Channel.QUOTE, Channel.TRADE, Channel.DEPTH, Channel.BAR]
SYMBOLS = ["US:AAPL", "HK:00700", "PERP:BTCUSDT"]



def make_feed(fake: FakeQosServer, *, key: str = "test-key", plan: QosPlan | None = None,
              policy: ReconnectPolicy | None = None, **timing) -> tuple[QosFeed, Sink]:
    feed = QosFeed(
        api_key=key, base_url=fake.http_url, ws_url=fake.ws_url,
        plan=plan or QosPlan(ws_min_interval=PACE, heartbeat=0.2, http_period=0.5),
        timings=QosTimings(policy=policy or ReconnectPolicy().scaled(SCALE), ack_timeout=2.0,
                           first_connect_timeout=3.0, http_backoff=0.01, **timing),
    )
    sink = Sink()
    feed.set_sink(sink)
    return feed, sink


def run(scenario, **fake_options):
    """Start a fake, run ``scenario(fake)``, always shut both down; bounded in time."""
    options = {"min_interval": SERVER_MIN_GAP, "http_limit": (10, 0.5)} | fake_options
    return run_against(FakeQosServer(**options), scenario)


def symbols_seen(sink: Sink, kind) -> set[str]:
    return {e.symbol for e in sink.of(kind)}


def test_stream_delivers_every_channel_for_every_symbol_and_requests_match_the_docs():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(SYMBOLS, ALL, Period.M1)
            await sink.wait_for(lambda: all(symbols_seen(sink, k) == set(SYMBOLS)
                                            for k in (Quote, Trade, Book, Bar)))
        commands = fake.connections[0].commands
        kline = next(c for c in commands if c["type"] == "K")
        assert kline["codes"] == ["US:AAPL", "HK:700", "CF:BTCUSDT"] and kline["kt"] == 1
        assert [c["type"] for c in commands][:4] == ["S", "T", "D", "K"]
        assert all(isinstance(c["reqid"], int) and c["reqid"] >= 1 for c in commands if c["type"] != "H")
        assert fake.refusals == []
        bars = [b for b in sink.of(Bar) if b.symbol == "PERP:BTCUSDT"]
        assert all(b.period == "1m" and b.ts % 60_000 == 0 for b in bars)
        assert sink.statuses(ConnectionState.CONNECTED)

    run(scenario)


def test_after_a_drop_the_server_gets_exactly_the_active_set_again_and_data_resumes():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(SYMBOLS, [Channel.QUOTE, Channel.TRADE])
            await feed.subscribe(["PERP:BTCUSDT"], [Channel.BAR], Period.M5)
            await feed.unsubscribe(["HK:00700"], [Channel.TRADE])
            expected = {("S", None): {"US:AAPL", "HK:700", "CF:BTCUSDT"},
                        ("T", None): {"US:AAPL", "CF:BTCUSDT"}, ("K", 5): {"CF:BTCUSDT"}}
            assert fake.connections[0].active_set() == expected
            fake.drop_all()
            await fake.wait_for(lambda: len(fake.connections) == 2
                                and fake.connections[1].active_set() == expected)
            before = len(sink.events)
            await sink.wait_for(lambda: any(type(e) is Trade for e in sink.events[before:]))
            assert sink.statuses(ConnectionState.RECONNECTING)
            replayed = [c["type"] for c in fake.connections[1].commands if c["type"] != "H"]
            assert sorted(replayed[:3]) == ["K", "S", "T"]  # each channel once, nothing else
            assert fake.refusals == []

    run(scenario)


def test_a_flapping_server_sees_at_most_ten_handshakes_a_minute():
    async def scenario(fake):
        fake.flap = True
        minute = 60 * SCALE
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["US:AAPL"], [Channel.QUOTE])
            await fake.wait_for(lambda: fake.handshakes[-1] - fake.handshakes[0] >= minute, timeout=10)
        stamps = fake.handshakes
        busiest = max(sum(1 for t in stamps if s <= t < s + minute) for s in stamps)
        assert busiest <= 10, f"{busiest} handshakes in one (scaled) minute"
        gaps = [b - a for a, b in zip(stamps, stamps[1:])]
        assert gaps[-1] > gaps[0] * 3  # the delay kept growing: never reset by a handshake

    run(scenario)


def test_a_silent_server_is_detected_as_a_dead_peer():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["PERP:BTCUSDT"], [Channel.QUOTE])
            fake.silent = True
            await sink.wait_for(lambda: any("dead peer" in s.detail for s in
                                            sink.statuses(ConnectionState.RECONNECTING)))
            fake.silent = False
            await fake.wait_for(lambda: len(fake.live) == 1 and len(fake.connections) >= 2)

    run(scenario)


def test_data_going_quiet_while_the_market_is_open_reconnects():
    async def scenario(fake):
        async with running_feed(make_feed(fake, idle_limit=0.3)) as (feed, sink):
            await feed.subscribe(["PERP:BTCUSDT"], [Channel.QUOTE])  # crypto: always in session
            fake.mute_pushes = True  # heartbeats still answered: not a dead peer
            await sink.wait_for(lambda: any("no market data" in s.detail for s in
                                            sink.statuses(ConnectionState.RECONNECTING)))

    run(scenario)


def test_bad_frames_are_skipped_without_a_disconnect():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["PERP:BTCUSDT"], [Channel.TRADE])
            await sink.wait_for(lambda: sink.of(Trade))
            fake.inject("{not json")
            fake.inject('{"tp":"T","c":"CF:BTCUSDT","p":"abc","v":"1","ts":1,"d":1}')
            fake.inject(b"\x00\xff binary garbage")
            fake.inject('{"type":"S","msg":"OK","reqid":999}')  # an ack nobody waits for
            await sink.wait_for(lambda: feed.bad_messages.total >= 4)
            before = len(sink.of(Trade))
            await sink.wait_for(lambda: len(sink.of(Trade)) > before + 3)
            assert len(fake.handshakes) == 1 and not sink.statuses(ConnectionState.RECONNECTING)

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


def test_429_is_retried_after_the_servers_retry_after():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, _sink):
            fake.fail_next_http.append((429, {"Retry-After": "0.3"}))
            fake.fail_next_http.append((503, {}))
            started = time.monotonic()
            bars = await feed.klines("HK:00700", Period.D1, 3)
            assert len(bars) == 3 and time.monotonic() - started >= 0.3
            assert [path for path, _t in fake.http_log] == ["/kline"] * 3

    run(scenario)


def test_quitting_during_a_backoff_wait_takes_under_three_seconds():
    async def scenario(fake):
        fake.flap = True
        feed, sink = make_feed(fake, policy=ReconnectPolicy(initial=30.0))
        await feed.start()
        await feed.subscribe(["US:AAPL"], [Channel.QUOTE])
        await sink.wait_for(lambda: any("retrying in" in s.detail for s in sink.of(Status)))
        started = time.monotonic()
        await feed.aclose()
        return time.monotonic() - started

    assert run(scenario) < 3.0


def test_a_wrong_key_is_refused_once_with_the_vendors_words():
    async def scenario(fake):
        async with running_feed(make_feed(fake, key="wrong")) as (feed, sink):
            with pytest.raises(AuthError, match="invalid key"):
                await feed.klines("US:AAPL", Period.D1, 3)  # HTTP: {"msg": "invalid key"}
            with pytest.raises(AuthError, match="HTTP 401.*invalid key"):
                await feed.subscribe(["US:AAPL"], [Channel.QUOTE])
            assert sink.statuses(ConnectionState.ERROR)
            assert not feed.session.connected and feed.failure is not None
            assert len(fake.refusals) == 2  # one HTTP answer, one handshake: no storm

    run(scenario)


def test_a_refusal_after_connecting_stops_reconnecting():
    async def scenario(fake):
        fake.bad_key_mode = "close"  # accept the handshake, say why, close
        async with running_feed(make_feed(fake, key="wrong")) as (feed, sink):
            with pytest.raises(AuthError):
                await feed.subscribe(["US:AAPL"], [Channel.QUOTE])
            await sink.wait_for(lambda: sink.statuses(ConnectionState.ERROR))
            assert "invalid key" in sink.statuses(ConnectionState.ERROR)[0].detail
            assert len(fake.handshakes) == 1

    run(scenario)


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
