"""The chart as a pane of the window (:mod:`app.ui.kit.pane`): its title, and its own state in a
workspace (symbol, period, linked or fixed, its choices), kept apart from the widget."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
from PySide6.QtCore import QCoreApplication

from app.core.periods import Period
from app.storage.settings import ChartSettings
from app.ui.kit.pane import PaneState

MAIN_CHART = "chart"  # the pane id of the chart every window has; the others are chart-2, chart-3 …


class ChartPaneMixin:
    """A part of :class:`~app.ui.chart.widget.ChartWidget`: the pane contract."""

    pane_id = MAIN_CHART

    if TYPE_CHECKING:
        settings: ChartSettings

        @property
        def symbol(self) -> str | None: ...
        @property
        def period(self) -> Period: ...
        @property
        def linked(self) -> bool: ...
        def set_linked(self, linked: bool) -> None: ...
        def load_settings(self, settings: ChartSettings) -> None: ...
        def set_symbol(self, symbol: str, period: Period | None = None) -> None: ...

    def pane_title(self) -> str:
        if self.pane_id == MAIN_CHART:
            return QCoreApplication.translate("MainWindow", "Chart")
        return QCoreApplication.translate("MainWindow", "Chart %s") % self.pane_id.rsplit("-", 1)[-1]

    def save_state(self) -> PaneState:
        return {"symbol": self.symbol, "period": self.period.value, "linked": self.linked,
                "settings": msgspec.to_builtins(self.settings)}

    def restore_state(self, state: PaneState) -> None:
        """Its choices and link, then its symbol and period: a fixed chart its own symbol, a
        linked one the window's linked symbol (set before), at the period it was saved with."""
        self.load_settings(msgspec.convert(state.get("settings", {}), ChartSettings))
        linked = bool(state.get("linked", True))
        self.set_linked(linked)
        symbol = state.get("symbol")
        period = Period.parse(state.get("period", "1m"))
        if symbol and (not linked or self.symbol != symbol):
            self.set_symbol(symbol, period)
        elif self.symbol and self.period != period:
            self.set_symbol(self.symbol, period)
