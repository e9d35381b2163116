"""The Alerts dock in the layouts: behind the Symbols tab at first, there again when a workspace
saved before alerts existed is restored (Qt would leave it wherever it fell), and where the user
put it when the workspace knows it."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from app.storage.settings import Settings
from app.storage.workspaces import WorkspaceStore
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "workspaces"


def _tabbed_with_symbols(window) -> bool:
    return window.alerts.dock in window.tabifiedDockWidgets(window.browser_dock)


def test_a_workspace_from_before_alerts_puts_the_dock_behind_symbols(qloop, qtbot, tmp_path):
    shutil.copy(FIXTURES / "workspaces-v1.json", tmp_path / "ws.json")
    window = open_sim_window(qtbot, Settings(selected="US:AAPL"), workspaces=WorkspaceStore(tmp_path / "ws.json"))
    try:
        assert window.workspaces.store.current == "Plain"  # restored at start
        assert _tabbed_with_symbols(window) and window.alerts.dock.isVisible()
        window.alerts.dock.setFloating(False)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.alerts.dock)  # the user moves it
        assert not _tabbed_with_symbols(window)
        window.workspaces.switch_to("Trading")  # "Plain" saved on the way: with the dock where it is now
        window.workspaces.switch_to("Plain")
        assert not _tabbed_with_symbols(window)
        assert window.dockWidgetArea(window.alerts.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    finally:
        run_task(qtbot, window.service.aclose())
