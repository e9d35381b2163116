"""The picture of a chart's drawings: one item on the price pane paints them all.

A paint maps every anchor's time to x in one vectorised call (:func:`times_to_x`: a
``searchsorted`` over the bars' times), drops the drawings wholly left or right of the view
(lines and rays that reach an edge are kept), and draws the rest in pixels, so 200 drawings on a
1M-bar chart cost a frame little more than the few in view. The same item takes the mouse for the
drawings (:mod:`~app.ui.chart.drawings.editor`): what it does not take goes on to the pane's pan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QTransform

from app.core.drawings import REACHES_LEFT, REACHES_RIGHT, Drawing, LineStyle, Tool, times_to_x
from app.ui.chart.drawings.cull import visible
from app.ui.chart.drawings.geometry import TEXT_GAP, Shape, shape
from app.ui.chart.items import _ViewBoundItem
from app.ui.kit import formatting as fmt
from app.ui.kit.theme import blend, line_colours

if TYPE_CHECKING:
    from app.ui.chart.drawings.layer import DrawingLayer

HANDLE_RADIUS = 4.0
FILL_ALPHA = 0.12  # a box's or a band's opacity
NOTE_VEIL = 0.8  # the opacity of the background behind a note
CULL_PIXELS = 60.0  # how far outside the view a drawing's anchors may lie and its labels still show
_STYLES = {LineStyle.SOLID: Qt.PenStyle.SolidLine, LineStyle.DASHED: Qt.PenStyle.DashLine,
           LineStyle.DOTTED: Qt.PenStyle.DotLine}


@dataclass
class Anchors:
    """Every anchor of a symbol's drawings in flat arrays (rebuilt when the drawings change):
    drawing ``k``'s anchors are ``times[starts[k]:starts[k + 1]]``."""

    drawings: list[Drawing]
    times: np.ndarray
    prices: np.ndarray
    starts: np.ndarray
    masks: dict[str, np.ndarray]  # one bool per drawing each: see :func:`cull.visible`

    @classmethod
    def of(cls, drawings: list[Drawing]) -> Anchors:
        counts = np.array([len(d.anchors) for d in drawings], dtype=np.int64)
        return cls(drawings,
                   np.array([a.t for d in drawings for a in d.anchors], dtype=np.int64),
                   np.array([a.p for d in drawings for a in d.anchors], dtype=np.float64),
                   np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
                   {"left": np.array([d.tool in REACHES_LEFT for d in drawings], dtype=bool),
                    "right": np.array([d.tool in REACHES_RIGHT for d in drawings], dtype=bool),
                    "loose_y": np.array([d.tool in (Tool.VLINE, Tool.CHANNEL) for d in drawings], dtype=bool),
                    "ray": np.array([d.tool is Tool.RAY for d in drawings], dtype=bool)})


class DrawingsItem(_ViewBoundItem):
    """All the drawings of the chart's symbol, the one being placed and the tool's cue."""

    def __init__(self, layer: DrawingLayer) -> None:
        super().__init__()
        self.layer = layer
        self.setZValue(40)  # over the bars and studies, under the crosshair
        self._pens: dict[tuple, QPen] = {}
        self._font: QFont | None = None
        self._font_metrics: QFontMetricsF | None = None
        self._widths: dict[str, float] = {}
        self._xs: tuple[Anchors, tuple, np.ndarray] | None = None

    # -- where things are -------------------------------------------------------------------------

    def to_x(self, times: np.ndarray) -> np.ndarray:
        view = self.layer.view
        return times_to_x(view.manager.ts, view.period.nominal_ms, times)

    def _anchor_xs(self, anchors: Anchors) -> np.ndarray:
        """Every anchor's x, kept until the drawings or the bars' times change (a pan or a tick
        moves none: the search through a long history's times is a cache miss per step)."""
        view = self.layer.view
        ts = view.manager.ts
        key = (len(ts), int(ts[0]), int(ts[-1]), view.period)
        if self._xs is None or self._xs[0] is not anchors or self._xs[1] != key:
            self._xs = (anchors, key, self.to_x(anchors.times))
        return self._xs[2]

    def in_view(self, transform: QTransform) -> list[tuple[Drawing, Shape]]:
        """The shapes, in the pixels of ``transform`` (view → pixels), of the drawings that show."""
        anchors = self.layer.anchors()
        vb = self.getViewBox()
        if vb is None or not len(anchors.drawings) or not len(self.layer.view.manager):
            return []
        (x0, x1), (y0, y1) = vb.viewRange()
        xs = self._anchor_xs(anchors)
        ys = np.asarray(self.layer.view.scale.forward(anchors.prices), dtype=np.float64)
        mx, dx, my, dy = transform.m11(), transform.dx(), transform.m22(), transform.dy()
        show = visible(xs, ys, anchors.starts, anchors.masks, (x0, x1, y0, y1),
                       CULL_PIXELS / max(abs(mx), 1e-12), CULL_PIXELS / max(abs(my), 1e-12))
        px, py = xs * mx + dx, ys * my + dy
        rect = self._pixel_rect(transform)
        out = []
        for k in np.flatnonzero(show):
            start, stop = anchors.starts[k], anchors.starts[k + 1]
            drawing = anchors.drawings[k]
            points = list(zip(px[start:stop].tolist(), py[start:stop].tolist(), strict=True))
            out.append((drawing, self._shape(drawing, points, rect, transform)))
        return out

    def pending_shape(self, transform: QTransform) -> tuple[Drawing, Shape] | None:
        """The drawing being placed (its anchors so far, then the pointer's)."""
        drawing = self.layer.editor.pending
        if drawing is None or not len(self.layer.view.manager):
            return None
        times = np.array([a.t for a in drawing.anchors], dtype=np.int64)
        ys = self.layer.view.scale.forward(np.array([a.p for a in drawing.anchors], dtype=np.float64))
        xs = self.to_x(times)
        points = [(float(x * transform.m11() + transform.dx()), float(y * transform.m22() + transform.dy()))
                  for x, y in zip(xs, np.atleast_1d(ys), strict=True)]
        return drawing, self._shape(drawing, points, self._pixel_rect(transform), transform)

    def _pixel_rect(self, transform: QTransform) -> tuple[float, float, float, float]:
        rect = transform.mapRect(self.boundingRect())
        return rect.left(), rect.top(), rect.right(), rect.bottom()

    def _shape(self, drawing: Drawing, points, rect, transform: QTransform) -> Shape:
        view = self.layer.view
        my, dy = transform.m22(), transform.dy()
        out = shape(drawing, points, rect, lambda p: view.scale.forward_one(p) * my + dy,
                    lambda p: fmt.price(p, view.decimals))
        if drawing.tool is Tool.TEXT and out.labels:  # a note is taken by its box
            x, y, text, _ = out.labels[0]
            box = QFontMetricsF(self.layer.view.font()).boundingRect(text or " ")
            out.boxes.append((x, y - box.height() - TEXT_GAP, x + box.width() + 2 * TEXT_GAP, y))
        return out

    # -- painting ---------------------------------------------------------------------------------

    def paint(self, painter: QPainter, *_args) -> None:
        transform = painter.transform()
        shapes = self.in_view(transform)
        pending = self.pending_shape(transform)
        if pending is not None:
            shapes.append(pending)
        cue = self.layer.editor.cue
        if not shapes and cue is None:
            return
        painter.save()
        left, top, right, bottom = self._pixel_rect(transform)
        painter.resetTransform()
        painter.setFont(self.layer.view.font())  # the font the notes' boxes were measured in
        # the pane as a plain rectangle: the view's own clip comes as a path, which makes every
        # fill go through a mask (about 4× the time of a box's fill)
        painter.setClipRect(QRectF(left, top, right - left, bottom - top), Qt.ClipOperation.ReplaceClip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        selected = self.layer.editor.selected
        palette = self.layer.view.theme
        colours = line_colours(palette, len(palette.studies))
        for drawing, out in shapes:
            colour = colours[drawing.colour % len(colours)]
            self._paint_shape(painter, drawing, out, colour)
            if drawing.id == selected or drawing is (pending and pending[0]):
                self._paint_handles(painter, out, colour, drawing.locked)
        if cue is not None:
            point = transform.map(QPointF(*cue))
            self._paint_handles(painter, Shape(handles=[(point.x(), point.y())]), palette.crosshair, False)
        painter.restore()

    def _pen(self, colour: QColor, width: float, style: LineStyle) -> QPen:
        key = (colour.rgba(), width, style)
        pen = self._pens.get(key)
        if pen is None:
            if len(self._pens) > 256:
                self._pens.clear()
            pen = QPen(colour, width, _STYLES[style])
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            pen.setCosmetic(True)  # (we paint in pixels): Qt's fast stroker, which clips first
            self._pens[key] = pen
        return pen

    def _paint_shape(self, painter: QPainter, drawing: Drawing, out: Shape, colour: QColor) -> None:
        palette = self.layer.view.theme
        if out.fills:
            fill = QColor(colour)
            fill.setAlphaF(FILL_ALPHA)  # the bars show through
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(fill))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # the outline covers the edge
            for polygon in out.fills:
                xs, ys = {round(x, 3) for x, _ in polygon}, {round(y, 3) for _, y in polygon}
                if len(polygon) == 4 and len(xs) <= 2 and len(ys) <= 2:  # a box: the fast way
                    painter.fillRect(QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys))), fill)
                else:
                    painter.drawPolygon([QPointF(x, y) for x, y in polygon])
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for x0, y0, x1, y1, faint in out.lines:
            painter.setPen(self._pen(colour, 1.0 if faint else drawing.width,
                                     LineStyle.DASHED if faint else drawing.style))
            square = x0 == x1 or y0 == y1  # a level or a vertical needs no smoothing: sharper, and faster
            if square:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                painter.drawLine(QPointF(round(x0), round(y0)), QPointF(round(x1), round(y1)))
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            else:
                painter.drawLine(QPointF(x0, y0), QPointF(x1, y1))
        if out.boxes:  # a note: on a veil of the background, so it reads over the bars
            veil = QColor(palette.background)
            veil.setAlphaF(NOTE_VEIL)
            painter.setBrush(QBrush(veil))
            painter.setPen(self._pen(blend(colour, palette.background, 0.5), 1.0, LineStyle.SOLID))
            for left, top, right, bottom in out.boxes:
                painter.drawRect(QRectF(left, top, right - left, bottom - top))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        if out.labels:
            painter.setPen(colour)
            metrics = self._metrics(painter)
            for x, y, text, align in out.labels:
                width = self._width(metrics, text)
                if align == "left":
                    painter.drawText(QPointF(x - width, y + metrics.ascent() / 2 - 1), text)
                else:
                    painter.drawText(QPointF(x + TEXT_GAP, y - TEXT_GAP - metrics.descent()), text)

    def _metrics(self, painter: QPainter) -> QFontMetricsF:
        font = painter.font()
        if self._font != font:  # another font (a zoomed screen): the widths measured are wrong now
            self._font, self._font_metrics = QFont(font), QFontMetricsF(font)
            self._widths.clear()
        return self._font_metrics

    def _width(self, metrics: QFontMetricsF, text: str) -> float:
        """A label's width, measured once (a price's label is drawn again every frame)."""
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > 1024:
                self._widths.clear()
            width = self._widths[text] = metrics.horizontalAdvance(text)
        return width

    def _paint_handles(self, painter: QPainter, out: Shape, colour: QColor, locked: bool) -> None:
        painter.setPen(self._pen(colour, 1.5, LineStyle.SOLID))
        painter.setBrush(QBrush(self.layer.view.theme.background if not locked else colour))
        for x, y in out.handles:
            painter.drawEllipse(QPointF(x, y), HANDLE_RADIUS, HANDLE_RADIUS)

    # -- the mouse (handed to the editor) ---------------------------------------------------------

    def mouseClickEvent(self, ev) -> None:
        self.layer.editor.click(ev)

    def mouseDragEvent(self, ev) -> None:
        self.layer.editor.drag(ev)
