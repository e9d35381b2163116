"""The Alerts pane through its controls: Add alert… (the dialog, typed and clicked), Remove and
Delete, a rule the command line adds while the window runs, "Add alert…" from the watchlist's
and the chart's context menus, a click on a log row that charts the moment, Chinese words."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtGui import QContextMenuEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.core.alerts import ABOVE, BELOW
from app.core.types import Channel, Trade
from app.storage.alerts import default_path
from app.ui.alerts.models import LogColumn, RuleColumn
from tests.cli.test_cli import qt
from tests.ui.alerts.support import SYMBOL, alerts_window, last_price, trade


def _cell(model, row: int, column: int) -> str:
    return model.data(model.index(row, column))


def _saved() -> list[dict]:
    return json.loads(default_path().read_text())["rules"]


def _right_click(widget, pos: QPoint) -> None:
    """A right click as the platform delivers it: the press and release, then the context-menu
    event (which QTest's mouse clicks do not make)."""
    QTest.mouseClick(widget, Qt.MouseButton.RightButton, pos=pos)
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos)))


def _ok(dialog) -> None:
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_add_through_the_dialog_and_remove_with_the_button(qloop, qtbot):
    with alerts_window(qtbot) as window:
        pane = window.alerts.pane
        window.alerts.dock.raise_()
        assert pane.empty.isVisible() and not pane.rules_view.isVisible()
        QTest.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
        dialog = pane.dialog
        qtbot.waitUntil(dialog.isVisible)
        QTest.keyClicks(dialog.symbol, "hk:700")
        dialog.set_kind(BELOW)
        QTest.keyClicks(dialog.value, "abc")
        _ok(dialog)
        assert dialog.isVisible() and "finite number" in dialog.problem.text()  # said, kept open
        dialog.value.clear()
        QTest.keyClicks(dialog.value, "1,234.5")
        QTest.keyClicks(dialog.note, "support")
        _ok(dialog)
        assert not dialog.isVisible()
        assert [(r["symbol"], r["kind"], r["value"], r["note"]) for r in _saved()] == [
            (SYMBOL, BELOW, 1234.5, "support")]
        assert pane.rules_view.isVisible() and not pane.empty.isVisible()
        assert [_cell(pane.rules_model, 0, c) for c in RuleColumn] == [SYMBOL, "below 1,234.5", "armed", "support"]
        assert not pane.remove_button.isEnabled()  # nothing selected yet
        pane.rules_view.selectRow(0)
        assert pane.remove_button.isEnabled()
        QTest.mouseClick(pane.remove_button, Qt.MouseButton.LeftButton)
        assert _saved() == [] and pane.rules_model.rowCount() == 0 and pane.empty.isVisible()


def test_delete_key_removes_the_selected_rules(qloop, qtbot):
    with alerts_window(qtbot) as window:
        pane = window.alerts.pane
        window.alerts.dock.raise_()
        for value in (10, 20, 30):
            window.alerts.monitor.add(SYMBOL, ABOVE, value)
        pane.rules_view.setFocus()
        pane.rules_view.selectRow(0)
        pane.rules_view.selectionModel().select(pane.rules_model.index(2, 0),
                                                pane.rules_view.selectionModel().SelectionFlag.Select
                                                | pane.rules_view.selectionModel().SelectionFlag.Rows)
        QTest.keyClick(pane.rules_view, Qt.Key.Key_Delete)
        assert [r["value"] for r in _saved()] == [20]


def test_a_rule_added_by_the_command_line_appears(qloop, qtbot, private_home):
    with alerts_window(qtbot) as window:
        pane = window.alerts.pane
        result = qt("alerts", "add", "--symbol", "US:AAPL", "--above", "250", "--note", "cli", home=private_home)
        assert result.returncode == 0, result.stderr
        qtbot.waitUntil(lambda: pane.rules_model.rowCount() == 1, timeout=3000)
        assert [_cell(pane.rules_model, 0, c) for c in RuleColumn] == ["US:AAPL", "above 250", "armed", "cli"]
        assert window.service._refs.count(("US:AAPL", Channel.TRADE, None)) == 1  # its symbol subscribed
        result = qt("alerts", "remove", "a1", home=private_home)
        assert result.returncode == 0, result.stderr
        qtbot.waitUntil(lambda: pane.rules_model.rowCount() == 0, timeout=3000)


def test_add_alert_from_the_watchlist_menu(qloop, qtbot):
    with alerts_window(qtbot) as window:
        view = window.watchlist.view
        row = window.watchlist_model.row_of(SYMBOL)
        rect = view.visualRect(window.watchlist_model.index(row, 0))
        _right_click(view.viewport(), rect.center())
        menu = window.alerts.menu
        [action] = menu.actions()
        assert action.text() == f"Add alert on {SYMBOL}…"
        action.trigger()
        dialog = window.alerts.pane.dialog
        assert dialog.isVisible() and dialog.symbol.text() == SYMBOL
        assert dialog.value.text() == f"{last_price(window):.3f}"  # the last price, HK's 3 decimals
        _ok(dialog)
        assert [(r["symbol"], r["value"]) for r in _saved()] == [(SYMBOL, round(last_price(window), 3))]


def test_add_alert_from_the_chart_menu_at_the_pointer(qloop, qtbot):
    with alerts_window(qtbot) as window:
        chart = window.chart
        view = chart.view
        vb = view.price.vb
        rect = vb.sceneBoundingRect()
        pos = view.mapFromScene(rect.center().toPoint())
        _right_click(view.viewport(), pos)
        qtbot.waitUntil(lambda: chart.context_menu.menu is not None)
        chart.context_menu.menu.actions()[0].trigger()
        dialog = window.alerts.pane.dialog
        price = vb.mapSceneToView(view.mapToScene(pos)).y()
        assert dialog.symbol.text() == SYMBOL and abs(float(dialog.value.text()) - price) < 0.01
        kind = dialog.kind.currentData()
        assert kind == (ABOVE if price >= last_price(window) else BELOW)


def test_a_click_on_a_log_row_charts_the_moment(qloop, qtbot):
    with alerts_window(qtbot) as window:
        pane = window.alerts.pane
        window.alerts.dock.raise_()
        level = round(last_price(window) * 1.2)
        window.alerts.monitor.add(SYMBOL, ABOVE, level)
        chart = window.chart
        moment = int(chart.manager.ts[-300]) + 30_000  # inside a bar out of the first view
        window.service.feed.emit(Trade(window.service.vendor, SYMBOL, moment, level + 1, 5))
        qtbot.waitUntil(lambda: pane.log_model.rowCount() == 1)
        chart.view.go_live()
        assert chart.moment.x() is None  # nothing marked yet
        window.select_symbol("HK:09988")  # the chart is on another symbol meanwhile
        qtbot.waitUntil(lambda: chart.symbol == "HK:09988")
        rect = pane.log_view.visualRect(pane.log_model.index(0, LogColumn.SYMBOL))
        QTest.mouseClick(pane.log_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert chart.symbol == SYMBOL and window.settings.selected == SYMBOL
        qtbot.waitUntil(lambda: chart.moment.x() is not None, timeout=10000)
        index = int(chart.manager.ts.searchsorted(moment, side="right")) - 1
        assert chart.moment.x() == index and chart.manager.ts[index] <= moment < chart.manager.ts[index + 1]
        qtbot.waitUntil(lambda: chart.view.x_range()[0] < index < chart.view.x_range()[1])  # scrolled to it
        assert not chart.view.following
        assert _accent_pixels(chart, index) > 20  # the line is drawn through that bar
        chart.moment.line.ts = None
        chart.moment.line.update()
        qtbot.waitUntil(lambda: _accent_pixels(chart, index) < 5)


def _accent_pixels(chart, index: int) -> int:
    """Pixels of the theme's accent in the columns around bar ``index`` of the price pane."""
    from PySide6.QtCore import QPointF

    from app.ui.kit import theme

    view = chart.view
    image = view.grab().toImage()
    scene = view.price.vb.mapViewToScene(QPointF(index, view.price.vb.viewRange()[1][0]))
    x = view.mapFromScene(scene).x()
    top, bottom = (int(view.mapFromScene(view.price.vb.sceneBoundingRect().topLeft()).y()),
                   int(view.mapFromScene(view.price.vb.sceneBoundingRect().bottomLeft()).y()))
    accent = theme.current().accent
    ratio = image.devicePixelRatio()
    count = 0
    for column in range(int((x - 1) * ratio), int((x + 2) * ratio)):
        for row in range(int(top * ratio), int(bottom * ratio)):
            pixel = image.pixelColor(column, row)
            if abs(pixel.red() - accent.red()) + abs(pixel.green() - accent.green()) + abs(pixel.blue() - accent.blue()) < 60:
                count += 1
    return count


def test_chinese_note_round_trip(qloop, qtbot):
    with alerts_window(qtbot) as window:
        pane = window.alerts.pane
        dialog = pane.open_add(SYMBOL, "")
        level = round(last_price(window) * 1.2)
        QTest.keyClicks(dialog.value, str(level))
        dialog.note.setFocus()
        typed = QInputMethodEvent()  # Chinese is typed through an input method: its commit
        typed.setCommitString("突破前高，注意仓位")
        QApplication.sendEvent(dialog.note, typed)
        _ok(dialog)
        assert _saved()[0]["note"] == "突破前高，注意仓位"
        assert _cell(pane.rules_model, 0, RuleColumn.NOTE) == "突破前高，注意仓位"
        trade(window, level + 1, 1)
        qtbot.waitUntil(lambda: len(window.alerts.toasts.visible()) == 1)
        assert "突破前高，注意仓位" in window.alerts.toasts.visible()[0].body.text()
        assert window.alerts.tray_messages[0][1].endswith("突破前高，注意仓位")


def test_a_chart_opened_later_offers_add_alert_too(qloop, qtbot):
    with alerts_window(qtbot) as window:
        chart = window.add_chart("HK:09988", linked=False)
        qtbot.waitUntil(lambda: len(chart.manager) > 0, timeout=10000)
        view = chart.view
        pos = view.mapFromScene(view.price.vb.sceneBoundingRect().center().toPoint())
        _right_click(view.viewport(), pos)
        qtbot.waitUntil(lambda: chart.context_menu.menu is not None)
        assert chart.context_menu.menu.actions()[0].text() == "Add alert on HK:09988…"
        chart.context_menu.menu.actions()[0].trigger()
        assert window.alerts.pane.dialog.symbol.text() == "HK:09988"


def test_cancel_adds_nothing(qloop, qtbot):
    with alerts_window(qtbot) as window:
        pane = window.alerts.pane
        dialog = pane.open_add(SYMBOL, "500")
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
        assert not dialog.isVisible() and pane.rules_model.rowCount() == 0 and not default_path().exists()
