"""Each drawing tool placed with the mouse as a user places it (its button, then a click at each
anchor, or a press, drag and release), Esc, the magnet and the keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.core.drawings import ANCHORS, FIB_LEVELS, Tool, fib_levels
from app.storage.settings import Settings
from app.ui.chart.drawings.book import DrawingBook
from tests.support.drawings import at, bar_points, click, drag, handles, only, scene_at
from tests.support.windows import still_sim_window


@pytest.fixture
def chart(qloop, qtbot, tmp_path):
    book = DrawingBook(tmp_path / "drawings.json")
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700"), drawings=book) as window:
        yield window.chart


def _near(point, expected, tolerance=1.5) -> bool:
    return abs(point[0] - expected.x()) <= tolerance and abs(point[1] - expected.y()) <= tolerance


@pytest.mark.parametrize("tool", list(Tool))
def test_each_tool_is_drawn_with_clicks_at_its_anchors(chart, qtbot, tool):
    chart.drawings.strip.actions_by_tool[tool].trigger()
    t, low, high = bar_points(chart, 40)
    t2 = int(chart.manager.ts[-15])
    t3 = int(chart.manager.ts[-25])
    points = [(t, low), (t2, high), (t3, low + (high - low) * 0.2)][:ANCHORS[tool]]
    for when, price in points:
        click(chart, when, price)
    if tool is Tool.TEXT:
        qtbot.waitUntil(lambda: chart.drawings.note_dialog is not None and chart.drawings.note_dialog.isVisible())
        chart.drawings.note_dialog.setTextValue("Breakout?")
        chart.drawings.note_dialog.accept()
    drawing = only(chart)
    assert drawing.tool is tool
    assert [a.t for a in drawing.anchors] == [p[0] for p in points]
    for anchor, (_t, price) in zip(drawing.anchors, points, strict=True):
        assert anchor.p == pytest.approx(price, rel=2e-3)
    painted = handles(chart, drawing.id)
    for anchor, handle in zip(drawing.anchors, painted, strict=True):
        assert _near(handle, scene_at(chart, anchor.t, anchor.p))
    assert chart.drawings.editor.tool is None  # one drawing, then back to the pointer
    assert not chart.drawings.strip.actions_by_tool[tool].isChecked()
    if tool is Tool.TEXT:
        assert drawing.text == "Breakout?"


def test_a_trend_line_is_drawn_by_press_drag_and_release(chart):
    chart.drawings.strip.actions_by_tool[Tool.TREND].trigger()
    t, low, high = bar_points(chart, 50)
    t2 = int(chart.manager.ts[-10])
    drag(chart, at(chart, t, low), at(chart, t2, high))
    drawing = only(chart)
    assert [a.t for a in drawing.anchors] == [t, t2]
    assert drawing.anchors[0].p == pytest.approx(low, rel=2e-3)
    assert drawing.anchors[1].p == pytest.approx(high, rel=2e-3)


def test_esc_cancels_the_drawing_in_progress(chart, qtbot):
    chart.drawings.strip.actions_by_tool[Tool.FIB].trigger()
    t, low, _high = bar_points(chart, 40)
    click(chart, t, low)
    assert chart.drawings.editor.pending is not None
    QTest.keyClick(chart.view, Qt.Key.Key_Escape)
    assert chart.drawings.editor.pending is None and chart.drawings.editor.tool is None
    assert not chart.drawings.strip.actions_by_tool[Tool.FIB].isChecked()
    click(chart, int(chart.manager.ts[-10]), low)  # the next click draws nothing
    assert chart.drawings.book.drawings(chart.symbol) == []


def test_the_keys_arm_the_tools(chart):
    chart.view.setFocus()
    QTest.keyClick(chart.view, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert chart.drawings.editor.tool is Tool.HLINE
    QTest.keyClick(chart.view, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert chart.drawings.editor.tool is Tool.FIB
    assert chart.drawings.strip.actions_by_tool[Tool.FIB].isChecked()
    shortcuts = {a.shortcut().toString() for a in chart.actions()}
    assert {"Alt+Shift+T", "Alt+Shift+H", "Esc", "Del", "Ctrl+Z", "Ctrl+Shift+Z"} <= shortcuts


def test_the_magnet_puts_the_anchor_on_the_nearest_ohlc(chart, qtbot):
    qtbot.mouseClick(chart.magnet_button, Qt.MouseButton.LeftButton)
    assert chart.view.magnet
    i = len(chart.manager) - 30
    t, o, h, lo, c, _v = chart.manager.bar(i)
    chart.drawings.strip.actions_by_tool[Tool.HLINE].trigger()
    click(chart, t, h + (h - lo) * 0.1 + 0.001)  # a little above the high
    assert only(chart).anchors[0].p == h


def test_without_the_magnet_the_anchor_is_where_the_click_is(chart):
    i = len(chart.manager) - 30
    t, o, h, lo, c, _v = chart.manager.bar(i)
    price = h + (h - lo) * 0.5 + 0.5
    chart.drawings.strip.actions_by_tool[Tool.HLINE].trigger()
    click(chart, t, price)
    assert only(chart).anchors[0].p == pytest.approx(price, rel=1e-3)
    assert only(chart).anchors[0].p != h


def test_the_retracement_labels_its_levels_with_prices_at_the_instrument_precision(chart):
    chart.drawings.strip.actions_by_tool[Tool.FIB].trigger()
    t, low, high = bar_points(chart, 40)
    click(chart, t, low)
    click(chart, int(chart.manager.ts[-10]), high)
    drawing = only(chart)
    item = chart.drawings.item
    [(_d, shape)] = item.in_view(item.sceneTransform())
    texts = [label[2] for label in shape.labels]
    decimals = chart.view.decimals
    expected = [f"{level:g} ({price:,.{decimals}f})"
                for level, price in fib_levels(drawing.anchors[0].p, drawing.anchors[1].p)]
    assert texts == expected and len(texts) == len(FIB_LEVELS)
    assert texts[4].startswith("0.618 (")


def test_the_strip_shows_with_the_plot_only(qloop, qtbot):
    from app.feeds.sim import SimFeed
    from app.services.history import KlineHistory
    from app.services.market_data import MarketDataService
    from app.ui.chart.widget import ChartWidget
    from app.ui.kit.theme import RED_UP

    service = MarketDataService(SimFeed())
    chart = ChartWidget(service, RED_UP, KlineHistory(service, None))
    qtbot.addWidget(chart)
    chart.show()
    assert chart.empty.isVisible() and not chart.drawings.strip.isVisible()  # no symbol: no tools
