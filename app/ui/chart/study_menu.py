"""The chart's Indicators menu: turning studies on and off, their parameter prompt and the
Chinese MACD; a part of :class:`~app.ui.chart.widget.ChartWidget`, kept apart so the menu changes
without touching the loading code. Its strings keep the "ChartWidget" translation context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog

from app.services.words import words
from app.ui.chart.studies import DEFAULT_PARAMS, PARAM_NAMES, StudyKind, StudySpec, parse_params

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from app.ui.chart.view import ChartView


class ChartStudyMenuMixin:
    """The indicators half of the chart pane (mixed into ``ChartWidget``)."""

    if TYPE_CHECKING:
        view: ChartView
        studies_menu: QMenu

        def _save_studies(self) -> None: ...
        def set_notice(self, text: str) -> None: ...

    def _build_studies_menu(self) -> None:
        menu = self.studies_menu
        menu.clear()
        active = {spec.kind: spec for spec in self.view.studies()}
        names = {
            StudyKind.MA: QCoreApplication.translate("ChartWidget", "MA — moving averages"),
            StudyKind.EMA: QCoreApplication.translate("ChartWidget", "EMA — exponential averages"),
            StudyKind.BOLL: QCoreApplication.translate("ChartWidget", "BOLL — Bollinger bands"),
            StudyKind.VOL: QCoreApplication.translate("ChartWidget", "VOL — volume"),
            StudyKind.MACD: QCoreApplication.translate("ChartWidget", "MACD"),
            StudyKind.RSI: QCoreApplication.translate("ChartWidget", "RSI — relative strength"),
            StudyKind.VWAP: QCoreApplication.translate("ChartWidget", "VWAP — volume-weighted average price"),
            StudyKind.VPVR: QCoreApplication.translate("ChartWidget", "VPVR — volume profile of the visible range"),
        }
        for kind in StudyKind:
            action = QAction(names[kind], menu)
            action.setCheckable(True)
            action.setChecked(kind in active)
            action.toggled.connect(lambda on, k=kind: self.set_study(k, on))
            menu.addAction(action)
        menu.addSeparator()
        for spec in active.values():
            if not DEFAULT_PARAMS[spec.kind]:
                continue  # nothing to set (VWAP)
            action = QAction(QCoreApplication.translate("ChartWidget", "%s parameters…") % spec.title(), menu)
            action.triggered.connect(lambda _=False, s=spec: self.ask_params(s))
            menu.addAction(action)
        if StudyKind.MACD in active:
            chinese = QAction(QCoreApplication.translate("ChartWidget", "MACD the Chinese way (DIF, DEA, bars × 2)"),
                              menu)
            chinese.setCheckable(True)
            chinese.setChecked(active[StudyKind.MACD].chinese)
            chinese.toggled.connect(self.set_macd_chinese)
            menu.addAction(chinese)

    def set_study(self, kind: StudyKind, on: bool) -> None:
        """Add (with its default parameters) or remove one kind of indicator."""
        current = next((s for s in self.view.studies() if s.kind is kind), None)
        if on and current is None:
            self.view.add_study(StudySpec(kind))
        elif not on and current is not None:
            self.view.remove_study(current)
        self._save_studies()

    def replace_study(self, old: StudySpec, new: StudySpec) -> None:
        self.view.replace_study(old, new)
        self._save_studies()

    def set_macd_chinese(self, chinese: bool) -> None:
        current = next((s for s in self.view.studies() if s.kind is StudyKind.MACD), None)
        if current is not None and current.chinese != chinese:
            self.replace_study(current, StudySpec(StudyKind.MACD, current.params, chinese))

    def ask_params(self, spec: StudySpec) -> QInputDialog:
        """A non-modal prompt (the feeds keep running); bad input is said, not applied."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(QCoreApplication.translate("ChartWidget", "%s parameters") % spec.kind.value)
        dialog.setLabelText(QCoreApplication.translate("ChartWidget", "%1 (%2):")
                            .replace("%1", spec.kind.value).replace("%2", words(PARAM_NAMES[spec.kind])))
        dialog.setTextValue(", ".join(_num(v) for v in spec.effective_params()))

        def accepted(text: str) -> None:
            try:
                params = parse_params(spec.kind, text)
            except ValueError as exc:
                self.set_notice(words(exc))
                return
            if params != spec.effective_params():
                default = params == DEFAULT_PARAMS[spec.kind]
                self.replace_study(spec, StudySpec(spec.kind, () if default else params, spec.chinese))

        dialog.textValueSelected.connect(accepted)
        dialog.open()
        return dialog


def _num(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"
