"""The chart's picture (PNG) and bars (CSV), exported from its "⋯" menu, its context menu and the
window's File menu: the file dialog proposes a name and a folder, the file written holds what the
chart shows (its title, legend and axes) and every bar loaded, and the folder is remembered."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QContextMenuEvent, QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from app.core.bar_csv import price_decimals
from app.storage.settings import Settings
from app.ui.kit import theme
from tests.support.windows import still_sim_window


@pytest.fixture
def window(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as win:
        yield win


def _dialog(qtbot, parent) -> QFileDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QFileDialog)), timeout=3000)
    return next(d for d in parent.findChildren(QFileDialog) if d.isVisible())


def _save_through(qtbot, export, dialog: QFileDialog, path: Path) -> None:
    with qtbot.waitSignal(export.sig_saved, timeout=5000) as saved:
        dialog.selectFile(str(path))
        dialog.accept()
    assert saved.args == [str(path)]


def _menu_action(menu, text: str):
    menu.aboutToShow.emit()
    return next(a for a in menu.actions() if a.text() == text)


def _has_colour(image: QImage, colour: QColor, rows: range, tolerance: int = 40) -> bool:
    for y in rows:
        for x in range(0, image.width(), 1):
            c = image.pixelColor(x, y)
            if (abs(c.red() - colour.red()) + abs(c.green() - colour.green())
                    + abs(c.blue() - colour.blue())) < tolerance:
                return True
    return False


def test_the_chart_menu_saves_the_picture_with_its_title_and_legend(window, qtbot, tmp_path):
    chart = window.chart
    _menu_action(chart.export.menu, "Export chart as PNG…").trigger()
    dialog = _dialog(qtbot, chart)
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    today = datetime.now().date().isoformat()
    assert Path(dialog.selectedFiles()[0]).name == f"HK_00700_{chart.period.value}_{today}.png"
    target = tmp_path / "shot.png"
    _save_through(qtbot, chart.export, dialog, target)

    image = QImage(str(target))
    ratio = chart.view.grab().devicePixelRatio()
    assert image.width() == round(chart.view.width() * ratio)
    assert image.height() > chart.view.height() * ratio + chart.title.height()  # the title line above the plot
    top = image.height() - round(chart.view.height() * ratio)
    background = theme.current().background
    title_band = range(0, top)
    assert any(image.pixelColor(x, y) != background for y in title_band for x in range(0, image.width() // 3)), \
        "the title line is missing"
    view = chart.view  # the legend: above the price pane's plot area (where no line is drawn)
    legend_bottom = view.mapFromScene(view.price.vb.sceneBoundingRect().topLeft()).y()
    ma5 = theme.current().studies[0]  # the legend's "MA5" and its value, in the line's colour
    assert _has_colour(image, ma5, range(top, top + round(legend_bottom * ratio)))
    assert window.settings.export_folder == str(tmp_path)  # the next dialog starts here


def test_the_bars_csv_holds_every_bar_loaded_and_reads_back(window, qtbot, tmp_path):
    chart = window.chart
    chart.view.zoom(0.2)  # only a few bars in view: the file still holds them all
    _menu_action(chart.export.menu, "Export bars as CSV…").trigger()
    dialog = _dialog(qtbot, chart)
    assert Path(dialog.selectedFiles()[0]).suffix == ".csv"
    target = tmp_path / "bars.csv"
    _save_through(qtbot, chart.export, dialog, target)

    m = chart.manager
    instrument = window.service.instrument("HK:00700")
    decimals = price_decimals(instrument, m.low)
    with target.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["time", "open", "high", "low", "close", "volume"]
    assert len(rows) - 1 == len(m) > 100
    assert rows[1][0].endswith("+08:00")  # Hong Kong's time, the exchange's zone the chart shows
    assert all(len(r[1].split(".")[1]) == decimals for r in rows[1:])

    frame = pd.read_csv(target)
    times = pd.to_datetime(frame["time"], utc=True)
    assert ((times - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(milliseconds=1)).tolist() == m.ts.tolist()
    for name, column in (("open", m.open), ("high", m.high), ("low", m.low), ("close", m.close)):
        np.testing.assert_allclose(frame[name].to_numpy(), column, atol=0.5 * 10 ** -decimals, rtol=0)
    np.testing.assert_allclose(frame["volume"].to_numpy(), m.volume, atol=0.5)


def test_the_file_menu_exports_the_chart_and_a_right_click_offers_it(window, qtbot, tmp_path):
    file_menu = window.menuBar().actions()[0].menu()
    _menu_action(file_menu, "Export chart as PNG…").trigger()
    dialog = _dialog(qtbot, window.chart)
    _save_through(qtbot, window.chart.export, dialog, tmp_path / "from-file-menu.png")
    assert (tmp_path / "from-file-menu.png").stat().st_size > 1000

    view = window.chart.view
    at = QPoint(view.width() // 2, view.height() // 2)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.viewport().mapToGlobal(at))
    QApplication.sendEvent(view.viewport(), event)
    menu = window.chart.context_menu  # the plot's menu: the alert at the price, then the exports
    qtbot.waitUntil(lambda: menu.menu is not None and menu.menu.isVisible(), timeout=2000)
    texts = [a.text() for a in menu.menu.actions()]
    assert texts[0].startswith("Add alert on HK:00700")
    assert texts[-2:] == ["Export chart as PNG…", "Export bars as CSV…"]
    menu.menu.hide()


def test_the_file_menu_exports_the_chart_with_the_keyboard(window, qtbot, tmp_path):
    other = window.add_chart("US:AAPL", linked=False)
    qtbot.waitUntil(lambda: len(other.manager) > 100, timeout=10000)
    other.view.setFocus()
    qtbot.waitUntil(other.view.hasFocus, timeout=2000)
    file_menu = window.menuBar().actions()[0].menu()
    _menu_action(file_menu, "Export chart bars as CSV…").trigger()
    dialog = _dialog(qtbot, other)  # the dialog of the chart in use, not the main chart's
    assert Path(dialog.selectedFiles()[0]).name.startswith("US_AAPL_")
    target = tmp_path / "aapl.csv"
    _save_through(qtbot, other.export, dialog, target)
    assert len(target.read_text().splitlines()) == len(other.manager) + 1
    assert window.statusBar().currentMessage() == f"Saved {target}"
