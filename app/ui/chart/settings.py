"""The chart's remembered choices (style, scale, time zone, magnet, indicators) and the tool bar
boxes that show them; a part of :class:`~app.ui.chart.widget.ChartWidget`, kept apart so what is
saved and how it is applied change without touching the loading code."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from app.core.zones import local_zone
from app.storage.settings import ChartSettings, ChartStudy
from app.ui.chart.items import ChartStyle
from app.ui.chart.scale import ScaleMode
from app.ui.chart.studies import StudyKind, StudySpec, parse_params
from app.ui.kit import formatting as fmt

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QComboBox, QToolButton

    from app.services.market_data import MarketDataService
    from app.ui.chart.compare.controller import CompareController
    from app.ui.chart.view import ChartView

LOCAL_ZONE = local_zone()


class ChartSettingsMixin:
    """The settings half of the chart pane (mixed into ``ChartWidget``)."""

    if TYPE_CHECKING:
        settings: ChartSettings
        sig_settings_changed: SignalInstance
        view: ChartView
        _service: MarketDataService
        style_box: QComboBox
        scale_box: QComboBox
        zone_box: QComboBox
        magnet_button: QToolButton
        link_button: QToolButton
        compare: CompareController

        @property
        def symbol(self) -> str | None: ...
        def _update_title(self) -> None: ...

    @property
    def linked(self) -> bool:
        """Whether the chart follows the watchlist's selection (else it keeps its symbol)."""
        return self.link_button.isChecked()

    def set_linked(self, linked: bool) -> None:
        self.link_button.setChecked(linked)

    def load_settings(self, settings: ChartSettings) -> None:
        """Another set of choices (a workspace's): style, scale, zone, magnet and studies."""
        for spec in self.view.studies():
            self.view.remove_study(spec)
        self.settings = settings
        for box in (self.style_box, self.scale_box, self.zone_box, self.magnet_button):
            box.blockSignals(True)
        try:
            self._apply_settings()
        finally:
            for box in (self.style_box, self.scale_box, self.zone_box, self.magnet_button):
                box.blockSignals(False)
        self._apply_zone()
        self._show_intraday()  # type: ignore[attr-defined]

    def _apply_settings(self) -> None:
        s = self.settings
        self.style_box.setCurrentIndex(max(0, self.style_box.findData(ChartStyle(s.style))))
        self.scale_box.setCurrentIndex(max(0, self.scale_box.findData(ScaleMode(s.scale))))
        self.zone_box.setCurrentIndex(1 if s.local_time else 0)
        self.magnet_button.setChecked(s.magnet)
        self.view.set_style(ChartStyle(s.style))
        self.view.set_scale(ScaleMode(s.scale))
        self.view.magnet = s.magnet
        for study in s.studies:
            spec = _spec_of(study)
            if spec is not None:
                self.view.add_study(spec)
        self.compare.restore(list(s.compare))

    def _save_studies(self) -> None:
        self.settings.studies = [ChartStudy(kind=spec.kind.value, params=list(spec.params), chinese=spec.chinese)
                                 for spec in self.view.studies()]
        self.sig_settings_changed.emit()

    def _on_style(self, _index: int) -> None:
        style = ChartStyle(self.style_box.currentData())  # a combo box hands a StrEnum back as str
        self.view.set_style(style)
        self.settings.style = style.value
        self.sig_settings_changed.emit()

    def _on_scale(self, _index: int) -> None:
        mode = ScaleMode(self.scale_box.currentData())  # (likewise)
        self.view.set_scale(mode)
        self.settings.scale = mode.value
        self.sig_settings_changed.emit()

    def _on_zone(self, _index: int) -> None:
        self.settings.local_time = bool(self.zone_box.currentData())
        self._apply_zone()
        self.sig_settings_changed.emit()

    def _on_magnet(self, on: bool) -> None:
        self.view.magnet = on
        self.settings.magnet = on
        self.sig_settings_changed.emit()

    def _apply_zone(self) -> None:
        symbol = self.symbol
        zone = LOCAL_ZONE if self.settings.local_time else (
            fmt.exchange_zone(symbol, self._service.instrument(symbol)) if symbol else ZoneInfo("UTC"))
        self.view.set_zone(zone)
        self.intraday.set_zone(zone)  # type: ignore[attr-defined]
        self.view.update_legends()
        self._update_title()


def _spec_of(study: ChartStudy) -> StudySpec | None:
    try:
        kind = StudyKind(study.kind)
        params = parse_params(kind, ",".join(str(p) for p in study.params)) if study.params else ()
    except ValueError:
        return None  # an edited settings file: skip what we cannot read
    return StudySpec(kind, params, study.chinese)
