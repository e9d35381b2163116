"""Editing drawings with the mouse and keys: select, move, stretch by a handle, delete, lock,
undo and redo; the drawing's menu (colour, width, style, lock, hide, alert on this line) and the
list of the symbol's drawings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from app.core.drawings import Anchor, Drawing, LineStyle, Tool
from app.storage.settings import Settings
from app.ui.chart.drawings.book import DrawingBook
from tests.support.drawings import at, bar_points, click, drag, only, scene_at
from tests.support.windows import still_sim_window


@pytest.fixture
def chart(qloop, qtbot, tmp_path):
    book = DrawingBook(tmp_path / "drawings.json")
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700"), drawings=book) as window:
        yield window.chart


def _trend(chart) -> Drawing:
    """A trend line drawn with two clicks, 40 → 10 bars back."""
    chart.drawings.strip.actions_by_tool[Tool.TREND].trigger()
    t, low, high = bar_points(chart, 40)
    click(chart, t, low)
    click(chart, int(chart.manager.ts[-10]), high)
    return only(chart)


def _middle(chart, drawing: Drawing) -> QPoint:
    """The viewport pixel halfway between the drawing's first two anchors."""
    return chart.view.mapFromScene(scene_at(chart, drawing.anchors[0].t, drawing.anchors[0].p) * 0.5
                                   + scene_at(chart, drawing.anchors[1].t, drawing.anchors[1].p) * 0.5)


def test_a_click_selects_and_a_click_beside_deselects(chart):
    drawing = _trend(chart)
    click(chart, int(chart.manager.ts[-70]), drawing.anchors[0].p)  # far from the line
    assert chart.drawings.editor.selected is None
    pos = _middle(chart, drawing)
    QTest.mouseClick(chart.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos, delay=300)
    assert chart.drawings.editor.selected == drawing.id


def test_a_drag_moves_the_whole_drawing_by_bars_and_price(chart):
    drawing = _trend(chart)
    start = _middle(chart, drawing)
    ts = chart.manager.ts
    step = at(chart, int(ts[-20]), drawing.anchors[0].p) - at(chart, int(ts[-25]), drawing.anchors[0].p)
    drag(chart, start, start + QPoint(step.x(), -40))
    moved = only(chart)
    index = {int(t): i for i, t in enumerate(ts)}
    assert [index[a.t] for a in moved.anchors] == [index[a.t] + 5 for a in drawing.anchors]  # five bars on
    assert moved.anchors[0].p > drawing.anchors[0].p and moved.anchors[1].p > drawing.anchors[1].p
    assert moved.anchors[1].p - moved.anchors[0].p == pytest.approx(drawing.anchors[1].p - drawing.anchors[0].p,
                                                                    rel=1e-6)


def test_a_handle_stretches_one_anchor_only(chart):
    drawing = _trend(chart)
    click(chart, drawing.anchors[1].t, drawing.anchors[1].p)  # select it
    t_new = int(chart.manager.ts[-3])
    drag(chart, at(chart, drawing.anchors[1].t, drawing.anchors[1].p), at(chart, t_new, drawing.anchors[0].p))
    stretched = only(chart)
    assert stretched.anchors[0] == drawing.anchors[0]
    assert stretched.anchors[1].t == t_new
    assert stretched.anchors[1].p == pytest.approx(drawing.anchors[0].p, rel=2e-3)


def test_delete_undo_redo_with_the_keys(chart):
    drawing = _trend(chart)
    assert chart.drawings.editor.selected == drawing.id  # a new drawing is selected
    chart.view.setFocus()
    QTest.keyClick(chart.view, Qt.Key.Key_Delete)
    assert chart.drawings.book.drawings(chart.symbol) == []
    QTest.keyClick(chart.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert only(chart) == drawing
    QTest.keyClick(chart.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert chart.drawings.book.drawings(chart.symbol) == []
    QTest.keyClick(chart.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(chart.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # and the drawing itself
    assert chart.drawings.book.drawings(chart.symbol) == []
    assert chart.drawings.book.undo.index() == 0


def test_a_move_is_undone_as_one_step(chart):
    drawing = _trend(chart)
    start = _middle(chart, drawing)
    drag(chart, start, start + QPoint(0, -50))
    assert only(chart) != drawing
    chart.view.setFocus()
    QTest.keyClick(chart.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert only(chart) == drawing


def _menu(chart, qtbot, drawing: Drawing) -> QMenu:
    pos = _middle(chart, drawing)
    QTest.mouseClick(chart.view.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, pos, delay=300)
    qtbot.waitUntil(lambda: chart.drawings.menu is not None and chart.drawings.menu.isVisible())
    return chart.drawings.menu


def _action(menu: QMenu, *path: str):
    for name in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.text() == name)
    return next(a for a in menu.actions() if a.text() == path[-1])


def test_the_menu_changes_colour_width_and_style(chart, qtbot):
    drawing = _trend(chart)
    before = chart.view.grab().toImage()
    menu = _menu(chart, qtbot, drawing)
    fourth = _action(menu, "Colour").menu().actions()[3]  # the palette's fourth line colour
    fourth.trigger()
    menu.close()
    assert only(chart).colour == 3 and chart.drawings.last_colour == 3  # the next drawing takes it too
    _action(_menu(chart, qtbot, drawing), "Width", "3 px").trigger()
    assert only(chart).width == 3.0
    _action(_menu(chart, qtbot, drawing), "Line style", "Dashed").trigger()
    assert only(chart).style is LineStyle.DASHED
    chart.drawings.menu.close()
    qtbot.waitUntil(lambda: chart.view.grab().toImage() != before)


def test_a_locked_drawing_does_not_move(chart, qtbot):
    drawing = _trend(chart)
    _action(_menu(chart, qtbot, drawing), "Lock").trigger()
    assert only(chart).locked
    x0 = chart.view.price.vb.viewRange()[0][0]
    start = _middle(chart, drawing)
    drag(chart, start, start + QPoint(60, -40))
    assert only(chart).anchors == drawing.anchors
    assert chart.view.price.vb.viewRange()[0][0] != x0  # the drag panned the chart instead


def test_hide_and_the_list_shows_it_again(chart, qtbot):
    drawing = _trend(chart)
    _action(_menu(chart, qtbot, drawing), "Hide").trigger()
    assert not only(chart).visible
    assert chart.drawings.item.in_view(chart.drawings.item.sceneTransform()) == []
    menu = chart.drawings.strip.list_menu
    menu.aboutToShow.emit()
    entry = next(a for a in menu.actions() if a.isCheckable())
    assert entry.text().startswith("Trend line ") and not entry.isChecked()
    entry.trigger()
    assert only(chart).visible
    menu.aboutToShow.emit()
    _action(menu, "Hide all").trigger()
    assert not only(chart).visible
    menu.aboutToShow.emit()
    _action(menu, "Show all").trigger()
    assert only(chart).visible


@pytest.mark.parametrize("tool", [Tool.HLINE, Tool.HRAY, Tool.TREND, Tool.RAY])
def test_alert_on_this_line_says_the_symbol_and_the_line(chart, qtbot, tool):
    t, low, high = bar_points(chart, 40)
    t2 = int(chart.manager.ts[-10])
    anchors = (Anchor(t, low),) if tool in (Tool.HLINE, Tool.HRAY) else (Anchor(t, low), Anchor(t2, high))
    book = chart.drawings.book
    book.add(chart.symbol, Drawing(book.new_id(), tool, anchors))
    drawing = only(chart)
    menu_at = anchors[0] if len(anchors) == 1 else None
    if menu_at is not None:
        pos = at(chart, int(chart.manager.ts[-20]), menu_at.p)
        QTest.mouseClick(chart.view.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, pos,
                         delay=300)
        qtbot.waitUntil(lambda: chart.drawings.menu is not None and chart.drawings.menu.isVisible())
        menu = chart.drawings.menu
    else:
        menu = _menu(chart, qtbot, drawing)
    with qtbot.waitSignal(chart.sig_alert_on_line) as signal:
        _action(menu, "Alert on this line").trigger()
    expected = (t, low, t, low) if len(anchors) == 1 else (t, low, t2, high)
    assert signal.args[0] == "HK:00700"
    assert signal.args[1] == pytest.approx(expected)


def test_no_alert_on_a_rectangle(chart, qtbot):
    t, low, high = bar_points(chart, 40)
    book = chart.drawings.book
    book.add(chart.symbol, Drawing(book.new_id(), Tool.RECT, (Anchor(t, low), Anchor(int(chart.manager.ts[-10]), high))))
    menu = _menu(chart, qtbot, only(chart))
    assert "Alert on this line" not in [a.text() for a in menu.actions()]
    assert "Delete" in [a.text() for a in menu.actions()]
    _action(menu, "Delete").trigger()
    assert chart.drawings.book.drawings(chart.symbol) == []
