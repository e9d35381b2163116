"""The application's shortcuts work from every pane: Settings (Ctrl+,), Quit, the search
(Ctrl+K, /) and the workspaces (Ctrl+1 … 9), whichever of the chart, the watchlist, the order
book, the tape or the symbol browser has the keyboard (issue 18: Ctrl+, did nothing over the
chart, and nothing anywhere on Linux, where Qt's standard Preferences key is empty).

The walk finds the shortcuts itself (the menus' actions, the window's actions and shortcuts),
so one added later is covered; it catches the shortcut event on its way to the action, so
nothing is opened or quit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu

from app.storage.settings import Settings
from app.storage.watchlists import WatchlistStore
from app.storage.workspaces import WorkspaceStore
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window

WATCH = ["US:AAPL", "HK:00700"]


@pytest.fixture
def window(qloop, qtbot, tmp_path):
    win = open_sim_window(qtbot, Settings(selected="US:AAPL"),
                          watchlists=WatchlistStore(tmp_path / "w.json", lambda v: list(WATCH), "Main"),
                          workspaces=WorkspaceStore(tmp_path / "ws.json"))
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    yield win
    run_task(qtbot, win.service.aclose())


class _Caught(QObject):
    """Takes the shortcut events of the actions and shortcuts it watches (so none acts)."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            self.hits.append(watched)
            return True
        return False


def _menu_actions(menu: QMenu) -> list[QAction]:
    menu.aboutToShow.emit()
    found = []
    for action in menu.actions():
        found += _menu_actions(action.menu()) if action.menu() is not None else [action]
    return found


def _shortcuts(window) -> list[tuple[str, QObject, QKeySequence]]:
    """Every key sequence the window answers to, with what it triggers."""
    found: list[tuple[str, QObject, QKeySequence]] = []
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    actions = [a for m in menus for a in _menu_actions(m)] + window.actions()
    for action in dict.fromkeys(actions):
        for keys in action.shortcuts():
            found.append((action.text() or keys.toString(), action, keys))
    for shortcut in window.findChildren(QShortcut):
        found.append((shortcut.key().toString(), shortcut, shortcut.key()))
    return found


def _panes(window):
    return {"chart": window.chart.view, "watchlist": window.watchlist.view, "order book": window.ladder.view,
            "tape": window.tape.view, "browser": window.browser.view}


def _press(qtbot, widget, keys: QKeySequence) -> None:
    combo = keys[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def test_settings_has_ctrl_comma_on_every_platform(window):
    found = {name: keys.toString() for name, _target, keys in _shortcuts(window)}
    assert found.get("&Settings…") == "Ctrl+,"


def test_every_application_shortcut_works_from_every_pane(window, qtbot):
    shortcuts = _shortcuts(window)
    names = {name for name, _t, _k in shortcuts}
    assert {"&Settings…", "&Quit", "Ctrl+K", "/"} <= names and sum(n.startswith("Ctrl+") for n in names) >= 10
    caught = _Caught()
    for _name, target, _keys in shortcuts:
        target.installEventFilter(caught)
    missed = []
    for pane, widget in _panes(window).items():
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus, timeout=2000)
        for name, target, keys in shortcuts:
            caught.hits.clear()
            _press(qtbot, widget, keys)
            if caught.hits != [target]:
                missed.append(f"{name} from the {pane}")
    assert missed == []


def test_ctrl_comma_over_the_chart_opens_the_settings(window, qtbot):
    window.chart.view.setFocus()
    qtbot.waitUntil(window.chart.view.hasFocus, timeout=2000)
    qtbot.keyClick(window.chart.view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.settings_dialog is not None and window.settings_dialog.isVisible(), timeout=2000)
    window.settings_dialog.reject()
