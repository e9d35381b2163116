"""The window's shell as a trader resizes and restarts it: the chart takes the extra width, its
tool bar never hides a control behind », a restart brings back the same dock widths, and a
new chart opens beside the current one, in sight."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolBar, QToolButton

from app.storage.settings import Settings
from app.storage.watchlists import WatchlistStore
from app.storage.workspaces import WorkspaceStore
from app.ui.watchlist.columns import WatchlistColumn
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window

WATCH = ["US:AAPL", "HK:00700", "SH:600519", "CRYPTO:BTCUSDT"]


def _open(qtbot, tmp_path, size=(1600, 900)):
    window = open_sim_window(qtbot, Settings(selected="US:AAPL"),
                             watchlists=WatchlistStore(tmp_path / "w.json", lambda v: list(WATCH), "Main"),
                             workspaces=WorkspaceStore(tmp_path / "ws.json"))
    window.resize(*size)
    return window


@pytest.fixture
def window(qloop, qtbot, tmp_path):
    win = _open(qtbot, tmp_path)
    yield win
    run_task(qtbot, win.service.aclose())


def _widths(window) -> dict[str, int]:
    return {d.objectName(): d.width() for d in (window.watchlist_dock, window.chart_dock, window.ladder_dock,
                                                window.tape_dock, window.browser_dock)}


def _settled(qtbot, window, width: int) -> None:
    """The docks laid out for the window's new width: they fill it (separators aside) and
    keep their widths over a pass of the event loop."""
    seen: list[dict[str, int]] = []

    def still() -> bool:
        right = max(d.geometry().right() for d in (window.ladder_dock, window.chart_dock))
        seen.append(_widths(window))
        return window.width() == width and right > width - 12 and len(seen) > 1 and seen[-1] == seen[-2]
    qtbot.waitUntil(still, timeout=3000)


def _columns_settled(qtbot, window) -> list[int]:
    """The watchlist's column widths once every row has its first quote (the columns fit their
    content, so they are compared with prices in them) and a pass of the loop changes none."""
    view, model = window.watchlist.view, window.watchlist_model
    seen: list[list[int]] = []

    def still() -> bool:
        if any(model.index(r, WatchlistColumn.LAST).data() in (None, "") for r in range(model.rowCount())):
            return False
        seen.append([view.columnWidth(c) for c in range(model.columnCount())])
        return len(seen) > 1 and seen[-1] == seen[-2]
    qtbot.waitUntil(still, timeout=5000)
    return seen[-1]


def _hidden_tools(chart) -> list[str]:
    """What the chart's tool bars fold behind their » button (or do not show at all)."""
    hidden = []
    for bar in chart.findChildren(QToolBar):
        extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
        if extension is not None and extension.isVisible():
            hidden.append(f"» on {bar.objectName() or 'a tool bar'}")
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if action.isVisible() and widget is not None and not widget.isVisible():
                hidden.append(action.text() or widget.objectName() or type(widget).__name__)
    return hidden


def test_the_chart_takes_the_extra_width_when_the_window_grows(window, qtbot):
    _settled(qtbot, window, 1600)
    before = _widths(window)
    window.resize(1920, 900)
    qtbot.waitUntil(lambda: _widths(window)["dock-chart"] != before["dock-chart"], timeout=3000)
    _settled(qtbot, window, 1920)
    after = _widths(window)
    assert after["dock-chart"] - before["dock-chart"] >= 300  # (of the 320 px)
    for name in ("dock-watchlist", "dock-ladder", "dock-tape", "dock-browser"):
        assert abs(after[name] - before[name]) <= 4, (name, before, after)
    # and back: the chart gives the width back, the side panes keep theirs
    window.resize(1600, 900)
    _settled(qtbot, window, 1600)
    assert all(abs(v - before[k]) <= 4 for k, v in _widths(window).items()), (before, _widths(window))
    # narrower: the chart keeps a fair share (not squeezed to its minimum while the watchlist
    # keeps 650 px), the side panes give alike; wide again, all are back
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: _widths(window)["dock-chart"] < before["dock-chart"], timeout=3000)
    _settled(qtbot, window, 1280)
    narrow = _widths(window)
    assert narrow["dock-chart"] >= 0.36 * 1280, narrow
    assert narrow["dock-watchlist"] < before["dock-watchlist"] and narrow["dock-ladder"] >= 280, narrow
    window.resize(1100, 720)  # narrower still: the chart at its least, the side panes at their floors or more
    qtbot.waitUntil(lambda: _widths(window)["dock-chart"] < narrow["dock-chart"], timeout=3000)
    _settled(qtbot, window, 1100)
    narrower = _widths(window)
    assert narrower["dock-watchlist"] >= 280 and narrower["dock-ladder"] >= 280 and narrower["dock-chart"] >= 420
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: _widths(window)["dock-chart"] > narrower["dock-chart"], timeout=3000)
    _settled(qtbot, window, 1600)
    assert all(abs(v - before[k]) <= 4 for k, v in _widths(window).items()), (before, _widths(window))


@pytest.mark.parametrize("width", [1600, 1920, 1280, 1100])
def test_the_chart_tool_bar_hides_nothing(qloop, qtbot, tmp_path, width):
    window = _open(qtbot, tmp_path, (width, 720 if width < 1600 else 900))
    try:
        _settled(qtbot, window, width)
        qtbot.waitUntil(lambda: window.chart.magnet_button.isVisible(), timeout=3000)
        # the layout settles once the bars have replaced the empty note (the drawing strip's
        # height with it)
        qtbot.waitUntil(lambda: _hidden_tools(window.chart) == [], timeout=3000)
        assert window.chart.zone_box.isVisible() and window.chart.studies_button.isVisible()
        # a usable picture: the chart and the side panes keep sensible widths
        widths = _widths(window)
        assert widths["dock-chart"] >= 420 and widths["dock-watchlist"] >= 280 and widths["dock-ladder"] >= 280
    finally:
        run_task(qtbot, window.service.aclose())


@pytest.mark.parametrize("saved_at", [1600, 1920])
def test_a_restart_brings_back_the_same_dock_and_column_widths(qloop, qtbot, tmp_path, saved_at):
    """The window always opens 1600 wide: a layout saved in a wider window (maximised) comes
    back with the side panes as they were, the chart narrower (not the watchlist squeezed)."""
    first = _open(qtbot, tmp_path)
    _settled(qtbot, first, 1600)
    first.resize(saved_at, 900)
    _settled(qtbot, first, saved_at)
    widths = _widths(first)
    widths["dock-chart"] -= saved_at - 1600
    columns = _columns_settled(qtbot, first)
    visible = first.watchlist.view.columnAt(first.watchlist.view.viewport().width() - 1)
    first.close()  # saves the workspace
    run_task(qtbot, first.service.aclose())
    second = _open(qtbot, tmp_path)
    try:
        _settled(qtbot, second, 1600)
        assert all(abs(v - widths[k]) <= 4 for k, v in _widths(second).items()), (widths, _widths(second))
        assert _columns_settled(qtbot, second) == columns
        assert second.watchlist.view.columnAt(second.watchlist.view.viewport().width() - 1) == visible
    finally:
        run_task(qtbot, second.service.aclose())


def test_a_new_chart_opens_beside_the_current_one_in_sight(window, qtbot):
    _settled(qtbot, window, 1600)
    window.workspaces.menu.aboutToShow.emit()
    new_chart = next(a for a in window.workspaces.menu.actions() if a.text() == "New &chart")
    new_chart.trigger()
    dock, chart = window.extra_charts[-1]
    qtbot.waitUntil(lambda: chart.isVisible() and window.chart.isVisible(), timeout=3000)
    assert not window.tabifiedDockWidgets(window.chart_dock)
    first = window.chart_dock.geometry()
    second = dock.geometry()
    assert not first.intersects(second)
    assert second.width() >= 300 and first.width() >= 300
    # a third opens beside the one in use (the last opened), still all in sight
    third = window.add_chart()
    qtbot.waitUntil(third.isVisible, timeout=3000)
    docks = [window.chart_dock, *(d for d, _c in window.extra_charts)]
    assert all(d.isVisible() and not window.tabifiedDockWidgets(d) for d in docks)
    rects = [d.geometry() for d in docks]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])

