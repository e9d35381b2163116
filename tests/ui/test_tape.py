"""Time & sales: sides or ticks, large prints, the minimum size (per symbol, over the history
kept), the view holding still while the user reads down, and the bound on its length."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QObject, Qt, Signal

from app.core.types import Instrument, Side, Trade
from app.storage.settings import TapeFilter
from app.ui.kit.theme import RED_UP
from app.ui.tape.model import MAX_ROWS, TapeColumn
from app.ui.tape.view import TapeWidget

BTC = Instrument("CRYPTO:BTCUSDT", "Bitcoin / Tether", price_decimals=2, size_decimals=5)
T0 = int(time.time() * 1000)


class FakeService(QObject):
    sig_trades = Signal(object)
    sig_instruments = Signal(object)
    trade_times_ms = True

    def acquire(self, symbols, channels, period=None): ...

    def release(self, symbols, channels, period=None): ...

    def instrument(self, symbol):
        return BTC if symbol == BTC.symbol else None


def trade(price: float, size: float, side: Side = Side.BUY, i: int = 0, symbol: str = BTC.symbol) -> Trade:
    return Trade("test", symbol, T0 + i, price, size, side)


@pytest.fixture
def service(qapp):
    return FakeService()


@pytest.fixture
def tape(service, qtbot):
    widget = TapeWidget(service, RED_UP, filters={})
    qtbot.addWidget(widget)
    widget.resize(360, 400)
    widget.show()
    widget.set_symbol(BTC.symbol)
    return widget


def column(tape, col):
    return [tape.model.index(r, col).data() for r in range(tape.model.rowCount())]


def test_sides_colours_and_millisecond_times(tape, service):
    service.sig_trades.emit({BTC.symbol: [trade(100.0, 0.5, Side.BUY, 1), trade(99.5, 0.25, Side.SELL, 2)]})
    assert column(tape, TapeColumn.SIDE) == ["Sell", "Buy"]  # newest first
    assert column(tape, TapeColumn.SIZE) == ["0.25000", "0.50000"]
    assert column(tape, TapeColumn.TIME)[0].count(".") == 1  # milliseconds where the vendor has them
    assert tape.model.index(0, TapeColumn.PRICE).data(Qt.ItemDataRole.ForegroundRole) == RED_UP.down


def test_without_a_side_the_tick_tells_the_direction(tape, service):
    prices = [100.0, 100.5, 100.5, 100.2, 100.2]
    service.sig_trades.emit({BTC.symbol: [trade(p, 1.0, Side.UNKNOWN, i) for i, p in enumerate(prices)]})
    assert column(tape, TapeColumn.SIDE) == ["▼", "▼", "▲", "▲", ""]  # level prints keep the last tick
    assert tape.model.index(0, TapeColumn.PRICE).data(Qt.ItemDataRole.ForegroundRole) == RED_UP.down
    assert tape.model.index(2, TapeColumn.PRICE).data(Qt.ItemDataRole.ForegroundRole) == RED_UP.up
    assert "no side" in tape.model.index(0, TapeColumn.SIDE).data(Qt.ItemDataRole.ToolTipRole)


def test_large_prints_auto_then_by_size_then_by_notional(tape, service):
    service.sig_trades.emit({BTC.symbol: [trade(100.0, 1.0, i=i) for i in range(30)] + [trade(100.0, 6.0, i=31)]})
    assert tape.model.is_large(0) and not tape.model.is_large(1)  # auto: ≥ 5 × the median (1.0)
    assert tape.model.index(0, TapeColumn.SIZE).data(Qt.ItemDataRole.BackgroundRole) is not None
    tape.large.setValue(10.0)  # an explicit size: 6 is no longer large
    assert not tape.model.is_large(0)
    tape.large_by.setCurrentIndex(1)  # notional: 6 × 100 = 600 ≥ 10
    assert tape.model.is_large(0) and tape.model.is_large(1)
    assert tape.filters[BTC.symbol] == TapeFilter(large=10.0, by_notional=True)


def test_the_minimum_size_filters_the_history_kept_and_is_remembered_per_symbol(tape, service):
    sizes = [0.1, 2.0, 0.2, 3.0]
    service.sig_trades.emit({BTC.symbol: [trade(100.0, s, i=i) for i, s in enumerate(sizes)]})
    tape.min_size.setValue(1.0)
    assert column(tape, TapeColumn.SIZE) == ["3.00000", "2.00000"]
    service.sig_trades.emit({BTC.symbol: [trade(100.0, 0.5, i=10), trade(100.0, 1.5, i=11)]})
    assert column(tape, TapeColumn.SIZE)[0] == "1.50000" and tape.model.rowCount() == 3
    tape.min_size.setValue(0.0)  # looser: the small prints kept come back
    assert tape.model.rowCount() == 6
    tape.min_size.setValue(1.0)
    tape.set_symbol("CRYPTO:ETHUSDT")
    assert tape.min_size.value() == 0.0
    tape.set_symbol(BTC.symbol)
    assert tape.min_size.value() == 1.0 and tape.filters[BTC.symbol].min_size == 1.0


def test_the_view_holds_still_while_the_user_reads_down_then_returns_to_the_newest(tape, service, qtbot):
    service.sig_trades.emit({BTC.symbol: [trade(100.0 + i, 1.0, i=i) for i in range(200)]})
    bar = tape.view.verticalScrollBar()
    assert bar.value() == 0 and not tape.paused
    bar.setValue(40)
    top = tape.model.trade_at(tape.view.rowAt(0))
    service.sig_trades.emit({BTC.symbol: [trade(500.0 + i, 1.0, i=300 + i) for i in range(7)]})
    assert tape.paused and tape.model.trade_at(tape.view.rowAt(0)) == top  # the same print on top
    assert tape.resume.isVisible() and "7 new prints" in tape.resume.text()
    tape.resume.click()
    assert bar.value() == 0 and not tape.resume.isVisible()
    assert tape.model.trade_at(0).price == 506.0
    service.sig_trades.emit({BTC.symbol: [trade(600.0, 1.0, i=400)]})  # following again
    assert bar.value() == 0 and tape.model.trade_at(0).price == 600.0


def test_the_tape_is_bounded(tape, service):
    service.sig_trades.emit({BTC.symbol: [trade(100.0, 1.0, i=i) for i in range(MAX_ROWS + 250)]})
    assert tape.model.rowCount() == MAX_ROWS
    assert tape.model.trade_at(0).ts == T0 + MAX_ROWS + 249  # the newest kept
