"""What the window does when its chart grid changes layout: the main chart's settings follow
its first cell, and a grid of several columns is given the width they need, taken from the side
panes down to their soft minimums (a 2 × 2 grid in the default 650 px would leave each chart
300 px). The user's widths are then these (see :mod:`app.ui.shell.dock_widths`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from app.ui.shell.dock_widths import docked

if TYPE_CHECKING:
    from app.ui.shell.main_window import MainWindow

CELL_WIDTH = 470  # a cell's tool bars on two rows, its legend on two or three lines


def grid_changed(window: MainWindow) -> None:
    """After the chart dock's grid took another layout (or another first cell)."""
    window.settings.chart = window.chart.settings  # the main chart's choices are the settings'
    widen_chart(window, window.chart_grid.columns * CELL_WIDTH)


def widen_chart(window: MainWindow, wanted: int) -> None:
    """The chart dock ``wanted`` wide if the side panes can give it, each column in proportion
    to what it has above its floor; never narrower than it is."""
    chart = window.chart_dock
    # a dock behind another's tab (the Alerts behind Symbols) keeps a stale place: not a column
    shown = [d for d in docked(window)
             if not window.tabifiedDockWidgets(d) or window.rect().intersects(d.geometry())]
    if chart not in shown or chart.width() >= wanted:
        return
    columns: dict[int, list] = {}  # by left edge: docks stacked in one column share its width
    for dock in shown:
        if dock is not chart and dock.x() != chart.x():
            columns.setdefault(dock.x(), []).append(dock)
    spare = {x: max(0, docks[0].width() - max(window.dock_widths.floors.get(d.objectName(), 0) for d in docks))
             for x, docks in columns.items()}
    total = sum(spare.values())
    if total <= 0:
        return
    take = min(wanted - chart.width(), total)
    docks, sizes = [], []
    for x, group in columns.items():
        width = group[0].width() - take * spare[x] // total
        docks.extend(group)
        sizes.extend([width] * len(group))
    docks.append(chart)
    sizes.append(chart.width() + take)
    window.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)
    window.dock_widths.note()
