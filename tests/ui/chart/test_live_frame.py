"""Live ticks with studies on (MA + VOL + MACD): the price lines, each pane's y fit and the
legends are worked out once per painted frame, however many bars the frame brought, and they
equal what a chart built afresh from the same bars shows; a tick moves the last candle, the
legend's values, the price line and the MACD tail as a full recompute does."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF
from PySide6.QtGui import QColor

from app.core import indicators as ind
from app.core.types import Bar
from app.ui.chart.studies import StudyKind
from app.ui.chart.view import ChartView
from app.ui.kit import formatting as fmt
from tests.support.windows import still_window_with_studies

SYMBOL = "HK:00700"


@pytest.fixture
def window(qloop, qtbot):
    with still_window_with_studies(qtbot, SYMBOL) as window:
        yield window


def _counted(view: ChartView) -> dict[str, int]:
    """Count the calls of the three per-frame jobs on this view."""
    counts = {"_fit_y": 0, "update_legends": 0, "_update_price_lines": 0}
    for name in counts:
        original = getattr(view, name)

        def wrapper(*args, _name=name, _original=original):
            counts[_name] += 1
            return _original(*args)

        setattr(view, name, wrapper)
    return counts


def _tick(chart, k: int) -> Bar:
    """The live bar again, its close moved (up then down), its volume grown."""
    ts, o, h, lo, c, v = chart.manager.bar(len(chart.manager) - 1)
    close = c * (1.004 if k % 2 == 0 else 0.997)
    return Bar("sim", SYMBOL, chart.period.value, ts, o, max(h, close), min(lo, close), close, v + 100.0)


def _shown(view: ChartView) -> dict:
    """What a reader sees of the frame's jobs: each pane's legend and y range, the price line."""
    marker = view.price.price_axis.markers.get("last")
    return {"legends": [list(p.plot.titleLabel.items) for p in view.panes],
            "y": [tuple(p.vb.viewRange()[1]) for p in view.panes],
            "line": view.last_line.y, "marker": None if marker is None else marker.text}


def _afresh(qtbot, live: ChartView) -> ChartView:
    """A chart built from the live one's bars in one go (studies computed in full), same size,
    same range, same instrument."""
    view = ChartView(live.direction)
    qtbot.addWidget(view)
    view.resize(live.size())
    view.show()
    view.configure(live.period, live.zone, live.decimals)
    view.size_decimals = live.size_decimals
    for spec in live.studies():
        view.add_study(spec)
    m = live.manager
    view.set_arrays(m.ts.copy(), np.vstack((m.open, m.high, m.low, m.close, m.volume)))
    view.set_prev_close(live.prev_close)
    qtbot.waitUntil(lambda: view.price.vb.width() == live.price.vb.width(), timeout=2000)
    view.price.vb.setXRange(*live.x_range(), padding=0)
    view.refresh()
    return view


def test_ticks_within_a_frame_are_settled_once_and_equal_a_full_recompute(window, qtbot):
    chart = window.chart
    view = chart.view
    assert [s.kind for s in view.studies()] == [StudyKind.MA, StudyKind.VOL, StudyKind.MACD]
    counts = _counted(view)
    key = (SYMBOL, chart.period.value)
    for k in range(6):  # six frames' worth of the live bar, before the chart paints
        window.service.sig_bars.emit({key: [_tick(chart, k)]})
    assert view.pending.pending and counts == {"_fit_y": 0, "update_legends": 0, "_update_price_lines": 0}
    qtbot.waitUntil(lambda: not view.pending.pending, timeout=2000)  # the frame's turn of the event loop
    assert counts == {"_fit_y": 1, "update_legends": 1, "_update_price_lines": 1}
    # a new bar in the same frame moves the view along: still one fit
    ts, *_rest, close, _v = chart.manager.bar(len(chart.manager) - 1)
    window.service.sig_bars.emit({key: [Bar("sim", SYMBOL, chart.period.value, ts + 60_000, close, close, close,
                                            close, 10.0)]})
    window.service.sig_bars.emit({key: [_tick(chart, 0)]})
    qtbot.waitUntil(lambda: not view.pending.pending, timeout=2000)
    assert counts == {"_fit_y": 2, "update_legends": 2, "_update_price_lines": 2}
    shown, fresh = _shown(view), _shown(_afresh(qtbot, view))
    y, fresh_y = shown.pop("y"), fresh.pop("y")
    assert shown == fresh
    for pane, fresh_pane in zip(y, fresh_y, strict=True):  # (the MACD tail continued, not redone: rounding)
        assert pane == pytest.approx(fresh_pane, rel=1e-9, abs=1e-12)


def test_a_tick_moves_the_candle_the_legend_the_price_line_and_the_macd_tail(window, qtbot):
    chart = window.chart
    view = chart.view
    key = (SYMBOL, chart.period.value)
    i = len(chart.manager) - 1
    ts, o, h, lo, c, v = chart.manager.bar(i)
    top = view.price.vb.viewRange()[1][1]
    high = top + (top - view.price.vb.viewRange()[1][0]) * 0.2  # above the pane's top: the fit must follow
    macd = next(p.study for p in view.panes[1:] if p.study.spec.kind is StudyKind.MACD)
    macd.values("MACD")  # computed in full once: the tick continues it
    window.service.sig_bars.emit({key: [Bar("sim", SYMBOL, chart.period.value, ts, o, high, lo, high, v + 500.0)]})
    qtbot.waitUntil(lambda: not view.pending.pending, timeout=2000)
    image = view.grab().toImage()

    assert float(chart.manager.close[i]) == high and float(chart.manager.high[i]) == high
    y0, y1 = view.price.vb.viewRange()[1]
    assert y0 < high < y1  # the y fit followed the tick
    price = fmt.price(high, view.decimals)
    assert view.last_line.y == pytest.approx(view.scale.forward_one(high))
    assert view.price.price_axis.markers["last"].text == price
    legend = " ".join(text for item in view.price.plot.titleLabel.items for text, _ in item)
    assert price in legend
    # the MACD tail as a full recompute on the same closes gives it
    line, signal, hist = ind.macd(chart.manager.close.copy(), 12, 26, 9)
    for name, full in (("MACD", line), ("SIGNAL", signal), ("HIST", hist)):
        np.testing.assert_allclose(macd.values(name)[-40:], full[-40:], rtol=1e-9, atol=1e-12)
    macd_legend = " ".join(text for item in next(p for p in view.panes if p.study is macd).plot.titleLabel.items
                           for text, _ in item)
    assert f"{hist[-1]:,.{min(view.decimals + 1, 6)}f}" in macd_legend
    # the last candle reaches the new high: its wick's pixels are in the rising colour
    scene = view.price.vb.mapViewToScene(QPointF(i, view.scale.forward_one(high) - (y1 - y0) * 0.01))
    at = view.mapFromScene(scene)
    up = QColor(view.direction.up).rgb()
    around = {image.pixel(at.x() + dx, at.y() + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
    assert up in around


class _Paints(QObject):
    """Counts the paints of a widget."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_an_appended_bar_is_painted_once(window, qtbot):
    """The frame's jobs run before the scene gathers what to repaint, and the fit's new ranges
    are applied at once: a paint that moved the items itself would ask for a second one."""
    chart = window.chart
    view = chart.view
    paints = _Paints()
    view.viewport().installEventFilter(paints)
    ts, *_rest, close, _v = chart.manager.bar(len(chart.manager) - 1)
    for k in range(3):
        before = paints.count
        bar = Bar("sim", SYMBOL, chart.period.value, ts + (k + 1) * 60_000, close, close * 1.01, close * 0.99,
                  close * (1.005 if k % 2 else 0.995), 5000.0)
        window.service.sig_bars.emit({(SYMBOL, chart.period.value): [bar]})
        qtbot.waitUntil(lambda: paints.count > before, timeout=2000)
        for _ in range(3):  # whatever the paint left queued is handled now
            QCoreApplication.processEvents()
        assert paints.count == before + 1 and not view.pending.pending
