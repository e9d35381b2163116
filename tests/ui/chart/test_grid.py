"""Chart grids as a trader uses them: the layout button's menu puts 1, 2 (side by side or
stacked), 3 or 4 charts in the chart dock, each with its own symbol and period set through its
own controls; the cell last clicked takes the watchlist's symbol; hovering a moment in one cell
marks the bar holding it in every other, on any period; four to one keeps the active chart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QToolBar, QToolButton

from app.core.periods import Period
from app.storage.settings import Settings
from app.ui.chart.grid.button import LayoutButton
from app.ui.shell.grid_widths import CELL_WIDTH
from tests.support.qt_loop import run_task
from tests.support.windows import still_sim_window

WATCH = ["HK:00700", "SH:600519", "US:AAPL"]


@pytest.fixture
def window(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=list(WATCH), selected="HK:00700")) as win:
        yield win


def _button(chart) -> LayoutButton:
    return chart.findChild(LayoutButton, "chart-layout")


def choose(qtbot, chart, label: str) -> None:
    """Click the chart's layout button, then the menu entry ``label`` in the menu it opens."""
    button = _button(chart)
    seen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, pick)
            return
        seen.extend(a.text() for a in menu.actions())
        action = next(a for a in menu.actions() if a.text() == label)
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    # laid out first (a cell just activated shows its tool bars at the next layout pass)
    qtbot.waitUntil(lambda: button.isVisible() and button.height() > 0, timeout=3000)
    QTimer.singleShot(0, pick)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # opens its menu until an entry is picked
    assert label in seen


def _loaded(grid) -> bool:
    return all(c.symbol is not None and c._loaded and len(c.manager) > 10 for c in grid.cells)


def _rects(window, grid):
    qtbot_rects = []
    for chart in grid.cells:
        top_left = chart.mapTo(window, QPoint(0, 0))
        qtbot_rects.append((top_left.x(), top_left.y(), chart.width(), chart.height()))
    return qtbot_rects


def _settle(qtbot, window, grid, count: int) -> list[tuple[int, int, int, int]]:
    qtbot.waitUntil(lambda: len(grid.cells) == count and _loaded(grid) and all(c.isVisible() for c in grid.cells),
                    timeout=10000)
    qtbot.wait(50)  # (one layout pass for the splitters)
    return _rects(window, grid)


def test_each_layout_from_the_button_arranges_its_charts(window, qtbot):
    grid = window.chart_grid
    main = window.chart
    assert _button(main) is not None and _button(main).isVisible()
    cases = [("2 charts side by side", 2), ("2 charts stacked", 2), ("3 charts: one big, two stacked", 3),
             ("3 charts side by side", 3), ("4 charts (2 × 2)", 4), ("1 chart", 1)]
    for label, count in cases:
        choose(qtbot, grid.cells[0], label)
        r = _settle(qtbot, window, grid, count)
        assert window.charts[:count] == grid.cells and len(window.charts) == count
        x, y, w, h = 0, 1, 2, 3
        if label == "2 charts side by side":  # same row, one after the other, each about half
            assert r[0][y] == r[1][y] and r[1][x] >= r[0][x] + r[0][w] and abs(r[0][w] - r[1][w]) < 60
        elif label == "2 charts stacked":
            assert r[0][x] == r[1][x] and r[1][y] >= r[0][y] + r[0][h] and abs(r[0][h] - r[1][h]) < 60
        elif label.startswith("3 charts: one big"):  # the first full height, two stacked right of it
            assert r[1][x] == r[2][x] > r[0][x] and r[2][y] > r[1][y] and r[0][h] > r[1][h] + r[2][h] - 20
        elif label == "3 charts side by side":
            assert r[0][y] == r[1][y] == r[2][y] and r[0][x] < r[1][x] < r[2][x]
        elif count == 4:  # 2 × 2: two columns, two rows
            assert r[0][y] == r[1][y] < r[2][y] == r[3][y] and r[0][x] == r[2][x] < r[1][x] == r[3][x]
        else:
            assert grid.cells == [main] and r[0][w] > 600
        assert all(_button(c).layout_shown.value == grid.layout_name.value for c in grid.cells)
    # a new cell starts on the active chart's symbol, on the next periods (1m → 5m → 1h → 1d)
    choose(qtbot, main, "4 charts (2 × 2)")
    _settle(qtbot, window, grid, 4)
    assert [c.period for c in grid.cells] == [Period.M1, Period.M5, Period.H1, Period.D1]
    assert {c.symbol for c in grid.cells} == {"HK:00700"}


def test_each_cell_has_its_own_period_and_symbol_and_the_clicked_one_takes_the_watchlists(window, qtbot):
    grid = window.chart_grid
    choose(qtbot, window.chart, "2 charts side by side")
    _settle(qtbot, window, grid, 2)
    left, right = grid.cells
    hour = next(b for b in right.period_buttons.buttons() if b.text() == "1h")
    qtbot.mouseClick(hour, Qt.MouseButton.LeftButton)  # the right cell's own period button
    assert right.period is Period.H1 and left.period is Period.M1
    assert grid.active is right  # clicking in a cell makes it the active one
    window.watchlist.select_symbol("SH:600519")
    assert right.symbol == "SH:600519" and left.symbol == "HK:00700" and window.ladder.symbol == "SH:600519"
    QTest.mouseClick(left.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert grid.active is left
    window.watchlist.select_symbol("US:AAPL")
    assert left.symbol == "US:AAPL" and right.symbol == "SH:600519" and right.period is Period.H1


def _bar_at(chart, when: int) -> int:
    """The bar holding ``when``: computed here from the chart's own bar times."""
    ts = chart.manager.ts
    starts = [k for k in range(len(ts)) if int(ts[k]) <= when]
    assert starts, "the moment is before the chart's first bar"
    return starts[-1]


def test_hovering_a_moment_marks_the_bar_holding_it_in_every_other_cell(window, qtbot):
    grid = window.chart_grid
    choose(qtbot, window.chart, "4 charts (2 × 2)")
    _settle(qtbot, window, grid, 4)
    minute = grid.cells[0]
    others = grid.cells[1:]
    assert [c.period for c in others] == [Period.M5, Period.H1, Period.D1]
    legends = [c.view.price.plot.titleLabel.items for c in others]
    viewport = minute.view.viewport()
    point = QPoint(int(viewport.width() * 0.4), int(viewport.height() * 0.3))
    QTest.mouseMove(viewport, point + QPoint(5, 3))
    QTest.mouseMove(viewport, point)
    qtbot.waitUntil(lambda: minute.view.hover is not None, timeout=3000)
    when = int(minute.manager.ts[minute.view.hover])
    for chart in others:
        j = _bar_at(chart, when)
        ts = chart.manager.ts
        assert int(ts[j]) <= when and (j == len(ts) - 1 or when < int(ts[j + 1]))
        lines = [pane.v_line for pane in chart.view.panes]
        assert all(line.isVisible() and line.value() == j for line in lines), (chart.period, j)
        assert not any(pane.h_line.isVisible() for pane in chart.view.panes)
    # cheap: only the lines moved; the other cells' legends still show their last bar
    assert [c.view.price.plot.titleLabel.items for c in others] == legends
    assert all(c.view.hover is None for c in others)
    # the five-minute cell hovered: the one-minute cell marks the bar holding that moment
    five = grid.cells[1]
    five_port = five.view.viewport()
    QTest.mouseMove(five_port, QPoint(int(five_port.width() * 0.6), int(five_port.height() * 0.3)))
    qtbot.waitUntil(lambda: five.view.hover is not None, timeout=3000)
    when = int(five.manager.ts[five.view.hover])
    if when >= int(minute.manager.ts[0]):
        assert minute.view.price.v_line.value() == _bar_at(minute, when) and minute.view.price.v_line.isVisible()
    # the pointer off the bars (over the price axis): the marks go
    QTest.mouseMove(five_port, QPoint(five_port.width() - 5, int(five_port.height() * 0.3)))
    qtbot.waitUntil(lambda: not any(c.view.price.v_line.isVisible() for c in grid.cells if c is not five),
                    timeout=3000)


def test_four_to_one_keeps_the_active_chart(window, qtbot):
    grid = window.chart_grid
    choose(qtbot, window.chart, "4 charts (2 × 2)")
    _settle(qtbot, window, grid, 4)
    third = grid.cells[2]
    QTest.mouseClick(third.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    assert grid.active is third
    choose(qtbot, third, "1 chart")
    _settle(qtbot, window, grid, 1)
    assert grid.cells == [third] and window.chart is third and window.charts == [third]
    assert third.period is Period.H1 and third.isVisible()
    assert window.settings.chart is third.settings  # the main chart's choices are the settings'
    assert window.chart_dock.widget() is grid and grid.pane_id == "chart" and third.pane_id == "chart"


def test_the_layout_buttons_pictures_follow_the_theme(window, qtbot):
    button = _button(window.chart)
    before = button.icon().pixmap(18, 18).toImage()
    try:
        window.set_theme("light")
        qtbot.waitUntil(lambda: button.icon().pixmap(18, 18).toImage() != before, timeout=3000)
    finally:
        window.set_theme("dark")  # a theme is the application's: the next test gets the dark one
    qtbot.waitUntil(lambda: button.icon().pixmap(18, 18).toImage() == before, timeout=3000)


def test_a_two_by_two_grid_in_a_narrow_window_shows_every_control_of_the_clicked_cell(window, qtbot):
    """At 1100 × 700 the window keeps its width; the cell clicked shows its tool bars wrapped on
    more rows (no control hidden, cut or folded behind a » button), the other short cells only
    their title and bars (TradingView's one tool bar, for the active chart)."""
    window.resize(1100, 700)
    qtbot.waitUntil(lambda: window.width() == 1100, timeout=3000)
    qtbot.wait(50)
    grid = window.chart_grid
    choose(qtbot, window.chart, "4 charts (2 × 2)")
    _settle(qtbot, window, grid, 4)
    qtbot.wait(100)
    assert window.width() == 1100
    for chart in grid.cells:
        QTest.mouseClick(chart.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
        qtbot.waitUntil(lambda c=chart: c.tool_rows.isVisible(), timeout=3000)
        assert [c.tool_rows.isVisible() for c in grid.cells] == [c is chart for c in grid.cells]
        qtbot.wait(50)
        cell = chart.rect()
        assert chart.tool_rows.stacked
        for bar in chart.findChildren(QToolBar):
            extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
            assert extension is None or not extension.isVisible()
            for action in bar.actions():
                widget = bar.widgetForAction(action)
                if widget is None or not action.isVisible():
                    continue
                place = widget.rect().translated(widget.mapTo(chart, QPoint(0, 0)))
                assert widget.isVisible() and cell.contains(place), (widget, place, cell)
        # the legends cut after a few lines (a narrow one wraps an item a line), an ellipsis said
        legend = chart.view.price.plot.titleLabel
        assert len(legend.lines) == 3 and legend.lines[-1][-1][0][0] == "…"
    assert all(c.view.price.vb.height() > 60 for c in grid.cells if c is not grid.active)  # room for the bars
    # alone again: the whole legend, the tool bars joined and shown
    choose(qtbot, grid.active, "1 chart")
    _settle(qtbot, window, grid, 1)
    legend = window.chart.view.price.plot.titleLabel
    assert sum(len(line) for line in legend.lines) == len(legend.items)
    assert not [b for b in window.chart.findChildren(QToolBar) if b.objectName().endswith("-more")]
    assert window.chart.tool_rows.isVisible()


def test_a_grid_of_two_columns_takes_its_width_from_the_side_panes_down_to_their_floors(window, qtbot):
    qtbot.wait(100)
    before = window.chart_dock.width()
    sides = {name: window.docks[name].width() for name in ("watchlist", "ladder")}
    assert before < 2 * CELL_WIDTH
    choose(qtbot, window.chart, "2 charts side by side")
    _settle(qtbot, window, window.chart_grid, 2)
    qtbot.waitUntil(lambda: window.chart_dock.width() > before + 100, timeout=3000)
    floors = window.dock_widths.floors
    assert window.chart_dock.width() >= 2 * CELL_WIDTH - 10 or all(
        window.docks[name].width() <= floors[f"dock-{name}"] + 2 for name in sides)
    assert all(floors[f"dock-{name}"] - 2 <= window.docks[name].width() <= width for name, width in sides.items())
    assert window.docks["watchlist"].width() < sides["watchlist"]
    assert window.dock_widths.widths["dock-chart"] == window.chart_dock.width()  # the user's widths now


def test_after_a_vendor_switch_every_cell_shows_what_it_showed(window, qtbot):
    grid = window.chart_grid
    choose(qtbot, window.chart, "2 charts stacked")
    _settle(qtbot, window, grid, 2)
    top, bottom = grid.cells
    QTest.mouseClick(bottom.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    window.watchlist.select_symbol("SH:600519")
    QTest.mouseClick(top.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    window.watchlist.select_symbol("US:AAPL")
    run_task(qtbot, window.switch_vendor("sim"), timeout=10000)
    qtbot.waitUntil(lambda: _loaded(grid), timeout=10000)
    assert [(c.symbol, c.period) for c in grid.cells] == [("US:AAPL", Period.M1), ("SH:600519", Period.M5)]
