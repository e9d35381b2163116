"""The order-book ladder: sizes and running totals on each side, the spread in price, ticks and
basis points with the mid, the imbalance, changed levels flashing, and a crossed, stale or
disconnected book marked rather than shown as good."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QObject, Qt, Signal

from app.core.sessions import Phase, calendar_for
from app.core.symbols import market_of
from app.core.types import Book, ConnectionState, Instrument, Quote, Status
from app.ui.kit.theme import RED_UP
from app.ui.orderbook import view as ladder_module
from app.ui.orderbook.model import FLASH_MS, FLASH_ROLE, LadderColumn
from app.ui.orderbook.view import LadderWidget

TENCENT = Instrument("HK:00700", "Tencent", "腾讯控股", lot_size=100, tick_size=0.2, tick_table="HK",
                     price_decimals=3)
NOW = int(time.time() * 1000)


class FakeService(QObject):
    sig_books = Signal(object)
    sig_quotes = Signal(object)
    sig_status = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.status = Status("test", ConnectionState.CONNECTED)
        self.held: list[str] = []

    def acquire(self, symbols, channels, period=None):
        self.held += symbols

    def release(self, symbols, channels, period=None):
        for s in symbols:
            self.held.remove(s)

    def latest_book(self, symbol):
        return None

    def latest_quote(self, symbol):
        return None

    def instrument(self, symbol):
        return TENCENT if symbol == "HK:00700" else None

    def calendar(self, symbol):
        return calendar_for(market_of(symbol))


def book(bids, asks, symbol="HK:00700") -> Book:
    return Book("test", symbol, NOW, bids, asks)


@pytest.fixture
def service(qapp):
    return FakeService()


@pytest.fixture
def ladder(service, qtbot):
    widget = LadderWidget(service, RED_UP)
    qtbot.addWidget(widget)
    widget.resize(420, 500)
    widget.show()
    widget.set_symbol("HK:00700")
    service.sig_books.emit({"HK:00700": book([(413.8, 500), (413.6, 1200), (413.4, 300)],
                                             [(414.0, 400), (414.2, 900), (414.4, 100)])})
    return widget


def cells(ladder, col):
    m = ladder.model
    return [m.index(r, col).data() for r in range(m.rowCount())]


def test_levels_sizes_and_running_totals_from_the_touch_outward(ladder):
    assert cells(ladder, LadderColumn.PRICE) == ["414.400", "414.200", "414.000", "413.800", "413.600", "413.400"]
    assert cells(ladder, LadderColumn.ASK_SIZE) == ["100", "900", "400", "", "", ""]
    assert cells(ladder, LadderColumn.ASK_TOTAL) == ["1,400", "1,300", "400", "", "", ""]
    assert cells(ladder, LadderColumn.BID_SIZE) == ["", "", "", "500", "1,200", "300"]
    assert cells(ladder, LadderColumn.BID_TOTAL) == ["", "", "", "500", "1,700", "2,000"]


def test_the_spread_in_price_ticks_and_basis_points_with_the_mid_and_the_imbalance(ladder):
    assert ladder.spread.text() == "Spread 0.200 · 1 tick (4.83 bp) · mid 413.900"
    assert ladder.imbalance.text() == "Imbalance +18% (bids 2,000 · asks 1,400)"
    assert not ladder.warning.isVisible() or "closed" in ladder.warning.text()


def test_a_changed_level_flashes_and_fades(ladder, service, qtbot):
    m = ladder.model
    service.sig_books.emit({"HK:00700": book([(413.8, 500), (413.6, 1200), (413.4, 300)],
                                             [(414.0, 700), (414.2, 900), (414.4, 100)])})
    flashing = [r for r in range(m.rowCount()) if m.index(r, LadderColumn.ASK_SIZE).data(FLASH_ROLE) is not None]
    assert flashing == [2]  # only 414.000 changed (400 → 700)
    assert all(m.index(r, LadderColumn.BID_SIZE).data(FLASH_ROLE) is None for r in range(m.rowCount()))
    qtbot.waitUntil(lambda: m.index(2, LadderColumn.ASK_SIZE).data(FLASH_ROLE) is None, timeout=FLASH_MS * 4)
    qtbot.waitUntil(lambda: not ladder._flash.isActive(), timeout=FLASH_MS * 2)


def test_a_crossed_book_is_marked_and_dimmed(ladder, service):
    service.sig_books.emit({"HK:00700": book([(414.2, 500)], [(414.0, 400)])})
    assert ladder.model.crossed
    assert ladder.warning.isVisible() and "Crossed book" in ladder.warning.text()
    assert ladder._dim.isEnabled()
    service.sig_books.emit({"HK:00700": book([(413.8, 500)], [(414.0, 400)])})
    assert not ladder._dim.isEnabled()


def test_a_lost_connection_or_a_silent_open_market_marks_the_book_stale(ladder, service, monkeypatch):
    monkeypatch.setattr(ladder_module, "market_phase", lambda calendar, ts: Phase.OPEN)
    ladder.check_book()
    assert not ladder._dim.isEnabled()
    ladder._updated = time.monotonic() - ladder_module.STALE_S - 5
    ladder.check_book()
    assert "Stale: no update for" in ladder.warning.text() and ladder._dim.isEnabled()
    service.sig_books.emit({"HK:00700": book([(413.8, 500)], [(414.0, 400)])})  # news again
    assert not ladder._dim.isEnabled()
    service.status = Status("test", ConnectionState.RECONNECTING)
    service.sig_status.emit(service.status)
    assert "Connection lost: book as of" in ladder.warning.text() and ladder._dim.isEnabled()


def test_a_closed_market_s_book_says_when_it_is_from_without_a_warning(ladder, service, monkeypatch):
    service.sig_quotes.emit({"HK:00700": Quote("test", "HK:00700", NOW, last=414.0, prev_close=414.0)})
    monkeypatch.setattr(ladder_module, "market_phase", lambda calendar, ts: Phase.CLOSED)
    ladder._updated = time.monotonic() - 3600
    ladder.check_book()
    assert ladder.warning.text().startswith("Market closed: book as of") and "HKT" in ladder.warning.text()
    assert not ladder._dim.isEnabled()
    assert ladder.model.index(0, LadderColumn.PRICE).data(Qt.ItemDataRole.ForegroundRole) == RED_UP.up  # 414.4: up
