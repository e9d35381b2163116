"""The File menu's exports and imports: the chart in use as PNG or CSV, the watchlist shown to
or from a file. Each entry is the pane's own action (the chart's and the watchlist's menus hold
the same ones), so the File menu adds no behaviour of its own; what was saved or imported is said
in the status bar (a chart says its own saves)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from app.ui.kit import file_dialogs

if TYPE_CHECKING:
    from app.ui.chart.widget import ChartWidget
    from app.ui.shell.main_window import MainWindow

STATUS_MS = 10_000
_PNG = QT_TRANSLATE_NOOP("ExportMenu", "Export chart as PNG…")
_CSV = QT_TRANSLATE_NOOP("ExportMenu", "Export chart bars as CSV…")


def chart_in_use(window: MainWindow) -> ChartWidget:
    """The chart with the keyboard, else the main one."""
    focus = QApplication.focusWidget()
    return next((c for c in window.charts if focus is not None and c.isAncestorOf(focus)), window.chart)


def install_export_menu(window: MainWindow) -> list[QAction]:
    """Put the exports and imports at the top of the File menu; returns the actions added."""
    file_dialogs.remember_in(window.settings)
    file_menu = window.menuBar().actions()[0].menu()
    png = QAction(QCoreApplication.translate("ExportMenu", _PNG), window)
    png.triggered.connect(lambda: chart_in_use(window).export.ask_png())
    csv = QAction(QCoreApplication.translate("ExportMenu", _CSV), window)
    csv.triggered.connect(lambda: chart_in_use(window).export.ask_csv())
    transfer = window.watchlist.transfer
    first = file_menu.actions()[0]
    added = [png, csv, *transfer.actions]
    file_menu.insertActions(first, [png, csv])
    file_menu.insertSeparator(first)
    file_menu.insertActions(first, transfer.actions)
    file_menu.insertSeparator(first)

    def enable() -> None:
        chart = chart_in_use(window)
        for action in (png, csv):
            action.setEnabled(len(chart.manager) > 0)

    file_menu.aboutToShow.connect(enable)
    say = window.statusBar().showMessage
    transfer.sig_done.connect(lambda text: say(text, STATUS_MS))
    return added
