"""The chart's drawing surface: x-linked panes (price, then one per sub-pane study), their
studies, the bars and the price lines. Zoom, pan and the y fit live in ``ranges.py``, the
crosshair and its legends in ``crosshair.py`` (both mixed into :class:`ChartView`), a pane's
parts in ``panes.py``. It knows bars, not vendors: the widget around it (``widget.py``) feeds it
and handles periods, history and settings.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QGraphicsView, QWidget

from app.core.periods import Period
from app.ui.chart.axis import Marker, PriceAxis, TimeAxis
from app.ui.chart.crosshair import ChartCrosshair
from app.ui.chart.frame import FramePending
from app.ui.chart.guides import GridItem, SeparatorItem
from app.ui.kit import formatting as fmt
from app.ui.kit import theme
from app.ui.chart.items import (
    ChartStyle,
    HistogramItem,
    LevelLine,
    LineItem,
    PriceItem,
    VolumeItem,
)
from app.ui.chart.lod import LodPyramid, levels_for
from app.ui.chart.manager import BarManager
from app.ui.chart.paint_pass import painting
from app.ui.chart.panes import Pane, colour_lines, colour_pane, use_legend_row
from app.ui.chart.profile import make_study, overlay_item
from app.ui.chart.ranges import INITIAL_VISIBLE, RIGHT_MARGIN, ChartRanges
from app.ui.chart.scale import PriceScale, ScaleMode
from app.ui.chart.studies import Study, StudyKind, StudySpec
from app.ui.chart.surface import follow_background
from app.ui.chart.viewbox import ChartViewBox
from app.ui.kit.theme import Direction, Theme

AXIS_WIDTH = 78


class ChartView(ChartRanges, ChartCrosshair, pg.GraphicsLayoutWidget):
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
        # a plain colour: filled in place each paint, not copied from pyqtgraph's cached pixmap
        # of it (a copy of the whole view, read and written, twice a frame)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.manager = BarManager()
        self.lod = LodPyramid(self.manager)
        self.direction = direction
        self.scale = PriceScale()
        self.decimals = 2
        self.size_decimals = 0  # of the instrument's sizes: its volumes' precision
        self.period = Period.M1
        self.zone: ZoneInfo = ZoneInfo("UTC")
        self.following = True
        self.magnet = False
        self.prev_close: float | None = None
        self.hover: int | None = None
        self.older_exhausted = False
        self.live_key: tuple[str, str] | None = None  # the (symbol, period) whose live bars it takes
        self.held: list | None = []  # its live bars, held until the first page shows (None: shown)
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
        self.extras: list = []  # more lines of the price pane (compared symbols): .legend(i), .y_values()
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._fitting = False
        self._live_shift = False  # the view moving along with live bars (its fit waits for the frame)
        self.pending = FramePending(self, self._settle)  # live bars: lines, fit, legends once a frame

    def setBackground(self, background) -> None:  # noqa: N802 (pyqtgraph's name)
        """(pyqtgraph's) and the surface said opaque while the colour is (surface.py)."""
        super().setBackground(background)
        follow_background(self)

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
        use_legend_row(plot)
        grid = GridItem(lambda: [v for v, _, _ in price_axis.labelled_ticks()], self._time_ticks, self.theme.grid_line)
        plot.addItem(grid, ignoreBounds=True)
        pane = Pane(plot, vb, price_axis, time_axis, study, grid=grid)
        pane.v_line = pg.InfiniteLine(angle=90, movable=False)
        pane.h_line = pg.InfiniteLine(angle=0, movable=False)
        colour_pane(pane, self.theme)
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
        study = make_study(spec, self.manager)
        colour = self.theme.studies[0]  # until colour_lines gives each line its own
        if spec.kind.overlay:
            items = []
            for name in study.series:
                item = overlay_item(study, self.lod, _values(study, name), colour, self.scale)
                self.price.plot.addItem(item)
                items.append(item)
            self.overlays.insert(len(self.overlays) if at is None else at, (study, items))
        else:
            pane = self._add_pane(study, at)
            if spec.kind is StudyKind.VOL:
                pane.lines.append(("VOL", VolumeItem(self.lod, self.direction)))
                pane.price_axis.formatter = self.volume_text  # as the legend and the watchlist write it
            elif spec.kind is StudyKind.RSI:
                pane.price_axis.formatter = lambda v: f"{v:.0f}"
                for level in (30, 70):
                    guide = pg.InfiniteLine(level, angle=0)
                    pane.guides.append(guide)
                    pane.plot.addItem(guide)
                colour_pane(pane, self.theme)
            else:
                pane.price_axis.auto_decimals = True
            for i, name in enumerate(study.series):
                if spec.kind is StudyKind.MACD and i == 2:
                    pane.lines.insert(0, (name, HistogramItem(self.lod, _values(study, name), self.direction)))
                else:
                    pane.lines.append((name, LineItem(self.lod, _values(study, name), colour)))
            for _name, item in pane.lines:
                pane.plot.addItem(item)
            colour_lines(pane, [], self.theme)
        colour_lines(self.price, self._overlay_lines(), self.theme)
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
        colour_lines(self.price, self._overlay_lines(), self.theme)
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

    def _overlay_lines(self) -> list[LineItem]:
        return [item for _study, items in self.overlays for item in items]

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
        self.manager.decimals = decimals
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

    def expect(self, key: tuple[str, str] | None) -> None:
        """Another symbol and period (or none): its live bars are held until its first page shows."""
        self.live_key = key
        self.held = []

    def show_first(self, bars) -> None:
        """The first page of history, then the live bars held while it was on its way."""
        self.set_bars(bars)
        held, self.held = self.held or [], None
        if held:
            self.apply_bars(held)

    def on_bars(self, frame: dict) -> None:
        """The service's frame of live bars, straight from its signal (no pane in between): this
        chart's, held until the first page shows, then applied."""
        bars = frame.get(self.live_key) if self.live_key is not None else None
        if not bars:
            return
        if self.held is not None:
            self.held.extend(bars)
            return
        self.apply_bars(bars)

    def apply_bars(self, bars) -> None:
        """Live bars (the current one updated, or new ones): the view follows if it was."""
        n_before = len(self.manager)
        for bar in bars:
            if self.manager.update(bar) is None:
                self.manager.merge([bar])
        grew = len(self.manager) - n_before
        self.refresh_later()
        if grew and self.following:
            x0, x1 = self.x_range()
            self._live_shift = True
            try:
                self._set_x(x0 + grew, x1 + grew)
            finally:
                self._live_shift = False

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
        self.refresh_later()
        self.pending.settle()

    def refresh_later(self) -> None:
        """A live change: the items repaint; the price lines, y fit and legends follow once,
        before the next paint (:mod:`app.ui.chart.frame`), however many bars came meanwhile."""
        self.pending.mark(lines=True, fit=True, legends=True)  # first: its event goes before the scene's
        for item in self._items():
            item.update()

    def _settle(self, lines: bool, fit: bool, legends: bool) -> None:
        if lines:
            self._update_price_lines(float(self.manager.close[-1]) if len(self.manager) else None)
        if fit:
            self._fit_y()
        if legends:
            self.update_legends()

    def paintEvent(self, ev) -> None:
        self.pending.settle()  # a paint before the frame's timer (a grab, a synchronous repaint)
        with painting():  # each pane's window worked out once for its items
            super().paintEvent(ev)

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
            colour_pane(pane, palette)
        colour_lines(self.price, self._overlay_lines(), palette)
        for pane in self.panes[1:]:
            colour_lines(pane, [], palette)
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
            axis.set_marker("prev", None)
        else:
            y = self.scale.forward_one(self.prev_close)
            self.prev_line.set_y(y)
            axis.set_marker("prev", Marker(y, fmt.price(self.prev_close, self.decimals), self.theme.muted,
                                           self.theme.marker_text, z=-1))


def _values(study: Study, name: str) -> Callable[[], np.ndarray]:
    return lambda: study.values(name)
