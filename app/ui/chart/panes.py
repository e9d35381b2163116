"""The pieces of one chart pane: its record (:class:`Pane`), its title row that wraps instead of
widening the chart (:class:`LegendLabel`), and its colours. Kept apart from ``view.py`` so the
view holds the behaviour and this holds what a pane is made of."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QStaticText

from app.ui.chart.axis import PriceAxis, TimeAxis
from app.ui.chart.axis_paint import prepared_text
from app.ui.chart.guides import GridItem
from app.ui.chart.items import HistogramItem, LineItem, VolumeItem
from app.ui.chart.studies import Study
from app.ui.chart.viewbox import ChartViewBox
from app.ui.kit.theme import Theme, line_colours


Run = tuple[str, str]  # (text, colour name) of one stretch of a legend item
LegendItem = tuple[Run, ...]  # one legend item ("MA5 95,994.18"): never split across lines
LEGEND_POINTS = 9
LEGEND_GAP = "\xa0\xa0\xa0"  # between two items on one line
LEGEND_MARGIN = 4.0  # around the lines (as a Qt text document's margin)


class LegendLabel(pg.LabelItem):
    """A pane's title row: the legend's items flowed into as many lines as the pane's width
    needs, a line breaking only between two items (never inside "MA5 95,994.18" or
    "V 1.47万"), the row as tall as its lines. pyqtgraph's label makes its text width its
    minimum width (a long legend would widen the chart past its dock) and Qt's rich text
    breaks before a CJK character or anywhere in a long word, so the lines are laid out here;
    and they are painted here, run by run (each run's text prepared once and kept while it
    shows): a live tick changes a few numbers, and rich text would be parsed and laid out
    again for each. ``text`` keeps the legend as HTML, for a reader of the label."""

    _height = 0.0  # of the row (pyqtgraph's __init__ asks before ours has run)
    _html: str | None = " "  # the legend as HTML (None: not written since it changed)
    _runs: list | None = None  # the runs as the last paint placed them (None: not placed since)
    _widths: dict = {}  # each item shown → its width (replaced, never mutated, by _reflow)

    def __init__(self) -> None:
        super().__init__("", size=f"{LEGEND_POINTS}pt", justify="left")
        self.setFlag(self.GraphicsItemFlag.ItemClipsChildrenToShape)
        self.item.setVisible(False)  # pyqtgraph's text item: the runs are painted by the row itself
        self.items: list[LegendItem] = []
        self.max_lines: int | None = None  # the lines after these cut, an ellipsis said (None: all)
        self.lines: list[list[LegendItem]] = []
        self._font = QFont(self.item.font())
        self._font.setPointSizeF(LEGEND_POINTS)
        self._metrics = QFontMetricsF(self._font)
        self._gap = self._metrics.horizontalAdvance(LEGEND_GAP)
        self._line_height = float(math.ceil(self._metrics.height()))  # as Qt's text layout spaces lines
        self._texts: dict[str, tuple[QStaticText, float]] = {}
        self._colours: dict[str, QColor] = {}
        self._height = 0.0
        self._fit_height()

    def set_items(self, items: list[LegendItem]) -> None:
        """Show ``items``; only a changed legend is laid out."""
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
        room = self.rect().width() - 2 * LEGEND_MARGIN - 1
        lines: list[list[LegendItem]] = [[]]
        used = 0.0
        widths, self._widths = self._widths, {}  # a tick changes a few items: the rest keep theirs
        for item in self.items:
            w = widths.get(item)
            if w is None:
                w = self.item_width(item)
            self._widths[item] = w
            if lines[-1] and used + self._gap + w > room:
                lines.append([])
                used = 0.0
            used += (self._gap if lines[-1] else 0.0) + w
            lines[-1].append(item)
        if self.max_lines is not None and len(lines) > self.max_lines:  # a small chart of a grid
            lines = lines[:self.max_lines]
            lines[-1] = [*lines[-1], (("…", lines[-1][-1][-1][1]),)]
        self.lines = lines if self.items else []
        self._html = None  # written when read (a live tick changes the legend, nobody reads it)
        self._runs = None
        shown = {text for line in self.lines for item in line for text, _ in item}
        if len(self._texts) > 2 * len(shown):  # (pruned now and then: a tick changes a few)
            self._texts = {text: st for text, st in self._texts.items() if text in shown}
        self._fit_height()
        self.update()

    @property
    def text(self) -> str:
        """The legend as HTML (its lines, each run in its colour), for a reader of the label."""
        if self._html is None:
            from html import escape  # on first use: html.entities' table is not for the first frame

            self._html = "<br>".join(LEGEND_GAP.replace("\xa0", "&nbsp;").join("".join(
                f"<span style='color:{colour}'>{escape(text).replace(' ', '&nbsp;')}</span>"
                for text, colour in item) for item in line) for line in self.lines) if self.items else " "
        return self._html

    @text.setter
    def text(self, value: str) -> None:
        self._html = value

    def _run(self, text: str, advance: float | None = None) -> tuple[QStaticText, float]:
        """A run's prepared text and its advance (kept while the run shows; ``advance``: its
        advance if already measured)."""
        run = self._texts.get(text)
        if run is None:
            st = prepared_text(text, self._font)
            run = self._texts[text] = (st, self._metrics.horizontalAdvance(text) if advance is None else advance)
        return run

    def _placed_runs(self) -> list[tuple[QColor, QPointF, QStaticText]]:
        """Each run's colour, place and prepared text, as the lines lay them out (worked out
        at the first paint after a change of the legend, kept for the paints until the next:
        the grab after a frame's paint, the crosshair passing over)."""
        runs = []
        for row, line in enumerate(self.lines):
            x = LEGEND_MARGIN
            y = LEGEND_MARGIN + row * self._line_height
            for item in line:
                # an item of one run is as wide as that run: its width, measured by the reflow
                known = self._widths.get(item) if len(item) == 1 else None
                for text, colour in item:
                    pen = self._colours.get(colour)
                    if pen is None:
                        pen = self._colours[colour] = QColor(colour)
                    st, advance = self._run(text, known)
                    runs.append((pen, QPointF(x, y), st))
                    x += advance
                x += self._gap
        return runs

    def paint(self, painter: QPainter, *_args) -> None:
        if not self.lines:
            return
        if self._runs is None:
            self._runs = self._placed_runs()
        painter.setClipRect(self.rect())
        painter.setFont(self._font)
        last = None
        for pen, at, st in self._runs:
            if pen is not last:  # (runs of one colour in a row: one pen)
                painter.setPen(pen)
                last = pen
            painter.drawStaticText(at, st)

    def text_rect(self) -> QRectF:
        """Where the legend's lines are painted, in the row's coordinates."""
        widest = max((sum(self.item_width(item) for item in line) + self._gap * (len(line) - 1)
                      for line in self.lines), default=0.0)
        return QRectF(0, 0, widest + 2 * LEGEND_MARGIN, self._height)

    def item_rects(self) -> list[tuple[LegendItem, QRectF]]:
        """Each item with where it is drawn, in scene coordinates (a click on one finds it)."""
        out = []
        for row, line in enumerate(self.lines):
            x = LEGEND_MARGIN
            for item in line:
                w = self.item_width(item)
                local = QRectF(x, LEGEND_MARGIN + row * self._line_height, w, self._line_height)
                out.append((item, self.mapRectToScene(local)))
                x += w + self._gap
        return out

    def item_at(self, scene_pos: QPointF) -> LegendItem | None:
        return next((item for item, rect in self.item_rects() if rect.contains(scene_pos)), None)

    def _fit_height(self) -> None:
        """The title row as tall as the legend's lines (pyqtgraph fixes it at 30 px); the plot's
        layout is asked again only when that changes (a tick changes numbers, not lines)."""
        height = 2 * LEGEND_MARGIN + self._line_height * max(1, len(self.lines))
        if height == self._height:
            return
        self._height = height
        self.updateMin()
        plot = self.parentItem()
        if abs(self.maximumHeight() - height) > 0.5:
            self.setMaximumHeight(height)
            if plot is not None and hasattr(plot, "layout"):
                plot.layout.setRowFixedHeight(0, height)

    def setText(self, text: str, **args) -> None:
        """(pyqtgraph's title API: ``setTitle`` sets a blank title once; the legend is
        ``set_items``.)"""
        self.text = text
        self.opts.update(args)
        if hasattr(self, "_line_height"):  # (pyqtgraph's __init__ calls this before ours ran)
            self._height = 0.0  # pyqtgraph's setTitle fixed the row at 30 px: back to the lines' height
            self._fit_height()

    def resizeEvent(self, ev) -> None:
        width = self.rect().width()
        if width > 1 and width != getattr(self, "_laid_width", None):
            self._laid_width = width
            if ev is not None and self.items:
                self._reflow()

    def updateMin(self) -> None:
        height = self._height
        self.setMinimumSize(1, height)
        self._sizeHint = {
            Qt.SizeHint.MinimumSize: (1, height),
            Qt.SizeHint.PreferredSize: (1, height),
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
