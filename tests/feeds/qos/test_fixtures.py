"""Every documented QOS example (shared/vendors/fixtures/qos) decodes to the expected values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.types import Bar, Book, Quote, SessionQuote, Side, Trade
from app.feeds.qos import QosFeed, wire
from app.feeds.qos.catalog import make_instrument
from app.feeds.qos.codes import LegacyCodeError, from_qos, group_codes, to_qos

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "qos"


def raw(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def data(name: str) -> bytes:
    return bytes(wire.envelope_decoder.decode(raw(name)).data)


def by_symbol(items):
    return {i.symbol: i for i in items}


def test_the_fixture_folder_is_there():
    assert len(list(FIXTURES.glob("*.json"))) >= 50


class Collector:
    def __init__(self):
        self.events = []

    def __call__(self, event):
        self.events.append(event)


def feed_with_sink():
    feed = QosFeed(api_key="k")
    sink = Collector()
    feed.set_sink(sink)
    return feed, sink


# -- WebSocket pushes, through the adapter's own message path ----------------------------------


def test_push_snapshot():
    feed, sink = feed_with_sink()
    feed._on_message(raw("ws_push_snapshot.json"))
    assert sink.events == [Quote(
        "qos", "SH:600938", 1731650869000, last=25.92, prev_close=26.15, open=26.19, high=26.19,
        low=25.62, volume=694420.0, turnover=1793887058.0, halted=False,
    )]
    assert sink.events[0].change == pytest.approx(-0.23)


def test_push_trade_strings_and_legacy_numbers():
    feed, sink = feed_with_sink()
    feed._on_message(raw("ws_push_trade.json"))
    feed._on_message(raw("legacy_ws_push_trade_numeric.json"))
    assert sink.events == [
        Trade("qos", "US:TSLA", 1741960243000, 246.39, 100.0, Side.BUY),
        Trade("qos", "SH:600837", 1731651249000, 11.75, 71.0, Side.SELL),
    ]


def test_push_depth():
    feed, sink = feed_with_sink()
    feed._on_message(raw("ws_push_depth.json"))
    assert sink.events == [Book("qos", "US:AAPL", 1741960347000, [(212.62, 110.0)], [(212.66, 338.0)])]


def test_push_kline_close_is_cl_and_day_bar_period():
    feed, sink = feed_with_sink()
    feed._on_message(raw("ws_push_kline.json"))
    assert sink.events == [Bar("qos", "PERP:BTCUSDT", "1d", 1741910400000, 81085.5, 83856.0,
                               80772.0, 83504.1, 103162.63)]


def test_acks_and_heartbeat_complete_pending_requests(qloop_free_loop):
    feed, sink = feed_with_sink()
    loop = qloop_free_loop
    for name, kind in [("ws_sub_snapshot_ack.json", "S"), ("ws_unsub_kline_ack.json", "KC")]:
        future = loop.create_future()
        feed._pending[1] = (kind, future)
        feed._on_message(raw(name))
        assert future.result().msg == "OK" and future.result().type == kind
    legacy = loop.create_future()
    feed._pending[7] = ("S", legacy)  # seed-era ack: no reqid, matched by type
    feed._on_message(raw("legacy_ws_sub_snapshot_ack_no_reqid.json"))
    assert legacy.result().time == 1731650860
    feed._on_message(raw("ws_heartbeat_response.json"))
    assert sink.events == [] and feed.bad_messages.total == 0


@pytest.fixture
def qloop_free_loop():
    import asyncio

    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


# -- HTTP bodies and their WebSocket twins -------------------------------------------------------


@pytest.mark.parametrize("name", ["http_snapshot_response.json", "ws_req_snapshot_response.json"])
def test_snapshot_responses(name):
    body = data(name) if name.startswith("http") else bytes(wire.reply_decoder.decode(raw(name)).data)
    quotes = by_symbol(wire.to_quote(m) for m in wire.snapshots_decoder.decode(body))
    assert {"US:AAPL", "HK:09988", "SH:600519", "SZ:000001", "SZ:002594"} <= set(quotes)
    assert quotes["SH:600519"].last == 1628.01 and quotes["SH:600519"].prev_close == 1537.77
    assert quotes["SH:600519"].extended is None
    aapl = quotes["US:AAPL"]
    assert set(aapl.extended) == {"pre", "after"}
    if name.startswith("http"):
        assert aapl.last == 211.103 and aapl.ts == 1741958321000
        assert aapl.turnover == pytest.approx(147479220.171)
        assert aapl.extended["pre"] == SessionQuote(1741872600000, 215.98, 216.98, 216.98, 215.06,
                                                    370456.0, pytest.approx(80089373.507))
        assert aapl.extended["after"].last == 210.35


def test_snapshot_crypto_has_no_previous_close():
    quotes = by_symbol(wire.to_quote(m) for m in wire.snapshots_decoder.decode(data("http_snapshot_response.json")))
    btc = quotes["PERP:BTCUSDT"]
    assert btc.prev_close is None and btc.change is None and btc.last is not None


def test_depth_response_levels_per_market():
    books = by_symbol(wire.to_book(m) for m in wire.depths_decoder.decode(data("http_depth_response.json")))
    assert len(books["US:AAPL"].bids) == 1 and books["US:AAPL"].asks == [(211.16, 400.0)]
    hk = books["HK:00700"]
    assert len(hk.bids) == 10 and hk.bids[0] == (521.5, 197500.0) and hk.asks[0] == (522.0, 100.0)
    assert [p for p, _ in hk.bids] == sorted((p for p, _ in hk.bids), reverse=True)
    assert len(books["SZ:002594"].asks) == 5 and books["SZ:002594"].asks[0] == (376.0, 65.0)
    ws = wire.reply_decoder.decode(raw("ws_req_depth_response.json"))
    assert ws.reqid == 1 and len(wire.depths_decoder.decode(bytes(ws.data))) >= 8


def test_trade_response_sides():
    trades = by_symbol(wire.to_trade(m) for m in wire.trades_decoder.decode(data("http_trade_response.json")))
    assert trades["PERP:ETHUSDT"].side is Side.BUY
    assert trades["PERP:BTCUSDT"] == Trade("qos", "PERP:BTCUSDT", 1741958479000, 83429.7, 0.025, Side.SELL)
    assert trades["HK:00700"].side is Side.UNKNOWN  # closing-auction print, d = 0
    ws = wire.reply_decoder.decode(raw("ws_req_trade_response.json"))
    assert {wire.to_trade(m).symbol for m in wire.trades_decoder.decode(bytes(ws.data))} == {
        "PERP:ETHUSDT", "PERP:BTCUSDT", "US:TSLA", "US:AAPL"}


@pytest.mark.parametrize("name", ["http_kline_response.json", "http_history_response.json"])
def test_kline_and_history_responses(name):
    groups = wire.klines_decoder.decode(data(name))
    bars = {b.symbol: b for g in groups for b in map(wire.to_bar, g.k)}
    assert bars["US:AAPL"].period == "1d" and bars["US:AAPL"].ts == 1741924800000  # 00:00 New York
    assert bars["PERP:BTCUSDT"].ts == 1741910400000  # 00:00 UTC
    assert bars["US:AAPL"].open == 211.29 if "history" in name else bars["US:AAPL"].close == 212.8
    if "kline" in name:
        assert bars["HK:00700"] == Bar("qos", "HK:00700", "1d", 1741881600000, 513.0, 531.0, 507.5,
                                       521.5, 30711707.0)


def test_ws_kline_request_replies_oldest_first():
    for name in ("ws_req_kline_response.json", "ws_req_history_response.json"):
        reply = wire.reply_decoder.decode(raw(name))
        groups = wire.klines_decoder.decode(bytes(reply.data))
        eth = [wire.to_bar(k) for g in groups if g.c == "CF:ETHUSDT" for k in g.k]
        assert [b.ts for b in eth] == [1741910400000, 1741996800000]
        assert eth[1].close == (1928.35 if "kline" in name else 1928.73)


def test_instrument_info():
    infos = {i.c: i for i in wire.infos_decoder.decode(data("http_instrument_info_response.json"))}
    aapl = make_instrument("US:AAPL", infos["US:AAPL"])
    assert (aapl.name, aapl.name_zh, aapl.currency, aapl.lot_size) == ("Apple Inc.", "苹果", "USD", 1.0)
    assert infos["US:AAPL"].ts == 15022073000  # total shares, not a time
    tencent = make_instrument("HK:00700", infos["HK:700"])
    assert (tencent.name, tencent.lot_size, tencent.tick_table, tencent.price_decimals) == (
        "TENCENT", 100.0, "HK", 3)
    btc = make_instrument("PERP:BTCUSDT", infos["CF:BTCUSDT"])
    assert btc.currency == "USDT" and btc.name == "BTCUSDT" and btc.name_zh == ""
    ws = wire.reply_decoder.decode(raw("ws_req_instrument_info_response.json"))
    assert {i.c for i in wire.infos_decoder.decode(bytes(ws.data))} >= {"SH:688981", "US:TSLA"}


def test_market_calendar_and_product_list():
    calendar = wire.calendar_decoder.decode(data("http_market_calendar_response.json"))
    assert calendar["US"][2] == "20250703,H" and len(calendar) == 4
    products = wire.products_decoder.decode(data("http_product_list_response.json"))
    assert [wire.canonical(p.code) for p in products["HK"]] == ["HK:01810", "HK:00700"]
    assert [wire.canonical(p.code) for p in products["CM"]][0] == "CMDTY:XAUUSD"
    assert products["US"][2].name == "苹果"


def test_legacy_crypto_codes_are_refused_with_words():
    groups = wire.klines_decoder.decode(data("legacy_http_history_response_cm.json"))
    with pytest.raises(LegacyCodeError, match="PERP:BTCUSDT"):
        wire.to_bar(groups[0].k[0])
    quotes = wire.snapshots_decoder.decode(data("legacy_http_snapshot_response_cm.json"))
    assert {m.c for m in quotes} >= {"CM:BTCUSDT", "US:AAPL"}
    kept = []
    for m in quotes:
        try:
            kept.append(wire.to_quote(m).symbol)
        except LegacyCodeError:
            pass
    assert kept == ["US:TSLA", "US:AAPL", "HK:00700", "SH:600519"]
    infos = wire.infos_decoder.decode(data("legacy_http_instrument_info_response_cm.json"))
    assert infos[0].e == "Crypto Market"
    with pytest.raises(LegacyCodeError):
        to_qos("CMDTY:BTCUSDT")


def test_feed_skips_a_legacy_push_and_counts_it():
    feed, sink = feed_with_sink()
    feed._on_message(b'{"tp":"T","c":"CM:BTCUSDT","p":"1","v":"1","ts":1,"d":1}')
    assert sink.events == [] and feed.bad_messages.counts["push"] == 1


# -- requests we send match the documented shapes -----------------------------------------------


def test_code_mapping_both_ways():
    assert to_qos("HK:00700") == "HK:700" and from_qos("HK:700") == "HK:00700"
    assert from_qos("HK:00700") == "HK:00700"
    assert to_qos("PERP:BTCUSDT") == "CF:BTCUSDT" and from_qos("CF:ETHUSDT") == "PERP:ETHUSDT"
    assert to_qos("CMDTY:XAUUSD") == "CM:XAUUSD" and from_qos("CM:XAGUSD") == "CMDTY:XAGUSD"
    assert to_qos("IDX:JPN225") == "IX:JPN225" and from_qos("IX:JPN225") == "IDX:JPN225"
    assert to_qos("FX:EURUSD") == "FX:EURUSD" and to_qos("SZ:000001") == "SZ:000001"
    with pytest.raises(Exception, match="PERP:BTCUSDT"):
        to_qos("CRYPTO:BTCUSDT")


def test_grouped_codes_match_the_documented_request():
    request = json.loads(raw("http_snapshot_request.json"))
    canonical = ["US:AAPL", "US:TSLA", "HK:00700", "HK:09988", "SH:600519", "SH:600518",
                 "SZ:000001", "SZ:002594", "PERP:BTCUSDT", "PERP:ETHUSDT", "FX:USDJPY", "FX:EURUSD",
                 "IDX:JPN225", "CMDTY:XAUUSD", "CMDTY:XAGUSD"]
    assert group_codes(to_qos(s) for s in canonical) == request["codes"]


def test_malformed_messages_are_counted_not_raised():
    feed, sink = feed_with_sink()
    for frame in (b"{not json", b'{"tp":"S","c":"US:AAPL","lp":"abc","ts":1}', b"[1,2]",
                  b'{"tp":"Z","c":"US:AAPL"}', "\u00ff" * 10):
        feed._on_message(frame)
    assert sink.events == [] and feed.bad_messages.total == 5

