"""Every documented 脉动数据 example (shared/vendors/fixtures/maidong) decodes to the expected
canonical values through the adapter's own paths: the push path of the feed, and its HTTP
requests answered by the fixture bytes (an in-memory transport, no socket)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from app.core.periods import Period
from app.core.types import Book, Channel, Quote, Side, Trade, encode_event
from app.feeds.base import AuthError, UnknownSymbolError, UnsupportedError
from app.feeds.maidong import MaidongFeed, MaidongTimings, wire
from app.feeds.maidong.codes import from_maidong, to_maidong
from app.feeds.maidong.feed import _Holder

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "maidong"
BTC_PUSH_MS = 1685259831000  # "LastTime": "1685259831" = "2023-05-28 15:43:51" UTC+8


def raw(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_every_fixture_is_copied_verbatim_and_covered():
    shared = Path(__file__).resolve().parents[4] / "shared" / "vendors" / "fixtures" / "maidong"
    names = sorted(p.name for p in FIXTURES.glob("*.json"))
    assert len(names) == 8
    if shared.is_dir():  # the checkout may be alone
        for name in names:
            assert (FIXTURES / name).read_bytes() == (shared / name).read_bytes(), name
    here = Path(__file__).read_text()
    assert [n for n in names if f'"{n}"' not in here] == []


def holding(feed: MaidongFeed, symbol: str, *channels: Channel) -> None:
    """What a subscribe records, without the network."""
    feed.book.want(to_maidong(symbol), [symbol])
    feed._holders[symbol] = _Holder(set(channels))


def pushed(*names: str, channels=(Channel.QUOTE, Channel.DEPTH, Channel.TRADE)) -> tuple[MaidongFeed, list]:
    feed = MaidongFeed()
    events: list = []
    feed.set_sink(events.append)
    holding(feed, "CRYPTO:BTCUSDT", *channels)
    for name in names:
        feed._on_message(raw(name))
    return feed, events


# -- the WebSocket push ----------------------------------------------------------------------


def test_one_push_yields_quote_depth_and_trades():
    feed, events = pushed("ws_push_quote.json")
    quote, book = events[0], events[1]
    assert type(quote) is Quote and quote.symbol == "CRYPTO:BTCUSDT" and quote.vendor == "maidong"
    assert quote.ts == BTC_PUSH_MS
    assert wire.beijing_ms("2023-05-28 15:43:51") == BTC_PUSH_MS  # Time is UTC+8 and agrees
    assert (quote.last, quote.open, quote.high, quote.low) == (27206.02, 26689.98, 27287.74, 26554.35)
    assert quote.volume == 2293.14 and quote.turnover is None
    # LastClose repeats the last price; the vendor's change (Diff 516.04, 1.93 %) is from Open.
    assert quote.prev_close == pytest.approx(26689.98, abs=1e-9)
    assert quote.change == pytest.approx(516.04) and quote.change_pct == pytest.approx(1.93, abs=0.005)
    assert type(book) is Book and book.ts == BTC_PUSH_MS
    assert book.bids == [(27206.02, 0.39), (27204.13, 1.28), (27203.32, 0.64), (27203.3, 0.68)]  # BV2 = 0
    assert book.asks == [(27206.03, 0.78), (27206.22, 0.04), (27206.96, 0.02), (27208.13, 0.01),
                         (27208.14, 0.07)]
    trades = events[2:]
    assert [(t.price, t.size, t.side, t.ts) for t in trades] == [
        (27206.02, 0.21, Side.BUY, BTC_PUSH_MS),  # direction 2 = buy (QOS numbers it the other way)
        (27206.03, 0.78, Side.SELL, BTC_PUSH_MS),  # direction 1 = sell
    ]
    assert all(type(t) is Trade for t in trades)
    assert feed.bad_messages.total == 0


def test_a_repeated_push_repeats_no_prints():
    _feed, events = pushed("ws_push_quote.json", "ws_push_quote.json")
    assert len([e for e in events if type(e) is Trade]) == 2
    assert len([e for e in events if type(e) is Quote]) == 2


def test_only_the_channels_held_are_emitted_and_unknown_codes_are_ignored():
    feed, events = pushed("ws_push_quote.json", channels=(Channel.DEPTH,))
    assert [type(e) for e in events] == [Book]
    feed.book.wanted.clear()  # dropped: its pushes stop at once
    feed._on_message(raw("ws_push_quote.json"))
    assert len(events) == 1


def test_the_pong_answers_our_ping_and_the_ping_is_documented_shape():
    feed = MaidongFeed()
    ping = json.loads(feed._heartbeat())
    assert set(ping) == set(json.loads(raw("ws_ping_request.json")))
    assert isinstance(ping["ping"], int) and len(str(ping["ping"])) == 10  # Unix seconds
    feed._pings[:] = [1689303517]
    feed._on_message(raw("ws_pong_response.json"))
    assert feed._pings == [] and feed.bad_messages.total == 0
    feed._on_message(raw("ws_pong_response.json"))  # a pong for no ping of ours is noted
    assert feed.bad_messages.counts["pong"] == 1


def test_the_subscribe_message_is_the_documented_one():
    class Recorder:
        sent: list[str] = []

        async def send(self, message: str) -> None:
            self.sent.append(message)

    feed = MaidongFeed()
    for symbol in ("CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "CRYPTO:XRPUSDT"):
        holding(feed, symbol, Channel.QUOTE)
    session = Recorder()
    asyncio.run(feed._on_open(session))  # type: ignore[arg-type]
    assert [json.loads(m) for m in session.sent] == [json.loads(raw("ws_subscribe_request.json"))]
    assert tuple(feed.book.carried) == ("btcusdt", "ethusdt", "xrpusdt")


# -- HTTP, answered by the fixtures ----------------------------------------------------------


def http_feed(routes: dict[str, bytes | tuple[int, bytes]]) -> tuple[MaidongFeed, list[httpx.Request]]:
    """A feed whose HTTP requests are answered from ``routes`` (the categories by default:
    ``start()`` asks for them)."""
    routes = {"/getCategory.php": raw("http_category_response.json")} | routes
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        answer = routes[request.url.path]
        status, content = answer if isinstance(answer, tuple) else (200, answer)
        return httpx.Response(status, content=content)

    feed = MaidongFeed(base_url="http://md.test", transport=httpx.MockTransport(handler),
                       timings=MaidongTimings(http_backoff=0.01))
    feed.set_sink(lambda event: None)
    return feed, requests


def run_http(routes, scenario):
    """Start a fixture-answered feed, run ``scenario(feed)``; returns its result and the
    requests made after start-up."""
    async def main():
        feed, requests = http_feed(routes)
        await feed.start()
        del requests[:]
        try:
            return await scenario(feed), requests
        finally:
            await feed.aclose()

    return asyncio.run(main())


def test_get_quote_body_is_one_product_state_with_ten_levels():
    async def scenario(feed):
        return await feed.snapshot(["CRYPTO:BTCUSDT"]), await feed.quote_body("btcusdt")

    (quotes, body), requests = run_http({"/getQuote.php": raw("http_quote_response.json")}, scenario)
    assert requests[0].url.params["code"] == "btcusdt"
    assert "gzip" in requests[0].headers["accept-encoding"]
    quote = quotes[0]
    assert quote.ts == 1764483003000 == wire.beijing_ms("2025-11-30 14:10:03")
    assert (quote.last, quote.open, quote.volume) == (90722.15, 91058.94, 1444.62)
    assert quote.prev_close == pytest.approx(91058.94)  # Price − Diff(−336.79): the open again
    book = wire.to_book(body, "CRYPTO:BTCUSDT", quote.ts)
    assert book is not None
    assert book.bids == [(90722.15, 0.58), (90713.1, 0.01), (90710.69, 0.05), (90710.57, 0.35),
                         (90708.24, 0.01), (90707.84, 0.06)]  # levels 2, 3, 5, 10 had size 0
    assert book.asks == [(90722.16, 0.25), (90727.87, 0.05), (90731.19, 0.05)]
    trades = [wire.to_trade(k, "CRYPTO:BTCUSDT", quote.ts) for k in wire.print_keys(body)]
    assert [(t.side, t.size) for t in trades] == [(Side.BUY, 0.58), (Side.SELL, 0.25)]


def test_klines_are_turned_oldest_first_keyed_by_their_text_time():
    async def scenario(feed):
        return await feed.klines("CRYPTO:BTCUSDT", Period.M1, 10)

    feed_bars, requests = run_http({"/redis.php": raw("http_kline_response.json")}, scenario)
    assert dict(requests[0].url.params) == {"code": "btcusdt", "time": "1m", "rows": "10"}
    # The example repeats one ms stamp (18:31) under the text times 18:31 and 18:30: the text
    # time keys each row, so both minutes are kept, oldest first.
    assert [b.ts for b in feed_bars] == [wire.beijing_ms("2021-06-07 18:30:00"),
                                         wire.beijing_ms("2021-06-07 18:31:00")]
    assert feed_bars[1].ts == 1623061860000
    bar = feed_bars[0]
    assert (bar.open, bar.high, bar.low, bar.close, bar.volume) == (36500, 36540.08, 36500, 36510.65, 100)
    assert bar.period == "1m" and bar.symbol == "CRYPTO:BTCUSDT"


def test_duplicated_rows_keep_the_newest_listing_and_forex_has_no_volume():
    rows = [[1623061860000, 2, 3, 1, 2.5, "2021-06-07 18:31:00", 0],
            [1623061860000, 2, 2.8, 1, 2.4, "2021-06-07 18:31:00", 0],
            [1623061800000, 1, 2, 1, 2, "2021-06-07 18:30:00", 0]]
    bars = wire.to_bars(rows, "FX:GBPUSD", Period.M1, volume=False)
    assert [(b.ts, b.close, b.volume) for b in bars] == [(1623061800000, 2, None),
                                                          (1623061860000, 2.5, None)]


def test_row_limits_and_periods():
    assert [wire.row_limit(p) for p in (Period.M1, Period.M5, Period.H1, Period.D1, Period.MN1)] == [
        600, 300, 300, 300, 100]

    async def scenario(feed):
        bars = await feed.klines("MD:HX_HSI", Period.M1, 5000)
        with pytest.raises(UnsupportedError, match="4h"):
            await feed.klines("MD:HX_HSI", Period.H4, 10)
        return bars

    _bars, requests = run_http({"/redis.php": raw("http_kline_response.json")}, scenario)
    assert requests[0].url.params["rows"] == "600" and requests[0].url.params["code"] == "HX_HSI"


def test_categories_and_a_page_of_symbols():
    async def scenario(feed):
        return await feed.categories(), await feed.instruments_page("7", 1, 8)

    (categories, page), _ = run_http({"/getSymbolList.php": raw("http_symbol_list_response.json")},
                                     scenario)
    assert [(c.id, c.name) for c in categories] == [
        ("1", "外汇"), ("2", "国际期货"), ("3", "国内期货"), ("4", "数字货币"), ("7", "国际股指期货")]
    assert page.total == 25 and page.has_more
    assert [(i.symbol, i.name) for i in page.items][:3] == [
        ("MD:HX_HSI", "恒指2512"), ("MD:ZY_DAX", "德指"), ("MD:HX_MHI", "小恒指2512")]
    assert page.items[-1].symbol == "MD:TW_TXF" and page.items[-1].name_zh == "台指期2512【日】"
    assert {i.category for i in page.items} == {"7"}


@pytest.mark.parametrize("status, body", [
    (403, b"IP\xe6\x9c\xaa\xe6\x8e\x88\xe6\x9d\x83"),  # "IP未授权"
    (200, '{"code":403,"msg":"IP未授权","data":[]}'.encode()),
])
def test_an_unauthorised_ip_is_said_in_words(status, body):
    async def main():
        feed, _ = http_feed({"/getCategory.php": (status, body)})
        with pytest.raises(AuthError) as caught:
            await feed.start()
        await feed.aclose()
        return str(caught.value)

    text = asyncio.run(main())
    assert "IP未授权" in text and "not authorised by 脉动数据" in text and "ask the vendor" in text


# -- codes, times, extras --------------------------------------------------------------------


@pytest.mark.parametrize("symbol, code", [
    ("CRYPTO:BTCUSDT", "btcusdt"), ("FX:GBPUSD", "fx_sgbpusd"), ("CMDTY:XAUUSD", "fx_sxauusd"),
    ("MD:HX_HSI", "HX_HSI"), ("MD:DCE_i", "DCE_i"), ("MD:RT_AU", "RT_AU"),
])
def test_codes_round_trip(symbol, code):
    assert to_maidong(symbol) == code
    assert from_maidong(code) == symbol


def test_codes_without_an_equivalent_are_refused_or_kept_verbatim():
    with pytest.raises(UnknownSymbolError, match="MD:HX_HSI"):
        to_maidong("US:AAPL")
    assert from_maidong("BTCUSDT", "4") == "CRYPTO:BTCUSDT"  # a listed crypto spelling
    assert from_maidong("HX_HSI", "4") == "MD:HX_HSI"
    assert from_maidong("bad code!") is None


def test_print_times_roll_back_over_midnight():
    reference = wire.beijing_ms("2025-12-01 00:00:02")
    assert wire.print_ms("00:00:01", reference) == wire.beijing_ms("2025-12-01 00:00:01")
    assert wire.print_ms("23:59:59", reference) == wire.beijing_ms("2025-11-30 23:59:59")
    assert wire.print_ms("25:00:00", reference) is None


def test_info_fields_are_kept_and_written_only_when_sent():
    body = wire.frame_decoder.decode(raw("ws_push_quote.json")).body
    assert body is not None and body.Info == []  # as documented: an empty array
    assert wire.info_of(body) == {}
    plain = json.loads(encode_event(wire.to_quote(body, "CRYPTO:BTCUSDT", 1)))
    assert "limit_up" not in plain and plain["turnover"] is None
    body.Info = {"TotalAmount": 1.5e9, "LimitUp": "807.3", "LimitDown": 701.7, "TurnoverRate": 1.25,
                 "QRR": 0.9, "MarketCAP": 2.1e11, "MarketCIR": 1.8e11}
    line = json.loads(encode_event(wire.to_quote(body, "MD:DCE_i", 1)))
    assert (line["turnover"], line["limit_up"], line["limit_down"]) == (1.5e9, 807.3, 701.7)
    assert (line["turnover_rate"], line["volume_ratio"]) == (1.25, 0.9)
    assert (line["market_cap"], line["float_cap"]) == (2.1e11, 1.8e11)
    body.Info = [{"LimitUp": 1.0}]
    assert wire.info_of(body) == {"limit_up": 1.0}


def test_an_empty_depth_falls_back_to_the_top_of_book_fields():
    body = wire.frame_decoder.decode(raw("ws_push_quote.json")).body
    assert body is not None
    body.Depth = []
    book = wire.to_book(body, "CRYPTO:BTCUSDT", 1)
    assert book is not None and book.bids == [(27206.02, 0.21)] and book.asks == [(27206.03, 0.78)]


def test_decimals_follow_the_vendors_numbers():
    feed, _events = pushed("ws_push_quote.json")
    assert feed._decimals["btcusdt"] == (2, 2)
    inst = feed._instrument("CRYPTO:BTCUSDT", "比特币", "4")
    assert (inst.price_decimals, inst.tick_size, inst.size_decimals) == (2, 0.01, 2)
    assert inst.name == inst.name_zh == "比特币" and inst.currency == "USDT"
