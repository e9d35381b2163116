"""Chart drawings, one per class. Each draws only what is in view, as batched arrays.

A paint asks the level-of-detail pyramid for the buckets that fit the pixels (bars one by one
when zoomed in), fills reusable QLineF/QRectF arrays with NumPy and hands each colour to
QPainter in one call: about 2 × the pane's width in primitives, whatever the history length.
The items' bounds are the view itself, so Qt never walks the history to find them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

import numpy as np
import pyqtgraph as pg
from pyqtgraph.functions import create_qpolygonf, ndarray_from_qpolygonf
from pyqtgraph.Qt import internals
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from app.ui.chart import paint_pass
from app.ui.chart.lod import LodPyramid
from app.ui.chart.manager import CLOSE, HIGH, LOW, OPEN, VOLUME, BarManager
from app.ui.chart.kept_paint import KeptPaint
from app.ui.chart.last_bucket import LastBucket, patched_path
from app.ui.chart.scale import PriceScale
from app.ui.kit import theme
from app.ui.kit.theme import Direction, blend

BODY_WIDTH = 0.7  # of a bar's slot, zoomed in
BUCKET_WIDTH = 0.9  # of a bucket's slot, zoomed out (the bodies almost touch)
THIN_PIXELS = 3.0  # below this many pixels a slot, columns are drawn as lines


class ChartStyle(StrEnum):
    CANDLES = "candles"
    OHLC = "ohlc"
    LINE = "line"


class Window:
    """The slice of one level that a paint draws: bucket size, columns, bucket range, x."""

    __slots__ = ("_x", "cols", "offset", "pixels", "size", "start", "stop")

    def __init__(self, size: int, cols: np.ndarray, start: int, stop: int, pixels: float = 1.0,
                 offset: int = 0) -> None:
        self.size = size
        self.pixels = pixels  # per bucket
        self.cols = cols
        self.start = start
        self.stop = stop
        self.offset = offset  # places before bar 0 in the first bucket (LodPyramid.offset)
        self._x: np.ndarray | None = None

    @property
    def x(self) -> np.ndarray:
        """Each bucket's x (made on first use: an item that kept its drawing never asks)."""
        if self._x is None:
            self._x = np.arange(self.start, self.stop, dtype=np.float64) * self.size + (
                (self.size - 1) / 2.0 - self.offset)
        return self._x

    def key(self) -> tuple:
        """What the buckets' places depend on."""
        return self.size, self.start, self.stop, self.offset

    def __len__(self) -> int:
        return self.stop - self.start


def view_window(item: pg.GraphicsObject, lod: LodPyramid) -> Window | None:
    """What ``item``'s view shows, at the level of detail its width in pixels calls for (once
    a paint for all the items of a pane: paint_pass)."""
    vb = item.getViewBox()
    if vb is None or not len(lod.manager):
        return None
    # (the range viewRange() would copy: a paint asks for it for every item)
    x0, x1 = (vb.state["viewRange"] if isinstance(vb, pg.ViewBox) else vb.viewRange())[0]
    return paint_pass.once((id(vb), id(lod), x0, x1), lambda: _view_window(vb, lod, x0, x1))


def _view_window(vb, lod: LodPyramid, x0: float, x1: float) -> Window | None:
    width = vb.width()
    level = LodPyramid.level_for((x1 - x0) / max(width, 1.0))
    size = 1 << level
    cols = lod.columns(level)
    offset = lod.offset(level)
    start = max(0, int((x0 - 1 + offset) // size))
    stop = min(cols.shape[1], int((x1 + offset) // size) + 2)
    if stop <= start:
        return None
    return Window(size, cols, start, stop, size * width / max(x1 - x0, 1e-9), offset)


def sample(values: np.ndarray, window: Window) -> np.ndarray:
    """A full-length series at a window's buckets (each bucket's last value)."""
    if window.size == 1:
        return values[window.start:window.stop]
    idx = np.minimum(np.arange(window.start, window.stop) * window.size + (window.size - 1 - window.offset),
                     len(values) - 1)
    return values[idx]


class Polyline:
    """A line's path through its points, made as pyqtgraph's ``arrayToQPath(x, y, "finite")``
    makes it (the same elements: a move to the first point, a line to each next) from a
    point buffer kept between paints: pyqtgraph makes a buffer and a NumPy view of it for each
    path, about half the cost of a live tick's new path. Points with a gap (NaN), or more than
    pyqtgraph draws in one piece, go to pyqtgraph."""

    __slots__ = ("_points", "_polygon", "whole")

    def __init__(self) -> None:
        self.whole = False  # the last path made was one piece through every point
        self._polygon: QPolygonF | None = None
        self._points: np.ndarray | None = None  # the polygon's points, written in place

    def path(self, x: np.ndarray, y: np.ndarray) -> QPainterPath:
        n = len(x)
        self.whole = False
        if not 2 <= n <= _ONE_PIECE or not np.isfinite(y).all() or not np.isfinite(x).all():
            return pg.arrayToQPath(x, y, connect="finite")
        self.whole = True  # one move and a line to each next point (last_bucket.patched_path)
        if self._points is None or len(self._points) != n:
            self._polygon = create_qpolygonf(n)
            self._points = ndarray_from_qpolygonf(self._polygon)
        self._points[:, 0] = x
        self._points[:, 1] = y
        path = QPainterPath()
        path.reserve(n)
        path.addPolygon(self._polygon)
        return path


_ONE_PIECE = 20_000  # pyqtgraph draws up to three chunks of 10,000 points as one polygon


class _ViewBoundItem(pg.GraphicsObject):
    """Bounds = the visible area: the scene asks for a paint whenever the view moves."""

    def __init__(self) -> None:
        super().__init__()
        self._bounds: QRectF | None = None

    def boundingRect(self) -> QRectF:
        if self._bounds is None:
            rect = self.viewRect()
            self._bounds = QRectF() if rect is None else QRectF(rect)
        return self._bounds

    def viewRangeChanged(self) -> None:
        self._cachedView = None  # pyqtgraph leaves it stale here
        self.prepareGeometryChange()
        self._bounds = None

    def viewTransformChanged(self) -> None:
        super().viewTransformChanged()
        self.prepareGeometryChange()
        self._bounds = None

    def data_changed(self) -> None:
        self.update()


def _pen(colour: QColor, width: float = 1.0) -> QPen:
    pen = QPen(colour)
    pen.setCosmetic(True)
    pen.setWidthF(width)
    return pen


_NO_PEN = pg.mkPen(None)  # (never changed)


class _Tools:
    """An item's cosmetic pens and solid brushes, made once per colour (a tick repaints in the
    same colours); never changed once made, so the draw calls kept with them stay right."""

    __slots__ = ("_brushes", "_pens")

    def __init__(self) -> None:
        self._pens: dict[int, QPen] = {}
        self._brushes: dict[int, QBrush] = {}

    def pen(self, colour: QColor) -> QPen:
        return _made(self._pens, colour, _pen)

    def brush(self, colour: QColor) -> QBrush:
        return _made(self._brushes, colour, QBrush)


def _made(made: dict, colour: QColor, make: Callable) -> QPen | QBrush:
    """``make(colour)``, kept in ``made`` by the colour (a few colours: emptied past eight)."""
    tool = made.get(colour.rgba())
    if tool is None:
        if len(made) >= 8:
            made.clear()
        tool = made[colour.rgba()] = make(colour)
    return tool


def _draw_array(painter, fn, array) -> None:
    """``fn`` over a primitive array: through a :class:`KeptPaint` recorder's ``draw_array``
    (which keeps the array, not a pointer into it), or straight."""
    draw_array = getattr(painter, "draw_array", None)
    if draw_array is not None:
        draw_array(fn, array)
    else:
        fn(painter, *array.drawargs())


class _Batch:
    """Reusable primitive arrays, one per (kind, colour)."""

    def __init__(self) -> None:
        self.lines = internals.PrimitiveArray(QLineF, 4)
        self.rects = internals.PrimitiveArray(QRectF, 4)

    def draw_lines(self, painter: QPainter, x0, y0, x1, y1) -> None:
        n = len(x0)
        if not n:
            return
        self.lines.resize(n)
        nd = self.lines.ndarray()
        nd[:, 0], nd[:, 1], nd[:, 2], nd[:, 3] = x0, y0, x1, y1
        _draw_array(painter, QPainter.drawLines, self.lines)

    def draw_rects(self, painter: QPainter, x, y, w, h) -> None:
        n = len(x)
        if not n:
            return
        self.rects.resize(n)
        nd = self.rects.ndarray()
        nd[:, 0], nd[:, 1], nd[:, 2], nd[:, 3] = x, y, w, h
        _draw_array(painter, QPainter.drawRects, self.rects)


class PriceItem(_ViewBoundItem):
    """Candles, OHLC bars or a close line, in the pane's price scale."""

    def __init__(self, lod: LodPyramid, direction: Direction, scale: PriceScale, line_colour: QColor):
        super().__init__()
        self.lod = lod
        self.direction = direction
        self.scale = scale
        self.style = ChartStyle.CANDLES
        self.line_colour = line_colour
        self._up = _Batch()
        self._down = _Batch()
        self._kept = KeptPaint()
        self._last = LastBucket()  # what the kept paint's last bucket is patched against
        self._tools = _Tools()

    @property
    def manager(self) -> BarManager:
        return self.lod.manager

    def set_direction(self, direction: Direction) -> None:
        self.direction = direction
        self.update()

    def set_style(self, style: ChartStyle) -> None:
        self.style = style
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        window = view_window(self, self.lod)
        if window is None:
            return
        cols = window.cols[:, window.start:window.stop]
        head = (window.key(), window.pixels < THIN_PIXELS, self.style, self.direction.up.rgba(),
                self.direction.down.rgba(), self.line_colour.rgba(), self.scale.mode, self.scale.base)
        key = (*head, cols.tobytes())
        if self._kept.play(key, painter):
            return
        candles = self.style is ChartStyle.CANDLES and len(window) > 1
        prefix = cols[:, :-1].tobytes() if candles else b""
        if candles and self._kept.key is not None and self._last.head == head:
            # a live tick: only the last bucket's values changed (last_bucket.py); a pan or a
            # zoom (another head) goes straight to the full paint, which scales the columns
            o, h, lo, c = (np.asarray(self.scale.forward(cols[i])) for i in (OPEN, HIGH, LOW, CLOSE))
            up = bool(c[-1] >= o[-1])
            if self._last.only_last_changed(head, prefix, up):
                batch = self._up if up else self._down
                x = window.x[-1]
                batch.lines.ndarray()[-1] = (x, lo[-1], x, h[-1])
                if window.pixels >= THIN_PIXELS:
                    width = (BODY_WIDTH if window.size == 1 else BUCKET_WIDTH) * window.size
                    batch.rects.ndarray()[-1] = (x - width / 2, np.minimum(o[-1], c[-1]), width, np.abs(c[-1] - o[-1]))
                self._kept.keep(key)
                self._kept.play(key, painter)
                return
        self._last.clear()
        last_up = self._paint(self._kept.record(painter), window, cols)
        self._kept.keep(key)
        if candles:
            self._last.note(head, prefix, last_up)

    def _paint(self, painter: QPainter, window: Window, cols: np.ndarray) -> bool | None:
        """Draw; the last bucket's side (True: up) for candles and bars."""
        x = window.x
        if self.style is ChartStyle.LINE:
            y = self.scale.forward(cols[CLOSE])
            painter.setPen(_pen(self.line_colour))
            painter.drawPath(pg.arrayToQPath(x, np.asarray(y, dtype=np.float64)))
            return
        o, h, lo, c = (np.asarray(self.scale.forward(cols[i])) for i in (OPEN, HIGH, LOW, CLOSE))
        up = c >= o
        width = (BODY_WIDTH if window.size == 1 else BUCKET_WIDTH) * window.size
        for mask, colour, batch in ((up, self.direction.up, self._up), (~up, self.direction.down, self._down)):
            xs, hs, ls, os_, cs = x[mask], h[mask], lo[mask], o[mask], c[mask]
            painter.setPen(self._tools.pen(colour))
            if self.style is ChartStyle.OHLC:
                half = width / 2
                batch.draw_lines(painter, np.concatenate((xs, xs - half, xs)), np.concatenate((ls, os_, cs)),
                                 np.concatenate((xs, xs, xs + half)), np.concatenate((hs, os_, cs)))
                continue
            batch.draw_lines(painter, xs, ls, xs, hs)
            if window.pixels < THIN_PIXELS:
                continue  # a body narrower than its wick would only cost time
            painter.setBrush(self._tools.brush(colour))
            bottom = np.minimum(os_, cs)
            batch.draw_rects(painter, xs - width / 2, bottom, np.full(len(xs), width), np.abs(cs - os_))
        return bool(up[-1])


class _ColumnsItem(_ViewBoundItem):
    """Columns from zero in two colours (volume, a MACD histogram); lines when they are thin."""

    def __init__(self, lod: LodPyramid, direction: Direction):
        super().__init__()
        self.lod = lod
        self.direction = direction
        self._up = _Batch()
        self._down = _Batch()
        self._kept = KeptPaint()
        self._last = LastBucket()  # what the kept paint's last bucket is patched against
        self._tools = _Tools()

    def set_direction(self, direction: Direction) -> None:
        self.direction = direction
        self.update()

    def _draw(self, painter: QPainter, window: Window, values: np.ndarray, up: np.ndarray, down: np.ndarray,
              colours: tuple[QColor, QColor], width: float, outline: bool) -> None:
        head = (window.key(), window.pixels < THIN_PIXELS, colours[0].rgba(), colours[1].rgba(), width, outline)
        key = (*head, values.tobytes(), up.tobytes(), down.tobytes())
        if self._kept.play(key, painter):
            return
        single = len(values) > 1
        side = (bool(up[-1]), bool(down[-1])) if single else None
        prefix = values[:-1].tobytes() + up[:-1].tobytes() + down[:-1].tobytes() if single else b""
        if single and self._kept.key is not None and self._last.only_last_changed(head, prefix, side):
            # a live tick: only the last bucket's value changed (last_bucket.py)
            batch = self._up if side[0] else self._down if side[1] else None
            if batch is not None:
                x, v = window.x[-1], values[-1]
                if window.pixels < THIN_PIXELS:
                    batch.lines.ndarray()[-1] = (x, 0.0, x, v)
                else:
                    batch.rects.ndarray()[-1] = (x - width / 2, 0.0, width, v)
            self._kept.keep(key)
            self._kept.play(key, painter)
            return
        self._last.clear()
        self._draw_columns(self._kept.record(painter), window, values, up, down, colours, width, outline)
        self._kept.keep(key)
        if single:
            self._last.note(head, prefix, side)

    def _draw_columns(self, painter: QPainter, window: Window, values: np.ndarray, up: np.ndarray,
                      down: np.ndarray, colours: tuple[QColor, QColor], width: float, outline: bool) -> None:
        for mask, colour, batch in ((up, colours[0], self._up), (down, colours[1], self._down)):
            v, x = values[mask], window.x[mask]
            zeros = np.zeros(len(v))
            painter.setPen(self._tools.pen(colour))
            if window.pixels < THIN_PIXELS:
                batch.draw_lines(painter, x, zeros, x, v)
                continue
            if not outline:
                painter.setPen(_NO_PEN)
            painter.setBrush(self._tools.brush(colour))
            batch.draw_rects(painter, x - width / 2, zeros, np.full(len(v), width), v)


class VolumeItem(_ColumnsItem):
    """Volume columns coloured like their bars (the bucket's largest volume when zoomed out)."""

    _faded: tuple[tuple, tuple[QColor, QColor]] | None = None  # (the colours blended, the blends)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        window = view_window(self, self.lod)
        if window is None:
            return
        cols = window.cols[:, window.start:window.stop]
        up = cols[CLOSE] >= cols[OPEN]
        width = (BODY_WIDTH if window.size == 1 else BUCKET_WIDTH) * window.size
        # opaque faded colours: blending each column costs time
        background = theme.current().background
        key = (self.direction.up.rgba(), self.direction.down.rgba(), background.rgba())
        if self._faded is None or self._faded[0] != key:  # blended once per set of colours
            self._faded = (key, (blend(self.direction.up, background, 0.6), blend(self.direction.down, background, 0.6)))
        self._draw(painter, window, cols[VOLUME], up, ~up, self._faded[1], width, outline=False)


class LineItem(_ViewBoundItem):
    """One indicator line (gaps where it is NaN), sampled at the buckets when zoomed out."""

    def __init__(self, lod: LodPyramid, values: Callable[[], np.ndarray], colour: QColor,
                 scale: PriceScale | None = None, width: float = 1.0):
        super().__init__()
        self.lod = lod
        self.values = values
        self.colour = colour
        self.scale = scale
        self.width = width
        # (its buckets and values, the path, whether it is one piece through every point)
        self._path: tuple[tuple, QPainterPath, bool] | None = None
        self._pen: tuple[tuple, QPen] | None = None
        self._polyline = Polyline()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        window = view_window(self, self.lod)
        if window is None:
            return
        y = sample(self.values(), window)
        if self.scale is not None:
            y = self.scale.forward(y)
        y = np.asarray(y, dtype=np.float64)
        key = (window.key(), y.tobytes())  # the path kept while it would be the same
        if self._path is None or self._path[0] != key:
            path = patched_path(self._path, key, window.x, y)  # a live tick: its last point moved
            if path is not None:
                self._path = (key, path, True)
            else:
                self._path = (key, self._polyline.path(window.x, y), self._polyline.whole)
        pen_key = (self.colour.rgba(), self.width)
        if self._pen is None or self._pen[0] != pen_key:
            self._pen = (pen_key, _pen(self.colour, self.width))
        painter.setPen(self._pen[1])
        painter.drawPath(self._path[1])


class HistogramItem(_ColumnsItem):
    """Columns from zero (a MACD histogram), one colour above zero and one below."""

    def __init__(self, lod: LodPyramid, values: Callable[[], np.ndarray], direction: Direction):
        super().__init__(lod, direction)
        self.values = values

    def paint(self, painter: QPainter, option, widget=None) -> None:
        window = view_window(self, self.lod)
        if window is None:
            return
        v = sample(self.values(), window)
        ok = np.isfinite(v)
        width = (0.5 if window.size == 1 else BUCKET_WIDTH) * window.size
        self._draw(painter, window, v, ok & (v >= 0), ok & (v < 0), (self.direction.up, self.direction.down),
                   width, outline=True)


class LevelLine(_ViewBoundItem):
    """A horizontal price line across the pane (last price, previous close), dashed or not."""

    def __init__(self, colour: QColor, dashed: bool = False):
        super().__init__()
        self.colour = colour
        self.dashed = dashed
        self.y: float | None = None
        self._pen: tuple[tuple, QPen] | None = None

    def set_y(self, y: float | None) -> None:
        if y != self.y:
            self.y = y
            self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = self.boundingRect()
        if self.y is None or rect.isNull():
            return
        key = (self.colour.rgba(), self.dashed)
        if self._pen is None or self._pen[0] != key:  # made once per colour (a tick changes the y)
            pen = _pen(self.colour)
            if self.dashed:
                pen.setDashPattern([4, 4])
            self._pen = (key, pen)
        painter.setPen(self._pen[1])
        painter.drawLine(QPointF(rect.left(), self.y), QPointF(rect.right(), self.y))
