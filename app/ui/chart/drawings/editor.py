"""The mouse on the drawings: placing one with the armed tool (click at each anchor, or press,
drag and release for a two-anchor tool), then selecting, moving and stretching by a handle.

Anchors land on a bar's start time (the bar's centre on screen, as TradingView places them) and
at the pointer's price, or with the magnet on at the bar's nearest open, high, low or close.
A move shifts every anchor by whole bars and by the same distance on the price scale (so a move
on a log scale keeps the drawing's shape); the edit is saved, as one undo step, on release.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
import numpy as np
from PySide6.QtCore import QPointF, Qt

from app.core.drawings import ANCHORS, Anchor, Drawing, Tool, bar_time, snap_price
from app.ui.chart.drawings.geometry import handle_at, hits

if TYPE_CHECKING:
    from app.ui.chart.drawings.layer import DrawingLayer


class DrawingEditor:
    """The drawing state of one chart: the armed tool, the drawing being placed (``pending``:
    its fixed anchors then the one following the pointer), the selected drawing's id, and the
    cue (where the next anchor would go, in view coordinates)."""

    def __init__(self, layer: DrawingLayer) -> None:
        self.layer = layer
        self.tool: Tool | None = None
        self.pending: Drawing | None = None
        self.selected: str | None = None
        self.cue: tuple[float, float] | None = None
        self._drag: tuple[Drawing, int | None, QPointF] | None = None  # before, handle (None: move), start

    # -- tools ------------------------------------------------------------------------------------

    def arm(self, tool: Tool | None) -> None:
        """Take ``tool`` for the next drawing (None: back to the pointer)."""
        self.tool = tool
        self.pending = None
        self.cue = None
        if tool is not None:
            self.selected = None
        self.layer.tool_changed()

    def cancel(self) -> bool:
        """Esc: drop the drawing being placed and the tool, else the selection; False when
        there was nothing to drop."""
        if self.tool is not None or self.pending is not None:
            self.arm(None)
            return True
        if self.selected is not None:
            self.select(None)
            return True
        return False

    def select(self, drawing_id: str | None) -> None:
        if drawing_id != self.selected:
            self.selected = drawing_id
            self.layer.selection_changed()

    # -- the pointer ------------------------------------------------------------------------------

    def anchor_at(self, scene_pos: QPointF) -> Anchor | None:
        """The anchor a click at ``scene_pos`` places: the nearest bar's time and the price there
        (the bar's nearest OHLC with the magnet on)."""
        view = self.layer.view
        manager = view.manager
        if not len(manager):
            return None
        point = view.price.vb.mapSceneToView(scene_pos)
        i = int(round(point.x()))
        t = bar_time(manager.ts, view.period.nominal_ms, point.x())
        y = point.y()
        if view.magnet and 0 <= i < len(manager):
            forward = [view.scale.forward_one(v) for v in manager.bar(i)[1:5]]
            y = snap_price(tuple(forward), y)
        return Anchor(t, view.scale.inverse_one(y))

    def moved(self, scene_pos: QPointF) -> None:
        """The pointer moved over the chart: the pending drawing's loose anchor or the cue follows."""
        if self.tool is None:
            return
        inside = self.layer.view.price.vb.sceneBoundingRect().contains(scene_pos)
        anchor = self.anchor_at(scene_pos) if inside else None
        if self.pending is not None and anchor is not None:
            self.pending = self.pending.with_anchor(len(self.pending.anchors) - 1, anchor)
            self.cue = None
        else:
            self.cue = None if anchor is None else self._view_point(anchor)
        self.layer.repaint()

    def _view_point(self, anchor: Anchor) -> tuple[float, float]:
        x = float(self.layer.item.to_x(np.array([anchor.t], dtype=np.int64))[0])
        return x, self.layer.view.scale.forward_one(anchor.p)

    def click(self, ev) -> None:
        """A click: the next anchor of the armed tool, else select what is under it (and its menu
        on a right click); a click on nothing goes on to the pane."""
        if ev.button() == Qt.MouseButton.LeftButton and self.tool is not None:
            ev.accept()
            self._place(ev.scenePos())
            return
        found = self.hit(ev.scenePos())
        if ev.button() == Qt.MouseButton.RightButton and self.tool is not None:
            ev.accept()
            self.arm(None)  # a right click while drawing drops the tool, as TradingView does
            return
        if found is None:
            if ev.button() == Qt.MouseButton.LeftButton:
                self.select(None)
            ev.ignore()
            return
        ev.accept()
        self.select(found.id)
        if ev.button() == Qt.MouseButton.RightButton:
            self.layer.open_menu(found, ev.screenPos())
        elif ev.double() and found.tool is Tool.TEXT:
            self.layer.edit_text(found)

    def _place(self, scene_pos: QPointF) -> None:
        anchor = self.anchor_at(scene_pos)
        symbol = self.layer.symbol
        if anchor is None or symbol is None or self.tool is None:
            return
        needed = ANCHORS[self.tool]
        if self.pending is None:
            self.pending = Drawing(self.layer.book.new_id(), self.tool, (anchor,) * min(2, needed),
                                   colour=self.layer.default_colour(),
                                   text=self.layer.default_note() if self.tool is Tool.TEXT else "")
            if needed > 1:
                self.layer.repaint()
                return
        else:
            self.pending = self.pending.with_anchor(len(self.pending.anchors) - 1, anchor)
            if len(self.pending.anchors) < needed:
                self.pending = msgspec.structs.replace(self.pending, anchors=(*self.pending.anchors, anchor))
                self.layer.repaint()
                return
        self._finish()

    def _finish(self) -> None:
        drawing, symbol = self.pending, self.layer.symbol
        self.pending = None
        self.tool = None
        self.cue = None
        if drawing is None or symbol is None:
            return
        self.layer.book.add(symbol, drawing)
        self.selected = drawing.id
        self.layer.tool_changed()
        self.layer.selection_changed()
        if drawing.tool is Tool.TEXT:
            self.layer.edit_text(drawing)

    def hit(self, scene_pos: QPointF, handles_only: bool = False) -> Drawing | None:
        """The drawing under ``scene_pos`` (the selected one first, then the latest drawn)."""
        found = self._hit(scene_pos)
        if found is None:
            return None
        drawing, handle = found
        return drawing if handle is not None or not handles_only else None

    def _hit(self, scene_pos: QPointF) -> tuple[Drawing, int | None] | None:
        x, y = scene_pos.x(), scene_pos.y()
        self.layer.view.price.vb.updateMatrix()  # (pyqtgraph applies a range change at the next paint)
        shapes = self.layer.item.in_view(self.layer.item.sceneTransform())
        shapes.sort(key=lambda pair: pair[0].id == self.selected)
        for drawing, out in reversed(shapes):
            if drawing.visible and hits(out, x, y):
                return drawing, handle_at(out, x, y)
        return None

    # -- dragging ---------------------------------------------------------------------------------

    def drag(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if ev.isStart():
            if not self._drag_starts(ev):
                ev.ignore()
                return
        elif self._drag is None and self.pending is None:
            ev.ignore()
            return
        ev.accept()
        if self.pending is not None:
            self.moved(ev.scenePos())
            if ev.isFinish():
                self._place(ev.scenePos())
            return
        if self._drag is None:
            return
        before, handle, start = self._drag
        after = self._dragged(before, handle, start, ev.scenePos())
        symbol = self.layer.symbol
        if symbol is None or after is None:
            return
        if ev.isFinish():
            self._drag = None
            self.layer.book.change(symbol, before, after, self.layer.move_text(handle is None))
        else:
            self.layer.book.preview(symbol, after)

    def _drag_starts(self, ev) -> bool:
        """A press-and-drag: the first anchor of the armed tool, a handle, or a drawing to move."""
        down = ev.buttonDownScenePos()
        if self.tool is not None:
            if self.pending is None:
                self._place(down)
            return self.pending is not None
        found = self._hit(down)
        if found is None or found[0].locked:
            return False
        drawing, handle = found
        self.select(drawing.id)
        self._drag = (drawing, handle, down)
        return True

    def _dragged(self, before: Drawing, handle: int | None, start: QPointF, now: QPointF) -> Drawing | None:
        if handle is not None:
            anchor = self.anchor_at(now)
            return None if anchor is None else before.with_anchor(handle, anchor)
        view = self.layer.view
        vb = view.price.vb
        a, b = vb.mapSceneToView(start), vb.mapSceneToView(now)
        bars, dy = round(b.x() - a.x()), b.y() - a.y()
        xs = self.layer.item.to_x(np.array([p.t for p in before.anchors], dtype=np.int64))
        ts, period = view.manager.ts, view.period.nominal_ms
        anchors = tuple(Anchor(bar_time(ts, period, x + bars) if bars else p.t,
                               view.scale.inverse_one(view.scale.forward_one(p.p) + dy))
                        for x, p in zip(xs.tolist(), before.anchors, strict=True))
        return msgspec.structs.replace(before, anchors=anchors)
