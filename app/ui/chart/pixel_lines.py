"""Horizontal and vertical hairlines as pixel rows and columns: the same pixels, a fraction of
the time.

Qt's raster engine strokes a 1-pixel cosmetic line (no antialiasing) pixel by pixel: ~15 µs
for a line across a 1500-pixel pane, where filling the same row of pixels as a rectangle takes
under 1 µs. Such a line from (x0, y) to (x1, y), mapped to device pixels, covers exactly the
pixels floor(x0)…floor(x1) of row floor(y), whichever way it runs (and a vertical one likewise):
so the line is filled as that rectangle. Only where that holds: a painter that maps to device
pixels without rotation, scaling of the device (a high-DPI pixmap) or antialiasing, at full
opacity; otherwise the caller strokes the lines as before (:func:`hv_line_rects` says which).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter

_ANTIALIAS = QPainter.RenderHint.Antialiasing
_REACH = (1 << 24) - 1  # beyond this many pixels (QRect's int, float precision): stroke instead


def painter_key(painter: QPainter) -> tuple:
    """What :func:`hv_line_rects` depends on besides the lines: a caller that keeps the rects
    (the same lines painted again, the grab after a frame's paint) keeps them under this."""
    world, device = painter.transform(), painter.deviceTransform()
    return (*_matrix(world), *_matrix(device), painter.testRenderHint(_ANTIALIAS), painter.opacity())


def _matrix(t) -> tuple[float, ...]:
    return t.m11(), t.m12(), t.m13(), t.m21(), t.m22(), t.m23(), t.m31(), t.m32(), t.m33()


def hv_line_rects(painter: QPainter, rows: Sequence[float], x0: float, x1: float,
                  columns: Sequence[float], y0: float, y1: float) -> list[QRect] | None:
    """The pixels a 1-pixel cosmetic pen would stroke for the horizontal lines at ``rows`` from
    ``x0`` to ``x1`` and the vertical ones at ``columns`` from ``y0`` to ``y1`` (in the painter's
    coordinates), as rectangles placed for :func:`fill_rects` on this painter; None where the
    painter does not allow them (the caller strokes the lines)."""
    world = painter.transform()
    device = painter.deviceTransform()  # the matrix Qt strokes with (a grab adds its offset)
    if (painter.testRenderHint(_ANTIALIAS) or painter.opacity() != 1.0 or device.isRotating()
            or device.m11() != world.m11() or device.m22() != world.m22()):
        return None
    ox, oy = device.m31() - world.m31(), device.m32() - world.m32()  # fills are placed in world
    if ox != int(ox) or oy != int(oy):  # pixels less this offset
        return None
    ox, oy = int(ox), int(oy)
    sx, tx, sy, ty = device.m11(), device.m31(), device.m22(), device.m32()
    try:
        rects = []
        if rows:
            lo, hi = sorted((math.floor(x0 * sx + tx), math.floor(x1 * sx + tx)))
            at = [math.floor(y * sy + ty) for y in rows]
            if max(-lo, hi, *at, *(-v for v in at)) > _REACH:
                return None
            rects += [QRect(lo - ox, v - oy, hi - lo + 1, 1) for v in at]
        if columns:
            lo, hi = sorted((math.floor(y0 * sy + ty), math.floor(y1 * sy + ty)))
            at = [math.floor(x * sx + tx) for x in columns]
            if max(-lo, hi, *at, *(-v for v in at)) > _REACH:
                return None
            rects += [QRect(v - ox, lo - oy, 1, hi - lo + 1) for v in at]
    except (ValueError, OverflowError):  # a NaN or an infinity: no pixel to name
        return None
    return rects


def fill_rects(painter: QPainter, colour: QColor, rects: Sequence[QRect]) -> None:
    """Fill ``rects`` (from :func:`hv_line_rects` on this painter) in ``colour``: in one call
    (``drawRects`` with the colour's brush and no pen fills a whole-pixel rectangle's pixels
    as ``fillRect`` does, without a call from Python for each)."""
    painter.save()
    painter.resetTransform()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRects(rects)
    painter.restore()
