"""Candlestick chart pane: history from the service, then the live bar on every frame."""

from __future__ import annotations

import asyncio

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.periods import Period
from app.core.types import Bar, Channel
from app.services.market_data import MarketDataService
from app.ui import formatting as fmt
from app.ui.chart.axis import IndexTimeAxis
from app.ui.chart.items import CandleItem, VolumeItem
from app.ui.chart.manager import BarManager
from app.ui.symbol_pane import LiveSubscription
from app.ui.theme import BACKGROUND, GRID, MUTED, NEUTRAL, Direction

HISTORY_BARS = 600
INITIAL_VISIBLE = 120
CHART_PERIODS = (Period.M1, Period.M5, Period.M15, Period.M30, Period.H1, Period.H4, Period.D1,
                 Period.W1, Period.MN1)


class ChartWidget(QWidget):
    """Price and volume plots sharing an index-based time axis."""

    def __init__(self, service: MarketDataService, direction: Direction, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._live = LiveSubscription(service, [Channel.BAR], Period.M1)
        self.manager = BarManager()
        self._loading: asyncio.Future | None = None
        self._early_bars: list[Bar] = []
        self._decimals = 2

        self.title = QLabel(self)
        self.readout = QLabel(self)
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.period_box = QComboBox(self)
        for period in CHART_PERIODS:
            self.period_box.addItem(period.value, period)
        self.period_box.currentIndexChanged.connect(self._on_period_chosen)

        self.graphics = pg.GraphicsLayoutWidget(self)
        self.graphics.setBackground(BACKGROUND)
        self.axis = IndexTimeAxis(self.manager)
        self.price_plot = self.graphics.addPlot(row=0, col=0)
        self.volume_plot = self.graphics.addPlot(row=1, col=0, axisItems={"bottom": self.axis})
        self.graphics.ci.layout.setRowStretchFactor(0, 4)
        self.graphics.ci.layout.setRowStretchFactor(1, 1)
        self.volume_plot.setXLink(self.price_plot)
        for plot in (self.price_plot, self.volume_plot):
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.showAxis("right")
            plot.hideAxis("left")
            plot.getAxis("right").setTextPen(pg.mkPen(NEUTRAL))
            plot.getAxis("right").setPen(pg.mkPen(GRID))
            plot.getAxis("right").setWidth(70)
            plot.getViewBox().setMouseEnabled(x=True, y=False)
        self.price_plot.hideAxis("bottom")
        self.axis.setTextPen(pg.mkPen(NEUTRAL))
        self.axis.setPen(pg.mkPen(GRID))
        self.candles = CandleItem(self.manager, direction)
        self.volumes = VolumeItem(self.manager, direction)
        self.price_plot.addItem(self.candles)
        self.volume_plot.addItem(self.volumes)
        self.price_plot.getViewBox().sigXRangeChanged.connect(self._fit_y)

        self.empty = QLabel(self.tr("No chart — select a symbol in the watchlist"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.readout, 1)
        top.addWidget(self.period_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.empty, 1)
        service.sig_bars.connect(self.on_bars)
        self._refresh_empty()

    @property
    def symbol(self) -> str | None:
        return self._live.symbol

    @property
    def period(self) -> Period:
        return self._live.period or Period.M1

    def set_direction(self, direction: Direction) -> None:
        self.candles.set_direction(direction)
        self.volumes.set_direction(direction)
        self._update_readout()

    def release(self) -> None:
        """Stop following any symbol (the vendor is about to change)."""
        if self._loading is not None:
            self._loading.cancel()
            self._loading = None
        self._live.follow(None)

    def set_symbol(self, symbol: str, period: Period | None = None) -> None:
        period = period or self.period
        inst = self._service.instrument(symbol)
        self._decimals = inst.price_decimals if inst else 2
        self.axis.zone = fmt.exchange_zone(symbol, inst)
        self.axis.period = period
        self.title.setText(f"<b>{symbol}</b> · {period.value}")
        self.manager.clear()
        self._early_bars = []
        self._redraw()
        self.empty.setText(self.tr("Loading %s…") % symbol)
        self._live.follow(symbol, period)
        if self._loading is not None:
            self._loading.cancel()
        task = self._service.fetch_history(symbol, period, HISTORY_BARS)
        task.add_done_callback(lambda t, s=symbol, p=period: self._on_history(s, p, t))
        self._loading = task

    def _on_period_chosen(self, _index: int) -> None:
        period = self.period_box.currentData()
        if self.symbol is not None and period != self.period:
            self.set_symbol(self.symbol, period)

    def _on_history(self, symbol: str, period: Period, task: asyncio.Future) -> None:
        if task.cancelled():
            return
        error = task.exception()  # read even when stale, so asyncio has nothing to complain of
        if (symbol, period) != (self.symbol, self.period):
            return
        if error is not None:
            self.empty.setText(self.tr("No chart for %1: %2").replace("%1", symbol).replace("%2", str(error)))
            return
        self._loading = None
        self.manager.set_bars(task.result())
        for bar in self._early_bars:
            self.manager.update(bar)
        self._early_bars = []
        self._redraw()
        n = len(self.manager)
        self.price_plot.setXRange(max(-0.5, n - INITIAL_VISIBLE), n + 1, padding=0)
        self._fit_y()

    def on_bars(self, bars: dict[tuple[str, str], list[Bar]]) -> None:
        updates = bars.get((self.symbol or "", self.period.value))
        if not updates:
            return
        if self._loading is not None:
            self._early_bars.extend(updates)
            return
        n_before = len(self.manager)
        for bar in updates:
            self.manager.update(bar)
        self._redraw()
        grew = len(self.manager) - n_before
        if grew:
            x_min, x_max = self.price_plot.getViewBox().viewRange()[0]
            if x_max >= n_before - 1:  # following the live edge: keep it in view
                self.price_plot.setXRange(x_min + grew, x_max + grew, padding=0)
        self._fit_y()

    def _redraw(self) -> None:
        self.candles.data_changed()
        self.volumes.data_changed()
        self._update_readout()
        self._refresh_empty()

    def _fit_y(self, *_args) -> None:
        x_min, x_max = self.price_plot.getViewBox().viewRange()[0]
        start, stop = self.manager.visible(x_min, x_max)
        prices = self.manager.price_range(start, stop)
        if prices is None:
            return
        lo, hi = prices
        pad = (hi - lo) * 0.06 or abs(hi) * 0.001 or 1.0
        self.price_plot.setYRange(lo - pad, hi + pad, padding=0)
        self.volume_plot.setYRange(0, self.manager.volume_max(start, stop) * 1.1 or 1.0, padding=0)

    def _update_readout(self) -> None:
        m = self.manager
        if not len(m):
            self.readout.setText("")
            return
        d = self._decimals
        i = len(m) - 1
        colour = self.candles.direction.for_change(m.close[i] - m.open[i]).name()
        parts = [
            f"O {fmt.price(m.open[i], d)}", f"H {fmt.price(m.high[i], d)}",
            f"L {fmt.price(m.low[i], d)}", f"C {fmt.price(m.close[i], d)}",
        ]
        vol = f"<span style='color:{MUTED.name()}'>V {fmt.compact(m.volume[i])}</span>"
        self.readout.setText(f"<span style='color:{colour}'>{'  '.join(parts)}</span>  {vol}")

    def _refresh_empty(self) -> None:
        has_bars = len(self.manager) > 0
        self.graphics.setVisible(has_bars)
        self.empty.setVisible(not has_bars)
