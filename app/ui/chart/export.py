"""A chart's picture as PNG and its bars as CSV, from the chart's "⋯" tool bar menu, its context
menu (a right-click where nothing drawn takes it) and the window's File menu.

The picture is the chart pane as the user sees it, without its tool bars: the title line
(symbol, period, the zone of the times) over the plot with its legends, axes and studies. The
CSV holds every bar loaded (not only those in view), see :mod:`app.core.bar_csv`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QPainter, QPixmap, QRegion
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QToolButton, QWidget

from app.core.bar_csv import bars_csv
from app.storage.atomic import write_atomic
from app.ui.kit import file_dialogs, theme

if TYPE_CHECKING:
    from app.services.market_data import MarketDataService
    from app.ui.chart.widget import ChartWidget

HEADER_PAD = 6  # around the title line in the picture
SAID_MS = 10_000  # how long the status bar says a file was saved


def chart_picture(chart: ChartWidget) -> QPixmap:
    """The title line over the plot (legends, axes, studies), on the theme's background, at the
    screen's pixel ratio."""
    plot = chart.view.grab()
    ratio = plot.devicePixelRatio()
    width = chart.view.width()
    top = chart.title.height() + 2 * HEADER_PAD
    picture = QPixmap(round(width * ratio), round((top + chart.view.height()) * ratio))
    picture.setDevicePixelRatio(ratio)
    picture.fill(theme.current().background)
    painter = QPainter(picture)
    # drawn on the picture's background (a grab would fill the label with the palette's window)
    chart.title.render(painter, QPoint(HEADER_PAD, HEADER_PAD), QRegion(),
                       QWidget.RenderFlag.DrawChildren)
    painter.drawPixmap(QPoint(0, top), plot)
    painter.end()
    return picture


def default_name(chart: ChartWidget, suffix: str, today: date | None = None) -> str:
    """``HK_00700_1d_2026-12-01.png``: the symbol, the period and the day, safe in any file system."""
    symbol = (chart.symbol or "chart").replace(":", "_").replace("/", "-")
    return f"{symbol}_{chart.period.value}_{(today or date.today()).isoformat()}.{suffix}"


class ChartExport(QObject):
    """The chart's export actions and what they write.

    Signals:

    - ``sig_saved(str)``: a file was written (its path).
    - ``sig_failed(str)``: a file could not be written (the sentence shown).
    """

    sig_saved = Signal(str)
    sig_failed = Signal(str)

    def __init__(self, chart: ChartWidget, service: MarketDataService) -> None:
        super().__init__(chart)
        self.chart = chart
        self.service = service
        self.png_action = QAction(self.tr("Export chart as PNG…"), chart)
        self.png_action.triggered.connect(self.ask_png)
        self.csv_action = QAction(self.tr("Export bars as CSV…"), chart)
        self.csv_action.triggered.connect(self.ask_csv)
        self.menu = QMenu(chart)
        self.menu.addActions([self.png_action, self.csv_action])
        self.menu.aboutToShow.connect(self.update_actions)
        self.button = QToolButton(chart)
        self.button.setText("⋯")
        self.button.setAutoRaise(True)
        self.button.setToolTip(self.tr("More: export the chart"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(self.menu)
        chart.context_menu.add_section(self._context_section)  # and in the plot's right-click menu
        self.update_actions()

    def update_actions(self) -> None:
        """Nothing to export before the first bars show."""
        has_bars = len(self.chart.manager) > 0
        self.png_action.setEnabled(has_bars)
        self.csv_action.setEnabled(has_bars)

    def _context_section(self, menu: QMenu, _price: float | None) -> None:
        self.update_actions()
        menu.addActions([self.png_action, self.csv_action])

    # -- PNG -----------------------------------------------------------------------------------

    def ask_png(self) -> QWidget:
        return file_dialogs.ask_save(self.chart, self.tr("Export chart as PNG"), default_name(self.chart, "png"),
                                     [self.tr("PNG pictures (*.png)")], file_dialogs.PICTURES, self.save_png)

    def save_png(self, path: Path) -> None:
        picture = chart_picture(self.chart)
        if picture.save(str(path), "PNG"):
            self._saved(path)
        else:
            self._failed(path, self.tr("the picture could not be written"))

    # -- CSV -----------------------------------------------------------------------------------

    def ask_csv(self) -> QWidget:
        return file_dialogs.ask_save(self.chart, self.tr("Export bars as CSV"), default_name(self.chart, "csv"),
                                     [self.tr("CSV files (*.csv)")], file_dialogs.DOCUMENTS, self.save_csv)

    def csv_text(self) -> str:
        """Every bar loaded, in the chart's zone, at the instrument's precision."""
        manager = self.chart.manager
        ohlcv = np.vstack([manager.open, manager.high, manager.low, manager.close, manager.volume])
        instrument = self.service.instrument(self.chart.symbol) if self.chart.symbol else None
        turnover = getattr(manager, "turnover", None)  # when the bars carry it
        return bars_csv(manager.ts, ohlcv, self.chart.view.zone, instrument, turnover)

    def save_csv(self, path: Path) -> None:
        try:
            write_atomic(path, self.csv_text().encode("utf-8"))
        except OSError as exc:
            self._failed(path, str(exc))
            return
        self._saved(path)

    def _saved(self, path: Path) -> None:
        """Said in the window's status bar (whichever chart, in whichever dock)."""
        window = self.chart.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(path)), SAID_MS)
        self.sig_saved.emit(str(path))

    def _failed(self, path: Path, why: str) -> None:
        text = self.tr("Could not save %1: %2").replace("%1", str(path)).replace("%2", why)
        self.sig_failed.emit(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export"), text, parent=self.chart)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
