"""How the intraday view paints itself (kept apart from its geometry in ``view.py``): grid and
separators, the fill and the minute line, the average line, the volume bars, both price axes,
the time axis, the legend row and the crosshair. Every colour is the theme's."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from app.ui.chart.intraday.view import dashed, series_polygons
from app.ui.kit import formatting as fmt
from app.ui.kit.theme import blend

if TYPE_CHECKING:
    from app.ui.chart.intraday.view import Frame, IntradayView

ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter


def paint_view(view: IntradayView, p: QPainter) -> None:
    t = view.theme
    p.fillRect(view.rect(), t.background)
    f = view.frame()
    _grid(view, p, f)
    if view.days and view.centre is not None:
        _lines(view, p, f)
    _volumes(view, p, f)
    _axes(view, p, f)
    _time_axis(view, p, f)
    p.setPen(t.text)
    p.drawText(QRectF(f.left + 4, 0, f.right - f.left - 8, f.price_top), ALIGN_LEFT, view.legend())
    _crosshair(view, p, f)


def _grid(view: IntradayView, p: QPainter, f: Frame) -> None:
    t = view.theme
    p.setPen(QPen(t.grid, 1))
    p.drawRect(QRectF(f.left, f.price_top, f.right - f.left, f.price_bottom - f.price_top))
    p.drawRect(QRectF(f.left, f.volume_top, f.right - f.left, f.volume_bottom - f.volume_top))
    p.setPen(dashed(t.grid_line))
    for price in view.levels():
        if price != view.centre:
            y = view.y_of(price)
            p.drawLine(QLineF(f.left, y, f.right, y))
    if view.centre is not None:  # the previous close: the line everything is read against
        p.setPen(dashed(t.muted))
        y = view.y_of(view.centre)
        p.drawLine(QLineF(f.left, y, f.right, y))
    p.setPen(QPen(t.muted if len(view.days) > 1 else t.grid, 1))
    for x in view.separators():
        p.drawLine(QLineF(x, f.price_top, x, f.price_bottom))
        p.drawLine(QLineF(x, f.volume_top, x, f.volume_bottom))


def _lines(view: IntradayView, p: QPainter, f: Frame) -> None:
    t = view.theme
    p.setClipRect(QRectF(f.left, f.price_top, f.right - f.left, f.price_bottom - f.price_top))
    p.setPen(Qt.PenStyle.NoPen)  # the fill under the line: plain (antialiasing it costs tens of ms)
    p.setBrush(blend(t.intraday_price, t.background, 0.10))
    for polygon in series_polygons(view, lambda d: d.price, close_to=f.price_bottom):
        p.drawPolygon(polygon)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for colour, values in ((t.intraday_price, lambda d: d.price), (t.intraday_average, lambda d: d.average)):
        p.setPen(QPen(colour, 1))  # 1 px: the fast path (1.2 px strokes cost ~10 ms a line)
        for polygon in series_polygons(view, values):
            p.drawPolyline(polygon)
    p.setClipping(False)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def _volumes(view: IntradayView, p: QPainter, f: Frame) -> None:
    bars = volume_bars(view)
    if bars is None:
        return
    xs, volumes, moves, width = bars
    top = float(volumes.max())
    height = f.volume_bottom - f.volume_top - 2
    hs = np.maximum(1.0, volumes / top * height).tolist()
    rects: dict[int, list[QRectF]] = {1: [], -1: [], 0: []}  # by the move: up, down, flat
    for x, h, move in zip((xs - width / 2).tolist(), hs, moves.tolist(), strict=True):
        rects[move].append(QRectF(x, f.volume_bottom - h, width, h))
    p.setPen(Qt.PenStyle.NoPen)
    for move, colour in ((1, view.direction.up), (-1, view.direction.down), (0, view.theme.muted)):
        if rects[move]:
            p.setBrush(colour)
            p.drawRects(rects[move])
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(view.theme.muted)
    text = fmt.volume(top, view.chinese, view.size_decimals)
    p.drawText(QRectF(0, f.volume_top, f.left - 4, 14), ALIGN_RIGHT, text)


def volume_bars(view: IntradayView) -> tuple[np.ndarray, np.ndarray, np.ndarray, float] | None:
    """The volume bars to draw: (x centres, volumes, moves −1/0/1, width). One a minute while a
    minute is at least two pixels wide; else one a pixel column holding its minutes' volume,
    coloured by their net move (five days of a market open around the clock: 7,200 minutes
    in a few hundred pixels would pile up, the last colour drawn hiding the others)."""
    slots, volumes, changes = [], [], []
    base = 0
    for d in view.days:
        idx = np.flatnonzero(d.volume[: d.traded] > 0)
        slots.append(base + idx)
        volumes.append(d.volume[idx])
        changes.append(np.nan_to_num(d.change[idx]))
        base += len(d.grid)
    if not slots or not sum(len(s) for s in slots):
        return None
    xs = view.xs_of(np.concatenate(slots))
    volume, change = np.concatenate(volumes), np.concatenate(changes)
    pitch = view.x_of(1) - view.x_of(0)
    if pitch >= 2:
        return xs, volume, np.sign(change).astype(int), max(1.0, pitch * 0.7)
    columns = np.floor(xs).astype(np.int64)
    keys, where = np.unique(columns, return_inverse=True)
    summed = np.zeros(len(keys))
    moved = np.zeros(len(keys))
    np.add.at(summed, where, volume)
    np.add.at(moved, where, change)
    return keys + 0.5, summed, np.sign(moved).astype(int), 1.0


def _axes(view: IntradayView, p: QPainter, f: Frame) -> None:
    t = view.theme
    h = view.metrics.height()
    for (price, text), (_p, pct) in zip(view.price_labels(), view.percent_labels(), strict=True):
        colour = view.direction.for_change(price - view.centre if abs(price - view.centre) > 1e-12 else 0)
        y = view.y_of(price)
        p.setPen(colour)
        p.drawText(QRectF(0, y - h / 2, f.left - 4, h), ALIGN_RIGHT, text)
        p.drawText(QRectF(f.right + 4, y - h / 2, view.width() - f.right - 4, h), ALIGN_LEFT, pct)
    if not view.price_labels():
        p.setPen(t.muted)
        p.drawText(QRectF(f.left, f.price_top, f.right - f.left, f.price_bottom - f.price_top), ALIGN_CENTRE,
                   view.empty_text())


def _time_axis(view: IntradayView, p: QPainter, f: Frame) -> None:
    t = view.theme
    m = view.metrics
    y = f.volume_bottom + 2
    taken: list[tuple[float, float]] = []
    for x, text in view.time_labels():
        w = m.horizontalAdvance(text) + 4
        left = min(max(x - w / 2, f.left), f.right - w)
        if any(a < left + w and left < b for a, b in taken):
            continue
        taken.append((left, left + w))
        p.setPen(t.muted)
        p.drawText(QRectF(left, y, w, m.height()), ALIGN_CENTRE, text)
    if view.days:  # the zone the times are in, under the price axis
        p.setPen(t.muted)
        p.drawText(QRectF(0, y, f.left - 4, m.height()), ALIGN_RIGHT, view.zone_text())


def _crosshair(view: IntradayView, p: QPainter, f: Frame) -> None:
    if view.hover is None:
        return
    t = view.theme
    x = view.x_of(view.hover)
    p.setPen(QPen(t.crosshair, 1))
    p.drawLine(QLineF(x, f.price_top, x, f.volume_bottom))
    m = view.metrics
    h = m.height() + 2
    _, _, ts = view.at(view.hover)
    when = view._when(ts)
    w = m.horizontalAdvance(when) + 10
    _marker(p, QRectF(min(max(x - w / 2, f.left), f.right - w), f.volume_bottom + 1, w, h), when, t.marker,
            t.marker_text)
    if view.hover_y is None or view.centre is None:
        return
    y = view.hover_y
    price = view.price_at(y)
    if price is None:
        return
    p.setPen(QPen(t.crosshair, 1))
    p.drawLine(QLineF(f.left, y, f.right, y))
    pct = (price - view.centre) / view.centre * 100 if view.centre else 0.0
    _marker(p, QRectF(0, y - h / 2, f.left - 1, h), fmt.price(price, view.decimals), t.marker, t.marker_text)
    _marker(p, QRectF(f.right + 1, y - h / 2, view.width() - f.right - 1, h), fmt.percent(pct), t.marker,
            t.marker_text)


def _marker(p: QPainter, rect: QRectF, text: str, background: QColor, foreground: QColor) -> None:
    p.fillRect(rect, background)
    p.setPen(foreground)
    p.drawText(rect, ALIGN_CENTRE, text)
