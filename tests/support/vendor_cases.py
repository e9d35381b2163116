"""QOS, iTick and 脉动数据 under the feed contract (see :mod:`tests.support.feed_cases`): each
vendor's facts, and the wire details its own tests asserted before the contract asked for them
all the same way."""

from __future__ import annotations

import time
from typing import Any

import pytest

from app.core.periods import Period
from app.core.types import Bar, Book, Channel, ConnectionState, Quote, Side, Trade
from app.feeds.base import AuthError
from app.feeds.transport.http import RateLimited
from tests.fakes.itick import FakeItickServer
from tests.fakes.maidong import FakeMaidongServer
from tests.support.events import Sink
from tests.support.feed_cases import (
    Streams,
    VendorCase,
    itick_feed,
    itick_live_on,
    maidong_feed,
    maidong_keys_sent,
    qos_fake,
    qos_feed,
)

EVERY = (Quote, Trade, Book, Bar)


class QosCase(VendorCase):
    name = "qos"
    streams = Streams(("US:AAPL", "HK:00700", "PERP:BTCUSDT"), kinds=EVERY)
    one, one_kind, one_channel = "PERP:BTCUSDT", Trade, Channel.TRADE
    refusal_modes = ("http", "close")  # 401 on the handshake; accepted, then a refusal and close
    # the last one: an ack nobody waits for (a reqid we never sent) is counted, not acted on
    bad_frames = ("{not json", '{"tp":"T","c":"CF:BTCUSDT","p":"abc","v":"1","ts":1,"d":1}',
                  b"\x00\xff binary garbage", '{"type":"S","msg":"OK","reqid":999}')
    transient_http = ((429, {"Retry-After": "0.3"}), (503, {}))
    least_wait = 0.3
    events_after_bad_frames = 4

    def fake(self, **options: Any) -> Any:
        return qos_fake(**options)

    def feed(self, fake: Any, **timing: Any) -> tuple[Any, Sink]:
        return qos_feed(fake, **timing)

    def handshake_times(self, fake: Any) -> list[float]:
        return fake.handshakes

    def check_every_channel(self, fake: Any, sink: Sink) -> None:
        commands = fake.connections[0].commands
        kline = next(c for c in commands if c["type"] == "K")
        assert kline["codes"] == ["US:AAPL", "HK:700", "CF:BTCUSDT"] and kline["kt"] == 1
        assert [c["type"] for c in commands][:4] == ["S", "T", "D", "K"]
        assert all(isinstance(c["reqid"], int) and c["reqid"] >= 1 for c in commands if c["type"] != "H")

    async def subscribe_active_set(self, feed: Any, fake: Any) -> object:
        await feed.subscribe(list(self.streams.symbols), [Channel.QUOTE, Channel.TRADE])
        await feed.subscribe(["PERP:BTCUSDT"], [Channel.BAR], Period.M5)
        await feed.unsubscribe(["HK:00700"], [Channel.TRADE])
        expected = {("S", None): {"US:AAPL", "HK:700", "CF:BTCUSDT"},
                    ("T", None): {"US:AAPL", "CF:BTCUSDT"}, ("K", 5): {"CF:BTCUSDT"}}
        assert fake.connections[0].active_set() == expected
        return expected

    def carried_again(self, fake: Any, expected: object) -> bool:
        return len(fake.connections) == 2 and fake.connections[1].active_set() == expected

    def resumed(self, sink: Sink, mark: int) -> bool:
        return any(type(e) is Trade for e in sink.events[mark:])

    def check_replay(self, fake: Any) -> None:
        replayed = [c["type"] for c in fake.connections[1].commands if c["type"] != "H"]
        assert sorted(replayed[:3]) == ["K", "S", "T"]  # each channel once, nothing else

    def refuse(self, fake: Any, mode: str) -> None:
        fake.bad_key_mode = mode

    def refused_feed(self, fake: Any) -> tuple[Any, Sink]:
        return qos_feed(fake, key="wrong")

    async def provoke_refusal(self, feed: Any, fake: Any, mode: str) -> BaseException:
        await feed.start()
        if mode == "http":
            with pytest.raises(AuthError, match="invalid key"):
                await feed.klines("US:AAPL", Period.D1, 3)  # HTTP: {"msg": "invalid key"}
        with pytest.raises(AuthError, match="HTTP 401.*invalid key" if mode == "http" else None) as caught:
            await feed.subscribe(["US:AAPL"], [Channel.QUOTE])
        return caught.value

    def check_refusal(self, fake: Any, feed: Any, sink: Sink, caught: BaseException, mode: str) -> None:
        if mode == "http":
            assert not feed.session.connected
            assert len(fake.refusals) == 2  # one HTTP answer, one handshake: no storm
        else:  # a refusal after connecting stops reconnecting
            assert "invalid key" in sink.statuses(ConnectionState.ERROR)[0].detail
            assert len(fake.handshakes) == 1

    def requests(self, feed: Any) -> list:
        return [lambda: feed.klines("HK:00700", Period.D1, 3)]

    async def check_retried(self, feed: Any, fake: Any, results: list[list]) -> None:
        assert [len(r) for r in results] == [3]
        assert [path for path, _t in fake.http_log] == ["/kline"] * 3


class ItickCase(VendorCase):
    name = "itick"
    streams = Streams(("US:AAPL", "HK:00700", "FX:EURUSD", "CRYPTO:BTCUSDT"), kinds=EVERY)
    one, one_kind, one_channel = "US:AAPL", Trade, Channel.TRADE
    refusal_modes = ("message", "http")  # "auth failed" then close; 401 on the handshake
    bad_frames = (b"\x00not json", '{"code":1,"data":{"type":"quote","s":"AAPL"}}',  # no time
                  '{"code":1,"data":{"type":"teleport","s":"AAPL","r":"US"}}',
                  '{"code":0,"data":{"s":"AAPL.US","t":99,"k":{"t":1,"o":1,"h":1,"l":1,"c":1}}}')

    def fake(self, **options: Any) -> Any:
        return FakeItickServer(**options)

    def feed(self, fake: Any, **timing: Any) -> tuple[Any, Sink]:
        return itick_feed(fake, **timing)

    def handshake_times(self, fake: Any) -> list[float]:
        return [t for _path, t in fake.handshakes]

    def check_every_channel(self, fake: Any, sink: Sink) -> None:
        assert sorted(path for path, _ in fake.handshakes) == ["crypto", "forex", "stock"]
        stock = next(c for c in fake.connections if c.asset == "stock")
        assert stock.ws.request.headers["token"] == "test-token"  # header auth: no message
        subscribes = [m for m in stock.messages if m["ac"] == "subscribe"]
        assert subscribes == [{"ac": "subscribe", "params": "AAPL$US,700$HK",
                               "types": "tick,quote,depth,kline@1"}]
        assert not [m for m in stock.messages if m["ac"] == "auth"]
        assert all(t.side == "unknown" for t in sink.of(Trade))  # iTick has no side: never guessed
        hk = [q for q in sink.of(Quote) if q.symbol == "HK:00700"]
        assert all(q.prev_close is not None for q in hk)  # pushes lack it; the REST quote had it

    async def subscribe_active_set(self, feed: Any, fake: Any) -> object:
        await feed.subscribe(["US:AAPL", "HK:00700"], [Channel.QUOTE, Channel.TRADE])
        await feed.subscribe(["US:AAPL"], [Channel.BAR], Period.M5)
        await fake.wait_for(lambda: any(c.subs for c in itick_live_on(fake, "stock")))
        before = itick_live_on(fake, "stock")[0].carried()
        assert before == {"AAPL$US": {"quote", "tick", "kline@2"}, "700$HK": {"quote", "tick"}}
        return before

    def carried_again(self, fake: Any, expected: object) -> bool:
        return len(fake.handshakes) == 2 and any(c.carried() == expected for c in itick_live_on(fake, "stock"))

    def resumed(self, sink: Sink, mark: int) -> bool:
        return sink.symbols(Trade, mark) == {"US:AAPL", "HK:00700"}

    def refuse(self, fake: Any, mode: str) -> None:
        fake.bad_key_mode = mode

    def refused_feed(self, fake: Any) -> tuple[Any, Sink]:
        return itick_feed(fake, token="wrong")

    async def provoke_refusal(self, feed: Any, fake: Any, mode: str) -> BaseException:
        await feed.start()
        with pytest.raises(AuthError) as caught:
            await feed.subscribe(["US:AAPL"], [Channel.TRADE])
        session = feed.connections["stock"][0].session
        with pytest.raises(AuthError):  # gave up: no more attempts
            await session.wait_connected(timeout=2)
        return caught.value

    def check_refusal(self, fake: Any, feed: Any, sink: Sink, caught: BaseException, mode: str) -> None:
        assert len(fake.handshakes) == 1
        words = "auth failed" if mode == "message" else "Invalid API key in request"
        assert words in str(caught) and "key set itick" in str(caught)

    def requests(self, feed: Any) -> list:
        return [lambda: feed.snapshot(["US:AAPL"]), lambda: feed.snapshot(["HK:00700"])]

    async def check_retried(self, feed: Any, fake: Any, results: list[list]) -> None:
        assert [q.symbol for r in results for q in r] == ["US:AAPL", "HK:00700"]
        assert [s for *_, s in fake.http_log].count(429) == 1
        fake.fail_next_http.extend([(429, {})] * 4)  # a 429 that persists is said in words
        with pytest.raises(RateLimited, match="HTTP 429"):
            await feed.snapshot(["US:AAPL"])


class MaidongCase(VendorCase):
    name = "maidong"
    streams = Streams(("CRYPTO:BTCUSDT", "FX:GBPUSD", "MD:HX_HSI"), kinds=EVERY)
    one, one_kind, one_channel = "CRYPTO:BTCUSDT", Quote, Channel.QUOTE
    refusal_modes = ("status", "body", "close")  # how the vendor says "this IP is not authorised"
    bad_frames = (b"\x00\xffnot json", '{"body": 5}', '{"body": {"Price": 1}}',
                  '{"body": {"StockCode": "btcusdt", "Depth": 7}}')
    harmless_frames = ('{"event": "REG"}',)  # no body: ignored as documented, not an error
    dead_peer_timing = {"heartbeat": 0.1, "quiet_alert": 60}
    codes = ["btcusdt", "fx_sgbpusd", "HX_HSI"]

    def fake(self, **options: Any) -> Any:
        return FakeMaidongServer(**options)

    def feed(self, fake: Any, **timing: Any) -> tuple[Any, Sink]:
        return maidong_feed(fake, **timing)

    def handshake_times(self, fake: Any) -> list[float]:
        return fake.handshakes

    def check_every_channel(self, fake: Any, sink: Sink) -> None:
        assert maidong_keys_sent(fake) == [self.codes]  # once, complete
        assert fake.connections[0].messages[0] == {"Key": "btcusdt,fx_sgbpusd,HX_HSI"}
        assert len(fake.handshakes) == 1
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

    async def subscribe_active_set(self, feed: Any, fake: Any) -> object:
        await feed.subscribe(list(self.streams.symbols), [Channel.QUOTE])
        await fake.wait_for(lambda: fake.live and fake.live[0].keys)
        assert fake.live[0].keys == [self.codes]
        return [self.codes]

    def carried_again(self, fake: Any, expected: object) -> bool:
        return len(fake.live) == 1 and len(fake.connections) == 2 and fake.live[0].keys == expected

    def resumed(self, sink: Sink, mark: int) -> bool:
        return sink.symbols(Quote, mark) == set(self.streams.symbols)

    def check_replay(self, fake: Any) -> None:
        assert maidong_keys_sent(fake) == [self.codes] * 2

    def go_dead(self, fake: Any) -> None:
        fake.pong_mode = "none"
        fake.mute_pushes = True  # nothing else arrives either

    def revive(self, fake: Any) -> None:
        fake.pong_mode = "echo"
        fake.mute_pushes = False

    def dead_peer_said(self, detail: str) -> bool:
        return "pings" in detail or "no answer" in detail

    def refuse(self, fake: Any, mode: str) -> None:
        fake.allowed_ips = set()
        fake.unauthorised_mode = mode

    def refused_feed(self, fake: Any) -> tuple[Any, Sink]:
        return maidong_feed(fake)

    async def provoke_refusal(self, feed: Any, fake: Any, mode: str) -> BaseException:
        with pytest.raises(AuthError) as caught:
            await feed.start()
        asked = len(fake.http_log)
        for later in (feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.QUOTE]),  # the GUI goes on
                      feed.klines("CRYPTO:BTCUSDT", Period.M1, 10)):
            with pytest.raises(AuthError):
                await later
        assert len(fake.http_log) == asked  # refused once: not asked again
        return caught.value

    def check_refusal(self, fake: Any, feed: Any, sink: Sink, caught: BaseException, mode: str) -> None:
        text = str(caught)
        assert "IP" in text and "ask the vendor" in text and "Traceback" not in text
        assert fake.handshakes == []  # no WebSocket was tried, so no reconnect storm
        assert sink.statuses(ConnectionState.ERROR)[0].detail == text
        assert len(fake.http_log) == (3 if mode == "close" else 1)  # a hang-up is retried twice

    def requests(self, feed: Any) -> list:
        return [lambda: feed.snapshot(["CRYPTO:BTCUSDT"]), lambda: feed.snapshot(["MD:HX_HSI"])]

    async def check_retried(self, feed: Any, fake: Any, results: list[list]) -> None:
        assert [q.symbol for r in results for q in r] == ["CRYPTO:BTCUSDT", "MD:HX_HSI"]
        assert [s for *_, s in fake.http_log].count(429) == 1


QOS, ITICK, MAIDONG = QosCase(), ItickCase(), MaidongCase()
CASES = (QOS, ITICK, MAIDONG)
