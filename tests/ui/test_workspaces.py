"""Workspaces as a user keeps them: extra charts (linked or fixed), docks hidden or floating,
the linked symbol and the open watchlist, saved by name, switched with Ctrl+N, restored at the
next start; "Restore default layout" always brings the docks back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.periods import Period
from app.storage.settings import Settings
from app.storage.watchlists import WatchlistStore
from app.storage.workspaces import WorkspaceStore
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window

WATCH = ["US:AAPL", "HK:00700", "SH:600519", "CRYPTO:BTCUSDT"]


def _open(qtbot, tmp_path):
    return open_sim_window(qtbot, Settings(selected="US:AAPL"),
                           watchlists=WatchlistStore(tmp_path / "w.json", lambda v: list(WATCH), "Main"),
                           workspaces=WorkspaceStore(tmp_path / "ws.json"))


@pytest.fixture
def window(qloop, qtbot, tmp_path):
    win = _open(qtbot, tmp_path)
    yield win
    run_task(qtbot, win.service.aclose())


def test_a_fixed_chart_keeps_its_symbol_while_linked_ones_follow(window, qtbot):
    fixed = window.add_chart("SH:600519", linked=False)
    follower = window.add_chart()
    assert [c.symbol for c in window.charts] == ["US:AAPL", "SH:600519", "US:AAPL"]
    window.watchlist.select_symbol("HK:00700")
    assert window.chart.symbol == follower.symbol == "HK:00700" and fixed.symbol == "SH:600519"
    fixed.set_linked(True)
    window.watchlist.select_symbol("CRYPTO:BTCUSDT")
    assert fixed.symbol == "CRYPTO:BTCUSDT"
    # closing a chart's dock removes it
    dock = window.extra_charts[0][0]
    dock.close()
    qtbot.waitUntil(lambda: len(window.extra_charts) == 1, timeout=2000)


def test_enter_in_the_watchlist_charts_the_row_and_puts_the_keys_on_the_chart(window, qtbot):
    view = window.watchlist.view
    view.setFocus()
    view.setCurrentIndex(window.watchlist_model.index(2, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.chart.symbol == "SH:600519"
    qtbot.waitUntil(lambda: window.focusWidget() is window.chart.view, timeout=5000)  # once its bars show


def test_workspaces_saved_by_name_switched_with_ctrl_n_and_back_after_a_restart(window, qtbot, tmp_path):
    controller = window.workspaces
    window.watchlist.select_symbol("HK:00700")
    window.chart.set_symbol("HK:00700", Period.M5)
    window.add_chart("SH:600519", linked=False)
    window.browser_dock.hide()
    window.watchlist.new_list("Crypto")
    controller.ask_save_as().textValueSelected.emit("Trading")
    assert controller.store.names() == ["Trading"] and controller.store.current == "Trading"
    # another arrangement: the default layout, one list, another symbol
    controller.restore_default_layout()
    assert window.extra_charts == [] and window.browser_dock.isVisible()
    window.watchlist.tabs.setCurrentIndex(0)
    window.watchlist.select_symbol("US:AAPL")
    controller.save_as("Plain")
    assert controller.store.names() == ["Trading", "Plain"]
    # Ctrl+1: back to "Trading" as it was
    next(a for a in window.actions() if a.shortcut().toString() == "Ctrl+1").trigger()
    assert controller.store.current == "Trading"
    assert [c.symbol for c in window.charts] == ["HK:00700", "SH:600519"]
    assert not window.charts[1].linked and window.chart.period is Period.M5
    assert not window.browser_dock.isVisible() and window.watchlist.tabs.currentIndex() == 1
    assert window.settings.selected == "HK:00700" and window.ladder.symbol == "HK:00700"
    # Ctrl+2 saves "Trading" on the way out and shows "Plain"
    next(a for a in window.actions() if a.shortcut().toString() == "Ctrl+2").trigger()
    assert window.extra_charts == [] and window.browser_dock.isVisible() and window.ladder.symbol == "US:AAPL"
    # quit on "Plain"; the next start shows it again, and "Trading" is still there
    window.close()
    run_task(qtbot, window.service.aclose())
    again = _open(qtbot, tmp_path)
    try:
        assert again.workspaces.store.current == "Plain" and again.ladder.symbol == "US:AAPL"
        again.workspaces.switch_to("Trading")
        assert [c.symbol for c in again.charts] == ["HK:00700", "SH:600519"]
        # restoring the default layout always works, even from a floating dock
        again.ladder_dock.setFloating(True)
        again.workspaces.restore_default_layout()
        assert not again.ladder_dock.isFloating() and again.extra_charts == []
        assert all(d.isVisible() for d in (again.watchlist_dock, again.browser_dock, again.chart_dock,
                                           again.ladder_dock, again.tape_dock))
    finally:
        run_task(qtbot, again.service.aclose())
