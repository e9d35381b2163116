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
