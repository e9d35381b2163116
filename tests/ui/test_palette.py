"""The symbol palette as a user meets it: typing in a pane, Ctrl+K, pinyin, Enter and
Ctrl+Enter, Esc, and words when nothing matches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.storage.settings import Settings
from tests.support.windows import window_on_sim


@pytest.fixture
def window(qloop, qtbot):
    settings = Settings(watchlist=["US:AAPL", "CRYPTO:BTCUSDT"], selected="US:AAPL")
    with window_on_sim(qtbot, settings) as win:
        qtbot.waitUntil(lambda: len(win.service.instruments()) > 40, timeout=5000)
        yield win


def _first(palette) -> str | None:
    hits = palette.model.hits
    return hits[0].instrument.symbol if hits else None


def test_typing_in_a_pane_opens_the_palette_and_enter_charts_the_best_match(window, qtbot):
    palette = window.palette
    view = window.watchlist.view
    view.setFocus()
    qtbot.keyClicks(view, "g")  # the table would have taken it for its own search
    assert palette.isVisible() and palette.edit.text() == "g"
    qtbot.keyClicks(palette.edit, "zmt")
    qtbot.waitUntil(lambda: _first(palette) == "SH:600519", timeout=2000)
    assert "Kweichow Moutai" in palette.model.index(0, 1).data()
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    assert not palette.isVisible()
    assert window.chart.symbol == window.ladder.symbol == window.tape.symbol == "SH:600519"
    assert window.watchlist_model.symbols == ["US:AAPL", "CRYPTO:BTCUSDT"]  # charted, not added


def test_ctrl_k_arrows_and_ctrl_enter_add_to_the_watchlist(window, qtbot):
    palette = window.palette
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert palette.isVisible() and palette.edit.text() == ""
    assert "pinyin" in palette.message.text()  # the empty state says what to type
    qtbot.keyClicks(palette.edit, "ping an")
    qtbot.waitUntil(lambda: _first(palette) == "HK:02318", timeout=2000)
    qtbot.keyClick(palette.edit, Qt.Key.Key_Down)  # the second: Ping An Bank
    assert palette.list.currentIndex().row() == 1
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.watchlist_model.symbols[-1] == "SZ:000001"
    assert window.chart.symbol == "SZ:000001"
    assert window.watchlist.view.currentIndex().row() == window.watchlist_model.row_of("SZ:000001")


def test_nothing_found_is_said_and_esc_closes(window, qtbot):
    palette = window.palette
    window.open_palette("zzqx")
    assert palette.isVisible()
    assert "No symbol matches “zzqx”" in palette.message.text() and palette.model.rowCount() == 0
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)  # nothing to choose: nothing happens
    assert palette.isVisible() and window.chart.symbol == "US:AAPL"
    qtbot.keyClick(palette.edit, Qt.Key.Key_Escape)
    assert not palette.isVisible()
