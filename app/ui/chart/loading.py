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

    from app.core.periods import Period
    from app.core.types import Bar
    from app.services.history import KlineHistory
    from app.services.market_data import MarketDataService
    from app.ui.chart.manager import BarManager
    from app.ui.chart.view import ChartView

OLDER_PAGE = 1000


class ChartHistoryMixin:
    """The loading half of the chart pane (mixed into ``ChartWidget``)."""

    if TYPE_CHECKING:
        _service: MarketDataService
        history: KlineHistory
        view: ChartView
        manager: BarManager
        busy: QProgressBar
        empty: QLabel
        _generation: int
        _loaded: bool
        _early_bars: list[Bar]
        _tasks: list[asyncio.Future]
        _older: asyncio.Future | None

        @property
        def symbol(self) -> str | None: ...
        @property
        def period(self) -> Period: ...
        def set_notice(self, text: str) -> None: ...
        def _refresh_empty(self) -> None: ...

    def _cancel_loads(self) -> None:
        for task in (*self._tasks, self._older):
            if task is not None and not task.done():
                task.cancel()
        self._tasks = []
        self._older = None
        self.busy.hide()

    def _current(self, generation: int, task: asyncio.Future) -> bool:
        if task.cancelled():
            return False
        task.exception()  # read even when stale, so asyncio has nothing to complain of
        return generation == self._generation

    def _on_cached(self, generation: int, task: asyncio.Future) -> None:
        if not self._current(generation, task) or task.exception() is not None:
            return
        bars = task.result()
        if bars and not self._loaded:
            self._show_first(bars)
            self.set_notice(QCoreApplication.translate("ChartWidget", "Cached bars; asking %s for the latest…")
                            % self._service.vendor)

    def _on_fresh(self, generation: int, task: asyncio.Future) -> None:
        if not self._current(generation, task):
            return
        self.busy.hide()
        error = task.exception()
        if error is not None:
            if self._loaded:
                self.set_notice(QCoreApplication.translate("ChartWidget", "Showing cached bars: %s") % words(error))
            else:
                self.empty.setText(QCoreApplication.translate("ChartWidget", "No chart for %1: %2")
                                   .replace("%1", self.symbol or "").replace("%2", words(error)))
            return
        bars = task.result()
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

    def _show_first(self, bars: list[Bar]) -> None:
        if not bars:
            return
        self._loaded = True
        self.view.set_bars(bars)
        if self._early_bars:
            self.view.apply_bars(self._early_bars)
            self._early_bars = []
        self._refresh_empty()

    def _load_older(self) -> None:
        if self._older is not None or not self._loaded or self.symbol is None or not len(self.manager):
            return
        generation = self._generation
        symbol, period = self.symbol, self.period
        self.busy.show()
        task = self.history.older(symbol, period, int(self.manager.ts[0]), OLDER_PAGE)
        task.add_done_callback(lambda t: self._on_older(generation, t))
        self._older = task

    def _on_older(self, generation: int, task: asyncio.Future) -> None:
        if not self._current(generation, task):
            return
        self._older = None
        self.busy.hide()
        error = task.exception()
        if error is not None:
            self.view.older_exhausted = True  # said once; a period or symbol change tries again
            self.set_notice(QCoreApplication.translate("ChartWidget", "No older bars: %s") % words(error))
            return
        if self.view.prepend_bars(task.result()) == 0:
            first = datetime.fromtimestamp(int(self.manager.ts[0]) / 1000, self.view.zone)
            self.set_notice(QCoreApplication.translate("ChartWidget", "%1 has no %2 bars before %3")
                            .replace("%1", self._service.vendor)
                            .replace("%2", self.period.value).replace("%3", first.strftime("%Y-%m-%d %H:%M")))

    def _on_backfill(self, found: dict) -> None:
        bars = found.get((self.symbol or "", self.period.value))
        if bars and self._loaded:
            self.view.merge_bars(bars)
