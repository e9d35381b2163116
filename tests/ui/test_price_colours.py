"""Prices are coloured against the previous close, as Futu, 同花顺 and 东方财富 colour them, in
red-up and in green-up: the watchlist's last price (a tick still flashes its cell, briefly, in
that tick's colour) and every level of the order book (its side shows in its size's bar)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.core.types import Book, Quote
from app.storage.watchlists import WatchlistStore
from app.ui.kit.theme import GREEN_UP, RED_UP
from app.ui.orderbook.model import DEPTH_FRACTION_ROLE, LadderColumn as LadderCol
from app.ui.orderbook.view import LadderWidget
from app.ui.watchlist.model import WatchlistColumn, WatchlistModel
from app.ui.watchlist.widget import WatchlistWidget
from tests.ui.test_ladder import FakeService as LadderService, book
from tests.ui.test_watchlist_model import FakeService as WatchService

PERP = "PERP:BTCUSDT"


def _close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tolerance


@pytest.fixture(params=[RED_UP, GREEN_UP], ids=["red-up", "green-up"])
def direction(request):
    return request.param


def test_the_last_price_is_coloured_by_the_day_and_a_tick_only_flashes(qapp, qtbot, direction):
    """+6.87 % on the day while every tick goes down: the price reads in the up colour, and its
    cell rests most of the time, between brief flashes in the down colour."""
    service = WatchService()
    model = WatchlistModel(service, direction)
    now = [1000.0]
    model.clock = lambda: now[0]
    model.set_symbols([PERP])
    widget = WatchlistWidget(model, WatchlistStore(None, lambda v: [PERP]), columns=["symbol", "last"])
    qtbot.addWidget(widget)
    widget.resize(400, 200)
    widget.show()
    stamp = int(time.time() * 1000)
    last = 107.0
    model.on_quotes({PERP: Quote("test", PERP, stamp, last=last, prev_close=100.0)})
    rested = flashed = samples = 0
    for _tick in range(30):  # a tick every 100 ms for three seconds, each one down
        now[0] += 0.05
        last -= 0.01
        model.on_quotes({PERP: Quote("test", PERP, stamp, last=round(last, 2), prev_close=100.0)})
        now[0] += 0.05
        ((_text, colour, background),) = model.paint_row(0, [WatchlistColumn.LAST])
        samples += 1
        assert colour == direction.up  # above the previous close, whatever the last tick did
        if background is None:
            rested += 1
        else:
            flashed += 1
            assert _close(background, direction.down, 400) and (
                background.green() > background.red()) == (direction.down.green() > direction.down.red())
    assert flashed >= 2  # the tick flash stays
    assert rested >= samples * 0.6, (rested, samples)  # and the cell shows the day most of the time

    now[0] += 2.0  # the flash over: in pixels, the price in the up colour on the table's own ground
    qtbot.waitUntil(lambda: not model._flash_timer.isActive(), timeout=2000)
    view = widget.view
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    x0, y0 = view.columnViewportPosition(WatchlistColumn.LAST), view.rowViewportPosition(0)
    pixels = [image.pixelColor(x, y) for x in range(x0, x0 + view.columnWidth(WatchlistColumn.LAST))
              for y in range(y0 + 2, y0 + view.rowHeight(0) - 2)]
    assert any(_close(p, direction.up) for p in pixels)
    assert not any(_close(p, direction.down) for p in pixels)


@pytest.fixture
def ladder(qapp, qtbot, direction):
    service = LadderService()
    widget = LadderWidget(service, direction)
    qtbot.addWidget(widget)
    widget.resize(420, 500)
    widget.show()
    widget.set_symbol("HK:00700")
    service.sig_books.emit({"HK:00700": book([(414.0, 500), (413.8, 1200), (413.6, 300)],
                                             [(414.2, 400), (414.4, 900), (414.6, 100)])})
    return widget, service


def _price_colours(widget) -> dict[float, QColor]:
    model = widget.model
    return {model.level(r)[1]: model.index(r, LadderCol.PRICE).data(Qt.ItemDataRole.ForegroundRole)
            for r in range(model.rowCount())}


def test_book_prices_are_coloured_against_the_previous_close(ladder, direction):
    widget, service = ladder
    service.sig_quotes.emit({"HK:00700": Quote("test", "HK:00700", 0, last=414.2, prev_close=414.0)})
    colours = _price_colours(widget)
    assert all(colours[p] == direction.up for p in (414.2, 414.4, 414.6))  # asks above the close: up
    assert colours[414.0] == direction.flat  # a bid at the close: plain
    assert all(colours[p] == direction.down for p in (413.8, 413.6))
    service.sig_quotes.emit({"HK:00700": Quote("test", "HK:00700", 0, last=414.2, prev_close=413.0)})
    assert set(map(QColor.name, _price_colours(widget).values())) == {direction.up.name()}  # bids too
    service.sig_quotes.emit({"HK:00700": Quote("test", "HK:00700", 0, last=414.2, prev_close=415.0)})
    assert set(map(QColor.name, _price_colours(widget).values())) == {direction.down.name()}  # asks too


def test_the_side_still_shows_in_its_size_bars(ladder, direction):
    widget, service = ladder
    service.sig_quotes.emit({"HK:00700": Quote("test", "HK:00700", 0, last=414.2, prev_close=413.0)})
    model = widget.model
    for r in range(model.rowCount()):
        is_ask = model.level(r)[0]
        _fraction, colour = model.index(r, LadderCol.ASK_SIZE if is_ask else LadderCol.BID_SIZE).data(
            DEPTH_FRACTION_ROLE)
        assert colour == (direction.down if is_ask else direction.up)


def test_without_a_previous_close_book_prices_are_plain(ladder, direction):
    widget, _service = ladder
    assert set(map(QColor.name, _price_colours(widget).values())) == {direction.flat.name()}


def test_the_watchlist_s_other_prices_are_coloured_against_the_previous_close(qapp, qtbot, direction):
    """Open, high, low, bid and ask each by its own side of the previous close."""
    service = WatchService()
    model = WatchlistModel(service, direction)
    model.set_symbols([PERP])
    widget = WatchlistWidget(model, WatchlistStore(None, lambda v: [PERP]),
                             columns=["symbol", "open", "high", "low", "bid", "ask", "prev_close"])
    qtbot.addWidget(widget)
    model.on_quotes({PERP: Quote("test", PERP, int(time.time() * 1000), last=100.0, prev_close=100.0,
                                 open=99.0, high=102.0, low=98.5)})
    model.on_books({PERP: Book("test", PERP, int(time.time() * 1000), [(99.9, 1.0)], [(100.1, 2.0)])})
    wanted = {WatchlistColumn.OPEN: direction.down, WatchlistColumn.HIGH: direction.up, WatchlistColumn.LOW: direction.down,
              WatchlistColumn.BID: direction.down, WatchlistColumn.ASK: direction.up}
    painted = dict(zip(wanted, (c[1] for c in model.paint_row(0, list(wanted))), strict=True))
    assert painted == wanted
    assert {c: model.index(0, c).data(Qt.ItemDataRole.ForegroundRole) for c in wanted} == wanted
    model.on_quotes({PERP: Quote("test", PERP, int(time.time() * 1000), last=100.0, prev_close=None,
                                 open=99.0, high=102.0, low=98.5)})
    assert all(c[1] is None for c in model.paint_row(0, list(wanted)))  # no close known: plain text
