"""One linked symbol, shown everywhere: whichever pane picks it (the watchlist, the symbol
browser, the search typed over the chart), the watchlist highlights its row (or none when the
list does not hold it) and the chart, the order book and the tape show it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.storage.settings import Settings
from app.storage.watchlists import WatchlistStore
from app.storage.workspaces import WorkspaceStore
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window

WATCH = ["US:AAPL", "HK:00700", "SH:600519", "CRYPTO:BTCUSDT"]


@pytest.fixture
def window(qloop, qtbot, tmp_path):
    win = open_sim_window(qtbot, Settings(selected="US:AAPL"),
                          watchlists=WatchlistStore(tmp_path / "w.json", lambda v: list(WATCH), "Main"),
                          workspaces=WorkspaceStore(tmp_path / "ws.json"))
    yield win
    run_task(qtbot, win.service.aclose())


def _highlighted(window) -> list[str]:
    """The watchlist rows shown selected, and the current row (the keyboard's)."""
    view, model = window.watchlist.view, window.watchlist_model
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
    current = view.currentIndex()
    return [model.symbol_at(r) for r in rows] + ([f"current {model.symbol_at(current.row())}"]
                                                if current.isValid() else [])


def _shows(window, symbol: str) -> bool:
    return window.chart.symbol == window.ladder.symbol == window.tape.symbol == symbol


def test_picking_in_the_browser_moves_the_watchlist_selection(window, qtbot):
    browser, model = window.browser, window.browser.model
    assert _highlighted(window) == ["US:AAPL", "current US:AAPL"]
    qtbot.waitUntil(lambda: browser.expand_category("hk"), timeout=3000)
    hk = next(model.index(r, 0) for r in range(model.rowCount())
              if model.nodes[r].category.id == "hk")
    qtbot.waitUntil(lambda: model.rowCount(hk) >= 2, timeout=3000)
    rows = {model.instrument(model.index(r, 0, hk)).symbol: r for r in range(model.rowCount(hk))}
    browser.view.setCurrentIndex(model.index(rows["HK:00700"], 0, hk))  # in the watchlist
    assert _shows(window, "HK:00700")
    assert _highlighted(window) == ["HK:00700", "current HK:00700"]
    browser.view.setCurrentIndex(model.index(rows["HK:09988"], 0, hk))  # not in it
    assert _shows(window, "HK:09988")
    assert _highlighted(window) == []


def test_the_search_typed_over_the_chart_moves_the_watchlist_selection(window, qtbot):
    window.chart.view.setFocus()
    qtbot.waitUntil(lambda: window.chart.view.hasFocus(), timeout=3000)
    for text, symbol, highlighted in (("600519", "SH:600519", ["SH:600519", "current SH:600519"]),
                                      ("09988", "HK:09988", [])):
        qtbot.keyClicks(window.chart.view, text[0])  # typing over the chart opens the search
        qtbot.waitUntil(window.palette.isVisible, timeout=2000)
        qtbot.keyClicks(window.palette.edit, text[1:])
        qtbot.keyClick(window.palette.edit, Qt.Key.Key_Return)
        assert _shows(window, symbol)
        assert _highlighted(window) == highlighted
        window.chart.view.setFocus()


def test_a_row_picked_in_the_watchlist_links_every_pane(window, qtbot):
    window.chart_symbol("HK:09988")  # elsewhere first: nothing highlighted
    assert _highlighted(window) == []
    view = window.watchlist.view
    rect = view.visualRect(window.watchlist_model.index(3, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _shows(window, "CRYPTO:BTCUSDT")
    assert _highlighted(window) == ["CRYPTO:BTCUSDT", "current CRYPTO:BTCUSDT"]
