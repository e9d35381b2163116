"""What only the iTick adapter does, end to end over real loopback sockets against the fake
iTick server (what every vendor does is in tests/feeds/contract/).

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
from app.core.types import Bar, Book, Channel, Quote, Status, Trade
from app.feeds.base import UnknownSymbolError, UnsupportedError
from app.feeds.itick import ItickPlan, VendorRefusal
from tests.support.events import running_feed
from tests.support.feed_cases import itick_feed as make_feed
from tests.support.feed_cases import itick_live_on as live_on
from tests.support.vendor_cases import ITICK

ALL = [Channel.QUOTE, Channel.TRADE, Channel.DEPTH, Channel.BAR]
SYMBOLS = ["US:AAPL", "HK:00700", "FX:EURUSD", "CRYPTO:BTCUSDT"]


run = ITICK.run


def test_a_2024_server_gets_the_auth_message_and_the_legacy_spellings_decode():
    async def scenario(fake):
        fake.auth_mode = "message"
        fake.legacy = True
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["US:AAPL", "HK:00700"], ALL, Period.M1)
            await sink.wait_for(lambda: all(sink.symbols(k) == {"US:AAPL", "HK:00700"}
                                            for k in (Quote, Trade, Book, Bar)))
        stock = fake.connections[0]
        assert stock.messages[0] == {"ac": "auth", "params": "test-token"}  # nothing before it
        assert [m["ac"] for m in stock.messages[1:] if m["ac"] != "ping"][0] == "subscribe"

    run(scenario)


def test_a_bad_token_over_rest_is_a_refusal_in_words():
    async def scenario(fake):
        async with running_feed(make_feed(fake, token="wrong")) as (feed, _sink):
            with pytest.raises(VendorRefusal, match="HTTP 401.*Invalid API key in request"):
                await feed.snapshot(["US:AAPL"])

    run(scenario)


def test_changing_the_set_without_unsubscribe_reconnects_with_the_new_set():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["US:AAPL", "HK:00700", "US:TSLA"], [Channel.TRADE])
            await sink.wait_for(lambda: sink.symbols(Trade) >= {"US:AAPL", "HK:00700"})
            # adding rides the open connection: one more subscribe, no reconnect
            await feed.subscribe(["US:NVDA"], [Channel.TRADE])
            conn = live_on(fake, "stock")[0]
            await fake.wait_for(lambda: "NVDA$US" in conn.subs)
            assert [m["params"] for m in conn.messages if m["ac"] == "subscribe"] == [
                "AAPL$US,700$HK,TSLA$US", "NVDA$US"]
            assert len(fake.handshakes) == 1
            # dropping: gone for the user at once, gone on the wire after one re-connect
            await feed.unsubscribe(["HK:00700", "US:TSLA"], [Channel.TRADE])
            mark = len(sink.events)
            await fake.wait_for(lambda: any(c.carried() == {"AAPL$US": {"tick"}, "NVDA$US": {"tick"}}
                                            for c in live_on(fake, "stock")))
            await sink.wait_for(lambda: "US:NVDA" in sink.symbols(Trade, mark))
            assert sink.symbols(Trade, mark) <= {"US:AAPL", "US:NVDA"}
            assert len(fake.handshakes) == 2  # one re-connect for both removals (debounced)
            actions = {m["ac"] for c in fake.connections for m in c.messages}
            assert actions <= {"subscribe", "ping"}  # no unsubscribe exists, none was invented

    run(scenario)


def test_dropping_only_one_type_keeps_the_symbol_with_its_other_types():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["HK:00700"], [Channel.QUOTE, Channel.DEPTH])
            await feed.unsubscribe(["HK:00700"], [Channel.DEPTH])
            mark = len(sink.events)
            await fake.wait_for(lambda: any(c.carried() == {"700$HK": {"quote"}}
                                            for c in live_on(fake, "stock")))
            await sink.wait_for(lambda: sink.symbols(Quote, mark) == {"HK:00700"})
            assert not [e for e in sink.events[mark:] if type(e) is Book]

    run(scenario)


def test_a_connection_left_empty_is_closed():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, _sink):
            await feed.subscribe(["FX:EURUSD", "US:AAPL"], [Channel.QUOTE])
            await fake.wait_for(lambda: len(fake.live) == 2)
            await feed.unsubscribe(["FX:EURUSD"], [Channel.QUOTE])
            await fake.wait_for(lambda: [c.asset for c in fake.live] == ["stock"])
            assert feed.connections["forex"] == []

    run(scenario)


def test_more_than_500_symbols_are_sharded_within_the_plans_connections():
    symbols = [f"US:S{i:04d}" for i in range(1200)]

    async def scenario(fake):
        plan = ItickPlan(http_requests=50, http_period=1.0, max_connections=2)
        async with running_feed(make_feed(fake, plan=plan)) as (feed, _sink):
            with pytest.raises(VendorRefusal) as caught:
                await feed.subscribe(symbols, [Channel.TRADE])
            await fake.wait_for(lambda: sorted(len(c.carried()) for c in fake.live) == [500, 500])
            assert "allows 2 WebSocket connections" in str(caught.value)
            assert "US:S1000" in str(caught.value) and "US:S0999" not in str(caught.value)
            carried = set().union(*(c.carried() for c in fake.live))
            assert carried == {f"S{i:04d}$US" for i in range(1000)}
            assert fake.refusals == []
        async with running_feed(make_feed(fake)) as (feed, _sink):  # no connection limit
            await feed.subscribe(symbols, [Channel.TRADE])
            await fake.wait_for(
                lambda: sorted(len(c.carried()) for c in fake.live) == [200, 500, 500])
            assert all(len(m["params"].split(",")) <= 500
                       for c in fake.live for m in c.messages if m["ac"] == "subscribe")

    run(scenario)


def test_a_plan_quota_refusal_is_shown_in_words_once_and_the_rest_streams():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["US:AAPL"], [Channel.TRADE])
            fake.max_symbols_per_connection = 2
            await feed.subscribe(["US:TSLA", "US:NVDA"], [Channel.TRADE])
            refusals = [s.detail for s in sink.of(Status)
                        if "exceeding the maximum subscription limit" in s.detail]
            assert len(refusals) == 1 and "US:TSLA, US:NVDA" in refusals[0]
            assert "symbol quota" in refusals[0]
            mark = len(sink.events)
            await sink.wait_for(lambda: "US:AAPL" in sink.symbols(Trade, mark))
            conn = feed.connections["stock"][0]
            assert set(conn.wanted) == {"AAPL$US"}  # refused ones are not retried forever

    run(scenario)


def test_pings_carry_milliseconds_and_a_wrong_pong_means_a_new_connection():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(["US:AAPL"], [Channel.QUOTE])
            conn = feed.connections["stock"][0]
            await fake.wait_for(lambda: sum(len(c.pings) for c in fake.connections) >= 3)
            await sink.wait_for(lambda: conn.pongs >= 2)
            pings = [int(p) for p in fake.connections[0].pings]
            now = time.time() * 1000
            assert all(abs(p - now) < 60_000 for p in pings) and pings == sorted(pings)
            assert "no ping" not in fake.refusals  # the cut-off (0.5 s here) never struck
            fake.pong_mode = "wrong"
            await fake.wait_for(lambda: len(fake.handshakes) >= 2)
            assert feed.bad_messages.counts["pong"] >= 1

    run(scenario, ping_cutoff=0.5)


def test_without_pings_the_server_cuts_the_connection_and_we_come_back():
    async def scenario(fake):
        async with running_feed(make_feed(fake, heartbeat=5.0)) as (feed, sink):
            await feed.subscribe(["US:AAPL"], [Channel.TRADE])
            await fake.wait_for(lambda: "no ping" in fake.refusals and len(fake.handshakes) >= 2)
            mark = len(sink.events)
            await sink.wait_for(lambda: "US:AAPL" in sink.symbols(Trade, mark))

    run(scenario, ping_cutoff=0.3)


def test_a_server_rate_limit_is_met_by_backing_off_not_by_hammering():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, _sink):
            results = await asyncio.gather(*(feed.snapshot([s]) for s in SYMBOLS * 2))
            assert all(len(r) == 1 for r in results)
            statuses = [s for *_, s in fake.http_log]
            assert statuses.count(200) == 8
            # the requests already in flight are refused once; after that we keep to its rate
            first_refusal = statuses.index(429)
            assert 429 not in statuses[first_refusal + 5:]
            # learnt from what the server accepted (less when accepted answers were still on
            # their way: the safe side)
            assert 1 <= feed._http.limiter.max_calls <= 3

    run(scenario, http_limit=(3, 0.3))


def test_klines_page_back_with_et_and_stop_at_end():
    async def scenario(fake):
        plan = ItickPlan(http_requests=50, http_period=1.0, max_bars=400)
        async with running_feed(make_feed(fake, plan=plan)) as (feed, _sink):
            end = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
            bars = await feed.klines("CRYPTO:BTCUSDT", Period.M1, 1000, end)
            assert len(bars) == 1000 and len({b.ts for b in bars}) == 1000
            assert [b.ts for b in bars] == sorted(b.ts for b in bars)
            assert bars[-1].ts <= end.timestamp() * 1000
            requests = [q for path, q, *_ in fake.http_log if path == "/crypto/kline"]
            assert [int(q["limit"]) for q in requests] == [400, 400, 200]
            assert requests[0]["et"] == str(int(end.timestamp() * 1000))
            assert int(requests[1]["et"]) < int(requests[0]["et"])
            assert {q["kType"] for q in requests} == {"1"} and requests[0]["region"] == "BA"
            with pytest.raises(UnsupportedError, match="crypto only"):
                await feed.klines("US:AAPL", Period.H4, 10)

    run(scenario)


def test_categories_and_instruments_come_from_the_symbol_list():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, _sink):
            ids = [c.id for c in await feed.categories()]
            assert ids[:4] == ["stock-US", "stock-HK", "stock-SH", "stock-SZ"]
            assert {"forex-GB", "indices-GB", "crypto-BA"} <= set(ids)
            hk = await feed.instruments("stock-HK")
            assert {i.symbol for i in hk} >= {"HK:00700", "HK:09988"}
            tencent = next(i for i in hk if i.symbol == "HK:00700")
            assert tencent.name_zh == "腾讯控股" and tencent.price_decimals == 3
            forex = {i.symbol for i in await feed.instruments("forex-GB")}
            assert {"FX:EURUSD", "CMDTY:XAUUSD", "CMDTY:USOIL"} <= forex
            described = {i.symbol: i for i in await feed.describe(["CRYPTO:XRPUSDT", "US:AAPL"])}
            assert described["CRYPTO:XRPUSDT"].price_decimals == 4  # from its price: iTick sends no tick
            assert described["US:AAPL"].name == "Apple"
            lists = [q for path, q, *_ in fake.http_log if path == "/symbol/list"]
            assert len(lists) == 4  # each list fetched once: stock-HK, forex, crypto, stock-US

    run(scenario)


def test_unknown_symbols_and_reference_endpoints():
    async def scenario(fake):
        async with running_feed(make_feed(fake)) as (feed, _sink):
            assert await feed.snapshot(["US:ZZZZ"]) == []  # iTick's silent data: null
            fake.not_found_mode = "msg"
            with pytest.raises(UnknownSymbolError, match="not found this produce"):
                await feed.klines("US:ZZZZ", Period.D1, 5)
            [holiday] = await feed.holidays()
            assert "2026-12-25" in holiday.dates()
            status = await feed.market_status("US")
            assert status.s == "OPEN" and status.is_open is True
            info = await feed.stock_info("US:AAPL")
            assert info.n == "Apple" and info.fcc == "USD"
            [trade] = await feed.last_trades(["HK:00700"])
            assert trade.symbol == "HK:00700" and trade.side == "unknown"

    run(scenario)
