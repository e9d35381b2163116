"""A compared symbol's line on the price pane: its change in percent from the first visible
bar, drawn where the chart's own scale puts that percentage (on the percent scale, the
percentage itself; on a price or log scale, the chart's first visible close moved by it)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPainter

from app.ui.chart.compare.series import CompareSeries, first_finite
from app.ui.chart.items import LineItem, sample, view_window
from app.ui.chart.lod import LodPyramid
from app.ui.chart.scale import PriceScale, ScaleMode
from app.ui.chart.visible import first_visible
from app.ui.kit import theme

LINE_WIDTH = 1.6  # a little heavier than a study's line: it is a price, not an average


class CompareItem(LineItem):
    """The line of one :class:`CompareSeries`; ``slot`` picks its colour among the theme's line
    colours (from the end of the list: the studies take them from the start)."""

    def __init__(self, series: CompareSeries, lod: LodPyramid, scale: PriceScale, slot: int):
        super().__init__(lod, series.aligned, QColor(), scale, LINE_WIDTH)
        self.series = series
        self.slot = slot
        self.setZValue(5)  # over the candles, as TradingView draws a comparison

    @property
    def colour(self) -> QColor:
        return compare_colour(self.slot)

    @colour.setter
    def colour(self, _colour: QColor) -> None:
        pass

    def base_index(self) -> int | None:
        vb = self.getViewBox()
        if vb is None:
            return None
        x0, x1 = vb.viewRange()[0]
        return first_visible(self.lod.manager, x0, x1)

    def to_y(self, closes: np.ndarray, base_index: int) -> np.ndarray | None:
        """Where the compared closes are drawn, given the bar whose close is 0 %."""
        base = first_finite(self.series.aligned(), base_index)
        if base is None:
            return None
        pct = np.asarray(closes, dtype=np.float64) / base - 1.0
        scale = self.scale
        if scale is None or scale.mode is ScaleMode.PERCENT:
            return pct * 100.0
        main = float(self.lod.manager.close[base_index])
        return np.asarray(scale.forward(main * (1.0 + pct)), dtype=np.float64)

    def y_values(self) -> np.ndarray:
        """The drawn y of the bars in view (the chart's y fit includes them)."""
        window = view_window(self, self.lod)
        base_index = self.base_index()
        if window is None or base_index is None:
            return np.empty(0)
        y = self.to_y(sample(self.series.aligned(), window), base_index)
        return np.empty(0) if y is None else y

    def paint(self, painter: QPainter, option, widget=None) -> None:
        window = view_window(self, self.lod)
        base_index = self.base_index()
        if window is None or base_index is None:
            return
        y = self.to_y(sample(self.series.aligned(), window), base_index)
        if y is None:
            return
        painter.setPen(pg.mkPen(self.colour, width=self.width, cosmetic=True))
        painter.drawPath(pg.arrayToQPath(window.x, y, connect="finite"))


def compare_colour(slot: int) -> QColor:
    colours = theme.line_colours(theme.current(), len(theme.current().studies))
    return colours[-1 - slot % len(colours)]
