"""The chart's "Intraday" (分时) and "5 days" (五日) choices: two more members of its period
buttons that swap the candle view for the intraday view and back; the choice is one of the
chart's remembered settings (``ChartSettings.intraday``: 0 candles, 1 or 5 days). A part of
:class:`~app.ui.chart.widget.ChartWidget` (mixed in), so the widget only hooks it in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QToolButton, QWidget

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP
from app.ui.chart.intraday.widget import IntradayChart

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QComboBox, QLabel

    from app.services.history import KlineHistory
    from app.services.market_data import MarketDataService
    from app.storage.settings import ChartSettings
    from app.ui.chart.manager import BarManager
    from app.ui.chart.view import ChartView

INTRADAY_DAYS = (1, 5)
_LABELS = {1: QT_TRANSLATE_NOOP("ChartWidget", "Intraday"), 5: QT_TRANSLATE_NOOP("ChartWidget", "5 days")}
_TIPS = {1: QT_TRANSLATE_NOOP("ChartWidget", "Today's minutes with the average price, around the previous close"),
         5: QT_TRANSLATE_NOOP("ChartWidget", "The last five trading days' minutes, side by side")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChartWidget", text)


class ChartIntradayMixin:
    """The intraday half of the chart pane (mixed into ``ChartWidget``)."""

    if TYPE_CHECKING:
        settings: ChartSettings
        sig_settings_changed: SignalInstance
        _service: MarketDataService
        history: KlineHistory
        view: ChartView
        manager: BarManager
        period_buttons: QButtonGroup
        style_box: QComboBox
        scale_box: QComboBox
        studies_button: QToolButton
        magnet_button: QToolButton
        empty: QLabel
        _focus_wanted: bool

        @property
        def symbol(self) -> str | None: ...
        def _decimals(self, symbol: str) -> int: ...
        def _update_title(self) -> None: ...

    def _build_intraday(self) -> None:
        """The two buttons (first in the period group, as Futu puts 分时 and 五日 before the
        candles) and the intraday view, hidden until chosen."""
        assert isinstance(self, QWidget)
        self.intraday_buttons: dict[int, QToolButton] = {}
        for days in INTRADAY_DAYS:
            button = QToolButton(self)
            button.setText(_tr(_LABELS[days]))
            button.setToolTip(_tr(_TIPS[days]))
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setProperty("intraday_days", days)
            self.period_buttons.addButton(button)
            self.intraday_buttons[days] = button
        self.intraday = IntradayChart(self._service, self.history, self.view.direction, self._decimals, self)
        self.intraday.hide()

    @property
    def intraday_days(self) -> int:
        """0: the candles are shown; 1 or 5: the intraday view over that many days (the
        setting, unless the vendor has no minute bars for the symbol: then the candles)."""
        days = self.settings.intraday if self.settings.intraday in INTRADAY_DAYS else 0
        return days if days and self._minutes_offered() else 0

    def _minutes_offered(self) -> bool:
        symbol = self.symbol
        return symbol is None or Period.M1 in self._service.feed.chart_periods(symbol)

    @property
    def surface(self) -> QWidget:
        """What the chart draws on now: the candle view or the intraday view."""
        return self.intraday.view if self._intraday_shown() else self.view

    def _intraday_shown(self) -> bool:
        """The intraday view is up (chosen, with a symbol to show; without one the note is)."""
        return bool(self.intraday_days) and self.symbol is not None

    def period_label(self) -> str:
        """The period as the title says it."""
        days = self.intraday_days
        return _tr(_LABELS[days]) if days else self.period.value  # type: ignore[attr-defined]

    def set_intraday(self, days: int) -> None:
        """Show the intraday view over ``days`` (1 or 5), or the candles (0); remembered."""
        days = days if days in INTRADAY_DAYS else 0
        if days != self.settings.intraday:
            self.settings.intraday = days
            self.sig_settings_changed.emit()
        self._show_intraday()

    def _intraday_clicked(self, button: QAbstractButton) -> bool:
        """A click in the period group: True when it chose the intraday view (handled here);
        a candle period's button leaves the intraday view first."""
        days = button.property("intraday_days")
        if days is not None:
            self.set_intraday(int(days))
            return True
        if self.intraday_days:
            self.set_intraday(0)
        return False

    def _show_intraday(self) -> None:
        """Make what is shown match the setting (after a click, a symbol or a workspace)."""
        days = self.intraday_days
        self.intraday.set_zone(self.view.zone)
        self.intraday.follow(self.symbol if days else None, days or 1)
        for control in (self.style_box, self.scale_box, self.studies_button, self.magnet_button):
            control.setEnabled(not days)  # candle choices: nothing to do on the intraday view
        for button in self.intraday_buttons.values():
            button.setEnabled(self._minutes_offered())
        if days:
            self.intraday_buttons[days].setChecked(True)
        else:
            for button in self.period_buttons.buttons():
                if button.property("period") == self.period.value:  # type: ignore[attr-defined]
                    button.setChecked(True)
        self._show_surface()
        self._update_title()

    def _show_surface(self) -> None:
        """The candle view, the intraday view or the empty note: one of them."""
        days = self._intraday_shown()
        has_bars = len(self.manager) > 0
        self.view.setVisible(has_bars and not days)
        self.intraday.setVisible(days)
        self.empty.setVisible(not has_bars and not days)
        if self._focus_wanted and (days or has_bars):
            self._focus_wanted = False
            self.surface.setFocus(Qt.FocusReason.OtherFocusReason)
