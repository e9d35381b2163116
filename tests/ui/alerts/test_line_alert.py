"""A drawn line becomes an alert: "Alert on this line" in the line's menu adds a `line` rule to
alerts.json (the pane lists it), and a trade across the line fires it once; a right-click on a
drawing opens only the drawing's menu, elsewhere the plot's menu with "Add alert…"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.alerts import LINE
from app.core.drawings import Anchor, Drawing, Tool
from tests.support.drawings import at, bar_points, only
from tests.ui.alerts.support import alerts_window, last_price, trade


def _right_click_at(chart, qtbot, pos) -> None:
    """The press and release, then the context-menu event, as the platform delivers them."""
    port = chart.view.viewport()
    QTest.mouseClick(port, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, pos, delay=300)
    QApplication.sendEvent(port, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, port.mapToGlobal(pos)))


def test_alert_on_a_drawn_line_fires_when_a_trade_crosses_it(qloop, qtbot):
    with alerts_window(qtbot) as window:
        chart = window.chart
        level = round(last_price(window) * 1.01, 1)
        t, _low, _high = bar_points(chart, 40)
        book = chart.drawings.book
        book.add(chart.symbol, Drawing(book.new_id(), Tool.HLINE, (Anchor(t, level),)))
        drawing = only(chart)
        _right_click_at(chart, qtbot, at(chart, int(chart.manager.ts[-20]), level))
        qtbot.waitUntil(lambda: chart.drawings.menu is not None and chart.drawings.menu.isVisible())
        assert chart.context_menu.menu is None  # the plot's own menu stays shut over a drawing
        action = next(a for a in chart.drawings.menu.actions() if a.text() == "Alert on this line")
        chart.drawings.menu.hide()
        action.trigger()
        [rule] = window.alerts.monitor.rules
        assert rule.kind == LINE and rule.symbol == chart.symbol
        assert rule.line == (drawing.anchors[0].t, level, drawing.anchors[0].t, level)
        pane = window.alerts.pane
        qtbot.waitUntil(lambda: pane.rules_model.rowCount() == 1)
        trade(window, level - 0.2, 1)  # under the line: its side noted
        trade(window, level + 0.2, 2)  # across it: fires
        trade(window, level + 0.4, 3)  # still above: nothing more
        qtbot.waitUntil(lambda: pane.log_model.rowCount() == 1)
        qtbot.wait(50)
        assert pane.log_model.rowCount() == 1


def test_a_right_click_off_the_drawings_opens_the_plot_menu(qloop, qtbot):
    with alerts_window(qtbot) as window:
        chart = window.chart
        view = chart.view
        pos = view.mapFromScene(view.price.vb.sceneBoundingRect().center().toPoint())
        _right_click_at(chart, qtbot, pos)
        qtbot.waitUntil(lambda: chart.context_menu.menu is not None and chart.context_menu.menu.isVisible())
        texts = [a.text() for a in chart.context_menu.menu.actions() if not a.isSeparator()]
        assert texts == [f"Add alert on {chart.symbol}…", "Export chart as PNG…", "Export bars as CSV…"]
        assert chart.drawings.menu is None or not chart.drawings.menu.isVisible()
        chart.context_menu.menu.hide()
