"""Help ▸ Keyboard shortcuts (F1, Ctrl+/): every key of the window, found by walking its actions
and shortcuts (so a key a pane adds later is listed without editing the dialog), the keys that are
no action (typing starts a search, the chart's arrows), and a filter that narrows the list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu

from app.storage.settings import Settings
from app.ui.shell.key_table import CHART_KEYS, key_text
from app.ui.shell.keys_dialog import KeysDialog
from tests.support.windows import still_sim_window

NATIVE = QKeySequence.SequenceFormat.NativeText


@pytest.fixture
def window(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700", "US:AAPL"], selected="HK:00700")) as win:
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=3000)
        yield win


def _open_with(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> KeysDialog:
    window.chart.view.setFocus()
    qtbot.waitUntil(window.chart.view.hasFocus, timeout=2000)
    qtbot.keyClick(window.chart.view, key, modifiers)
    qtbot.waitUntil(lambda: window.keys_help.dialog is not None and window.keys_help.dialog.isVisible(), timeout=2000)
    return window.keys_help.dialog


def _menu_actions(menu: QMenu) -> list[QAction]:
    menu.aboutToShow.emit()
    found = []
    for action in menu.actions():
        found += _menu_actions(action.menu()) if action.menu() is not None else [action]
    return found


def _every_keyed_action(window) -> list[QAction]:
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    actions = [a for m in menus for a in _menu_actions(m)] + window.actions() + window.findChildren(QAction)
    return [a for a in dict.fromkeys(actions) if any(not k.isEmpty() for k in a.shortcuts())]


def test_f1_lists_every_action_and_shortcut_of_the_window(window, qtbot):
    dialog = _open_with(qtbot, window, Qt.Key.Key_F1)
    shown = dialog.shown_rows()
    keys_shown = {keys for _group, keys, _what in shown}
    for action in _every_keyed_action(window):
        keys = ", ".join(k.toString(NATIVE) for k in action.shortcuts() if not k.isEmpty())
        what = action.text().replace("&", "") or action.whatsThis()
        assert any(k == keys and w == what for _g, k, w in shown), (keys, what)
    for shortcut in window.findChildren(QShortcut):
        assert shortcut.key().toString(NATIVE) in keys_shown
    groups = [g for g, _k, _w in shown]
    assert {"File", "Help", "Window", "Chart", "Watchlist", "Symbol search"} <= set(groups)
    assert ("File", "Ctrl+,", "Settings…") in shown
    assert any(g == "Help" and k.startswith("F1, ") and k.endswith(", Ctrl+/") and w == "Keyboard shortcuts…"
               for g, k, w in shown)  # (between them, the platform's own help keys)
    assert ("Window", "Ctrl+1", "Switch to workspace 1 of the Workspace menu") in shown
    assert ("Window", "A letter or a digit",
            "Search symbols (键盘精灵): a code, a name or pinyin initials") in shown  # typing: no action, kept listed


def test_a_key_a_pane_adds_later_is_listed_in_its_group(window, qtbot):
    tool = QAction("Trend line", window.chart)  # as a drawing tool registers itself
    tool.setShortcut(QKeySequence("Alt+T"))
    tool.setProperty("keys_group", "Drawing")
    window.chart.addAction(tool)
    dialog = _open_with(qtbot, window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert ("Drawing", QKeySequence("Alt+T").toString(NATIVE), "Trend line") in dialog.shown_rows()


def test_the_filter_narrows_the_list(window, qtbot):
    dialog = _open_with(qtbot, window, Qt.Key.Key_F1)
    everything = dialog.shown_rows()
    qtbot.waitUntil(dialog.filter.hasFocus, timeout=2000)  # typing filters at once
    qtbot.keyClicks(dialog.filter, "zoom")
    zoom = dialog.shown_rows()
    assert 0 < len(zoom) < len(everything)
    assert all("zoom" in what.lower() for _g, _k, what in zoom)
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "ctrl+k")  # a key, as the list writes it
    assert [(g, w) for g, _k, w in dialog.shown_rows()] == [("Window", "Search symbols")]
    assert not dialog.nothing.isVisible()
    qtbot.keyClicks(dialog.filter, "x")  # "ctrl+kx": nothing
    assert dialog.shown_rows() == [] and dialog.nothing.isVisible()
    assert dialog.nothing.text() == "No key matches “ctrl+kx”"
    dialog.filter.clear()
    assert dialog.shown_rows() == everything


def test_the_chart_keys_listed_are_keys_the_chart_answers(window, qtbot):
    """The table of keys that are no action says what the chart does: each moves the view."""
    view = window.chart.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    keys = [k for k, _what in CHART_KEYS if not isinstance(k, str)]
    assert [key_text(k) for k in keys] == ["Left", "Right", "Up", "Down", "Home", "End"]
    for key in (Qt.Key.Key_Home, Qt.Key.Key_Right, Qt.Key.Key_End, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Down):
        assert key in keys
        before = view.x_range()
        qtbot.keyClick(view, key)
        assert view.x_range() != before, key_text(key)
