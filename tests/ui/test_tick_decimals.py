"""The tick decides the decimals wherever a price is shown, and the ladder counts ticks band by
band: a US stock under $1.00 trades in $0.0001 (Reg NMS Rule 612), so 0.5123 is not "0.51"
and a one-tick spread is not "0.00"; on HKEX 0.246 / 0.255 straddles the 0.25 band edge of
the spread table and is 5 ticks (4 × 0.001 + 1 × 0.005), not 9."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QObject, Signal

from app.core.instruments import market_defaults
from app.core.sessions import calendar_for
from app.core.symbols import market_of
from app.core.types import Book, ConnectionState, Instrument, Quote, Side, Status, Trade
from app.ui.kit.theme import RED_UP
from app.ui.orderbook.model import LadderColumn as LadderCol
from app.ui.orderbook.view import LadderWidget
from app.ui.tape.model import TapeColumn as TapeCol
from app.ui.tape.view import TapeWidget
from app.ui.watchlist.model import WatchlistColumn as WatchCol
from app.ui.watchlist.model import WatchlistModel

NOW = int(time.time() * 1000)
# The instruments as the vendors' catalogues make them (market_defaults: the tick table).
XYZ = Instrument("US:XYZ", "XYZ Corp", **market_defaults("US:XYZ"))  # type: ignore[arg-type]
PENNY = Instrument("HK:01234", "A penny stock", **market_defaults("HK:01234"))  # type: ignore[arg-type]
INSTRUMENTS = {i.symbol: i for i in (XYZ, PENNY)}


class FakeService(QObject):
    """What the ladder, the tape and the watchlist need of the market-data service."""

    sig_books = Signal(object)
    sig_quotes = Signal(object)
    sig_status = Signal(object)
    sig_trades = Signal(object)
    sig_instruments = Signal(object)
    trade_times_ms = True
    history_is_cheap = False

    def __init__(self) -> None:
        super().__init__()
        self.status = Status("test", ConnectionState.CONNECTED)

    def acquire(self, symbols, channels, period=None): ...

    def release(self, symbols, channels, period=None): ...

    def latest_book(self, symbol):
        return None

    def latest_quote(self, symbol):
        return None

    def calendar(self, symbol):
        return calendar_for(market_of(symbol))

    def instrument(self, symbol):
        return INSTRUMENTS.get(symbol)

    def fetch_history(self, symbol, period, count):
        raise RuntimeError("no history in this test")


@pytest.fixture
def service(qapp):
    return FakeService()


def ladder_for(service, qtbot, symbol: str, bids, asks) -> LadderWidget:
    widget = LadderWidget(service, RED_UP)
    qtbot.addWidget(widget)
    widget.resize(420, 500)
    widget.show()
    widget.set_symbol(symbol)
    service.sig_books.emit({symbol: Book("test", symbol, NOW, bids, asks)})
    return widget


def prices(ladder: LadderWidget) -> list[str]:
    m = ladder.model
    return [m.index(r, LadderCol.PRICE).data() for r in range(m.rowCount())]


def test_a_sub_dollar_us_book_shows_its_ten_thousandths(service, qtbot):
    ladder = ladder_for(service, qtbot, "US:XYZ", [(0.5123, 100), (0.5122, 300)], [(0.5124, 200), (0.5125, 50)])
    assert prices(ladder) == ["0.5125", "0.5124", "0.5123", "0.5122"]
    assert ladder.spread.text().startswith("Spread 0.0001 · 1 tick (")  # not "0.00"
    assert ladder.spread.text().endswith("mid 0.51235")


def test_the_hk_spread_counts_ticks_band_by_band(service, qtbot):
    ladder = ladder_for(service, qtbot, "HK:01234", [(0.246, 10_000), (0.245, 4_000)], [(0.255, 8_000), (0.26, 2_000)])
    assert prices(ladder) == ["0.260", "0.255", "0.246", "0.245"]  # the 0.005 and 0.001 bands: 3 decimals
    assert ladder.spread.text().startswith("Spread 0.009 · 5 ticks (")
    service.sig_books.emit({"HK:01234": Book("test", "HK:01234", NOW, [(412.8, 100)], [(413.0, 100)])})
    assert prices(ladder) == ["413.000", "412.800"]  # the 0.2 band, in HK's usual 3 decimals
    assert ladder.spread.text().startswith("Spread 0.200 · 1 tick (")


def test_the_tape_shows_each_print_at_its_tick(service, qtbot):
    tape = TapeWidget(service, RED_UP, filters={})
    qtbot.addWidget(tape)
    tape.set_symbol("US:XYZ")
    service.sig_trades.emit({"US:XYZ": [Trade("test", "US:XYZ", NOW, 0.5123, 100.0, Side.BUY),
                                        Trade("test", "US:XYZ", NOW + 1, 1.02, 100.0, Side.BUY)]})
    assert [tape.model.index(r, TapeCol.PRICE).data() for r in range(2)] == ["1.02", "0.5123"]


def test_the_watchlist_shows_each_price_at_its_tick(service, qtbot):
    model = WatchlistModel(service, RED_UP)
    model.set_symbols(["US:XYZ", "HK:01234"])
    model.set_book_columns(True)
    model.on_quotes({"US:XYZ": Quote("test", "US:XYZ", NOW, last=0.5123, prev_close=0.5, open=0.5001,
                                     high=0.5200, low=0.4999),
                     "HK:01234": Quote("test", "HK:01234", NOW, last=0.246, prev_close=0.25)})
    model.on_books({"US:XYZ": Book("test", "US:XYZ", NOW, [(0.5123, 100)], [(0.5124, 100)])})

    def text(symbol: str, col: WatchCol) -> str:
        return model.index(model.row_of(symbol), col).data()

    assert text("US:XYZ", WatchCol.LAST) == "0.5123"
    assert text("US:XYZ", WatchCol.CHANGE) == "+0.0123"
    assert text("US:XYZ", WatchCol.HIGH) == "0.5200" and text("US:XYZ", WatchCol.LOW) == "0.4999"
    assert text("US:XYZ", WatchCol.BID) == "0.5123" and text("US:XYZ", WatchCol.ASK) == "0.5124"
    assert text("US:XYZ", WatchCol.SPREAD) == "0.0001"  # one tick, not "0.00"
    assert text("HK:01234", WatchCol.LAST) == "0.246" and text("HK:01234", WatchCol.CHANGE) == "-0.004"


def test_the_chart_takes_its_decimals_from_the_tick_at_the_day_s_low(service):
    """Axis labels, the legend and the last-price marker share the view's decimals."""
    from types import SimpleNamespace

    from app.ui.chart.widget import ChartWidget

    quotes = {"US:XYZ": Quote("test", "US:XYZ", NOW, last=1.05, low=0.9876)}
    service.latest_quote = quotes.get
    chart = SimpleNamespace(_service=service)
    assert ChartWidget._decimals(chart, "US:XYZ") == 4  # the day went below $1.00
    quotes["US:XYZ"] = Quote("test", "US:XYZ", NOW, last=1.05, low=1.01)
    assert ChartWidget._decimals(chart, "US:XYZ") == 2
    quotes["HK:01234"] = Quote("test", "HK:01234", NOW, last=0.246)
    assert ChartWidget._decimals(chart, "HK:01234") == 3
