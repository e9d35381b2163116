"""Mouse handling of a chart pane: the wheel zooms around the cursor, a drag pans, a drag on
the price axis stretches the prices (then the y range stays where the user put it until a
double-click resets it)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal

ZOOM_STEP = 0.85  # of the visible width per wheel notch


class ChartViewBox(pg.ViewBox):
    """Signals:

    - ``sig_zoom(float, float)``: zoom x by a factor (< 1 in) around an x position.
    - ``sig_pan(float)``: move x by this many bars (positive: to the right, towards now).
    - ``sig_manual_y()``: the user set this pane's y range by hand.
    - ``sig_reset()``: double-click: back to the automatic view.
    """

    sig_zoom = Signal(float, float)
    sig_pan = Signal(float)
    sig_manual_y = Signal()
    sig_reset = Signal()

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.manual_y = False
        self.setMouseEnabled(x=False, y=False)  # we interpret the mouse ourselves
        self.disableAutoRange()  # the chart sets both ranges; pyqtgraph's would scan every item

    def wheelEvent(self, ev, axis=None):
        delta = ev.delta() if hasattr(ev, "delta") else ev.angleDelta().y()
        if delta == 0:
            ev.ignore()
            return
        factor = ZOOM_STEP ** (delta / 120.0)
        x = self.mapSceneToView(ev.scenePos()).x()
        self.sig_zoom.emit(factor, x)
        ev.accept()

    def mouseDragEvent(self, ev, axis=None):
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        last = self.mapSceneToView(ev.lastScenePos())
        now = self.mapSceneToView(ev.scenePos())
        if axis == 1:  # dragged on the price axis: stretch around the middle
            y0, y1 = self.viewRange()[1]
            dy = ev.scenePos().y() - ev.lastScenePos().y()
            factor = 1.01 ** dy
            mid = (y0 + y1) / 2
            half = (y1 - y0) / 2 * factor
            self.manual_y = True
            self.setYRange(mid - half, mid + half, padding=0)
            self.sig_manual_y.emit()
            return
        self.sig_pan.emit(last.x() - now.x())
        if self.manual_y:
            dy = last.y() - now.y()
            y0, y1 = self.viewRange()[1]
            self.setYRange(y0 + dy, y1 + dy, padding=0)

    def mouseDoubleClickEvent(self, ev):
        self.manual_y = False
        self.sig_reset.emit()
        ev.accept()

    def mouseClickEvent(self, ev):
        ev.accept()
