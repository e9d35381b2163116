"""The 脉动数据 adapter end to end over real loopback sockets, against the fake server.

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
from app.core.types import (
    Bar,
    Book,
    Channel,
    ConnectionState,
    Quote,
    Side,
    Status,
    Trade,
)
from app.feeds.base import AuthError, UnknownSymbolError, UnsupportedError
from app.feeds.maidong import MaidongFeed, MaidongTimings
from app.feeds.maidong.wire import beijing_ms
from app.feeds.transport.backoff import ReconnectPolicy
from tests.fakes.maidong import FakeMaidongServer
from tests.support.events import Sink, run_against, running_feed

ALL = [Channel.QUOTE, Channel.TRADE, Channel.DEPTH, Channel.BAR]
SYMBOLS = ["CRYPTO:BTCUSDT", "FX:GBPUSD", "MD:HX_HSI"]


def make_feed(fake: FakeMaidongServer, **timing) -> tuple[MaidongFeed, Sink]:
    options = {"policy": ReconnectPolicy().scaled(0.01), "heartbeat": 0.1,
               "resubscribe_delay": 0.05, "first_connect_timeout": 3.0, "fallback_after": 0.2,
               "poll_interval": 0.4, "http_backoff": 0.01} | timing
    feed = MaidongFeed(base_url=fake.http_url, ws_url=fake.ws_url, timings=MaidongTimings(**options))
    sink = Sink()
    feed.set_sink(sink)
    return feed, sink


def run(scenario, **fake_options):
    return run_against(FakeMaidongServer(**fake_options), scenario)


def keys_sent(fake: FakeMaidongServer) -> list[list[str]]:
    return [k for conn in fake.connections for k in conn.keys]


def test_every_channel_from_one_combined_push():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(SYMBOLS, ALL, Period.M1)
            await sink.wait_for(lambda: all(sink.symbols(k) == set(SYMBOLS)
                                            for k in (Quote, Trade, Book, Bar)))
            assert sink.of(Status)[-1].state is ConnectionState.CONNECTED
        assert keys_sent(fake) == [["btcusdt", "fx_sgbpusd", "HX_HSI"]]  # once, complete
        assert fake.connections[0].messages[0] == {"Key": "btcusdt,fx_sgbpusd,HX_HSI"}
        assert len(fake.handshakes) == 1
        assert fake.refusals == []  # no repeated code, no rate refusal
        assert fake.gzipped > 0  # every request asks for gzip; httpx decodes it
        assert {t.side for t in sink.of(Trade)} <= {Side.BUY, Side.SELL}
        fx = [q for q in sink.of(Quote) if q.symbol == "FX:GBPUSD"]
        assert fx and all(q.volume is None for q in fx)  # forex volume is meaningless here
        hsi = [q for q in sink.of(Quote) if q.symbol == "MD:HX_HSI"]
        assert all(q.prev_close == pytest.approx(q.open) for q in hsi)  # the vendor's Diff base
        books = [b for b in sink.of(Book) if b.symbol == "MD:HX_HSI"]
        assert all(b.bids[0][0] < b.asks[0][0] for b in books)
        now = time.time() * 1000
        assert all(abs(e.ts - now) < 120_000 for e in sink.of(Quote))  # LastTime seconds → ms

    run(scenario)


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


def test_reconnect_resubscribes_the_complete_list():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(SYMBOLS, [Channel.QUOTE])
            await fake.wait_for(lambda: fake.live and fake.live[0].keys)
            fake.drop_all()
            await fake.wait_for(lambda: len(fake.live) == 1 and len(fake.connections) == 2
                                and fake.live[0].keys)
            mark = len(sink.events)
            await sink.wait_for(lambda: sink.symbols(Quote, mark) == set(SYMBOLS))
            assert [s.state for s in sink.of(Status)].count(ConnectionState.RECONNECTING) >= 1
        assert keys_sent(fake) == [["btcusdt", "fx_sgbpusd", "HX_HSI"]] * 2
        assert fake.refusals == []

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


def test_unanswered_pings_replace_the_connection():
    async def scenario(fake):
        fake.pong_mode = "none"
        fake.mute_pushes = True  # nothing else arrives either
        async with running_feed(make_feed(fake, heartbeat=0.1, quiet_alert=60)) as (feed, sink):
            await feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.QUOTE])
            await fake.wait_for(lambda: len(fake.connections) >= 2, timeout=10)
            fake.pong_mode = "echo"
            fake.mute_pushes = False
            mark = len(sink.events)
            await sink.wait_for(lambda: "CRYPTO:BTCUSDT" in sink.symbols(Quote, mark))
        assert any("pings" in s.detail or "no answer" in s.detail for s in sink.of(Status))

    run(scenario)


def test_malformed_frames_are_skipped_and_the_stream_goes_on():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.QUOTE])
            await sink.wait_for(lambda: sink.of(Quote))
            for frame in (b"\x00\xffnot json", '{"body": 5}', '{"body": {"Price": 1}}',
                          '{"body": {"StockCode": "btcusdt", "Depth": 7}}'):
                fake.inject(frame)
            fake.inject('{"event": "REG"}')  # no body: ignored as documented, not an error
            await sink.wait_for(lambda: feed.bad_messages.total >= 4)
            mark = len(sink.events)
            await sink.wait_for(lambda: sink.symbols(Quote, mark) == {"CRYPTO:BTCUSDT"})
            assert feed.bad_messages.total == 4
            assert len(fake.connections) == 1

    run(scenario)


@pytest.mark.parametrize("mode", ["status", "body", "close"])
def test_an_unauthorised_ip_is_said_once_with_no_websocket(mode):
    async def scenario(fake):
        fake.allowed_ips = set()
        fake.unauthorised_mode = mode
        feed, sink = make_feed(fake)
        with pytest.raises(AuthError) as caught:
            await feed.start()
        asked = len(fake.http_log)
        for later in (feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.QUOTE]),  # the GUI goes on
                      feed.klines("CRYPTO:BTCUSDT", Period.M1, 10)):
            with pytest.raises(AuthError):
                await later
        assert len(fake.http_log) == asked  # refused once: not asked again
        await feed.aclose()
        text = str(caught.value)
        assert "IP" in text and "ask the vendor" in text and "Traceback" not in text
        assert fake.handshakes == []  # no WebSocket was tried, so no reconnect storm
        errors = sink.statuses(ConnectionState.ERROR)
        assert len(errors) == 1 and errors[0].detail == text
        return len(fake.http_log)

    requests = run(scenario)
    assert requests == (3 if "close" == mode else 1)  # a hang-up is retried twice, a refusal never


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
