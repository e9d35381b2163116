"""The Feeds pane's sparklines: a cell painted from its ring of samples (the last 10 minutes,
one a second), scaled to its own range, a gap where a sample is missing (no latency that
second); the colour is the column's series colour from the theme."""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.ui.feeds.model import RING_ROLE, SPARK_SAMPLES
from app.ui.kit import theme

PADDING = 4


class RingSparkDelegate(QStyledItemDelegate):
    """Paints ``index.data(RING_ROLE)`` as a line across the whole ring's width (600 samples),
    newest at the right, so the line grows from the right as the minutes fill; ``series`` picks
    the theme's series colour (0: the rate, 1: the latency)."""

    def __init__(self, series: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = series

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        values = index.data(RING_ROLE)
        if not values:
            return
        finite = [v for v in values if not math.isnan(v)]
        if not finite:
            return
        rect = QRectF(option.rect).adjusted(PADDING, PADDING, -PADDING, -PADDING)
        lo, hi = min(0.0, min(finite)), max(finite)
        span = (hi - lo) or 1.0
        step = rect.width() / (SPARK_SAMPLES - 1)
        first_x = rect.right() - (len(values) - 1) * step
        path = QPainterPath()
        pen_down = False
        for i, value in enumerate(values):
            if math.isnan(value):
                pen_down = False
                continue
            point = QPointF(first_x + i * step, rect.bottom() - (value - lo) / span * rect.height())
            if pen_down:
                path.lineTo(point)
            else:
                path.moveTo(point)
                pen_down = True
        palette = theme.current()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(palette.grid, 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()))
        painter.setPen(QPen(theme.line_colours(palette, 2)[self.series], 1.2))
        painter.drawPath(path)
        if len(values) == 1 or (len(values) > 1 and math.isnan(values[-2])):  # a lone point: a dot
            painter.drawEllipse(path.currentPosition(), 1.2, 1.2)
        painter.restore()
