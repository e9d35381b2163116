"""Every control of every chart pane's tool bar, clicked as a user clicks it, changes what the
chart draws, and nothing is logged at error level (issue 18: the style and scale boxes did
nothing for a whole release and no test had clicked them).

The walk finds the controls itself: every combo box's every choice, every button (a toggle on
and off again, a button group's every member) and every action of a button's menu, except those
that open a dialog (their text ends in "…"). A control added later is covered without new code.
The chart is still (the simulator never steps), so only the control can change the picture; the
mouse rests on the plot so that a control of the crosshair (the magnet) shows too.
"""

from __future__ import annotations

import logging

import pytest
from pytestqt.exceptions import TimeoutError  # noqa: A004 — qtbot.waitUntil's own
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QToolBar, QToolButton

from app.storage.settings import Settings
from app.ui.chart.items import ChartStyle
from app.ui.chart.scale import ScaleMode
from tests.support.windows import still_sim_window

@pytest.fixture
def chart(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as window:
        yield window.chart


def _picture(chart) -> QImage:
    """The plot shown (the candles, or the intraday view) with the hand resting on it (the
    crosshair shows): moved there afresh, as a user comes back from the tool bar (Qt delivers
    no move to where the pointer already is)."""
    surface = chart.surface
    target = surface.viewport() if hasattr(surface, "viewport") else surface
    rest = _rest(target)
    QTest.mouseMove(target, rest + QPoint(7, 5))
    QTest.mouseMove(target, rest)
    return surface.grab().toImage()


def _rest(target) -> QPoint:
    size = target.size()
    return QPoint(int(size.width() * 0.45), int(size.height() * 0.35))


def _changes(qtbot, chart, act, what: str) -> None:
    before = _picture(chart)
    act()
    try:
        qtbot.waitUntil(lambda: _picture(chart) != before, timeout=3000)
    except TimeoutError:
        pytest.fail(f"{what} changed nothing the chart draws")


def _controls(chart) -> list:
    found = []
    for bar in chart.findChildren(QToolBar):
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if widget is not None and action.isVisible() and widget.isEnabled():
                found.append(widget)
    return found


def test_every_control_of_the_chart_changes_what_it_draws(chart, qtbot, caplog):
    caplog.set_level(logging.ERROR)
    controls = _controls(chart)
    assert any(isinstance(c, QComboBox) for c in controls) and any(isinstance(c, QToolButton) for c in controls)
    walked = []
    for control in controls:
        name = control.toolTip() or getattr(control, "text", lambda: "")() or type(control).__name__
        if isinstance(control, QComboBox):
            first = control.currentIndex()
            for i in [*range(control.count()), first]:
                if i != control.currentIndex():
                    label = f"{name!r} → {control.itemText(i)!r}" if isinstance(name, str) else control.itemText(i)
                    _changes(qtbot, chart, lambda i=i: control.setCurrentIndex(i), label)
                    walked.append(control.itemText(i))
        elif isinstance(control, QAbstractButton) and control.menu() is not None:
            menu = control.menu()
            for k in range(64):  # the menu is rebuilt as it opens (what is checked changes)
                menu.aboutToShow.emit()
                actions = [a for a in menu.actions() if not a.isSeparator() and a.isEnabled()
                           and not a.text().endswith("…")]
                if k >= len(actions):
                    break
                action = actions[k]
                _changes(qtbot, chart, action.trigger, f"{control.text()!r} → {action.text()!r}")
                walked.append(action.text())
        elif isinstance(control, QAbstractButton):
            if control.isCheckable() and control.isChecked() and control.group() is not None:
                continue  # the current member of a group: clicking it again is no choice
            _changes(qtbot, chart, lambda c=control: qtbot.mouseClick(c, Qt.MouseButton.LeftButton),
                     repr(control.text()))
            walked.append(control.text())
            if control.isCheckable() and control.group() is None:  # and off again
                _changes(qtbot, chart, lambda c=control: qtbot.mouseClick(c, Qt.MouseButton.LeftButton),
                         f"{control.text()!r} again")
    assert {"Line", "Log", "Percent", "Magnet", "5m", "1w", "Intraday", "5 days"} <= set(walked), walked
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]


def test_the_style_and_scale_chosen_are_drawn_and_saved(chart, qtbot):
    for box, value, saved in ((chart.style_box, ChartStyle.LINE, lambda: chart.settings.style),
                              (chart.scale_box, ScaleMode.PERCENT, lambda: chart.settings.scale)):
        box.setCurrentIndex(box.findData(value))
        assert saved() == value.value
    assert chart.view.candles.style is ChartStyle.LINE
    assert chart.view.scale.mode is ScaleMode.PERCENT
