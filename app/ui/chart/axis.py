"""Axes for an index-based chart: bar times on x, prices in the pane's scale on y, and
highlighted labels on the axis itself (the crosshair's value, the last price)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from app.core.periods import Period
from app.ui.chart.manager import BarManager
from app.ui.chart.scale import PriceScale, ScaleMode


@dataclass
class Marker:
    """A label on the axis at ``value`` (an x index or a y in the pane's scale)."""

    value: float
    text: str
    background: QColor
    foreground: QColor


class _MarkedAxis(pg.AxisItem):
    """An axis that also paints markers over its labels."""

    def __init__(self, orientation: str, **kwargs):
        super().__init__(orientation, **kwargs)
        self.markers: dict[str, Marker] = {}

    def set_marker(self, name: str, marker: Marker | None) -> None:
        if marker is None:
            if self.markers.pop(name, None) is not None:
                self.update()
            return
        self.markers[name] = marker
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        super().paint(painter, option, widget)
        view = self.linkedView()
        if view is None or not self.markers:
            return
        painter.setFont(self.style.get("tickFont") or painter.font())
        metrics = QFontMetricsF(painter.font())
        bounds = self.boundingRect()
        for marker in self.markers.values():
            if self.orientation in ("left", "right"):
                pos = self.mapFromScene(view.mapViewToScene(QPointF(0, marker.value)))
                h = metrics.height() + 2
                rect = QRectF(0, pos.y() - h / 2, bounds.width(), h)
            else:
                pos = self.mapFromScene(view.mapViewToScene(QPointF(marker.value, 0)))
                w = metrics.horizontalAdvance(marker.text) + 10
                rect = QRectF(pos.x() - w / 2, 0, w, metrics.height() + 4)
            if not bounds.adjusted(-2, -12, 2, 12).contains(rect.center()):
                continue
            painter.fillRect(rect, marker.background)
            painter.setPen(marker.foreground)
            painter.drawText(rect.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             marker.text)


class TimeAxis(_MarkedAxis):
    """Each tick shows its bar's time in the chosen zone; the format follows the period, and
    the first bar of a day shows the date."""

    def __init__(self, manager: BarManager, **kwargs):
        super().__init__("bottom", **kwargs)
        self.manager = manager
        self.zone = ZoneInfo("UTC")
        self.period = Period.M1

    def tickStrings(self, values, scale, spacing):
        ts = self.manager.ts
        n = len(ts)
        labels = []
        for value in values:
            i = int(round(value))
            labels.append(self.time_text(i) if 0 <= i < n and abs(value - i) < 1e-6 else "")
        return labels

    def time_text(self, i: int, *, full: bool = False) -> str:
        ts = self.manager.ts
        moment = datetime.fromtimestamp(int(ts[i]) / 1000, self.zone)
        if full:
            return moment.strftime("%Y-%m-%d %H:%M" if self.period.is_intraday else "%Y-%m-%d")
        if self.period.is_intraday:
            if i == 0 or datetime.fromtimestamp(int(ts[i - 1]) / 1000, self.zone).date() != moment.date():
                return moment.strftime("%m-%d")
            return moment.strftime("%H:%M")
        if self.period in (Period.MN1, Period.Y1):
            return moment.strftime("%Y-%m")
        return moment.strftime("%y-%m-%d")

    def tickValues(self, minVal, maxVal, size):
        # Whole bar indices only (a label between two bars would name neither), and one level:
        # minor ticks on a time axis are labels nobody reads, at a cost on every frame.
        levels = super().tickValues(minVal, maxVal, size)
        if not levels:
            return []
        step = max(1.0, round(levels[0][0]))
        first = np.ceil(minVal / step) * step
        return [(step, list(np.arange(first, maxVal + 1e-9, step)))]


class PriceAxis(_MarkedAxis):
    """Prices at the instrument's precision; on a log scale, round prices at their logarithm;
    on a percent scale, percentages."""

    def __init__(self, scale: PriceScale | None = None, **kwargs):
        super().__init__("right", **kwargs)
        self.price_scale = scale
        self.decimals = 2
        self.formatter = None  # for sub-panes: a callable value → text (volumes, RSI)

    def text_for(self, y: float) -> str:
        if self.formatter is not None:
            return self.formatter(y)
        if self.price_scale is not None and self.price_scale.mode is ScaleMode.PERCENT:
            return f"{y:+.2f}%"
        price = self.price_scale.inverse_one(y) if self.price_scale is not None else y
        return f"{price:,.{self.decimals}f}"

    def tickStrings(self, values, scale, spacing):
        return [self.text_for(v) for v in values]

    def tickValues(self, minVal, maxVal, size):
        if self.price_scale is None or self.price_scale.mode is not ScaleMode.LOG:
            return super().tickValues(minVal, maxVal, size)
        lo, hi = 10.0 ** minVal, 10.0 ** maxVal
        levels = super().tickValues(lo, hi, size)
        return [(spacing, [float(np.log10(v)) for v in values if v > 0]) for spacing, values in levels]
