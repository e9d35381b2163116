"""Watchlists as a user keeps them: tabs (new, rename, switch, move, delete), rows (Delete,
drag to reorder, drops from the symbol browser), all on disk at once and back after a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.core.types import Channel
from app.storage.settings import Settings
from app.storage.watchlists import WatchlistStore
from app.ui.kit.symbol_mime import symbols_from_mime
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window

WATCH = ["US:AAPL", "HK:00700", "SH:600519", "CRYPTO:BTCUSDT"]


@pytest.fixture
def path(tmp_path):
    return tmp_path / "watchlists.json"


def _open(qtbot, path):
    store = WatchlistStore(path, Settings(watchlist=list(WATCH)).watchlist_for, "Main")
    return open_sim_window(qtbot, Settings(selected="US:AAPL"), watchlists=store)


@pytest.fixture
def window(qloop, qtbot, path):
    win = _open(qtbot, path)
    yield win
    run_task(qtbot, win.service.aclose())


def _on_disk(path) -> WatchlistStore:
    return WatchlistStore(path, lambda v: ["never"], "Main")


def test_delete_removes_the_selected_rows_and_the_next_row_takes_the_selection(window, qtbot, path):
    widget, model = window.watchlist, window.watchlist_model
    widget.select_symbol("HK:00700")
    qtbot.keyClick(widget.view, Qt.Key.Key_Delete)
    assert model.symbols == ["US:AAPL", "SH:600519", "CRYPTO:BTCUSDT"]
    assert widget.view.currentIndex().row() == 1 and window.chart.symbol == "SH:600519"
    assert _on_disk(path).symbols("sim") == model.symbols  # saved at once
    # its quotes are released: the ladder and tape moved on to the next row too
    assert window.service._refs.count(("HK:00700", Channel.QUOTE, None)) == 0
    assert window.service._refs.count(("SH:600519", Channel.QUOTE, None)) >= 1


def test_rows_reorder_by_drag_and_symbols_drop_in_from_the_browser(window, qtbot, path):
    model = window.watchlist_model
    # what the table does with a drag of two rows dropped before the first one
    data = model.mimeData([model.index(2, 0), model.index(3, 0)])
    assert symbols_from_mime(data) == ["SH:600519", "CRYPTO:BTCUSDT"]
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.symbols == ["SH:600519", "CRYPTO:BTCUSDT", "US:AAPL", "HK:00700"]
    model.dropMimeData(model.mimeData([model.index(0, 0)]), Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert model.symbols == ["CRYPTO:BTCUSDT", "US:AAPL", "HK:00700", "SH:600519"]  # onto the end
    assert _on_disk(path).symbols("sim") == model.symbols
    # a symbol dragged out of the browser joins where it is dropped
    browser = window.browser
    qtbot.waitUntil(lambda: browser.expand_category("fx"), timeout=3000)
    fx = next(browser.model.index(r, 0) for r in range(browser.model.rowCount())
              if browser.model.index(r, 0).data() in ("Forex", "外汇"))
    qtbot.waitUntil(lambda: browser.model.rowCount(fx) > 0, timeout=3000)
    drag = browser.model.mimeData([browser.model.index(0, 0, fx)])
    assert model.canDropMimeData(drag, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
    model.dropMimeData(drag, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
    assert model.symbols[1] == "FX:EURUSD" and len(model.symbols) == 5
    qtbot.waitUntil(lambda: model.quote("FX:EURUSD") is not None, timeout=5000)  # subscribed
    assert _on_disk(path).symbols("sim")[1] == "FX:EURUSD"


def test_named_lists_in_tabs_are_kept_on_disk_and_come_back_after_a_restart(window, qtbot, path):
    widget, model = window.watchlist, window.watchlist_model
    assert [widget.tabs.tabText(i) for i in range(widget.tabs.count())] == ["Main"]
    widget.ask_new_list().textValueSelected.emit("Crypto")
    assert widget.tabs.count() == 2 and widget.tabs.currentIndex() == 1
    assert model.symbols == [] and widget.empty.isVisible()  # says how to fill it
    window.add_to_watchlist("CRYPTO:ETHUSDT")
    window.add_to_watchlist("PERP:BTCUSDT")
    assert not widget.empty.isVisible()
    qtbot.waitUntil(lambda: model.quote("CRYPTO:ETHUSDT") is not None, timeout=5000)
    widget.ask_rename(1).textValueSelected.emit("Coins")
    widget.tabs.setCurrentIndex(0)
    assert model.symbols == WATCH
    widget.tabs.moveTab(1, 0)
    disk = _on_disk(path)
    assert disk.names("sim") == ["Coins", "Main"] and disk.current("sim") == 1
    assert disk.symbols("sim", 0) == ["CRYPTO:ETHUSDT", "PERP:BTCUSDT"]
    # a restart shows the same tabs, on the same list
    window.close()
    run_task(qtbot, window.service.aclose())
    again = _open(qtbot, path)
    try:
        tabs = again.watchlist.tabs
        assert [tabs.tabText(i) for i in range(tabs.count())] == ["Coins", "Main"] and tabs.currentIndex() == 1
        assert again.watchlist_model.symbols == WATCH
        # deleting a list is asked first; then it is gone from the disk too
        box = again.watchlist.ask_delete(0)
        assert "Coins" in box.text() and "2 symbols" in box.text()
        box.accept()
        assert _on_disk(path).names("sim") == ["Main"] and tabs.count() == 1
    finally:
        run_task(qtbot, again.service.aclose())
