"""Drawings stay on their times and prices: across a restart (a new window on the same data
folder), a period change (a 1d line on 1h bars), a log or percent scale, older pages loading in
front; two charts of one symbol share them live; a damaged file is set aside and said."""

from __future__ import annotations

import json

import msgspec
import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from app.core.drawings import Anchor, Drawing, Tool
from app.core.periods import Period
from app.core.types import Bar
from app.storage.settings import Settings
from app.ui.chart.drawings.book import DrawingBook
from app.ui.chart.scale import ScaleMode
from tests.support.drawings import bar_points, click, handles, only
from tests.support.windows import still_sim_window

SETTINGS = dict(watchlist=["HK:00700"], selected="HK:00700")


def _scene(chart, x: float, price: float) -> QPointF:
    """Where bar number ``x`` and ``price`` are on the chart's scene, as the pane maps them."""
    return chart.view.price.vb.mapViewToScene(QPointF(x, chart.view.scale.forward_one(price)))


def _assert_at(chart, drawing_id: str, expected: list[QPointF]) -> None:
    for (x, y), point in zip(handles(chart, drawing_id), expected, strict=True):
        assert x == pytest.approx(point.x(), abs=0.6) and y == pytest.approx(point.y(), abs=0.6)


def _draw_trend(chart) -> Drawing:
    chart.drawings.strip.actions_by_tool[Tool.TREND].trigger()
    t, low, high = bar_points(chart, 40)
    click(chart, t, low)
    click(chart, int(chart.manager.ts[-10]), high)
    return only(chart)


def _period(chart, qtbot, period: Period) -> None:
    button = next(b for b in chart.period_buttons.buttons() if b.property("period") == period.value)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chart.period is period and chart._loaded and len(chart.manager) > 100, timeout=10000)


def test_a_drawing_survives_a_restart_at_the_same_time_and_price(qloop, qtbot, tmp_path):
    path = tmp_path / "drawings.json"
    with still_sim_window(qtbot, Settings(**SETTINGS), drawings=DrawingBook(path)) as window:
        drawing = _draw_trend(window.chart)
        where = handles(window.chart, drawing.id)
    assert json.loads(path.read_text())["symbols"]["HK:00700"][0]["id"] == drawing.id
    with still_sim_window(qtbot, Settings(**SETTINGS), drawings=DrawingBook(path)) as window:
        chart = window.chart
        assert only(chart) == drawing
        index = {int(t): i for i, t in enumerate(chart.manager.ts)}
        _assert_at(chart, drawing.id, [_scene(chart, index[a.t], a.p) for a in drawing.anchors])


def test_a_daily_line_shows_on_hourly_bars_at_the_same_times_and_prices(qloop, qtbot, tmp_path):
    with still_sim_window(qtbot, Settings(**SETTINGS), always_open=False,  # real sessions: nights between days
                          drawings=DrawingBook(tmp_path / "d.json")) as window:
        chart = window.chart
        _period(chart, qtbot, Period.D1)
        drawing = _draw_trend(chart)
        daily = {int(t): i for i, t in enumerate(chart.manager.ts)}
        _assert_at(chart, drawing.id, [_scene(chart, daily[a.t], a.p) for a in drawing.anchors])
        _period(chart, qtbot, Period.H1)
        ts = chart.manager.ts
        # a day bar is keyed at the trading day's midnight: its line starts at that day's first hour
        first_hours = [int(np.searchsorted(ts, a.t)) for a in drawing.anchors]
        assert all(ts[i] - a.t < 86_400_000 for i, a in zip(first_hours, drawing.anchors, strict=True))
        n = len(ts)
        chart.view.price.vb.setXRange(first_hours[0] - 20, min(n, first_hours[1] + 20), padding=0)
        _assert_at(chart, drawing.id, [_scene(chart, i, a.p) for i, a in zip(first_hours, drawing.anchors,
                                                                               strict=True)])
        _period(chart, qtbot, Period.D1)
        _assert_at(chart, drawing.id, [_scene(chart, daily[a.t], a.p) for a in drawing.anchors])


def test_an_hourly_anchor_falls_inside_its_day_on_daily_bars(qloop, qtbot, tmp_path):
    with still_sim_window(qtbot, Settings(**SETTINGS), drawings=DrawingBook(tmp_path / "d.json")) as window:
        chart = window.chart
        _period(chart, qtbot, Period.H1)
        t, low, _high = bar_points(chart, 5)
        chart.drawings.strip.actions_by_tool[Tool.VLINE].trigger()
        click(chart, t, low)
        _period(chart, qtbot, Period.D1)
        day = int(np.searchsorted(chart.manager.ts, t, side="right")) - 1
        [(x, _y)] = handles(chart, only(chart).id)
        assert _scene(chart, day, low).x() < x < _scene(chart, day + 1, low).x()


@pytest.mark.parametrize("mode", [ScaleMode.LOG, ScaleMode.PERCENT])
def test_a_drawing_keeps_its_prices_on_a_log_or_percent_scale(qloop, qtbot, tmp_path, mode):
    with still_sim_window(qtbot, Settings(**SETTINGS), drawings=DrawingBook(tmp_path / "d.json")) as window:
        chart = window.chart
        drawing = _draw_trend(chart)
        chart.scale_box.setCurrentIndex(chart.scale_box.findData(mode))
        index = {int(t): i for i, t in enumerate(chart.manager.ts)}
        expected = [chart.view.price.vb.mapViewToScene(QPointF(index[a.t], float(
            np.log10(a.p) if mode is ScaleMode.LOG else (a.p / chart.view.scale.base - 1) * 100)))
            for a in drawing.anchors]
        _assert_at(chart, drawing.id, expected)


def test_older_bars_loading_in_front_leave_the_drawing_on_its_bars(qloop, qtbot, tmp_path):
    with still_sim_window(qtbot, Settings(**SETTINGS), drawings=DrawingBook(tmp_path / "d.json")) as window:
        chart = window.chart
        drawing = _draw_trend(chart)
        before = handles(chart, drawing.id)
        first, step = int(chart.manager.ts[0]), int(chart.manager.ts[1] - chart.manager.ts[0])
        price = float(chart.manager.close[0])
        older = [Bar("sim", "HK:00700", "1m", first - step * k, price, price, price, price, 1.0) for k in range(50, 0, -1)]
        assert chart.view.prepend_bars(older) == 50
        assert np.allclose(handles(chart, drawing.id), before, atol=0.6)
        index = {int(t): i for i, t in enumerate(chart.manager.ts)}
        _assert_at(chart, drawing.id, [_scene(chart, index[a.t], a.p) for a in drawing.anchors])


def test_two_charts_of_a_symbol_share_their_drawings_live(qloop, qtbot, tmp_path):
    with still_sim_window(qtbot, Settings(**SETTINGS), drawings=DrawingBook(tmp_path / "d.json")) as window:
        chart = window.chart
        other = window.add_chart("HK:00700", linked=False)
        qtbot.waitUntil(lambda: other._loaded and len(other.manager) > 100, timeout=10000)
        drawing = _draw_trend(chart)
        assert [d for d, _ in other.drawings.item.in_view(other.drawings.item.sceneTransform())] == [drawing]
        picture = other.view.grab().toImage()
        chart.view.setFocus()
        from PySide6.QtTest import QTest
        QTest.keyClick(chart.view, Qt.Key.Key_Delete)
        assert other.drawings.item.in_view(other.drawings.item.sceneTransform()) == []
        qtbot.waitUntil(lambda: other.view.grab().toImage() != picture)


def test_a_damaged_file_is_set_aside_and_said(qloop, qtbot, tmp_path):
    path = tmp_path / "drawings.json"
    path.write_text('{"version": 1, "symbols": {"HK:00700": [{"id": 3}]')
    book = DrawingBook(path)
    assert "drawings" in str(book.problem) and "damaged" in str(book.problem)
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("drawings.json.damaged-")]
    assert len(aside) == 1 and aside[0].read_text().startswith('{"version": 1')
    with still_sim_window(qtbot, Settings(**SETTINGS), drawings=book) as window:
        assert window.chart.drawings.book.drawings("HK:00700") == []
        drawing = _draw_trend(window.chart)
    saved = msgspec.json.decode(path.read_bytes())
    assert [d["id"] for d in saved["symbols"]["HK:00700"]] == [drawing.id]


def test_the_store_keeps_each_symbol_apart(tmp_path):
    book = DrawingBook(tmp_path / "d.json")
    line = Drawing(book.new_id(), Tool.HLINE, (Anchor(1_741_000_000_000, 10.5),))
    book.add("US:AAPL", line)
    assert book.drawings("HK:00700") == [] and book.drawings("US:AAPL") == [line]
    assert DrawingBook(tmp_path / "d.json").drawings("US:AAPL") == [line]
