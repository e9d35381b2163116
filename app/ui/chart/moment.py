"""A marked moment on the chart (an alert's time): the bar holding it is scrolled into view and
a vertical line in the theme's accent colour is drawn through it.

The line is kept by its time, not by its bar number: the bar is found again at every paint
(a bisection), so it stays on its bar when older pages load in front or the live bar grows.
A moment asked for before the chart's bars arrive is shown as soon as they do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainter, QPen

from app.ui.chart.items import _ViewBoundItem

if TYPE_CHECKING:
    from app.ui.chart.view import ChartView


class MomentLine(_ViewBoundItem):
    """The vertical line through the bar that holds ``ts`` (none when no bar holds it)."""

    def __init__(self, view: ChartView) -> None:
        super().__init__()
        self._view = view
        self.ts: int | None = None
        self.key: tuple[str, str] | None = None  # the (symbol, period) it was asked on
        self.setZValue(40)  # over the bars, under the crosshair

    def bar_index(self) -> int | None:
        """The bar holding the moment, on the chart it was asked for; None otherwise."""
        view = self._view
        if self.ts is None or self.key != view.live_key or not len(view.manager):
            return None
        ts = view.manager.ts
        i = int(np.searchsorted(ts, self.ts, side="right")) - 1
        return i if i >= 0 else None

    def paint(self, painter: QPainter, *_args) -> None:
        i = self.bar_index()
        rect = self.boundingRect()
        if i is None or rect.isNull():
            return
        pen = QPen(self._view.theme.accent)
        pen.setCosmetic(True)
        pen.setWidthF(1.5)
        pen.setDashPattern([6, 3])
        painter.setPen(pen)
        painter.drawLine(QPointF(i, rect.top()), QPointF(i, rect.bottom()))


class MomentMarker:
    """Shows a moment on one chart view: scrolls to it and keeps the line."""

    def __init__(self, view: ChartView) -> None:
        self.view = view
        self.line = MomentLine(view)
        view.price.plot.addItem(self.line, ignoreBounds=True)
        self._pending: int | None = None

    def show(self, ts_ms: int) -> None:
        """Mark ``ts_ms`` on the chart's current symbol and period, scrolling it into view now,
        or when the first bars show."""
        self.line.ts = ts_ms
        self.line.key = self.view.live_key
        self.line.update()
        if not len(self.view.manager):
            self._pending = ts_ms  # still loading
            return
        self._scroll()

    def x(self) -> float | None:
        """Where the line is drawn (a bar index), None when it is not drawn."""
        i = self.line.bar_index()
        return None if i is None else float(i)

    def bars_shown(self) -> None:
        """The chart's first bars are on screen (its history loader says so): a moment asked
        for meanwhile is scrolled to now."""
        if self._pending is not None and len(self.view.manager):
            self._scroll()

    def _scroll(self) -> None:
        self._pending = None
        i = self.line.bar_index()
        if i is None:
            return
        view = self.view
        x0, x1 = view.x_range()
        if x0 + 1 <= i <= x1 - 1:  # in view already: the picture stays as the user knows it
            self.line.update()
            return
        half = (x1 - x0) / 2
        view._set_x(i - half, i + half)
        view._update_following()  # the moment stays in view as new bars come
        self.line.update()
