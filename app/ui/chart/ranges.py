"""The chart's ranges: the x range (zoom, pan, the keys, following the live bar, asking for
older bars) and each pane's y fit to what is in view; a part of
:class:`~app.ui.chart.view.ChartView`, kept apart so the navigation rules read on their own."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from app.ui.chart.items import sample, view_window
from app.ui.chart.manager import HIGH, LOW, VOLUME
from app.ui.chart.scale import ScaleMode
from app.ui.chart.studies import StudyKind
from app.ui.chart.visible import first_visible

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from app.ui.chart.frame import FramePending
    from app.ui.chart.items import LineItem, PriceItem
    from app.ui.chart.lod import LodPyramid
    from app.ui.chart.manager import BarManager
    from app.ui.chart.panes import Pane
    from app.ui.chart.scale import PriceScale
    from app.ui.chart.studies import Study

INITIAL_VISIBLE = 120
MIN_VISIBLE = 10
RIGHT_MARGIN = 3  # empty bars right of the live bar
OLDER_MARGIN = 20  # ask for older bars when the view comes this close to the first


class ChartRanges:
    """The zoom, pan and y-fit half of the chart view (mixed into ``ChartView``)."""

    if TYPE_CHECKING:
        manager: BarManager
        lod: LodPyramid
        scale: PriceScale
        candles: PriceItem
        price: Pane
        panes: list[Pane]
        overlays: list[tuple[Study, list[LineItem]]]
        extras: list
        following: bool
        older_exhausted: bool
        _fitting: bool
        _live_shift: bool
        pending: FramePending
        sig_need_older: SignalInstance
        sig_follow_changed: SignalInstance

        def _update_price_lines(self, last: float | None) -> None: ...

    def x_range(self) -> tuple[float, float]:
        x0, x1 = self.price.vb.viewRange()[0]
        return float(x0), float(x1)

    def _set_x(self, x0: float, x1: float) -> None:
        n = len(self.manager)
        width = max(x1 - x0, MIN_VISIBLE)
        width = min(width, max(n, MIN_VISIBLE) * 1.2 + RIGHT_MARGIN)
        right_limit = n - 1 + max(RIGHT_MARGIN, width * 0.5)
        x1 = min(x0 + width, right_limit)
        x0 = x1 - width
        left_limit = -width * 0.5
        if x0 < left_limit:
            x0, x1 = left_limit, left_limit + width
        self.price.vb.setXRange(x0, x1, padding=0)

    def zoom(self, factor: float, around: float | None = None) -> None:
        x0, x1 = self.x_range()
        n = len(self.manager)
        if around is None or self.following:
            around = x1 if self.following else (x0 + x1) / 2
        around = min(max(around, x0), x1)
        self._set_x(around - (around - x0) * factor, around + (x1 - around) * factor)
        if self.following and n:
            self._keep_live_edge()

    def pan(self, bars: float) -> None:
        x0, x1 = self.x_range()
        self._set_x(x0 + bars, x1 + bars)
        self._update_following()

    def go_home(self) -> None:
        x0, x1 = self.x_range()
        self._set_x(-1, -1 + (x1 - x0))
        self._update_following()

    def go_live(self) -> None:
        x0, x1 = self.x_range()
        n = len(self.manager)
        self._set_x(n - 1 + RIGHT_MARGIN - (x1 - x0), n - 1 + RIGHT_MARGIN)
        self._set_following(True)

    def reset_view(self) -> None:
        for pane in self.panes:
            pane.vb.manual_y = False
        n = len(self.manager)
        self._set_x(n - INITIAL_VISIBLE, n - 1 + RIGHT_MARGIN)
        self._set_following(True)
        self._fit_y()

    def _keep_live_edge(self) -> None:
        x0, x1 = self.x_range()
        n = len(self.manager)
        shift = n - 1 + RIGHT_MARGIN - x1
        self._set_x(x0 + shift, x1 + shift)

    def _update_following(self) -> None:
        x0, x1 = self.x_range()
        self._set_following(x1 >= len(self.manager) - 1)

    def _set_following(self, following: bool) -> None:
        if following != self.following:
            self.following = following
            self.sig_follow_changed.emit(following)

    def _on_x_range(self, *_args) -> None:
        if self._fitting:
            return
        if self._live_shift:  # live bars moved the view along: the frame's fit does it, once
            self.pending.mark(fit=True)
        else:
            self._fit_y()
        x0, _x1 = self.x_range()
        if x0 < OLDER_MARGIN and len(self.manager) and not self.older_exhausted:
            self.sig_need_older.emit()

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        x0, x1 = self.x_range()
        step = max(1.0, (x1 - x0) * 0.1)
        key = ev.key()
        if key == Qt.Key.Key_Left:
            self.pan(-step)
        elif key == Qt.Key.Key_Right:
            self.pan(step)
        elif key == Qt.Key.Key_Up:
            self.zoom(0.8)
        elif key == Qt.Key.Key_Down:
            self.zoom(1.25)
        elif key == Qt.Key.Key_Home:
            self.go_home()
        elif key == Qt.Key.Key_End:
            self.go_live()
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()

    # -- the y fit ----------------------------------------------------------------------------

    def _fit_y(self) -> None:
        """Each pane's y range from what is in view (the LOD buckets: a handful of values)."""
        if not len(self.manager):
            return
        self._fitting = True
        try:
            window = view_window(self.candles, self.lod)
            if window is None:
                return
            cols = window.cols[:, window.start:window.stop]
            if self.scale.mode is ScaleMode.PERCENT:  # 0 % at the first visible bar's close, as TradingView
                first = first_visible(self.manager, *self.x_range())
                base = float(self.manager.close[first]) if first is not None else 1.0
                base = base if math.isfinite(base) and base else 1.0
                if base != self.scale.base:
                    self.scale.base = base
                    self.price.price_axis.picture = None
                    self._update_price_lines(float(self.manager.close[-1]))
            if not self.price.vb.manual_y:
                lows = [float(np.nanmin(self.scale.forward(cols[LOW])))]
                highs = [float(np.nanmax(self.scale.forward(cols[HIGH])))]
                _extend(lows, highs, *(self.scale.forward(sample(study.values(name), window))
                                       for study, _items in self.overlays for name in study.series))
                for extra in self.extras:  # the compared symbols' lines
                    for values in extra.y_values():
                        _extend(lows, highs, values)
                _set_y(self.price.vb, min(lows), max(highs), 0.06)
            for pane in self.panes[1:]:
                if pane.vb.manual_y or pane.study is None:
                    continue
                lows, highs = [], []
                kind = pane.study.spec.kind
                if kind is StudyKind.VOL:
                    lows.append(0.0)
                    highs.append(float(cols[VOLUME].max()))
                _extend(lows, highs, *(sample(pane.study.values(name), window) for name in pane.study.series))
                if kind is StudyKind.RSI:
                    lows.append(0.0)
                    highs.append(100.0)
                if kind is StudyKind.MACD:
                    lows.append(0.0)
                    highs.append(0.0)
                if lows and highs:
                    _set_y(pane.vb, min(lows), max(highs), 0.08 if kind is not StudyKind.VOL else 0.0,
                           top_pad=0.1)
            for pane in self.panes:  # the new ranges' transforms now: left to the paint, they would
                pane.vb.updateMatrix()  # move the items during it and cost a second paint
        finally:
            self._fitting = False


def _extend(lows: list[float], highs: list[float], *series: np.ndarray) -> None:
    """The finite values of ``series`` widen the range (one pass over them all: a pane's lines
    are a few short arrays, and each NumPy call costs more than its values)."""
    if not series:
        return
    values = series[0] if len(series) == 1 else np.concatenate(series)
    finite = values[np.isfinite(values)]
    if len(finite):
        lows.append(float(finite.min()))
        highs.append(float(finite.max()))


def _set_y(vb: pg.ViewBox, lo: float, hi: float, pad: float, top_pad: float | None = None) -> None:
    span = hi - lo
    if not math.isfinite(span):
        return
    if span <= 0:
        span = abs(hi) * 0.01 or 1.0
    top = span * (pad if top_pad is None else top_pad)
    y0, y1 = lo - span * pad, hi + top
    if vb.state["targetRange"][1] != [y0, y1]:  # a tick that moves no extreme leaves the pane as it is
        vb.setYRange(y0, y1, padding=0)
