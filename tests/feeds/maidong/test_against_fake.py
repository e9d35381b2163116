"""What only the 脉动数据 adapter does, end to end over real loopback sockets against the fake
server (what every vendor does is in tests/feeds/contract/).

Timings are compressed (heartbeats of 0.1 s, reconnect delays of tens of milliseconds, a
debounce of 50 ms) so behaviours of minutes run in a fraction of a second; every wait is on a
condition, never a sleep.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest

from app.core.periods import Period
from app.core.types import Bar, Channel, ConnectionState, Quote, Status
from app.feeds.base import AuthError, UnknownSymbolError, UnsupportedError
from app.feeds.maidong import MaidongTimings
from app.feeds.maidong.wire import beijing_ms
from tests.support.events import running_feed
from tests.support.feed_cases import maidong_feed as make_feed
from tests.support.feed_cases import maidong_keys_sent as keys_sent
from tests.support.vendor_cases import MAIDONG


run = MAIDONG.run


def test_live_bar_continues_the_last_history_bar():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            history = await feed.klines("CRYPTO:BTCUSDT", Period.M1, 3)
            await feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.BAR], Period.M1)
            await sink.wait_for(lambda: len(sink.of(Bar)) >= 5)
            bars = sink.of(Bar)
            first = bars[0]
            assert first.ts == history[-1].ts and first.open == history[-1].open  # the seed
            same = [b for b in bars if b.ts == first.ts]
            assert all(b.open == first.open and b.high >= first.high and b.low <= first.low
                       for b in same)
            assert [b.ts for b in bars] == sorted(b.ts for b in bars)
            assert all(b.ts % 60_000 == 0 for b in bars)

    run(scenario)


def test_changes_mean_one_new_connection_with_the_complete_list():
    async def scenario(fake):
        async with running_feed(make_feed(fake, resubscribe_delay=0.2)) as (feed, sink):
            await feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.QUOTE])
            await fake.wait_for(lambda: keys_sent(fake) == [["btcusdt"]])
            # a burst of clicks: two adds and a removal, one re-connection
            await feed.subscribe(["CRYPTO:ETHUSDT"], [Channel.QUOTE])
            await feed.subscribe(["MD:HX_HSI"], [Channel.QUOTE])
            await feed.unsubscribe(["CRYPTO:BTCUSDT"], [Channel.QUOTE])
            mark = len(sink.events)
            await fake.wait_for(lambda: len(fake.connections) == 2 and fake.live
                                and fake.live[0].keys)
            await sink.wait_for(lambda: sink.symbols(Quote, mark) >= {"CRYPTO:ETHUSDT", "MD:HX_HSI"})
            await asyncio.sleep(0)
            assert "CRYPTO:BTCUSDT" not in sink.symbols(Quote, mark)  # filtered at once
            assert len(fake.connections) == 2
            assert keys_sent(fake) == [["btcusdt"], ["ethusdt", "HX_HSI"]]
            # dropping everything closes the connection
            await feed.unsubscribe(["CRYPTO:ETHUSDT", "MD:HX_HSI"], [Channel.QUOTE])
            await fake.wait_for(lambda: not fake.live)
            assert feed.session is None
        assert "repeated code" not in fake.refusals

    run(scenario)


def test_heartbeat_every_interval_with_unix_seconds_and_answered_pongs():
    assert MaidongTimings().heartbeat == 10.0  # the vendor's documented interval

    async def scenario(fake):
        async with running_feed(make_feed(fake, heartbeat=0.1)) as (feed, sink):
            await feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.QUOTE])
            await fake.wait_for(lambda: fake.live and len(fake.live[0].pings) >= 5)
            conn = fake.live[0]
            assert all(isinstance(p, int) and abs(p - time.time()) < 5 for p in conn.pings)
            assert len(fake.connections) == 1  # answered pongs keep the connection
            assert feed._pings == [] or len(feed._pings) == 1

    run(scenario)


def test_an_ip_refused_later_on_the_websocket_fails_once():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.QUOTE])
            await sink.wait_for(lambda: sink.of(Quote))
            fake.allowed_ips = set()  # the vendor withdrew this computer's IP
            fake.drop_all()
            await sink.wait_for(lambda: sink.statuses(ConnectionState.ERROR))
            handshakes = len(fake.handshakes)
            await fake.wait_for(lambda: len(fake.refusals) >= 1)
            assert isinstance(feed.failure, AuthError) and "not authorised" in str(feed.failure)
            assert len(fake.handshakes) == handshakes == 2  # the refused handshake, no more

    run(scenario)


def test_http_polling_stands_in_while_the_websocket_is_refused():
    async def scenario(fake):
        fake.max_connections = 0  # every handshake gets 429: the connections are taken
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["CRYPTO:BTCUSDT", "MD:HX_HSI"], [Channel.QUOTE, Channel.DEPTH])
            await sink.wait_for(lambda: feed.polls >= 3, timeout=10)
            assert feed.polling
            assert any("polling" in s.detail for s in sink.of(Status))
            quotes = [p for p, _q, _t, _s in fake.http_log if p == "/getQuote.php"]
            assert len(quotes) >= 6
            fake.max_connections = 6
            await fake.wait_for(lambda: fake.live and fake.live[0].keys, timeout=10)
            await sink.wait_for(lambda: not feed.polling, timeout=5)
        assert not [r for r in fake.refusals if r.startswith("rate")]  # within 3 a second each

    run(scenario)


def test_a_silent_feed_is_reported_once():
    async def scenario(fake):
        fake.mute_pushes = True
        async with running_feed(make_feed(fake, quiet_alert=0.3, quiet_poll_interval=0.2)) as (feed, sink):
            await feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.QUOTE])
            await sink.wait_for(lambda: any("no data" in s.detail for s in sink.of(Status)))
            await sink.wait_for(lambda: feed.polls >= 2)  # meanwhile the state comes over HTTP
            assert len([s for s in sink.of(Status) if "no data" in s.detail]) == 1
            assert len(fake.connections) == 1  # quiet is not a fault: no reconnect

    run(scenario)


def test_symbol_lists_are_paged_within_two_requests_a_second():
    async def scenario(fake):
        async with running_feed(make_feed(fake, page_size=10)) as (feed, _sink):
            first = await feed.instruments_page("7", 1, 10)
            last = await feed.instruments_page("7", 3, 10)
            everything = await feed.instruments("7")
            crypto = await feed.instruments("4")
        assert first.total == 25 and len(first.items) == 10 and first.has_more
        assert len(last.items) == 5 and not last.has_more
        assert [i.symbol for i in everything][:2] == ["MD:HX_HSI", "MD:ZY_DAX"]
        assert len({i.symbol for i in everything}) == 25
        assert {i.symbol for i in crypto} >= {"CRYPTO:BTCUSDT", "CRYPTO:XRPUSDT"}
        lists = [(q, t) for p, q, t, _s in fake.http_log if p in ("/getSymbolList.php", "/getCategory.php")]
        pages = [q["page"] for q, _t in lists if q.get("category") == "7"]
        assert pages == ["1", "3", "2"]  # what the pages said is kept: only page 2 was unread
        stamps = [t for _q, t in lists]
        assert all(b - a >= 0.5 for a, b in zip(stamps, stamps[1:]))  # 2 a second, evenly
        assert fake.refusals == []

    run(scenario)


def test_klines_limits_ordering_end_and_unknowns():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, _sink):
            minutes = await feed.klines("MD:HX_HSI", Period.M1, 1000)
            months = await feed.klines("CRYPTO:BTCUSDT", Period.MN1, 500)
            cut = datetime.fromtimestamp(minutes[-10].ts / 1000, UTC)
            ended = await feed.klines("MD:HX_HSI", Period.M1, 5, end=cut)
            with pytest.raises(UnsupportedError, match="1m 5m 15m 30m 1h 1d 1M"):
                await feed.klines("MD:HX_HSI", Period.W1, 5)
            with pytest.raises(UnknownSymbolError, match="MD:NOPE"):
                await feed.klines("MD:NOPE", Period.M1, 5)
            with pytest.raises(UnknownSymbolError, match="case-sensitive"):
                await feed.klines("MD:hx_hsi", Period.M1, 5)
        rows = [q["rows"] for p, q, _t, _s in fake.http_log if p == "/redis.php"]
        assert rows[:2] == ["600", "100"]  # the vendor's row limits, never more
        assert len(minutes) == 600 and len(months) <= 100
        assert [b.ts for b in minutes] == sorted({b.ts for b in minutes})  # oldest first, unique
        assert ended[-1].ts == minutes[-10].ts and len(ended) == 5
        # the text time (UTC+8) and the ms stamp agree on the fake: no mismatch noted
        assert minutes[-1].ts == beijing_ms(
            datetime.fromtimestamp(minutes[-1].ts / 1000 + 8 * 3600, UTC).strftime("%Y-%m-%d %H:%M:%S"))

    run(scenario)


def test_unknown_symbols_are_refused_and_never_carried():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            with pytest.raises(UnknownSymbolError, match="MD:NOPE"):
                await feed.subscribe(["CRYPTO:BTCUSDT", "MD:NOPE"], [Channel.QUOTE])
            with pytest.raises(UnknownSymbolError, match="MD:HX_HSI"):
                await feed.subscribe(["US:AAPL"], [Channel.QUOTE])  # no stocks on this vendor
            await sink.wait_for(lambda: sink.of(Quote))
            await fake.wait_for(lambda: fake.live and fake.live[0].keys)
        assert keys_sent(fake)[-1] == ["btcusdt"]

    run(scenario)


def test_describe_gives_names_and_the_vendors_precision():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, _sink):
            return {i.symbol: i for i in await feed.describe(
                ["CRYPTO:XRPUSDT", "MD:HX_HSI", "FX:GBPUSD", "MD:CMX_SI"])}

    described = run(scenario)
    assert described["MD:HX_HSI"].name == "恒指2512" and described["MD:HX_HSI"].price_decimals == 0
    assert described["MD:HX_HSI"].category == "7"
    assert described["CRYPTO:XRPUSDT"].price_decimals == 4 and described["CRYPTO:XRPUSDT"].name == "瑞波币"
    assert described["FX:GBPUSD"].price_decimals == 5 and described["FX:GBPUSD"].category == "1"
    assert described["MD:CMX_SI"].name == "纽约白银" and described["MD:CMX_SI"].price_decimals == 3


def test_quote_rate_per_product_is_kept():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, _sink):
            started = time.monotonic()
            await asyncio.gather(*(feed.snapshot(["MD:HX_HSI"]) for _ in range(6)))
            await feed.snapshot(["CRYPTO:BTCUSDT"])  # another product has its own allowance
            return time.monotonic() - started

    elapsed = run(scenario)
    assert elapsed >= 0.95  # six requests for one product: two seconds' worth of three
