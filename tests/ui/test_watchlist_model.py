"""The watchlist model and its table: cached texts, one repaint per batch, a sort that stays
put, the flash, the columns a user picks (book columns subscribe depth only while shown), the
market status, and today's sparkline."""

from __future__ import annotations

import asyncio
import time

import pytest
from PySide6.QtCore import QObject, Qt, Signal

from app.core.sessions import calendar_for
from app.core.symbols import market_of
from app.core.types import Bar, Book, Channel, Instrument, Quote
from app.storage.watchlists import WatchlistStore
from app.ui.kit.theme import RED_UP
from app.ui.watchlist.flash import FLASH_EVERY_MS
from app.ui.watchlist.model import FLASH_MS, SPARK_ROLE, WatchlistColumn, WatchlistModel
from app.ui.watchlist.widget import WatchlistWidget

SYMBOLS = ["US:AAPL", "HK:00700", "SH:600519"]
NOW = int(time.time() * 1000)


class FakeService(QObject):
    """What the model needs of the market-data service, with the subscriptions recorded."""

    sig_quotes = Signal(object)
    sig_books = Signal(object)
    history_is_cheap = False

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, int]] = []
        self.day_bars: dict[str, list[Bar]] = {}
        self.held: dict[tuple[str, Channel], int] = {}
        self.instruments = {"HK:00700": Instrument("HK:00700", "Tencent", "腾讯控股", price_decimals=3)}

    def acquire(self, symbols, channels, period=None):
        for s in symbols:
            for c in channels:
                self.held[(s, c)] = self.held.get((s, c), 0) + 1

    def release(self, symbols, channels, period=None):
        for s in symbols:
            for c in channels:
                self.held[(s, c)] -= 1

    def latest_quote(self, symbol):
        return None

    def fetch_history(self, symbol, period, count):
        self.asked.append((symbol, count))
        future = asyncio.get_event_loop().create_future()
        future.set_result(self.day_bars.get(symbol, []))
        return future

    def latest_book(self, symbol):
        return None

    def instrument(self, symbol):
        return self.instruments.get(symbol)

    def calendar(self, symbol):
        return calendar_for(market_of(symbol))


def quote(symbol: str, last: float, prev: float = 100.0, ts: int | None = None, session: str | None = None) -> Quote:
    stamp = int(time.time() * 1000) if ts is None else ts  # now, not when the module was imported
    return Quote("test", symbol, stamp, last=last, prev_close=prev, volume=1000.0, session=session)


@pytest.fixture
def service(qapp):
    return FakeService()


@pytest.fixture
def model(service):
    m = WatchlistModel(service, RED_UP)
    m.set_symbols(SYMBOLS)
    return m


def texts(model, col):
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_one_repaint_per_batch_and_texts_formatted_once_per_change(model, qtbot, monkeypatch):
    calls = []
    real = model._display
    monkeypatch.setattr(model, "_display", lambda s, c: calls.append((s, c)) or real(s, c))
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.on_quotes({s: quote(s, 101.0) for s in SYMBOLS})
    assert changed.args[0].row() == 0 and changed.args[1].row() == 2  # one span, one signal
    assert model.index(1, WatchlistColumn.LAST).data() == "101.000"  # the instrument's 3 decimals
    model.index(1, WatchlistColumn.LAST).data()
    assert calls.count(("HK:00700", WatchlistColumn.LAST)) == 1  # served from the cache the second time
    model.on_quotes({"HK:00700": quote("HK:00700", 102.0)})
    assert model.index(1, WatchlistColumn.LAST).data() == "102.000" and calls.count(("HK:00700", WatchlistColumn.LAST)) == 2
    assert model.index(0, WatchlistColumn.LAST).data() == "101.00" and calls.count(("US:AAPL", WatchlistColumn.LAST)) == 1


def test_a_sort_is_applied_once_and_rows_then_stay_put_until_asked(model, service, qtbot):
    widget = WatchlistWidget(model, WatchlistStore(None, lambda v: SYMBOLS))
    qtbot.addWidget(widget)
    model.on_quotes({"US:AAPL": quote("US:AAPL", 103.0), "HK:00700": quote("HK:00700", 101.0),
                     "SH:600519": quote("SH:600519", 102.0)})
    widget.select_symbol("HK:00700")
    widget._on_header_clicked(WatchlistColumn.LAST)
    assert model.shown == ["HK:00700", "SH:600519", "US:AAPL"]
    assert widget.view.currentIndex().row() == 0  # the selection followed its symbol
    model.on_quotes({"HK:00700": quote("HK:00700", 110.0)})  # now the highest: no jump
    assert model.shown == ["HK:00700", "SH:600519", "US:AAPL"]
    widget._on_header_clicked(WatchlistColumn.LAST)
    assert model.shown == ["HK:00700", "US:AAPL", "SH:600519"] and model.sort_descending
    widget._on_header_clicked(WatchlistColumn.LAST)
    assert model.sort_column is None and model.shown == SYMBOLS == model.symbols
    assert widget.view.currentIndex().row() == 1


def test_a_changed_price_flashes_up_or_down_and_fades(model, qtbot):
    model.on_quotes({"US:AAPL": quote("US:AAPL", 101.0)})
    assert model.index(0, WatchlistColumn.LAST).data(Qt.ItemDataRole.BackgroundRole) is None  # the first quote
    model.on_quotes({"US:AAPL": quote("US:AAPL", 101.5)})
    up = model.index(0, WatchlistColumn.LAST).data(Qt.ItemDataRole.BackgroundRole)
    assert up is not None and up.red() > up.green()  # red is up here
    model.clock = lambda: time.monotonic() + FLASH_EVERY_MS / 1000  # the next flash may come a moment later
    model.on_quotes({"US:AAPL": quote("US:AAPL", 101.2)})
    down = model.index(0, WatchlistColumn.LAST).data(Qt.ItemDataRole.BackgroundRole)
    assert down.green() > down.red()
    qtbot.waitUntil(lambda: model.index(0, WatchlistColumn.LAST).data(Qt.ItemDataRole.BackgroundRole) is None,
                    timeout=FLASH_MS * 5)
    qtbot.waitUntil(lambda: not model._flash_timer.isActive(), timeout=FLASH_MS)  # and then stops


def test_book_columns_subscribe_depth_only_while_shown(model, service, qtbot):
    widget = WatchlistWidget(model, WatchlistStore(None, lambda v: SYMBOLS))
    qtbot.addWidget(widget)
    assert all(service.held.get((s, Channel.DEPTH), 0) == 0 for s in SYMBOLS)
    with qtbot.waitSignal(widget.sig_columns_changed) as saved:
        widget.toggle_column(WatchlistColumn.SPREAD, True)
    assert saved.args[0][-1] == "spread"
    assert all(service.held[(s, Channel.DEPTH)] == 1 for s in SYMBOLS)
    model.on_books({"HK:00700": Book("test", "HK:00700", NOW, [(413.8, 1.0)], [(414.0, 2.0)])})
    assert model.index(1, WatchlistColumn.SPREAD).data() == "0.200"
    widget.toggle_column(WatchlistColumn.SPREAD, False)
    assert all(service.held[(s, Channel.DEPTH)] == 0 for s in SYMBOLS)
    assert not widget.view.isColumnHidden(WatchlistColumn.LAST) and widget.view.isColumnHidden(WatchlistColumn.SPREAD)


def test_chosen_columns_come_back_in_their_order_and_unknown_names_are_skipped(model, qtbot):
    widget = WatchlistWidget(model, WatchlistStore(None, lambda v: SYMBOLS),
                             columns=["last", "symbol", "status", "from_a_newer_version"])
    qtbot.addWidget(widget)
    assert widget.columns == [WatchlistColumn.LAST, WatchlistColumn.SYMBOL, WatchlistColumn.STATUS]
    assert widget.column_names() == ["last", "symbol", "status"]


def test_the_status_column_takes_the_vendors_session_while_fresh_else_the_calendar(model):
    model.on_quotes({"US:AAPL": quote("US:AAPL", 101.0, session="pre")})
    assert model.index(0, WatchlistColumn.STATUS).data() == "pre"
    model.on_quotes({"US:AAPL": quote("US:AAPL", 101.0, ts=int(time.time() * 1000) - 3_600_000, session="pre")})
    assert model.index(0, WatchlistColumn.STATUS).data() in {"pre", "open", "lunch", "after", "night", "closed"}
    assert model.index(2, WatchlistColumn.STATUS).data() in {"open", "lunch", "closed"}  # SH: no pre or night


def test_today_s_path_keeps_one_point_per_slot(model):
    for i, last in enumerate([101.0, 101.5, 102.0, 101.0]):
        model.on_quotes({"US:AAPL": quote("US:AAPL", last, ts=NOW - NOW % 60_000 + i * 5_000)})
    values, prev = model.index(0, WatchlistColumn.SPARK).data(SPARK_ROLE)
    assert prev == 100.0 and values[-1] == 101.0 and 1 <= len(values) <= 2
    assert model.index(0, WatchlistColumn.SPARK).data() is None  # drawn by its delegate, no text


def test_the_table_paints_rows_itself_with_the_models_texts_colours_and_flash(model, qtbot):
    widget = WatchlistWidget(model, WatchlistStore(None, lambda v: SYMBOLS), columns=["symbol", "last", "spark"])
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    widget.show_lists("test")
    model.on_quotes({"US:AAPL": quote("US:AAPL", 101.0)})
    model.on_quotes({"US:AAPL": quote("US:AAPL", 102.0)})  # up: the cell flashes red (red-up)
    cells = model.paint_row(0, [WatchlistColumn.SYMBOL, WatchlistColumn.LAST])
    assert [c[0] for c in cells] == ["US:AAPL", "102.00"] == [model.index(0, c).data() for c in (WatchlistColumn.SYMBOL, WatchlistColumn.LAST)]
    assert cells[1][1] == RED_UP.up and cells[1][2] is not None and cells[0][2] is None
    image = widget.view.viewport().grab().toImage()
    x = widget.view.columnViewportPosition(WatchlistColumn.LAST) + 2
    pixel = image.pixelColor(x, widget.view.rowViewportPosition(0) + 2)
    assert pixel.red() > pixel.green() + 20  # the flash, painted
    # a symbol removed while its cell flashes is simply forgotten
    model.remove_symbols(["US:AAPL"])
    qtbot.waitUntil(lambda: not model._flash_timer.isActive(), timeout=FLASH_MS * 3)
    assert model.shown == ["HK:00700", "SH:600519"]


def test_where_history_is_free_the_sparkline_starts_with_today_s_minute_bars(qloop, service, qtbot):
    service.history_is_cheap = True
    minute = int(time.time() * 1000) // 60_000 * 60_000
    service.day_bars["US:AAPL"] = [Bar("test", "US:AAPL", "1m", minute - (3 - i) * 60_000, 1, 1, 1, c, 1)
                                   for i, c in enumerate([99.0, 99.5, 100.5])]
    model = WatchlistModel(service, RED_UP)
    model.set_symbols(SYMBOLS)
    assert service.asked == []  # not while the column is hidden
    widget = WatchlistWidget(model, WatchlistStore(None, lambda v: SYMBOLS), columns=["symbol", "spark"])
    qtbot.addWidget(widget)
    assert [s for s, _n in service.asked] == SYMBOLS  # each row's day, once
    qtbot.waitUntil(lambda: model.spark("US:AAPL")[:3] == [99.0, 99.5, 100.5], timeout=2000)
    model.on_quotes({"US:AAPL": quote("US:AAPL", 101.0)})
    assert model.spark("US:AAPL") == [99.0, 99.5, 100.5, 101.0]  # the live path continues it
    widget.toggle_column(WatchlistColumn.SPARK, False)
    widget.toggle_column(WatchlistColumn.SPARK, True)
    assert len(service.asked) == len(SYMBOLS)  # not asked twice
