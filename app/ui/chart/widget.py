"""The chart pane: toolbar (periods, style, scale, indicators, magnet, time zone, real time),
the drawing surface, the symbol and period it shows and the live bars and quotes that move it.
Its remembered settings (:mod:`app.ui.chart.settings`), its Indicators menu
(:mod:`app.ui.chart.study_menu`) and its history loading (:mod:`app.ui.chart.loading`) are mixed in
from their own modules."""

from __future__ import annotations

import asyncio
from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.periods import Period
from app.core.sessions import calendar_for
from app.core.symbols import market_of
from app.core.ticks import decimals_at
from app.core.types import Channel, Quote
from app.services.history import KlineHistory
from app.services.market_data import MarketDataService
from app.storage.settings import ChartSettings
from app.ui.chart.compare.controller import CompareController
from app.ui.chart.context_menu import ChartContextMenu
from app.ui.chart.drawings.book import DrawingBook
from app.ui.chart.drawings.layer import DrawingLayer
from app.ui.chart.export import ChartExport
from app.ui.chart.intraday.mode import ChartIntradayMixin
from app.ui.chart.items import ChartStyle
from app.ui.chart.loading import ChartHistoryMixin
from app.ui.chart.moment import MomentMarker
from app.ui.chart.pane_state import MAIN_CHART, ChartPaneMixin
from app.ui.chart.scale import ScaleMode
from app.ui.chart.settings import LOCAL_ZONE, ChartSettingsMixin
from app.ui.chart.study_menu import ChartStudyMenuMixin
from app.ui.chart.stale_area import price_area
from app.ui.chart.view import ChartView
from app.ui.kit import formatting as fmt
from app.ui.kit import theme
from app.ui.kit.async_result import AsyncResults
from app.ui.kit.elided_label import ElidedLabel
from app.ui.kit.linked import LiveSubscription
from app.ui.kit.stale_corner import StaleCorner
from app.ui.kit.theme import Direction, Theme
from app.ui.kit.tool_rows import ToolRows

HISTORY_BARS = 1000
CHART_PERIODS = (Period.M1, Period.M5, Period.M15, Period.M30, Period.H1, Period.H4, Period.D1,
                 Period.W1, Period.MN1)


class ChartWidget(ChartPaneMixin, ChartSettingsMixin, ChartStudyMenuMixin, ChartHistoryMixin, ChartIntradayMixin,
                  QWidget):
    """Signals:

    - ``sig_settings_changed()``: the chart's remembered settings changed (style, scale,
      indicators …); the owner saves them.
    - ``sig_alert_on_line(str, object)``: "Alert on this line" on a drawing: the symbol and
      ``(t1_ms, p1, t2_ms, p2)`` (a horizontal line or ray: t1 == t2, p1 == p2).
    """

    sig_settings_changed = Signal()
    sig_alert_on_line = Signal(str, object)

    def __init__(self, service: MarketDataService, direction: Direction, history: KlineHistory,
                 settings: ChartSettings | None = None, parent: QWidget | None = None, *,
                 pane_id: str = MAIN_CHART, drawings: DrawingBook | None = None):
        super().__init__(parent)
        self.pane_id = pane_id
        self._service = service
        self.history = history  # the window's (the launcher's), shared by every chart
        self.settings = settings or ChartSettings()
        self._live = LiveSubscription(service, [Channel.BAR], Period.M1)
        self._loads = AsyncResults(self)  # a symbol's pages: answers for another symbol dropped
        self._older: asyncio.Future | None = None
        self.notice_text = ""
        self._focus_wanted = False

        self.view = ChartView(direction, self)
        self.graphics = self.view  # the drawing surface (tests and the window look at it)
        self.manager = self.view.manager
        self.drawings = DrawingLayer(self, drawings)  # the window's book: shared by every chart
        self.moment = MomentMarker(self.view)  # an alert's moment, marked (show_moment)
        self.context_menu = ChartContextMenu(self)  # the plot's right-click menu: sections from each part
        self.stale_corner = StaleCorner(self.view, service, lambda: self.symbol, area=lambda: price_area(self.view))

        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.notice = ElidedLabel(self)
        theme.tint(self.notice, "muted")
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setFixedSize(60, 4)
        self.busy.setTextVisible(False)
        self.busy.hide()

        self.period_buttons = QButtonGroup(self)
        self.period_buttons.setExclusive(True)
        self._build_intraday()  # 分时 and 五日, first in the group
        self.intraday_stale_corner = StaleCorner(self.intraday, service, lambda: self.symbol)  # (the same note)
        for period in CHART_PERIODS:
            button = QToolButton(self)
            button.setText(period.value)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setProperty("period", period.value)
            self.period_buttons.addButton(button)
        self.period_buttons.buttonClicked.connect(self._on_period_clicked)

        self.style_box = QComboBox(self)
        for style, label in ((ChartStyle.CANDLES, self.tr("Candles")), (ChartStyle.OHLC, self.tr("OHLC bars")),
                             (ChartStyle.LINE, self.tr("Line"))):
            self.style_box.addItem(label, style)
        self.scale_box = QComboBox(self)
        for mode, label in ((ScaleMode.NORMAL, self.tr("Normal")), (ScaleMode.LOG, self.tr("Log")),
                            (ScaleMode.PERCENT, self.tr("Percent"))):
            self.scale_box.addItem(label, mode)
        self.zone_box = QComboBox(self)
        self.zone_box.addItem(self.tr("Exchange time"), False)
        self.zone_box.addItem(self.tr("Local time"), True)
        self.style_box.setToolTip(self.tr("Chart style"))
        self.scale_box.setToolTip(self.tr("Price scale"))
        self.zone_box.setToolTip(self.tr("Time zone of the time axis"))
        self.magnet_button = QToolButton(self)
        self.magnet_button.setText(self.tr("Magnet"))
        self.magnet_button.setCheckable(True)
        self.magnet_button.setToolTip(self.tr("Snap the crosshair to the open, high, low or close"))
        self.studies_button = QToolButton(self)
        self.studies_button.setText(self.tr("Indicators"))
        self.studies_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.studies_menu = QMenu(self)
        self.studies_button.setMenu(self.studies_menu)
        self.studies_menu.aboutToShow.connect(self._build_studies_menu)
        self.live_button = QToolButton(self)
        self.live_button.setText(self.tr("Real time ⇥"))
        self.live_button.setToolTip(self.tr("Back to the latest bar and follow it (End)"))

        self.link_button = QToolButton(self)
        self.link_button.setText(self.tr("Linked"))
        self.link_button.setCheckable(True)
        self.link_button.setChecked(True)
        self.link_button.setAutoRaise(True)
        self.link_button.setToolTip(self.tr("Linked: follows the symbol picked in the watchlist. "
                                            "Fixed: stays on its own symbol."))
        self.link_button.toggled.connect(
            lambda on: self.link_button.setText(self.tr("Linked") if on else self.tr("Fixed")))
        self.compare = CompareController(self)  # compared symbols (app/ui/chart/compare)

        top = QHBoxLayout()
        top.addWidget(self.link_button)
        top.addWidget(self.title)
        top.addWidget(self.busy)
        top.addWidget(self.notice, 1)
        # Three tool bars, side by side while they fit and wrapping onto further rows when the
        # dock is narrow: no control ever folds behind a » button.
        views = QToolBar(self)
        views.setObjectName("chart-views")
        views.setIconSize(QSize(12, 12))
        views.addWidget(self.compare.button)  # next to the symbol, as TradingView's "Compare or Add Symbol"
        periods = QToolBar(self)
        periods.setObjectName("chart-periods")
        periods.setIconSize(QSize(12, 12))
        for button in self.period_buttons.buttons():
            (views if button in self.intraday_buttons.values() else periods).addWidget(button)
        self.live_action = periods.addWidget(self.live_button)  # a widget in a tool bar shows via its action
        self.live_action.setVisible(False)
        options = QToolBar(self)
        options.setObjectName("chart-options")
        options.setIconSize(QSize(12, 12))
        for widget in (self.style_box, self.scale_box, self.studies_button, self.magnet_button, self.zone_box):
            options.addWidget(widget)
        self.export = ChartExport(self, service)  # PNG and CSV: the "⋯" menu and the context menu
        periods.addWidget(self.export.button)  # (the options bar is the widest: a Chinese window keeps to 900 px)
        self.tool_rows = ToolRows([views, periods, options], self)
        self.empty = QLabel(self.tr("No chart — select a symbol in the watchlist"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)  # a vendor's refusal is long; it must not widen the dock
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.tool_rows)
        body = QHBoxLayout()
        body.setSpacing(0)
        body.addWidget(self.drawings.strip)
        body.addWidget(self.view, 1)
        layout.addLayout(body)  # (no stretch: an empty layout with one keeps its share when the intraday view shows)
        layout.addWidget(self.intraday, 1)
        layout.addWidget(self.empty, 1)

        self._apply_settings()
        self._show_intraday()
        self.style_box.currentIndexChanged.connect(self._on_style)
        self.scale_box.currentIndexChanged.connect(self._on_scale)
        self.zone_box.currentIndexChanged.connect(self._on_zone)
        self.magnet_button.toggled.connect(self._on_magnet)
        self.live_button.clicked.connect(self.view.go_live)
        self.view.sig_follow_changed.connect(lambda following: self.live_action.setVisible(not following))
        self.view.sig_need_older.connect(self._load_older)
        service.sig_bars.connect(self.view.on_bars)  # the live bars go to the view itself
        service.sig_quotes.connect(self._on_quotes)
        service.sig_instruments.connect(self._on_instruments)
        self.history.sig_backfill.connect(self._on_backfill)
        self._refresh_empty()

    # -- symbol and period ---------------------------------------------------------------------

    @property
    def symbol(self) -> str | None:
        return self._live.symbol

    @property
    def period(self) -> Period:
        return self._live.period or Period.M1

    def set_direction(self, direction: Direction) -> None:
        self.view.set_direction(direction)
        self.intraday.set_direction(direction)

    def apply_theme(self, palette: Theme, direction: Direction) -> None:
        self.view.apply_theme(palette, direction)
        self.intraday.apply_theme(palette, direction)
        self._update_title()

    def release(self) -> None:
        """Stop following any symbol (the vendor is about to change)."""
        self._cancel_loads()
        if self.symbol is not None:
            self.history.unfollow(self.symbol, self.period)
        self._live.follow(None)
        self.compare.release()
        self.intraday.release()
        self.view.live_key = None  # a frame still on its way is not this chart's any more

    def set_symbol(self, symbol: str, period: Period | None = None) -> None:
        period = period or self.period
        offered = self._service.feed.chart_periods(symbol)
        if period not in offered:
            period = next((p for p in (Period.D1, Period.M1, *CHART_PERIODS) if p in offered), period)
        if self.symbol is not None:
            self.history.unfollow(self.symbol, self.period)
        self._cancel_loads()
        inst = self._service.instrument(symbol)
        self.view.expect((symbol, period.value))
        self.set_notice("")
        self._live.follow(symbol, period)
        self.history.follow(symbol, period)
        self.view.configure(period, self.view.zone, self._decimals(symbol))
        self.view.size_decimals = inst.size_decimals if inst else 0
        self.manager.calendar = (calendar_for(market_of(symbol), inst.calendar if inst else None)  # VWAP's days
                                 if period.is_intraday else None)  # (a daily bar is a session of its own)
        self._apply_zone()
        self.view.clear_bars()
        self._update_periods(offered)
        quote = self._service.latest_quote(symbol)
        self.view.set_prev_close(quote.prev_close if quote else None)
        self.empty.setText(self.tr("Loading %s…") % symbol)
        self._refresh_empty()
        self.busy.show()
        self._loads.track(self.history.cached(symbol, period, HISTORY_BARS, columns=True), self._on_cached)
        self._loads.track(self.history.refresh(symbol, period, HISTORY_BARS), self._on_fresh, self._on_fresh_error)
        self.compare.reload()
        self._show_intraday()

    def _update_periods(self, offered: frozenset[Period]) -> None:
        vendor = self._service.vendor
        for button in self.period_buttons.buttons():
            if button.property("period") is None:
                continue  # the intraday choices (their own mixin enables them)
            period = Period(button.property("period"))
            button.setEnabled(period in offered)
            button.setChecked(period == self.period)
            button.setToolTip(self.tr("%1 bars").replace("%1", period.value) if period in offered else
                              self.tr("%1 does not offer %2 bars for %3").replace("%1", vendor)
                              .replace("%2", period.value).replace("%3", self.symbol or ""))

    def _on_period_clicked(self, button: QToolButton) -> None:
        if self._intraday_clicked(button):
            return
        period = Period(button.property("period"))
        if self.symbol is not None and period != self.period:
            self.set_symbol(self.symbol, period)

    def _update_title(self) -> None:
        if self.symbol is None:
            self.title.setText("")
            return
        zone = self.view.zone
        when = datetime.now(zone)
        exchange = fmt.zone_label(datetime.now(fmt.exchange_zone(self.symbol, self._service.instrument(self.symbol))))
        self.zone_box.setItemText(0, self.tr("Exchange time (%1)").replace("%1", exchange))
        self.zone_box.setItemText(1, self.tr("Local time (%1)").replace("%1", fmt.zone_label(datetime.now(LOCAL_ZONE))))
        which = self.tr("local") if self.settings.local_time else self.tr("exchange")
        self.title.setText(f"<b>{self.symbol}</b> · {self.period_label()} · "
                           f"<span style='color:{theme.current().muted.name()}'>"
                           + self.tr("times in %1 (%2)").replace("%1", fmt.zone_label(when)).replace("%2", which)
                           + "</span>")

    def set_notice(self, text: str) -> None:
        self.notice_text = text
        self.notice.setText(text)

    # -- live data -------------------------------------------------------------------------------

    @property
    def _loaded(self) -> bool:
        """Some bars are shown (cached or fresh)."""
        return self.view.held is None

    def _on_quotes(self, quotes: dict[str, Quote]) -> None:
        quote = quotes.get(self.symbol or "")
        if quote is not None and quote.prev_close != self.view.prev_close:
            self.view.set_prev_close(quote.prev_close)
        if quote is not None:
            self._on_instruments(None)  # a price into another tick band changes the decimals

    def _on_instruments(self, _instruments: object) -> None:
        decimals = self._decimals(self.symbol) if self.symbol else None
        inst = self._service.instrument(self.symbol) if self.symbol else None
        if inst is not None and inst.size_decimals != self.view.size_decimals:  # volumes' precision
            self.view.size_decimals = inst.size_decimals
            self.view.update_legends()
        if decimals is not None and decimals != self.view.decimals:
            self.view.configure(self.period, self.view.zone, decimals)
            self.view.refresh()

    def _decimals(self, symbol: str) -> int:
        """Decimals of the axis, the legend and the last-price marker: the tick decides, at the
        day's low for a price-dependent table (its ticks only grow with the price)."""
        quote = self._service.latest_quote(symbol)
        prices = [] if quote is None else [p for p in (quote.low, quote.last) if p is not None]
        return decimals_at(self._service.instrument(symbol), min(prices, default=None))

    def show_moment(self, ts_ms: int) -> None:
        """Scroll so the bar holding ``ts_ms`` is in view and mark it (a fired alert's moment);
        before the bars have arrived, as soon as they do."""
        self.moment.show(ts_ms)

    def focus_chart(self) -> None:
        """Put the keyboard on the chart (now, or as soon as its bars show)."""
        self._focus_wanted = True
        self._refresh_empty()

    def _refresh_empty(self) -> None:
        self._show_surface()  # the candles, the intraday view or the empty note
