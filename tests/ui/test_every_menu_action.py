"""Every menu action that neither quits nor opens a dialog (its text ends in "…") does something
a user can see or finds saved: the window's picture changes, a window opens, a setting or a
workspace is saved (issue 18: a control without a test that clicks it is unfinished).

The walk finds the actions itself, submenus included, and triggers them in the order of the
menus, as a user would pick them; a toggle is picked twice (on, then off), and an exclusive
group's current member is no choice. The simulator never steps, so nothing else moves; the
status bar's clock is left out of the picture.
"""

from __future__ import annotations

import logging

import msgspec
import pytest
from pytestqt.exceptions import TimeoutError  # noqa: A004 — qtbot.waitUntil's own
from PySide6.QtCore import QRect
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

from app.storage.settings import Settings
from app.storage.workspaces import WorkspaceStore
from app.ui.shell.main_window import MainWindow
from tests.support.windows import still_sim_window

@pytest.fixture
def window(qloop, qtbot, tmp_path):
    settings = Settings(watchlist=["HK:00700", "US:AAPL"], selected="HK:00700")
    with still_sim_window(qtbot, settings, workspaces=WorkspaceStore(tmp_path / "workspaces.json")) as win:
        yield win


def _state(win: MainWindow) -> tuple:
    """What a user sees (the window above its status bar, other windows) and finds saved."""
    height = win.statusBar().geometry().top()
    picture = win.grab(QRect(0, 0, win.width(), height)).toImage()
    others = frozenset(w for w in QApplication.topLevelWidgets() if w is not win and w.isVisible())
    store = win.workspaces.store
    workspaces = (store.current, tuple(msgspec.json.encode(store.get(n)) for n in store.names()))
    return picture, others, msgspec.json.encode(win.settings), workspaces


def _walk(menu: QMenu, path: str) -> list[tuple[str, QAction]]:
    """Every action of a menu and its submenus, with its path ("&View/&Theme/&Light")."""
    menu.aboutToShow.emit()  # menus filled as they open (the Workspace menu)
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found += _walk(action.menu(), f"{path}/{action.text()}")
        elif not action.isSeparator():
            found.append((f"{path}/{action.text()}", action))
    return found


def _is_choice(action: QAction) -> bool:
    """A pick to try: not Quit, not a dialog, not the current member of an exclusive group. A
    disabled action is tried too: one that never enables is a dead control (the View menu's
    pane toggles were)."""
    if not action.isVisible() or action.text().endswith("…"):
        return False
    if action.menuRole() is QAction.MenuRole.QuitRole:
        return False
    group = action.actionGroup()
    return not (group is not None and group.isExclusive() and action.isChecked())


def _does_something(qtbot, win, action: QAction, what: str) -> None:
    before = _state(win)
    action.trigger()
    try:
        qtbot.waitUntil(lambda: _state(win) != before, timeout=3000)
    except TimeoutError:
        pytest.fail(f"{what} did nothing a user can see or finds saved")


def test_every_menu_action_does_something(window, qtbot, caplog):
    caplog.set_level(logging.ERROR)
    walked: list[str] = []
    for top in window.menuBar().actions():
        for _ in range(200):  # a menu may be rebuilt by its own actions: walk it afresh
            pending = [(path, a) for path, a in _walk(top.menu(), top.text())
                       if _is_choice(a) and path not in walked]
            if not pending:
                break
            path, action = pending[0]
            _does_something(qtbot, window, action, repr(path))
            walked.append(path)
            if action.isCheckable() and action.actionGroup() is None:
                _does_something(qtbot, window, action, f"{path!r} again")
    assert {"&View/Red means up (Chinese convention)", "&View/&Theme/&Light", "&View/&Language/English",
            "&View/Symbols", "&Workspace/New &chart", "&Workspace/&Restore default layout",
            "&Workspace/&Save workspace"} <= set(walked), walked
    assert not any("Quit" in path for path in walked)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]
