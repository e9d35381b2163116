"""The chart's history as it arrives: the cached page, the vendor's fresh page, older pages
asked for when the view scrolls back, and back-filled bars; a part of
:class:`~app.ui.chart.widget.ChartWidget`, kept apart so the loading rules (stale answers dropped,
cache then fresh, no hole) live in one place. Its strings keep the "ChartWidget" translation
context."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.services.words import words

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QProgressBar

    from app.core.bar_columns import BarColumns
    from app.core.periods import Period
    from app.core.types import Bar
    from app.services.history import KlineHistory
    from app.services.market_data import MarketDataService
    from app.ui.chart.manager import BarManager
    from app.ui.chart.moment import MomentMarker
    from app.ui.chart.view import ChartView
    from app.ui.kit.async_result import AsyncResults

OLDER_PAGE = 1000


class ChartHistoryMixin:
    """The loading half of the chart pane (mixed into ``ChartWidget``)."""

    if TYPE_CHECKING:
        _service: MarketDataService
        history: KlineHistory
        view: ChartView
        manager: BarManager
        moment: MomentMarker
        busy: QProgressBar
        empty: QLabel
        _loads: AsyncResults
        @property
        def _loaded(self) -> bool: ...
        _older: asyncio.Future | None

        @property
        def symbol(self) -> str | None: ...
        @property
        def period(self) -> Period: ...
        def set_notice(self, text: str) -> None: ...
        def _refresh_empty(self) -> None: ...

    def _cancel_loads(self) -> None:
        self._loads.renew()  # another symbol or period, or released: answers on the way dropped
        self._older = None
        self.busy.hide()

    def _on_cached(self, bars: BarColumns) -> None:
        if bars and not self._loaded:
            self._show_first(bars)
            self.set_notice(QCoreApplication.translate("ChartWidget", "Cached bars; asking %s for the latest…")
                            % self._service.vendor)

    def _on_fresh_error(self, error: BaseException) -> None:
        self.busy.hide()
        if self._loaded:
            self.set_notice(QCoreApplication.translate("ChartWidget", "Showing cached bars: %s") % words(error))
        else:
            self.empty.setText(QCoreApplication.translate("ChartWidget", "No chart for %1: %2")
                               .replace("%1", self.symbol or "").replace("%2", words(error)))

    def _on_fresh(self, bars: list[Bar]) -> None:
        self.busy.hide()
        if not self._loaded:
            self._show_first(bars)
            if not bars:
                self.empty.setText(QCoreApplication.translate("ChartWidget", "%1 has no %2 bars for %3")
                                   .replace("%1", self._service.vendor)
                                   .replace("%2", self.period.value).replace("%3", self.symbol or ""))
        elif bars and bars[0].ts <= self.manager.ts[-1]:
            self.view.merge_bars(bars)
            self.set_notice("")
        elif bars:
            self.view.set_bars(bars)  # the cache ended before the fresh page begins: no hole
            self.set_notice("")

    def _show_first(self, bars: list[Bar] | BarColumns) -> None:
        if not bars:
            return
        self.view.show_first(bars)
        self.moment.bars_shown()
        self._refresh_empty()

    def _load_older(self) -> None:
        if self._older is not None or not self._loaded or self.symbol is None or not len(self.manager):
            return
        symbol, period = self.symbol, self.period
        self.busy.show()
        self._older = self._loads.track(self.history.older(symbol, period, int(self.manager.ts[0]), OLDER_PAGE),
                                        self._on_older, self._on_older_error)

    def _on_older_error(self, error: BaseException) -> None:
        self._older = None
        self.busy.hide()
        self.view.older_exhausted = True  # said once; a period or symbol change tries again
        self.set_notice(QCoreApplication.translate("ChartWidget", "No older bars: %s") % words(error))

    def _on_older(self, bars: list[Bar]) -> None:
        self._older = None
        self.busy.hide()
        if self.view.prepend_bars(bars) == 0:
            first = datetime.fromtimestamp(int(self.manager.ts[0]) / 1000, self.view.zone)
            self.set_notice(QCoreApplication.translate("ChartWidget", "%1 has no %2 bars before %3")
                            .replace("%1", self._service.vendor)
                            .replace("%2", self.period.value).replace("%3", first.strftime("%Y-%m-%d %H:%M")))

    def _on_backfill(self, found: dict) -> None:
        bars = found.get((self.symbol or "", self.period.value))
        if bars and self._loaded:
            self.view.merge_bars(bars)
