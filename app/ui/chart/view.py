"""The chart's drawing surface: x-linked panes (price, then one per sub-pane study), the
crosshair and its legends, zoom and pan, the y fit. It knows bars, not vendors: the widget
around it (``widget.py``) feeds it and handles periods, history and settings.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from app.core.periods import Period
from app.ui import formatting as fmt
from app.ui import theme
from app.ui.chart.axis import Marker, PriceAxis, TimeAxis
from app.ui.chart.items import (
    ChartStyle,
    GridItem,
    HistogramItem,
    LevelLine,
    LineItem,
    PriceItem,
    SeparatorItem,
    VolumeItem,
    sample,
    view_window,
)
from app.ui.chart.lod import LodPyramid, levels_for
from app.ui.chart.manager import HIGH, LOW, OPEN, VOLUME, BarManager
from app.ui.chart.scale import PriceScale, ScaleMode
from app.ui.chart.studies import Study, StudyKind, StudySpec
from app.ui.chart.viewbox import ChartViewBox
from app.ui.theme import Direction, Theme

INITIAL_VISIBLE = 120
MIN_VISIBLE = 10
RIGHT_MARGIN = 3  # empty bars right of the live bar
OLDER_MARGIN = 20  # ask for older bars when the view comes this close to the first
AXIS_WIDTH = 78
LEGEND_GAP = "&nbsp; "  # between a legend's parts: two spaces, where a long legend may wrap


class LegendLabel(pg.LabelItem):
    """A pane's title row. pyqtgraph's label makes its text width its minimum width on every
    resize, so a long legend would widen the chart past its dock and push the price axis out of
    sight. This one wraps onto a second line between its parts (the row holds two) and is cut
    beyond that."""

    def __init__(self) -> None:
        super().__init__("", size="9pt", justify="left")
        self.setFlag(self.GraphicsItemFlag.ItemClipsChildrenToShape)

    def resizeEvent(self, ev) -> None:
        width = self.rect().width()
        if width > 1 and self.item.textWidth() != width:
            self.item.setTextWidth(width)
        super().resizeEvent(ev)

    def updateMin(self) -> None:
        bounds = self.itemRect()
        self.setMinimumSize(1, bounds.height())
        self._sizeHint = {
            Qt.SizeHint.MinimumSize: (1, bounds.height()),
            Qt.SizeHint.PreferredSize: (1, bounds.height()),
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


class ChartView(pg.GraphicsLayoutWidget):
    """Signals:

    - ``sig_need_older()``: the view reached the first bar; the owner may prepend older ones.
    - ``sig_follow_changed(bool)``: whether the view follows the live bar (False once the
      user scrolled away; the owner shows a button back to real time).
    - ``sig_hover(object)``: the bar index under the crosshair, or None when it left.
    - ``sig_studies_changed()``: a study was added or removed from the view.
    """

    sig_need_older = Signal()
    sig_follow_changed = Signal(bool)
    sig_hover = Signal(object)
    sig_studies_changed = Signal()

    def __init__(self, direction: Direction, parent: QWidget | None = None):
        super().__init__(parent)
        self.theme = theme.current()
        self.chinese = QLocale().language() == QLocale.Language.Chinese  # volumes in 万 and 亿
        self.setBackground(self.theme.background)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.manager = BarManager()
        self.lod = LodPyramid(self.manager)
        self.direction = direction
        self.scale = PriceScale()
        self.decimals = 2
        self.period = Period.M1
        self.zone: ZoneInfo = ZoneInfo("UTC")
        self.following = True
        self.magnet = False
        self.prev_close: float | None = None
        self.hover: int | None = None
        self.older_exhausted = False
        self.ci.layout.setSpacing(0)
        self.ci.setContentsMargins(2, 2, 2, 2)
        self.panes: list[Pane] = []
        self.price = self._add_pane(None)
        self.candles = PriceItem(self.lod, direction, self.scale, self.theme.accent)
        self.separators = SeparatorItem(self.manager, self.theme.muted)
        self.last_line = LevelLine(self.theme.text, dashed=True)
        self.prev_line = LevelLine(self.theme.muted, dashed=True)
        for item in (self.separators, self.prev_line, self.candles, self.last_line):
            self.price.plot.addItem(item)
        self.overlays: list[tuple[Study, list[LineItem]]] = []
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._fitting = False

    # -- panes --------------------------------------------------------------------------------

    def _add_pane(self, study: Study | None, at: int | None = None) -> Pane:
        """A pane for ``study`` (None: the price pane), ``at`` that place among the sub-panes."""
        vb = ChartViewBox()
        price_axis = PriceAxis(self.scale if study is None else None)
        time_axis = TimeAxis(self.manager)
        plot = pg.PlotItem(viewBox=vb, axisItems={"right": price_axis, "bottom": time_axis})
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.showAxis("right")
        plot.hideAxis("left")
        for side in ("left", "top"):  # never shown: they need not follow every range change
            plot.getAxis(side).unlinkFromView()
        plot.showGrid(x=False, y=False)
        price_axis.setWidth(AXIS_WIDTH)
        _use_legend_row(plot)
        grid = GridItem(lambda: [v for v, _, _ in price_axis.labelled_ticks()], self._time_ticks, self.theme.grid_line)
        plot.addItem(grid, ignoreBounds=True)
        pane = Pane(plot, vb, price_axis, time_axis, study, grid=grid)
        pane.v_line = pg.InfiniteLine(angle=90, movable=False)
        pane.h_line = pg.InfiniteLine(angle=0, movable=False)
        _colour_pane(pane, self.theme)
        for line in (pane.v_line, pane.h_line):
            line.setVisible(False)
            line.setZValue(50)
            plot.addItem(line, ignoreBounds=True)
        if self.panes:
            plot.setXLink(self.panes[0].plot)
        vb.sig_zoom.connect(self.zoom)
        vb.sig_pan.connect(self.pan)
        vb.sig_reset.connect(self.reset_view)
        if not self.panes:  # the others follow it through the x link
            vb.sigXRangeChanged.connect(self._on_x_range)
        if at is None or study is None:
            self.panes.append(pane)
        else:
            self.panes.insert(1 + at, pane)
        self._relayout()
        return pane

    def _time_ticks(self) -> list[float]:
        """The bars labelled on the time axis (the last pane's: the only one shown)."""
        return [v for v, _, _ in self.panes[-1].time_axis.labelled_ticks()]

    def _relayout(self) -> None:
        """Price pane on top (stretch 5), sub-panes below (stretch 2); the time axis on the last."""
        for row in range(self.ci.layout.rowCount()):
            self.ci.layout.setRowStretchFactor(row, 0)
        for pane in self.panes:
            if pane.plot.scene() is not None:
                self.ci.removeItem(pane.plot)
        for row, pane in enumerate(self.panes):
            self.ci.addItem(pane.plot, row=row, col=0)
            self.ci.layout.setRowStretchFactor(row, 5 if pane.study is None else 2)
            if row == len(self.panes) - 1:
                pane.plot.showAxis("bottom")
            else:
                pane.plot.hideAxis("bottom")

    def add_study(self, spec: StudySpec, at: int | None = None) -> Study:
        """Add ``spec``, last among the overlays or sub-panes, or ``at`` that place."""
        study = Study(spec, self.manager)
        colours = iter(self.theme.studies)
        if spec.kind.overlay:
            items = []
            for name in study.series:
                item = LineItem(self.lod, _values(study, name), next(colours), self.scale)
                self.price.plot.addItem(item)
                items.append(item)
            self.overlays.insert(len(self.overlays) if at is None else at, (study, items))
        else:
            pane = self._add_pane(study, at)
            if spec.kind is StudyKind.VOL:
                pane.lines.append(("VOL", VolumeItem(self.lod, self.direction)))
                pane.price_axis.formatter = lambda v, c=self.chinese: fmt.compact(v, c)
            elif spec.kind is StudyKind.RSI:
                pane.price_axis.formatter = lambda v: f"{v:.0f}"
                for level in (30, 70):
                    guide = pg.InfiniteLine(level, angle=0)
                    pane.guides.append(guide)
                    pane.plot.addItem(guide)
                _colour_pane(pane, self.theme)
            else:
                pane.price_axis.formatter = lambda v, d=self: f"{v:.{min(d.decimals + 1, 6)}f}"
            for i, name in enumerate(study.series):
                if spec.kind is StudyKind.MACD and i == 2:
                    pane.lines.insert(0, (name, HistogramItem(self.lod, _values(study, name), self.direction)))
                else:
                    pane.lines.append((name, LineItem(self.lod, _values(study, name), next(colours))))
            for _name, item in pane.lines:
                pane.plot.addItem(item)
        self._fit_y()
        self.update_legends()
        self.sig_studies_changed.emit()
        return study

    def remove_study(self, spec: StudySpec) -> None:
        for study, items in list(self.overlays):
            if study.spec == spec:
                for item in items:
                    self.price.plot.removeItem(item)
                self.overlays.remove((study, items))
        for pane in list(self.panes[1:]):
            if pane.study is not None and pane.study.spec == spec:
                self.panes.remove(pane)
                self.ci.removeItem(pane.plot)
                self._relayout()
        self._fit_y()
        self.update_legends()
        self.sig_studies_changed.emit()

    def replace_study(self, old: StudySpec, new: StudySpec) -> Study:
        """A study with new parameters keeps its place: its pane stays where the user knows it."""
        if old.kind.overlay:
            at = next((k for k, (study, _) in enumerate(self.overlays) if study.spec == old), None)
        else:
            at = next((k for k, pane in enumerate(self.panes[1:]) if pane.study is not None
                       and pane.study.spec == old), None)
        self.remove_study(old)
        return self.add_study(new, at)

    def studies(self) -> list[StudySpec]:
        specs = [study.spec for study, _ in self.overlays]
        return specs + [pane.study.spec for pane in self.panes[1:] if pane.study is not None]

    def _items(self):
        yield self.candles
        for _study, items in self.overlays:
            yield from items
        for pane in self.panes[1:]:
            for _name, item in pane.lines:
                yield item

    # -- data ---------------------------------------------------------------------------------

    def configure(self, period: Period, zone: ZoneInfo, decimals: int) -> None:
        self.period = period
        self.decimals = decimals
        self.set_zone(zone)
        self.price.price_axis.decimals = decimals
        self.separators.period_ms = period.nominal_ms if period.is_intraday else None
        for pane in self.panes:
            pane.time_axis.period = period

    def set_zone(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self.separators.zone = zone
        for pane in self.panes:
            pane.time_axis.zone = zone
            pane.time_axis.picture = None
            pane.time_axis.update()
        self.separators.update()

    def set_arrays(self, ts: np.ndarray, ohlcv: np.ndarray) -> None:
        """Show these bars (oldest first), the newest in view."""
        self.manager.set_arrays(ts, ohlcv)
        self._after_load()

    def set_bars(self, bars) -> None:
        self.manager.set_bars(bars)
        self._after_load()

    def _after_load(self) -> None:
        self.lod.build(levels_for(len(self.manager), 1600))
        self.older_exhausted = False
        self.following = True
        self.hover = None
        n = len(self.manager)
        self._set_x(n - INITIAL_VISIBLE, n - 1 + RIGHT_MARGIN)
        self.refresh()

    def clear_bars(self) -> None:
        """(Not ``clear``: GraphicsLayoutWidget puts its layout's ``clear`` on the instance.)"""
        self.manager.clear()
        self.refresh()

    def apply_bars(self, bars) -> None:
        """Live bars (the current one updated, or new ones): the view follows if it was."""
        n_before = len(self.manager)
        for bar in bars:
            if self.manager.update(bar) is None:
                self.manager.merge([bar])
        grew = len(self.manager) - n_before
        if grew and self.following:
            x0, x1 = self.x_range()
            self._set_x(x0 + grew, x1 + grew)
        self.refresh()

    def merge_bars(self, bars) -> None:
        """Bars anywhere (a back-fill); the view stays on the same bars."""
        x0, x1 = self.x_range()
        n_before = len(self.manager)
        before = self.manager.merge(bars)
        if len(self.manager) != n_before:
            if self.following:
                grew = len(self.manager) - n_before
                self._set_x(x0 + grew, x1 + grew)
            elif before:
                self._set_x(x0 + before, x1 + before)
        self.refresh()

    def prepend_bars(self, bars) -> int:
        """Older bars in front; the view keeps showing the same bars (indices shift)."""
        x0, x1 = self.x_range()
        added = self.manager.prepend(bars)
        if added:
            self.lod.build(levels_for(len(self.manager), 1600))
            self._set_x(x0 + added, x1 + added)
        else:
            self.older_exhausted = True
        self.refresh()
        return added

    def refresh(self) -> None:
        """Redraw after data changed: the items repaint what is in view; nothing is rebuilt."""
        for item in self._items():
            item.update()
        n = len(self.manager)
        last = float(self.manager.close[-1]) if n else None
        self._update_price_lines(last)
        self._fit_y()
        self.update_legends()

    def set_direction(self, direction: Direction) -> None:
        self.direction = direction
        for item in self._items():
            if hasattr(item, "set_direction"):
                item.set_direction(direction)
        self._update_price_lines(float(self.manager.close[-1]) if len(self.manager) else None)
        self.update_legends()

    def apply_theme(self, palette: Theme, direction: Direction) -> None:
        """Repaint everything in ``palette``: background, axes, grid, lines, legends."""
        self.theme = palette
        self.setBackground(palette.background)
        self.candles.line_colour = palette.accent
        self.separators.colour = palette.muted
        self.prev_line.colour = palette.muted
        for pane in self.panes:
            _colour_pane(pane, palette)
        for _study, items in self.overlays:
            for item, colour in zip(items, palette.studies, strict=False):
                item.colour = colour
        for pane in self.panes[1:]:
            lines = [item for _name, item in pane.lines if isinstance(item, LineItem)]
            for item, colour in zip(lines, palette.studies, strict=False):
                item.colour = colour
        for item in self._items():
            item.update()
        self.set_direction(direction)

    def set_style(self, style: ChartStyle) -> None:
        self.candles.set_style(style)

    def set_scale(self, mode: ScaleMode) -> None:
        self.scale.mode = mode
        self.price.price_axis.picture = None
        self.price.vb.manual_y = False
        self.refresh()

    def set_prev_close(self, price: float | None) -> None:
        self.prev_close = price if self.period.is_intraday else None
        self._update_price_lines(float(self.manager.close[-1]) if len(self.manager) else None)

    def _update_price_lines(self, last: float | None) -> None:
        axis = self.price.price_axis
        if last is None:
            self.last_line.set_y(None)
            axis.set_marker("last", None)
        else:
            y = self.scale.forward_one(last)
            m = self.manager
            colour = self.direction.for_change(last - (self.prev_close if self.prev_close is not None
                                                       else float(m.open[-1])))
            self.last_line.colour = colour
            self.last_line.set_y(y)
            axis.set_marker("last", Marker(y, fmt.price(last, self.decimals), colour, self.theme.marker_text))
        if self.prev_close is None:
            self.prev_line.set_y(None)
        else:
            self.prev_line.set_y(self.scale.forward_one(self.prev_close))

    # -- the x range: zoom, pan, follow ---------------------------------------------------------

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
            if self.scale.mode is ScaleMode.PERCENT:
                base = float(cols[OPEN, 0]) or 1.0
                if base != self.scale.base:
                    self.scale.base = base
                    self.price.price_axis.picture = None
                    self._update_price_lines(float(self.manager.close[-1]))
            if not self.price.vb.manual_y:
                lows = [float(np.nanmin(self.scale.forward(cols[LOW])))]
                highs = [float(np.nanmax(self.scale.forward(cols[HIGH])))]
                for study, _items in self.overlays:
                    for name in study.series:
                        _extend(lows, highs, self.scale.forward(sample(study.values(name), window)))
                _set_y(self.price.vb, min(lows), max(highs), 0.06)
            for pane in self.panes[1:]:
                if pane.vb.manual_y or pane.study is None:
                    continue
                lows, highs = [], []
                kind = pane.study.spec.kind
                if kind is StudyKind.VOL:
                    lows.append(0.0)
                    highs.append(float(cols[VOLUME].max()))
                for name in pane.study.series:
                    _extend(lows, highs, sample(pane.study.values(name), window))
                if kind is StudyKind.RSI:
                    lows.append(0.0)
                    highs.append(100.0)
                if kind is StudyKind.MACD:
                    lows.append(0.0)
                    highs.append(0.0)
                if lows and highs:
                    _set_y(pane.vb, min(lows), max(highs), 0.08 if kind is not StudyKind.VOL else 0.0,
                           top_pad=0.1)
        finally:
            self._fitting = False

    # -- crosshair and legends ------------------------------------------------------------------

    def _on_mouse_moved(self, pos: QPointF) -> None:
        hovered = next((p for p in self.panes if p.vb.sceneBoundingRect().contains(pos)), None)
        if hovered is None or not len(self.manager):
            self.hide_crosshair()
            return
        point = hovered.vb.mapSceneToView(pos)
        self.show_crosshair(point.x(), point.y(), hovered)

    def show_crosshair(self, x: float, y: float, hovered: Pane) -> None:
        """Vertical line through every pane at the bar under ``x``; the horizontal line and
        its label in the hovered pane (snapped to the bar's OHLC in magnet mode)."""
        i = self.manager.index_at(x)
        if i is None:
            return
        if self.magnet and hovered is self.price:
            ohlc = [self.scale.forward_one(v) for v in self.manager.bar(i)[1:5]]
            y = min(ohlc, key=lambda v: abs(v - y))
        for pane in self.panes:
            pane.v_line.setPos(i)
            pane.v_line.setVisible(True)
            is_hovered = pane is hovered
            pane.h_line.setVisible(is_hovered)
            if is_hovered:
                pane.h_line.setPos(y)
                pane.price_axis.set_marker("cross", Marker(y, pane.price_axis.text_for(y), self.theme.marker,
                                                           self.theme.marker_text))
            else:
                pane.price_axis.set_marker("cross", None)
        bottom = self.panes[-1].time_axis
        bottom.set_marker("cross", Marker(i, bottom.time_text(i, full=True), self.theme.marker,
                                          self.theme.marker_text))
        if i != self.hover:
            self.hover = i
            self.update_legends()
            self.sig_hover.emit(i)

    def hide_crosshair(self) -> None:
        for pane in self.panes:
            pane.v_line.setVisible(False)
            pane.h_line.setVisible(False)
            pane.price_axis.set_marker("cross", None)
            pane.time_axis.set_marker("cross", None)
        if self.hover is not None:
            self.hover = None
            self.update_legends()
            self.sig_hover.emit(None)

    def leaveEvent(self, ev) -> None:
        self.hide_crosshair()
        super().leaveEvent(ev)

    def legend_index(self) -> int | None:
        n = len(self.manager)
        if not n:
            return None
        return self.hover if self.hover is not None and self.hover < n else n - 1

    def update_legends(self) -> None:
        """Each pane's title row: the hovered (else the last) bar's values. Title rows sit above
        the plots, so a legend never covers a candle."""
        i = self.legend_index()
        if i is None:
            for pane in self.panes:
                _set_legend(pane, " ")
            return
        _set_legend(self.price, self.price_legend(i))
        for pane in self.panes[1:]:
            _set_legend(pane, self.study_legend(pane, i))

    def price_legend(self, i: int) -> str:
        ts, o, h, lo, c, v = self.manager.bar(i)
        prev = float(self.manager.close[i - 1]) if i > 0 else o
        change = c - prev
        pct = change / prev * 100 if prev else 0.0
        d = self.decimals
        colour = self.direction.for_change(change).name()
        muted = self.theme.muted.name()
        when = datetime.fromtimestamp(ts / 1000, self.zone)
        stamp = when.strftime("%Y-%m-%d %H:%M" if self.period.is_intraday else "%Y-%m-%d")
        parts = [f"<span style='color:{muted}'>{stamp}&nbsp;{fmt.zone_label(when)}</span>"]
        for label, value in ((self.tr("O"), o), (self.tr("H"), h), (self.tr("L"), lo), (self.tr("C"), c)):
            parts.append(f"<span style='color:{muted}'>{label}</span>&nbsp;"
                         f"<span style='color:{colour}'>{fmt.price(value, d)}</span>")
        parts.append(f"<span style='color:{colour}'>{fmt.signed(change, d)}&nbsp;({pct:+.2f}%)</span>")
        parts.append(f"<span style='color:{muted}'>{self.tr('V')}</span>&nbsp;<span style='color:{self.theme.text.name()}'>"
                     f"{fmt.compact(v, self.chinese)}</span>")
        for study, items in self.overlays:
            values = [f"<span style='color:{item.colour.name()}'>{name}&nbsp;{fmt.price(study.value_at(name, i), d)}</span>"
                      for name, item in zip(study.series, items, strict=True)
                      if math.isfinite(study.value_at(name, i))]
            if values:
                parts.append(" ".join(values))
        return LEGEND_GAP.join(parts)

    def study_legend(self, pane: Pane, i: int) -> str:
        study = pane.study
        if study is None:
            return " "
        text_colour = self.theme.text.name()
        parts = [f"<span style='color:{text_colour}'>{study.spec.title()}</span>"]
        if study.spec.kind is StudyKind.VOL:
            parts.append(f"<span style='color:{text_colour}'>{fmt.compact(float(self.manager.volume[i]), self.chinese)}</span>")
        decimals = min(self.decimals + 1, 6) if study.spec.kind is StudyKind.MACD else 2
        for name, item in pane.lines:
            if name == "VOL":
                continue
            value = study.value_at(name, i)
            text = "—" if not math.isfinite(value) else (
                fmt.compact(value, self.chinese) if study.spec.kind is StudyKind.VOL else f"{value:,.{decimals}f}")
            colour = item.colour.name() if isinstance(item, LineItem) else self.theme.muted.name()
            parts.append(f"<span style='color:{colour}'>{name}&nbsp;{text}</span>")
        return LEGEND_GAP.join(parts)


def _colour_pane(pane: Pane, palette: Theme) -> None:
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


def _use_legend_row(plot: pg.PlotItem) -> None:
    """Swap pyqtgraph's title label for a :class:`LegendLabel` in the plot's title row."""
    plot.layout.removeItem(plot.titleLabel)
    plot.titleLabel.setParentItem(None)
    plot.titleLabel = LegendLabel()
    plot.titleLabel.setParentItem(plot)
    plot.layout.addItem(plot.titleLabel, 0, 1)
    plot.setTitle(" ", justify="left", size="9pt")


def _set_legend(pane: Pane, text: str) -> None:
    """Only a changed legend is set: laying out rich text costs more than a frame's candles."""
    if pane.plot.titleLabel.text != text:
        pane.plot.setTitle(text, justify="left", size="9pt")


def _values(study: Study, name: str) -> Callable[[], np.ndarray]:
    return lambda: study.values(name)


def _extend(lows: list[float], highs: list[float], values: np.ndarray) -> None:
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
    vb.setYRange(lo - span * pad, hi + top, padding=0)

