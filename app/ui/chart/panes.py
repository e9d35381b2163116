"""The pieces of one chart pane: its record (:class:`Pane`), its title row that wraps instead of
widening the chart (:class:`LegendLabel`), and its colours. Kept apart from ``view.py`` so the
view holds the behaviour and this holds what a pane is made of."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import Qt

from app.ui.chart.axis import PriceAxis, TimeAxis
from app.ui.chart.items import GridItem, HistogramItem, LineItem, VolumeItem
from app.ui.chart.studies import Study
from app.ui.chart.viewbox import ChartViewBox
from app.ui.theme import Theme


class LegendLabel(pg.LabelItem):
    """A pane's title row. pyqtgraph's label makes its text width its minimum width on every
    resize, so a long legend would widen the chart past its dock and push the price axis out of
    sight. This one wraps onto a second line between its parts (the row holds two) and is cut
    beyond that."""

    def __init__(self) -> None:
        super().__init__("", size="9pt", justify="left")
        self.setFlag(self.GraphicsItemFlag.ItemClipsChildrenToShape)

    def resizeEvent(self, ev) -> None:
        width = self.rect().width()
        if width > 1 and self.item.textWidth() != width:
            self.item.setTextWidth(width)
        super().resizeEvent(ev)

    def updateMin(self) -> None:
        bounds = self.itemRect()
        self.setMinimumSize(1, bounds.height())
        self._sizeHint = {
            Qt.SizeHint.MinimumSize: (1, bounds.height()),
            Qt.SizeHint.PreferredSize: (1, bounds.height()),
            Qt.SizeHint.MaximumSize: (-1, -1),
            Qt.SizeHint.MinimumDescent: (0, 0),
        }
        self.updateGeometry()


@dataclass
class Pane:
    """One plot row: its axes, its items, and the study it shows (None: the price pane)."""

    plot: pg.PlotItem
    vb: ChartViewBox
    price_axis: PriceAxis
    time_axis: TimeAxis
    study: Study | None
    lines: list[tuple[str, LineItem | HistogramItem | VolumeItem]] = field(default_factory=list)
    v_line: pg.InfiniteLine | None = None
    h_line: pg.InfiniteLine | None = None
    grid: GridItem | None = None
    guides: list[pg.InfiniteLine] = field(default_factory=list)  # RSI's 30 and 70


def colour_pane(pane: Pane, palette: Theme) -> None:
    """A pane's own lines in ``palette``: axes, grid, crosshair, guides."""
    for axis in (pane.price_axis, pane.time_axis):
        axis.setTextPen(pg.mkPen(palette.text))
        axis.setPen(pg.mkPen(palette.grid))
    if pane.grid is not None:
        pane.grid.colour = palette.grid_line
        pane.grid.update()
    for line in (pane.v_line, pane.h_line):
        if line is not None:
            line.setPen(pg.mkPen(palette.crosshair, style=Qt.PenStyle.DashLine))
    for guide in pane.guides:
        guide.setPen(pg.mkPen(palette.grid, style=Qt.PenStyle.DashLine))


def use_legend_row(plot: pg.PlotItem) -> None:
    """Swap pyqtgraph's title label for a :class:`LegendLabel` in the plot's title row."""
    plot.layout.removeItem(plot.titleLabel)
    plot.titleLabel.setParentItem(None)
    plot.titleLabel = LegendLabel()
    plot.titleLabel.setParentItem(plot)
    plot.layout.addItem(plot.titleLabel, 0, 1)
    plot.setTitle(" ", justify="left", size="9pt")
