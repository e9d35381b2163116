"""The pieces of one chart pane: its record (:class:`Pane`), its title row that wraps instead of
widening the chart (:class:`LegendLabel`), and its colours. Kept apart from ``view.py`` so the
view holds the behaviour and this holds what a pane is made of."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import pyqtgraph as pg
from pyqtgraph import functions as fn
from pyqtgraph import getConfigOption
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QTextOption

from app.ui.chart.axis import PriceAxis, TimeAxis
from app.ui.chart.items import GridItem, HistogramItem, LineItem, VolumeItem
from app.ui.chart.studies import Study
from app.ui.chart.viewbox import ChartViewBox
from app.ui.kit.theme import Theme, line_colours


Run = tuple[str, str]  # (text, colour name) of one stretch of a legend item
LegendItem = tuple[Run, ...]  # one legend item ("MA5 95,994.18"): never split across lines
LEGEND_POINTS = 9
LEGEND_GAP = "\xa0\xa0\xa0"  # between two items on one line


class LegendLabel(pg.LabelItem):
    """A pane's title row: the legend's items flowed into as many lines as the pane's width
    needs, a line breaking only between two items (never inside "MA5 95,994.18" or
    "V 1.47万"), the row as tall as its lines. pyqtgraph's label makes its text width its
    minimum width (a long legend would widen the chart past its dock) and Qt's rich text
    breaks before a CJK character or anywhere in a long word, so the lines are laid out here."""

    def __init__(self) -> None:
        super().__init__("", size=f"{LEGEND_POINTS}pt", justify="left")
        self.setFlag(self.GraphicsItemFlag.ItemClipsChildrenToShape)
        self.items: list[LegendItem] = []
        self.max_lines: int | None = None  # the lines after these cut, an ellipsis said (None: all)
        self.lines: list[list[LegendItem]] = []
        font = QFont(self.item.font())
        font.setPointSizeF(LEGEND_POINTS)
        self._metrics = QFontMetricsF(font)
        self._gap = self._metrics.horizontalAdvance(LEGEND_GAP)
        option = self.item.document().defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)  # the lines are ours: Qt breaks none
        self.item.document().setDefaultTextOption(option)

    def set_items(self, items: list[LegendItem]) -> None:
        """Show ``items``; only a changed legend is laid out (rich text costs more than a
        frame's candles)."""
        if items == self.items:
            return
        self.items = list(items)
        self._reflow()

    def set_max_lines(self, count: int | None) -> None:
        if count != self.max_lines:
            self.max_lines = count
            self._reflow()

    def item_width(self, item: LegendItem) -> float:
        return self._metrics.horizontalAdvance("".join(text for text, _ in item))

    def _reflow(self) -> None:
        room = self.rect().width() - 2 * self.item.document().documentMargin() - 1
        lines: list[list[LegendItem]] = [[]]
        used = 0.0
        for item in self.items:
            w = self.item_width(item)
            if lines[-1] and used + self._gap + w > room:
                lines.append([])
                used = 0.0
            used += (self._gap if lines[-1] else 0.0) + w
            lines[-1].append(item)
        if self.max_lines is not None and len(lines) > self.max_lines:  # a small chart of a grid
            lines = lines[:self.max_lines]
            lines[-1] = [*lines[-1], (("…", lines[-1][-1][-1][1]),)]
        self.lines = lines
        html = "<br>".join(LEGEND_GAP.replace("\xa0", "&nbsp;").join("".join(
            f"<span style='color:{colour}'>{escape(text).replace(' ', '&nbsp;')}</span>" for text, colour in item)
            for item in line) for line in lines) if self.items else " "
        self.setText(html)
        self._fit_height()

    def setText(self, text: str, **args) -> None:
        """pyqtgraph's, except that the plot's layout is asked again only when the row's height
        changes: a live tick rewrites the values, and a layout pass of the whole chart for each
        would cost more than the text."""
        self.text = text
        self.opts.update(args)
        colour = fn.mkColor(self.opts["color"] if self.opts["color"] is not None else getConfigOption("foreground"))
        style = [f"color: {colour.name(QColor.NameFormat.HexArgb)}"]
        if "size" in self.opts:
            style.append(f"font-size: {self.opts['size']}")
        before = self.item.boundingRect().height()
        self.item.setHtml(f"<span style='{'; '.join(style)}'>{text}</span>")
        if self.item.boundingRect().height() != before or self.minimumHeight() <= 0:
            self.updateMin()
            self.resizeEvent(None)
            self.updateGeometry()
        # else: the same lines with other values: the text item stays where it is (left-justified
        # at the row's corner) and the plot's layout is left alone

    def item_rects(self) -> list[tuple[LegendItem, QRectF]]:
        """Each item with where it is drawn, in scene coordinates (a click on one finds it)."""
        doc = self.item.document()
        margin = doc.documentMargin()
        height = self._metrics.lineSpacing()
        out = []
        for row, line in enumerate(self.lines):
            x = margin
            for item in line:
                w = self.item_width(item)
                local = QRectF(x, margin + row * height, w, height)
                out.append((item, self.item.mapRectToScene(local)))
                x += w + self._gap
        return out

    def item_at(self, scene_pos: QPointF) -> LegendItem | None:
        return next((item for item, rect in self.item_rects() if rect.contains(scene_pos)), None)

    def _fit_height(self) -> None:
        """The title row as tall as the legend's lines (pyqtgraph fixes it at 30 px)."""
        height = max(1.0, self.item.boundingRect().height())
        plot = self.parentItem()
        if abs(self.maximumHeight() - height) > 0.5:
            self.setMaximumHeight(height)
            if plot is not None and hasattr(plot, "layout"):
                plot.layout.setRowFixedHeight(0, height)

    def resizeEvent(self, ev) -> None:
        width = self.rect().width()
        if width > 1 and self.item.textWidth() != width:
            self.item.setTextWidth(width)
            if ev is not None and self.items:
                self._reflow()
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


def colour_lines(pane: Pane, overlays: list[LineItem], palette: Theme) -> None:
    """Every study line of ``pane`` (its own, or ``overlays`` for the price pane) gets its own
    colour from ``palette``: MA5 and BOLL's middle band never look alike."""
    lines = overlays if pane.study is None else [item for _name, item in pane.lines if isinstance(item, LineItem)]
    for item, colour in zip(lines, line_colours(palette, len(lines)), strict=True):
        if item.colour != colour:
            item.colour = colour
            item.update()


def use_legend_row(plot: pg.PlotItem) -> None:
    """Swap pyqtgraph's title label for a :class:`LegendLabel` in the plot's title row."""
    plot.layout.removeItem(plot.titleLabel)
    plot.titleLabel.setParentItem(None)
    plot.titleLabel = LegendLabel()
    plot.titleLabel.setParentItem(plot)
    plot.layout.addItem(plot.titleLabel, 0, 1)
    plot.setTitle(" ", justify="left", size="9pt")
