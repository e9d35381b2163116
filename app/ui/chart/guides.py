"""Guide lines drawn behind a pane's data: the grid at the values the axes label, and the
intraday day and session separators (split from items.py, which keeps the data drawings)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import numpy as np
from pyqtgraph.Qt import internals
from PySide6.QtCore import QLineF
from PySide6.QtGui import QColor, QPainter, QPen

from app.ui.chart import pixel_lines
from app.ui.chart.items import _pen, _ViewBoundItem
from app.ui.chart.manager import BarManager


class GridItem(_ViewBoundItem):
    """Faint lines at the values the axes label, so a level reads across the pane. Drawn as
    two line batches (pyqtgraph's axis grid cost about 4 ms a pane per frame)."""

    def __init__(self, rows: Callable[[], list[float]], columns: Callable[[], list[float]], colour: QColor) -> None:
        super().__init__()
        self.rows = rows
        self.columns = columns
        self.colour = colour
        self._rows = internals.PrimitiveArray(QLineF, 4)
        self._columns = internals.PrimitiveArray(QLineF, 4)
        self._key: tuple | None = None  # what the two line arrays were filled from
        self._pen: tuple[int, QPen] | None = None
        # (the lines, their colour and the painter's matrices) → the pixel rows filled (None:
        # stroked), for the last two painters: a repaint of the same grid fills the same rows
        # without working them out again. Two: a frame's paint on screen (placed in the window)
        # and its grab (in a pixmap of the view's own) alternate
        self._fill: dict[tuple, list | None] = {}
        self.setZValue(-100)

    def paint(self, painter: QPainter, *_args) -> None:
        rect = self.viewRect()
        if rect is None:
            return
        ys, xs = self.rows(), self.columns()
        edges = rect.left(), rect.right(), rect.top(), rect.bottom()
        key = (*edges, *ys, None, *xs)  # the lines are kept until a value or an edge moves
        rgba = self.colour.rgba()
        if self._pen is None or self._pen[0] != rgba:
            self._pen = (rgba, _pen(self.colour))
        painter.setPen(self._pen[1])
        fill_key = (key, rgba, pixel_lines.painter_key(painter))
        if fill_key in self._fill:
            rects = self._fill[fill_key]
        else:
            rects = pixel_lines.hv_line_rects(painter, ys, edges[0], edges[1], xs, edges[2], edges[3])
            if len(self._fill) >= 2:
                del self._fill[next(iter(self._fill))]  # the oldest
            self._fill[fill_key] = rects
        if rects is not None:
            pixel_lines.fill_rects(painter, self.colour, rects)
            return
        if key != self._key:
            self._key = key
            left, right, top, bottom = edges
            for lines, values, fill in ((self._rows, ys, (left, None, right, None)),
                                        (self._columns, xs, (None, top, None, bottom))):
                lines.resize(len(values))
                nd = lines.ndarray()
                for k, edge in enumerate(fill):
                    nd[:, k] = values if edge is None else edge
        for lines in (self._rows, self._columns):
            if len(lines):
                painter.drawLines(*lines.drawargs())


MAX_SEPARATORS = 400
SEPARATOR_DENSITY = 4  # bars per pixel beyond which no separators are drawn
MIN_DAY_SPACING_PX = 60  # days closer than this (4h bars of a 24-hour market) would draw a grid


class SeparatorItem(_ViewBoundItem):
    """Intraday separators: a dashed line where a trading day starts, a dotted one where a
    session resumes after a break (the lunch break collapses, but stays visible)."""

    def __init__(self, manager: BarManager, colour: QColor):
        super().__init__()
        self.manager = manager
        self.colour = colour
        self.period_ms: int | None = None  # None: not an intraday chart, nothing to draw
        self.zone = None
        self._lines: tuple[tuple, tuple[np.ndarray, np.ndarray]] | None = None  # (what they came from, lines)

    def lines(self) -> tuple[np.ndarray, np.ndarray]:
        """The x of each day line and of each session line in view; none where they would be
        noise (zoomed far out, or days a few bars apart). Kept while the bars in view, their
        times, the range and the width are the same (a live tick repaints with them unchanged)."""
        none = np.empty(0), np.empty(0)
        vb = self.getViewBox()
        if self.period_ms is None or self.zone is None or vb is None:
            return none
        x0, x1 = vb.viewRange()[0]
        a, b = self.manager.visible(x0, x1)
        if not 2 <= b - a <= SEPARATOR_DENSITY * max(vb.width(), 1.0):
            return none  # zoomed out this far, days are a few pixels apart: lines would be noise
        ts = self.manager.ts[a:b]
        key = (self.period_ms, self.zone, x0, x1, vb.width(), a, ts.tobytes())
        if self._lines is not None and self._lines[0] == key:
            return self._lines[1]
        found = self._find_lines(ts, a, x0, x1, vb.width())
        self._lines = (key, found)
        return found

    def _find_lines(self, ts: np.ndarray, a: int, x0: float, x1: float,
                    width: float) -> tuple[np.ndarray, np.ndarray]:
        """The lines for the bars ``a``… with times ``ts``, in a view ``x0``–``x1`` ``width`` pixels wide."""
        none = np.empty(0), np.empty(0)
        b = a + len(ts)
        days, sessions = split_points(ts, self.period_ms, self.zone)
        if len(days) > 1 and (b - a) / len(days) * width / max(x1 - x0, 1.0) < MIN_DAY_SPACING_PX:
            return none  # the time axis already names the days; a line every few bars is noise
        if len(days) + len(sessions) > MAX_SEPARATORS:
            sessions = sessions[:0]
            if len(days) > MAX_SEPARATORS:
                return none
        return days + a - 0.5, sessions + a - 0.5

    def paint(self, painter: QPainter, option, widget=None) -> None:
        days, sessions = self.lines()
        rect = self.boundingRect()
        for points, pattern, alpha in ((days, [6, 4], 150), (sessions, [1, 4], 110)):
            if not len(points):
                continue
            colour = QColor(self.colour)
            colour.setAlpha(alpha)
            pen = _pen(colour)
            pen.setDashPattern(pattern)
            painter.setPen(pen)
            painter.drawLines([QLineF(float(v), rect.top(), float(v), rect.bottom()) for v in points])


def split_points(ts: np.ndarray, period_ms: int, zone) -> tuple[np.ndarray, np.ndarray]:
    """Offsets into ``ts`` where a new local day starts, and where trading resumes after a
    break within a day (a gap longer than one bar)."""
    middle = datetime.fromtimestamp(int(ts[len(ts) // 2]) / 1000, zone)
    offset = int(middle.utcoffset().total_seconds() * 1000) if middle.utcoffset() else 0
    day = (ts + offset) // 86_400_000
    new_day = np.flatnonzero(np.diff(day) != 0) + 1
    gap = np.flatnonzero(np.diff(ts) > period_ms) + 1
    return new_day, np.setdiff1d(gap, new_day, assume_unique=True)
