"""A chart grid is kept in the workspace: its layout, each cell's symbol, period, link and
choices, and the active cell come back on a workspace switch and after a restart; a workspace
of one chart reads as before (no ``grid`` key)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.core.periods import Period
from app.storage.settings import Settings
from app.storage.watchlists import WatchlistStore
from app.storage.workspaces import WorkspaceStore
from app.ui.chart.items import ChartStyle
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window
from tests.ui.chart.test_grid import choose

WATCH = ["US:AAPL", "HK:00700", "SH:600519", "CRYPTO:BTCUSDT"]


def _open(qtbot, home):
    return open_sim_window(qtbot, Settings(selected="US:AAPL"),
                           watchlists=WatchlistStore(home / "w.json", lambda v: list(WATCH), "Main"),
                           workspaces=WorkspaceStore(home / "ws.json"))


@pytest.fixture
def window(qloop, qtbot, tmp_path):
    win = _open(qtbot, tmp_path)
    yield win
    run_task(qtbot, win.service.aclose())


def _cells(grid) -> list[tuple[str | None, Period, bool]]:
    return [(c.symbol, c.period, c.linked) for c in grid.cells]


def test_the_grid_and_its_cells_survive_a_workspace_switch_and_a_restart(window, qtbot, tmp_path):
    grid = window.chart_grid
    qtbot.waitUntil(lambda: window.chart.symbol == "US:AAPL", timeout=5000)
    choose(qtbot, window.chart, "3 charts: one big, two stacked")
    qtbot.waitUntil(lambda: len(grid.cells) == 3, timeout=5000)
    first, second, third = grid.cells
    QTest.mouseClick(third.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    third.set_linked(False)
    window.watchlist.select_symbol("HK:00700")  # the active cell is fixed: every cell keeps its own
    assert [c.symbol for c in grid.cells] == ["US:AAPL", "US:AAPL", "US:AAPL"] and window.ladder.symbol == "HK:00700"
    QTest.mouseClick(second.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    window.watchlist.select_symbol("SH:600519")
    third.style_box.setCurrentIndex(third.style_box.findData(ChartStyle.LINE))
    outer = grid._splitters[-1]  # the big chart made wider, as a user drags the handle
    handle = outer.handle(1)  # dragged by hand
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=QPoint(2, 20))
    QTest.mouseMove(handle, QPoint(2 + outer.width() // 4, 20))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=QPoint(2 + outer.width() // 4, 20))
    share = outer.sizes()[0] / sum(outer.sizes())
    assert share > 0.6
    saved = _cells(grid)
    assert saved == [("US:AAPL", Period.M1, True), ("SH:600519", Period.M5, True), ("US:AAPL", Period.H1, False)]
    window.workspaces.save_as("Grid")
    state = window.workspaces.store.get("Grid").panes["chart"]
    assert state["symbol"] == "US:AAPL" and state["grid"]["layout"] == "3l" and state["grid"]["active"] == 1
    # another workspace with one chart: the grid goes back to one, the first cell kept
    choose(qtbot, second, "1 chart")
    qtbot.waitUntil(lambda: len(grid.cells) == 1, timeout=5000)
    window.workspaces.save_as("Plain")
    assert "grid" not in window.workspaces.store.get("Plain").panes["chart"]
    window.workspaces.switch_to("Grid")
    assert grid.layout_name.value == "3l" and _cells(grid) == saved and grid.active is grid.cells[1]
    assert grid.cells[2].settings.style == ChartStyle.LINE.value
    qtbot.waitUntil(lambda: abs(grid._splitters[-1].sizes()[0] / sum(grid._splitters[-1].sizes()) - share) < 0.02,
                    timeout=3000)
    window.workspaces.switch_to("Plain")
    assert len(grid.cells) == 1 and window.charts == [window.chart]
    window.workspaces.switch_to("Grid")
    # quit on "Grid" (saved at quit); the next start shows it again
    window.close()
    run_task(qtbot, window.service.aclose())
    on_disk = json.loads((tmp_path / "ws.json").read_text())
    assert next(w for w in on_disk["workspaces"] if w["name"] == "Grid")["panes"]["chart"]["grid"]["layout"] == "3l"
    again = _open(qtbot, tmp_path)
    try:
        grid = again.chart_grid
        assert grid.layout_name.value == "3l" and _cells(grid) == saved and grid.active is grid.cells[1]
        qtbot.waitUntil(lambda: all(c.isVisible() and len(c.manager) > 10 for c in grid.cells), timeout=10000)
        assert grid.cells[2].view.candles.style is ChartStyle.LINE
        sizes = grid._splitters[-1].sizes()
        assert abs(sizes[0] / sum(sizes) - share) < 0.03, sizes
        assert again.charts[:3] == grid.cells
    finally:
        run_task(qtbot, again.service.aclose())
