"""What the chart's items keep between paints (the axes' prepared labels, the grid's lines and
pixel rows, the indicator paths, the separators, the candles' and columns' draw calls, the
legends' placed runs), the grid filled as pixel rows and the background filled in place never
change the picture: after live ticks, a new bar, pans, zooms, styles, scales, a theme switch and
resizes, the chart painted from what its items kept equals, pixel for pixel, the chart painted
from nothing, with pyqtgraph's own axis pictures, Qt's pen for the grid, pyqtgraph's cached
background and Qt's fills under a surface not said opaque."""

from __future__ import annotations

import contextlib

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsView

from app.core.types import Bar
from app.ui.chart import axis, guides, items, kept_paint, last_bucket, panes, pixel_lines, surface
from app.ui.chart.items import ChartStyle
from app.ui.chart.scale import ScaleMode
from tests.support.windows import still_window_with_studies

SYMBOL = "HK:00700"


@pytest.fixture
def window(qloop, qtbot):
    with still_window_with_studies(qtbot, SYMBOL) as window:
        yield window


KEPT = {  # what the items keep between paints
    axis._MarkedAxis: ("picture",), guides.GridItem: ("_key", "_pen", "_fill"), items.LineItem: ("_path", "_pen"),
    guides.SeparatorItem: ("_lines",), items.PriceItem: ("_kept", "_last"), items._ColumnsItem: ("_kept", "_last"),
    panes.LegendLabel: ("_runs",)}


@contextlib.contextmanager
def _uncached(view):
    """The chart's items painted from nothing, keeping nothing: the axes as pyqtgraph paints
    them (a QPicture made afresh), the primitive arrays passed as pyqtgraph passes them, lines
    stroked by Qt's pen, the background from pyqtgraph's cached pixmap of it over Qt's fills (the
    surface not said opaque), every kept drawing forgotten. What the items kept is put back afterwards: the next step paints from
    it, as a chart would."""
    original = axis._MarkedAxis.paint_labels, pixel_lines.hv_line_rects, kept_paint._Memory.drawargs
    kept = {(item, name): getattr(item, name) for item in view.scene().items() for kind, names in KEPT.items()
            if isinstance(item, kind) for name in names}
    assert all(any(isinstance(item, kind) for item, _name in kept) for kind in KEPT)  # each kind is tried
    for item, name in kept:
        setattr(item, name, kept_paint.KeptPaint() if name == "_kept" else last_bucket.LastBucket() if name == "_last"
                else {} if name == "_fill" else None)
    axis._MarkedAxis.paint_labels = pg.AxisItem.paint
    pixel_lines.hv_line_rects = lambda *_args: None
    kept_paint._Memory.drawargs = lambda memory: memory.array.drawargs()  # pyqtgraph's own pointer
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # pyqtgraph's background pixmap
    view.resetCachedContent()
    for widget in (view, view.viewport()):  # Qt's fills under the background, as before surface.py
        widget.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
    try:
        yield
    finally:
        surface.follow_background(view)
        view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        axis._MarkedAxis.paint_labels, pixel_lines.hv_line_rects, kept_paint._Memory.drawargs = original
        for (item, name), value in kept.items():
            setattr(item, name, value)


def _frame(view) -> QImage:
    """The grab's pixels (in one format: an opaque surface's grab has no alpha channel)."""
    for _ in range(3):
        QCoreApplication.processEvents()
    return view.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)


def _same(view, what: str) -> None:
    for pane in view.panes:  # the widths a legend kept are its items' widths measured now
        label = pane.plot.titleLabel
        assert label._widths == {item: label.item_width(item) for item in label.items}, what
    kept = _frame(view)
    kept_again = _frame(view)  # a second paint from what the first kept
    with _uncached(view):
        fresh = _frame(view)
    assert not kept.isNull() and kept.size() == fresh.size()
    for name, image in (("kept", kept), ("kept again", kept_again)):
        if image != fresh:
            diff = sum(image.pixel(x, y) != fresh.pixel(x, y)
                       for y in range(image.height()) for x in range(image.width()))
            pytest.fail(f"{what}: the {name} picture differs from a fresh paint in {diff} pixels")


def _tick(chart, k: int) -> Bar:
    ts, o, h, lo, c, v = chart.manager.bar(len(chart.manager) - 1)
    close = c * (1.004 if k % 2 == 0 else 0.997)
    return Bar("sim", SYMBOL, chart.period.value, ts, o, max(h, close), min(lo, close), close, v + 100.0)


def test_kept_paints_equal_fresh_paints_after_ticks_pans_zooms_styles_scales_and_a_theme_switch(window, qtbot):
    chart = window.chart
    view = chart.view
    window.resize(1400, 800)
    key = (SYMBOL, chart.period.value)
    _same(view, "at first")
    for k in range(3):
        window.service.sig_bars.emit({key: [_tick(chart, k)]})
        qtbot.waitUntil(lambda: not view.pending.pending, timeout=2000)
        _same(view, f"after tick {k}")
    ts, *_rest, close, _v = chart.manager.bar(len(chart.manager) - 1)
    window.service.sig_bars.emit({key: [Bar("sim", SYMBOL, chart.period.value, ts + 60_000, close, close * 1.01,
                                            close * 0.99, close * 1.005, 5000.0)]})
    qtbot.waitUntil(lambda: not view.pending.pending, timeout=2000)
    _same(view, "after a new bar")
    for bars in (-25, -7.3, 3.7, -11.1, 0.45, -2.6):  # labels land at many fractions of a pixel
        view.pan(bars)
        _same(view, f"after a pan of {bars}")
    view.zoom(1.6)
    _same(view, "after a zoom out")
    view.zoom(0.5)
    _same(view, "after a zoom in")
    for style in (ChartStyle.OHLC, ChartStyle.LINE, ChartStyle.CANDLES):
        view.set_style(style)
        _same(view, f"drawn as {style}")
    for mode in (ScaleMode.LOG, ScaleMode.PERCENT, ScaleMode.NORMAL):
        view.set_scale(mode)
        _same(view, f"on a {mode} scale")
    window.set_theme("light")
    try:
        _same(view, "in the light theme")
        for size in ((1200, 700), (1333, 777), (1401, 803)):
            window.resize(*size)
            _same(view, f"resized to {size}")
    finally:
        window.set_theme("dark")  # a theme is the application's: the next test gets the dark one
