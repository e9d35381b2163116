"""Drawing on a chart as a user does: where a (time, price) is on the chart's viewport, clicks
and drags there, and where a drawing's anchors are painted (its handles, in scene pixels)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from app.core.drawings import Drawing, times_to_x


def scene_at(chart, t: int, price: float) -> QPointF:
    view = chart.view
    x = float(times_to_x(view.manager.ts, view.period.nominal_ms, np.array([t]))[0])
    return view.price.vb.mapViewToScene(QPointF(x, view.scale.forward_one(price)))


def at(chart, t: int, price: float) -> QPoint:
    """The viewport pixel of ``(t, price)`` on ``chart``."""
    return chart.view.mapFromScene(scene_at(chart, t, price))


def click(chart, t: int, price: float, button=Qt.MouseButton.LeftButton) -> None:
    pos = at(chart, t, price)
    QTest.mouseMove(chart.view.viewport(), pos)
    QTest.mouseClick(chart.view.viewport(), button, Qt.KeyboardModifier.NoModifier, pos, delay=300)


def drag(chart, start: QPoint, end: QPoint) -> None:
    viewport = chart.view.viewport()
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start, delay=300)
    for k in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * (k / 5))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def handles(chart, drawing_id: str) -> list[tuple[float, float]]:
    """The painted handles (anchors) of a drawing, in scene pixels, as the chart places them now."""
    item = chart.drawings.item
    for drawing, shape in item.in_view(item.sceneTransform()):
        if drawing.id == drawing_id:
            return shape.handles
    raise AssertionError(f"{drawing_id} is not in view")


def only(chart) -> Drawing:
    drawings = chart.drawings.book.drawings(chart.symbol)
    assert len(drawings) == 1, drawings
    return drawings[0]


def bar_points(chart, back: int) -> tuple[int, float, float]:
    """The start time of the bar ``back`` bars before the last, and two prices in view there."""
    view = chart.view
    t = int(view.manager.ts[-1 - back])
    lo, hi = view.price.vb.viewRange()[1]
    a, b = view.scale.inverse_one(lo + (hi - lo) * 0.3), view.scale.inverse_one(lo + (hi - lo) * 0.7)
    return t, round(a, 2), round(b, 2)
