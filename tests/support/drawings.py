"""Drawing on a chart as a user does: where a (time, price) is on the chart's viewport, clicks
and drags there, and where a drawing's anchors are painted (its handles, in scene pixels)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.drawings import Drawing, times_to_x


def scene_at(chart, t: int, price: float) -> QPointF:
    view = chart.view
    x = float(times_to_x(view.manager.ts, view.period.nominal_ms, np.array([t]))[0])
    return view.price.vb.mapViewToScene(QPointF(x, view.scale.forward_one(price)))


def at(chart, t: int, price: float) -> QPoint:
    """The viewport pixel of ``(t, price)`` on ``chart``."""
    return chart.view.mapFromScene(scene_at(chart, t, price))


def click(chart, t: int, price: float, button=Qt.MouseButton.LeftButton) -> None:
    """A click at ``(t, price)``: the pointer goes there first, and the place is worked out again
    once the chart has laid out what the hover changed (the legend above the pane may wrap)."""
    QTest.mouseMove(chart.view.viewport(), at(chart, t, price))
    QApplication.processEvents()
    pos = at(chart, t, price)
    QTest.mouseMove(chart.view.viewport(), pos)
    QTest.mouseClick(chart.view.viewport(), button, Qt.KeyboardModifier.NoModifier, pos, delay=300)


def drag(chart, start: QPoint, end: QPoint, steps: int = 8) -> None:
    """A left-button drag on the viewport: press, moves with the button held, release (QTest's
    moves carry no button, and pyqtgraph drops moves closer than 10 ms apart unless told)."""
    port = chart.view.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

    def send(kind, pos: QPointF, button, buttons) -> None:
        event = QMouseEvent(kind, pos, QPointF(port.mapToGlobal(pos.toPoint())), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(port, event)

    a, b = QPointF(start), QPointF(end)  # (the pointer is on the chart already: the layout is settled)
    limit = pg.CONFIG_OPTIONS["mouseRateLimit"]
    pg.setConfigOption("mouseRateLimit", 0)
    try:
        send(QEvent.Type.MouseMove, a, none, none)
        send(QEvent.Type.MouseButtonPress, a, left, left)
        for k in range(1, steps + 1):
            send(QEvent.Type.MouseMove, a + (b - a) * (k / steps), none, left)
        send(QEvent.Type.MouseButtonRelease, b, left, none)
    finally:
        pg.setConfigOption("mouseRateLimit", limit)


def handles(chart, drawing_id: str) -> list[tuple[float, float]]:
    """The painted handles (anchors) of a drawing, in scene pixels, as the chart places them now."""
    item = chart.drawings.item
    chart.view.price.vb.updateMatrix()  # pyqtgraph moves its items at the next paint, else
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
