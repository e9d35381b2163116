"""Chart drawings, one per class; each paints only the bars in view."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QBrush, QPainter, QPen

from app.ui.chart.manager import BarManager
from app.ui.theme import Direction

BODY_WIDTH = 0.7


class _BarItem(pg.GraphicsObject):
    """Base: bounding box from the data, paint limited to the exposed x range."""

    def __init__(self, manager: BarManager, direction: Direction):
        super().__init__()
        self.manager = manager
        self.direction = direction
        self._bounds = QRectF()

    def data_changed(self) -> None:
        self.prepareGeometryChange()
        self._bounds = self._compute_bounds()
        self.update()

    def set_direction(self, direction: Direction) -> None:
        self.direction = direction
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _compute_bounds(self) -> QRectF:
        raise NotImplementedError

    def _visible(self, option) -> tuple[int, int]:
        rect = option.exposedRect if option is not None else self._bounds
        return self.manager.visible(rect.left() - 1, rect.right() + 1)


class CandleItem(_BarItem):
    def _compute_bounds(self) -> QRectF:
        m = self.manager
        if not len(m):
            return QRectF()
        lo, hi = float(m.low.min()), float(m.high.max())
        return QRectF(-0.5, lo, len(m), max(hi - lo, 1e-9))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        m = self.manager
        start, stop = self._visible(option)
        if stop <= start:
            return
        o, h, l, c = m.open, m.high, m.low, m.close
        half = BODY_WIDTH / 2
        groups = {True: ([], []), False: ([], [])}
        for i in range(start, stop):
            up = c[i] >= o[i]
            wicks, bodies = groups[up]
            wicks.append(QLineF(i, l[i], i, h[i]))
            top, bottom = (c[i], o[i]) if up else (o[i], c[i])
            bodies.append(QRectF(i - half, bottom, BODY_WIDTH, top - bottom))
        for up, (wicks, bodies) in groups.items():
            colour = self.direction.up if up else self.direction.down
            pen = QPen(colour)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(wicks)
            painter.setBrush(QBrush(colour))
            painter.drawRects(bodies)


class VolumeItem(_BarItem):
    def _compute_bounds(self) -> QRectF:
        m = self.manager
        if not len(m):
            return QRectF()
        return QRectF(-0.5, 0.0, len(m), max(float(m.volume.max()), 1e-9))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        m = self.manager
        start, stop = self._visible(option)
        if stop <= start:
            return
        o, c, v = m.open, m.close, m.volume
        half = BODY_WIDTH / 2
        up_rects, down_rects = [], []
        for i in range(start, stop):
            (up_rects if c[i] >= o[i] else down_rects).append(QRectF(i - half, 0.0, BODY_WIDTH, v[i]))
        painter.setPen(pg.mkPen(None))
        for rects, colour in ((up_rects, self.direction.up), (down_rects, self.direction.down)):
            faded = pg.mkColor(colour)
            faded.setAlpha(150)
            painter.setBrush(QBrush(faded))
            painter.drawRects(rects)
