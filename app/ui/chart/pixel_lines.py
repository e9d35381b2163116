"""Horizontal and vertical hairlines as pixel rows and columns: the same pixels, a fraction of
the time.

Qt's raster engine strokes a 1-pixel cosmetic line (no antialiasing) pixel by pixel: ~15 µs
for a line across a 1500-pixel pane, where filling the same row of pixels as a rectangle takes
under 1 µs. Such a line from (x0, y) to (x1, y), mapped to device pixels, covers exactly the
pixels floor(x0)…floor(x1) of row floor(y), whichever way it runs (and a vertical one likewise):
so the line is filled as that rectangle. Only where that holds: a painter that maps to device
pixels without rotation, scaling of the device (a high-DPI pixmap) or antialiasing, at full
opacity; otherwise the caller strokes the lines as before (:func:`fill_hv_lines` says which).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter

_ANTIALIAS = QPainter.RenderHint.Antialiasing
_REACH = 1 << 24  # beyond this many pixels a coordinate is not a pixel any more: stroke instead


def fill_hv_lines(painter: QPainter, colour: QColor, horizontal: tuple[np.ndarray, float, float] | None,
                  vertical: tuple[np.ndarray, float, float] | None) -> bool:
    """Fill ``horizontal`` = (ys, x0, x1) and ``vertical`` = (xs, y0, y1) lines (in the
    painter's coordinates) as the pixels a 1-pixel cosmetic pen of ``colour`` would stroke.
    False (nothing drawn) where the painter does not allow it: the caller strokes them."""
    transform = painter.transform()
    if (painter.testRenderHint(_ANTIALIAS) or painter.opacity() != 1.0 or transform.isRotating()
            or painter.deviceTransform() != transform):
        return False
    sx, tx, sy, ty = transform.m11(), transform.m31(), transform.m22(), transform.m32()
    rects: list[QRect] = []
    for lines, along_x in ((horizontal, True), (vertical, False)):
        if lines is None or not len(lines[0]):
            continue
        across, start, stop = lines
        a = np.asarray(across, dtype=np.float64) * (sy if along_x else sx) + (ty if along_x else tx)
        ends = (start * sx + tx, stop * sx + tx) if along_x else (start * sy + ty, stop * sy + ty)
        if not (np.all(np.abs(a) < _REACH) and all(abs(e) < _REACH for e in ends)):
            return False
        lo, hi = int(np.floor(min(ends))), int(np.floor(max(ends)))
        for v in np.floor(a).astype(np.int64).tolist():
            rects.append(QRect(lo, v, hi - lo + 1, 1) if along_x else QRect(v, lo, 1, hi - lo + 1))
    painter.save()
    painter.resetTransform()
    for rect in rects:
        painter.fillRect(rect, colour)
    painter.restore()
    return True
