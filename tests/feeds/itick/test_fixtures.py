"""Every documented iTick example (shared/vendors/fixtures/itick) decodes to the expected values,
through the adapter's own paths: the push path of a connection, the REST decoders, the codes."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from app.core.periods import Period
from app.core.types import Bar, Book, Channel, Quote, Side, Trade
from app.feeds.base import UnknownSymbolError, UnsupportedError
from app.feeds.itick import ItickFeed, wire
from app.feeds.itick.catalog import make_instrument
from app.feeds.itick.codes import ItickCode, from_itick, split_push_symbol, to_itick
from app.feeds.itick.connection import ShardConnection, _type_order
from app.feeds.itick.feed import channel_type, ktype

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "itick"


def raw(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def data(name: str) -> bytes:
    envelope = wire.envelope_decoder.decode(raw(name))
    assert envelope.code == 0  # REST success is 0 (the WebSocket's is 1)
    return bytes(envelope.data)


def test_every_fixture_is_copied_verbatim_and_covered():
    shared = Path(__file__).resolve().parents[4] / "shared" / "vendors" / "fixtures" / "itick"
    names = sorted(p.name for p in FIXTURES.glob("*.json"))
    assert len(names) == 38
    if shared.is_dir():  # the checkout may be alone
        for name in names:
            assert (FIXTURES / name).read_bytes() == (shared / name).read_bytes(), name
    here = Path(__file__).read_text()
    missing = [n for n in names if f'"{n}"' not in here]
    assert missing == []


# -- pushes, through a connection's message path ---------------------------------------------


class Harness:
    """A feed's connection for one asset class, fed fixture bytes without a socket."""

    def __init__(self, asset: str, subscriptions: dict[str, set[str]]):
        self.events: list = []
        self.feed = ItickFeed(api_key="k")
        self.feed.set_sink(self.events.append)
        self.refused: list = []
        self.loop = asyncio.new_event_loop()
        self.conn = self.loop.run_until_complete(self._make(asset))
        for symbol, types in subscriptions.items():
            self.conn.add(self.feed.code_of(symbol), symbol, types)

    async def _make(self, asset):
        self.feed._on_refused = lambda c, r: self.refused.append(r)  # type: ignore[method-assign]
        return ShardConnection(self.feed, asset, 0)  # never started: no socket

    def feed_bytes(self, name: str) -> list:
        before = len(self.events)
        self.conn._on_message(raw(name))
        return self.events[before:]

    def close(self):
        self.loop.close()


@pytest.fixture
def forex():
    harness = Harness("forex", {"FX:EURUSD": {"tick", "quote", "depth", "kline@1"}})
    yield harness
    harness.close()


@pytest.fixture
def stocks():
    harness = Harness("stock", {"US:AAPL": {"tick", "quote", "depth", "kline@1"}})
    yield harness
    harness.close()


def test_push_tick_current_form(forex):
    assert forex.feed_bytes("ws_push_tick.json") == [
        Trade("itick", "FX:EURUSD", 1731689407000, 225.215, 16742235.0, Side.UNKNOWN)
    ]


def test_push_quote_current_form(forex):
    assert forex.feed_bytes("ws_push_quote.json") == [Quote(
        "itick", "FX:EURUSD", 1731689407000, last=225.215, prev_close=None, open=226.27,
        high=226.92, low=224.44, volume=16742235.0, turnover=3774688301.452, halted=None,
    )]


def test_push_quote_takes_the_previous_close_from_an_earlier_rest_quote(forex):
    rest = wire.quote_decoder.decode(data("http_stock_quote_response.json"))
    forex.feed.make_quote(rest, "FX:EURUSD")  # as the initial snapshot does
    [quote] = forex.feed_bytes("ws_push_quote.json")
    assert quote.prev_close == 608.0


def test_push_depth_current_form_with_dollar_symbol(forex):
    [book] = forex.feed_bytes("ws_push_depth.json")
    assert isinstance(book, Book) and book.symbol == "FX:EURUSD"
    assert book.bids == [(3034.0, 20.9758)] and book.asks == [(3034.01, 10.6023)]
    assert abs(book.ts - time.time() * 1000) < 60_000  # iTick sends no time: arrival time


def test_push_kline_current_flat_form(forex):
    assert forex.feed_bytes("ws_push_kline.json") == [Bar(
        "itick", "FX:EURUSD", "1m", 1731660060000, 3055.36, 3061.41, 3055.24, 3059.39, 28.0
    )]


def test_legacy_pushes_with_dotted_symbols(stocks):
    [tick] = stocks.feed_bytes("legacy_ws_push_tick.json")
    assert tick == Trade("itick", "US:AAPL", 1731689407000, 225.215, 16742235.0, Side.UNKNOWN)
    [quote] = stocks.feed_bytes("legacy_ws_push_quote.json")
    assert (quote.symbol, quote.last, quote.open, quote.halted) == ("US:AAPL", 225.215, 226.27, False)
    [book] = stocks.feed_bytes("legacy_ws_push_depth.json")
    assert book.symbol == "US:AAPL" and len(book.bids) == len(book.asks) == 5
    assert book.bids[0] == (3034.0, 20.9758) and book.asks[-1] == (3034.27, 0.21)
    assert [p for p, _ in book.bids] == sorted((p for p, _ in book.bids), reverse=True)


def test_legacy_nested_kline_push_with_code_0(stocks):
    assert stocks.feed_bytes("legacy_ws_push_kline.json") == [Bar(
        "itick", "US:AAPL", "1m", 1731660060000, 3055.36, 3061.41, 3055.24, 3059.39, 28.0
    )]


def test_pushes_for_types_not_wanted_are_dropped(forex):
    forex.conn.remove(ItickCode("forex", "GB", "EURUSD"), {"tick"})
    assert forex.feed_bytes("ws_push_tick.json") == []
    assert forex.feed_bytes("ws_push_quote.json") != []


def test_control_messages_are_not_events(forex):
    loop = forex.loop
    for name in ("ws_connected.json", "ws_auth_success.json", "ws_subscribe_success.json"):
        assert forex.feed_bytes(name) == []
    assert forex.conn._auth.done() and forex.conn._auth.result() == (True, "authenticated")
    assert loop is not None


def test_auth_results_both_forms():
    for name, expected in (("ws_auth_success.json", (True, "authenticated")),
                           ("ws_auth_success_minimal.json", (True, "authenticated")),
                           ("ws_auth_failed.json", (False, "auth failed"))):
        harness = Harness("stock", {})
        harness.feed_bytes(name)
        assert harness.conn._auth.result() == expected
        harness.close()


def test_subscribe_acks_answer_the_oldest_waiting_subscribe_in_order():
    harness = Harness("stock", {})
    first = harness.loop.create_future()
    second = harness.loop.create_future()
    harness.conn._acks.update({1: ("subscribe", first), 2: ("subscribe", second)})
    harness.feed_bytes("ws_subscribe_limit_exceeded.json")
    harness.feed_bytes("ws_subscribe_bad_action.json")
    assert first.result() == (False, "exceeding the maximum subscription limit")
    assert second.result() == (False, "cannot be resolved action")
    harness.close()


def test_pong_must_echo_our_ping():
    harness = Harness("stock", {})
    ping = json.loads(raw("ws_ping_request.json"))
    assert ping == {"ac": "ping", "params": "1731688569840"}
    harness.conn._pings[ping["params"]] = 0.0
    harness.feed_bytes("ws_pong_response.json")
    assert harness.conn.pongs == 1 and harness.conn._pings == {}
    harness.feed_bytes("ws_pong_response.json")  # the same echo again: not ours any more
    assert harness.conn.pongs == 1
    assert harness.feed.bad_messages.counts["pong"] == 1
    harness.close()


def test_our_requests_have_the_documented_shape():
    assert json.loads(raw("ws_auth_request_legacy.json")).keys() == {"ac", "params"}
    for name, params, types in (
        ("ws_subscribe_request.json", "AAPL$US,TSLA$US", "depth,quote"),
        ("ws_subscribe_request_forex.json", "EURUSD$GB,GBPUSD$GB", "quote"),
        ("ws_subscribe_request_kline.json", "EURUSD$GB", "tick,quote,depth,kline@1"),
    ):
        assert json.loads(raw(name)) == {"ac": "subscribe", "params": params, "types": types}
    # ours, for the same subscription, spells it the same way
    assert ",".join(sorted({"kline@1", "depth", "quote", "tick"}, key=_order)) == "tick,quote,depth,kline@1"
    assert [to_itick(s).wire for s in ("US:AAPL", "US:TSLA", "FX:EURUSD", "HK:00700")] == [
        "AAPL$US", "TSLA$US", "EURUSD$GB", "700$HK"]


def _order(name):
    return _type_order(name)


# -- REST --------------------------------------------------------------------------------------


def test_rest_stock_quote():
    m = wire.quote_decoder.decode(data("http_stock_quote_response.json"))
    q = ItickFeed(api_key="k").make_quote(m, "HK:00700")
    assert q == Quote("itick", "HK:00700", 1765526889000, last=616.0, prev_close=608.0,
                      open=608.0, high=616.0, low=601.5, volume=17825495.0,
                      turnover=10871536434.36, halted=False)
    assert q.change == 8.0 and q.change_pct == pytest.approx(1.32, abs=0.005)  # as iTick's ch/chp


def test_rest_stock_quotes_keyed_by_code():
    quotes = wire.quotes_decoder.decode(data("http_stock_quotes_response.json"))
    assert set(quotes) == {"700", "9988"}
    assert quotes["9988"].ld == 154.1 and quotes["9988"].p == 152.7 and quotes["9988"].chp == 0.92


def test_rest_crypto_quote_has_no_previous_close():
    m = wire.quote_decoder.decode(data("http_crypto_quote_response.json"))
    q = wire.to_quote(m, "CRYPTO:BTCUSDT")
    assert (q.last, q.open, q.high, q.low, q.prev_close) == (116211.33, 114953.48, 116828.93, 114259.0, None)
    assert q.volume == 11296.78228 and q.ts == 1754585059019 and q.halted is False


def test_rest_quote_derives_prev_close_from_change_when_p_is_absent():
    m = wire.QuoteFields(s="700", t=1, ld=154.1, ch=1.4)
    assert wire.to_quote(m, "HK:09988").prev_close == 152.7


def test_rest_tick_and_ticks():
    tick = wire.tick_decoder.decode(data("http_stock_tick_response.json"))
    assert wire.to_trade(tick, "HK:00700") == Trade("itick", "HK:00700", 1754554087000, 567.0,
                                                    1134500.0, Side.UNKNOWN)
    assert tick.te == 0
    ticks = wire.ticks_decoder.decode(data("http_stock_ticks_response.json"))
    assert ticks["9988"].ld == 119.2 and ticks["9988"].v == 3931400.0


def test_rest_depth_ten_levels_best_first():
    book = wire.to_book(wire.depth_decoder.decode(data("http_stock_depth_response.json")),
                        "HK:00700", 5)
    assert len(book.bids) == len(book.asks) == 10
    assert book.bids[0] == (566.5, 24700.0) and book.asks[0] == (567.0, 13400.0)
    assert book.bids[-1] == (562.0, 36900.0) and book.asks[-1] == (571.5, 83600.0)
    depths = wire.depths_decoder.decode(data("http_stock_depths_response.json"))
    assert depths["9988"].b[0].p == 116.7 and depths["700"].a[3].v == 1087000.0


def test_rest_depth_out_of_order_levels_are_sorted_by_position():
    m = wire.DepthFields(s="1", b=[wire.Level(p=9.0, v=1, po=2), wire.Level(p=10.0, v=2, po=1)])
    assert wire.to_book(m, "HK:00001", 0).bids == [(10.0, 2.0), (9.0, 1.0)]


def test_rest_klines():
    [bar] = wire.bars_decoder.decode(data("http_kline_response.json"))
    assert wire.to_bar(bar, "CRYPTO:BTCUSDT", Period.M1) == Bar(
        "itick", "CRYPTO:BTCUSDT", "1m", 1741239180000, 92474.22, 92491.67, 92438.54, 92490.57, 1.7387)
    [idx] = wire.bars_decoder.decode(data("http_indices_kline_response.json"))
    assert (idx.o, idx.c, idx.v, idx.tu) == (5842.62, 5842.62, 66000000.0, 385612920000.0)
    many = wire.bars_by_code_decoder.decode(data("http_klines_response.json"))
    assert many["ETHUSDT"][0].c == 2313.91 and many["BTCUSDT"][0].h == 92500.0
    [old] = wire.bars_decoder.decode(data("legacy_http_kline_response.json"))
    assert (old.t, old.o, old.v) == (1729090560000, 1.568, 4.0)


def test_fifteen_minute_bars_off_the_quarter_hour_are_the_old_ten_minute_kind():
    aligned = wire.BarFields(t=1741239000000, o=1, h=1, l=1, c=1)
    ten = wire.BarFields(t=1741239000000 + 600_000, o=1, h=1, l=1, c=1)
    wire.check_alignment([aligned], Period.M15)
    wire.check_alignment([ten], Period.M5)
    with pytest.raises(ValueError, match="10-minute"):
        wire.check_alignment([aligned, ten], Period.M15)


def test_legacy_tick_with_internal_symbol():
    tick = wire.tick_decoder.decode(data("legacy_http_tick_response.json"))
    assert (tick.s, tick.ld, tick.v, tick.t) == ("BA_BTC_USDT", 67600.0, 0.02989, 1729087440311)


def test_legacy_base_info_is_an_envelope_we_can_read():
    envelope = wire.envelope_decoder.decode(raw("legacy_http_base_response.json"))
    assert envelope.code == 0 and json.loads(bytes(envelope.data))["s"] == "839.HK"


def test_symbol_list_to_instruments():
    [item] = wire.symbols_decoder.decode(data("http_symbol_list_response.json"))
    assert (item.c, item.n, item.e, item.s) == ("700", "騰訊控股", "HKEX", None)
    inst = make_instrument(from_itick("stock", "HK", item.c), "stock-HK", item.n)
    assert inst.symbol == "HK:00700" and inst.name_zh == "騰訊控股" and inst.currency == "HKD"
    assert inst.price_decimals == 3 and inst.category == "stock-HK"


def test_holidays_dates_are_a_json_string():
    [h] = wire.holidays_decoder.decode(data("http_holidays_response.json"))
    assert (h.c, h.r, h.tz, h.et, h.ey) == ("AU", "Australia", 10.0, "09:30 - 16:00", "2025")
    assert h.dates()[:2] == ["2025-01-01", "2025-01-27"] and len(h.dates()) == 8


def test_market_status_open_is_boolean_or_string():
    s = wire.status_decoder.decode(data("http_market_status_response.json"))
    assert (s.s, s.z, s.is_open) == ("CLOSED_WEEKEND", "Europe/Madrid", False)
    assert wire.MarketStatus(o="true").is_open is True


def test_stock_info():
    info = wire.info_decoder.decode(data("http_stock_info_response.json"))
    assert (info.c, info.n, info.e, info.fcc) == ("AAPL", "Apple Inc.", "NASDAQ", "USD")
    assert info.mcb == 3436885784335.0 and info.pet == pytest.approx(35.3866, abs=1e-4)


# -- codes and periods ----------------------------------------------------------------------


@pytest.mark.parametrize(("symbol", "address"), [
    ("US:AAPL", ("stock", "US", "AAPL")),
    ("HK:00700", ("stock", "HK", "700")),
    ("SH:600519", ("stock", "SH", "600519")),
    ("SZ:002594", ("stock", "SZ", "002594")),
    ("FX:EURUSD", ("forex", "GB", "EURUSD")),
    ("CMDTY:XAUUSD", ("forex", "GB", "XAUUSD")),
    ("CMDTY:USOIL", ("forex", "GB", "USOIL")),
    ("IDX:SPX", ("indices", "GB", "SPX")),
    ("CRYPTO:BTCUSDT", ("crypto", "BA", "BTCUSDT")),
])
def test_canonical_symbols_map_both_ways(symbol, address):
    code = to_itick(symbol)
    assert (code.asset, code.region, code.code) == address
    assert from_itick(*address) == symbol


def test_symbols_itick_does_not_serve_are_refused_in_words():
    with pytest.raises(UnknownSymbolError, match="try CRYPTO:BTCUSDT"):
        to_itick("PERP:BTCUSDT")
    with pytest.raises(UnknownSymbolError, match="no canonical market"):
        from_itick("stock", "JP", "7203")


@pytest.mark.parametrize(("s", "r", "expected"), [
    ("EURUSD", "GB", ("EURUSD", "GB")),
    ("EURUSD$GB", "GB", ("EURUSD", "GB")),
    ("EURUSD$gb", None, ("EURUSD", "GB")),
    ("AAPL.US", None, ("AAPL", "US")),
    ("700.HK", None, ("700", "HK")),
    ("BRK.B", "US", ("BRK.B", "US")),
    ("BRK.B.US", None, ("BRK.B", "US")),
    ("700", None, ("700", None)),
])
def test_push_symbol_spellings(s, r, expected):
    assert split_push_symbol(s, r) == expected


def test_ktypes_follow_the_current_docs():
    assert [ktype(p, "crypto") for p in (Period.M1, Period.M5, Period.M15, Period.M30, Period.H1,
                                         Period.H2, Period.H4, Period.D1, Period.W1, Period.MN1)] \
        == list(range(1, 11))
    assert channel_type(Channel.BAR, Period.M15, "stock") == "kline@3"
    with pytest.raises(UnsupportedError, match="crypto only"):
        ktype(Period.H4, "stock")
    with pytest.raises(UnsupportedError, match="no 1y bars"):
        ktype(Period.Y1, "stock")
