"""Which drawings a frame must paint, for all of them at once in NumPy: the others cost nothing.

A drawing shows when the box around its anchors meets the view (widened by a margin for its
labels); a horizontal line reaches both edges and a horizontal ray the right one whatever its
anchor's time; a vertical line and a channel (its parallel lies off its anchors) are tested
on x only; a ray is tested where it runs, from its first anchor through its second to the edge.
"""

from __future__ import annotations

import numpy as np

View = tuple[float, float, float, float]  # x0, x1, y0, y1 in the pane's units, x0 < x1, y0 < y1


def visible(xs: np.ndarray, ys: np.ndarray, starts: np.ndarray, masks: dict[str, np.ndarray], view: View,
            margin_x: float, margin_y: float) -> np.ndarray:
    """A bool per drawing: whether it may show in ``view``. ``xs``/``ys`` hold every anchor,
    drawing ``k``'s from ``starts[k]`` to ``starts[k + 1]``; ``masks`` has ``left``, ``right``
    (reaches that edge), ``loose_y`` (no test on y) and ``ray``, one bool per drawing."""
    x0, x1, y0, y1 = view
    first = starts[:-1]
    lo_x, hi_x = np.minimum.reduceat(xs, first), np.maximum.reduceat(xs, first)
    lo_y, hi_y = np.minimum.reduceat(ys, first), np.maximum.reduceat(ys, first)
    show = (((hi_x >= x0 - margin_x) | masks["right"]) & ((lo_x <= x1 + margin_x) | masks["left"])
            & (masks["loose_y"] | ((hi_y >= y0 - margin_y) & (lo_y <= y1 + margin_y))))
    rays = np.flatnonzero(masks["ray"])
    if len(rays):
        a, b = first[rays], first[rays] + 1
        show[rays] = _rays_meet(xs[a], ys[a], xs[b], ys[b], view, margin_x, margin_y)
    return show


def _rays_meet(xa, ya, xb, yb, view: View, margin_x: float, margin_y: float) -> np.ndarray:
    """Whether each ray from a through b crosses the view (vectorised; a vertical ray is kept
    when its x is in view)."""
    x0, x1, y0, y1 = view
    x0, x1 = x0 - margin_x, x1 + margin_x
    dx = xb - xa
    right = dx > 0
    start = np.where(right, np.maximum(xa, x0), x0)
    stop = np.where(right, x1, np.minimum(xa, x1))
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (yb - ya) / dx
        y_start = ya + slope * (start - xa)
        y_stop = ya + slope * (stop - xa)
    runs = (start <= stop) & (np.minimum(y_start, y_stop) <= y1 + margin_y) & (np.maximum(y_start, y_stop)
                                                                                 >= y0 - margin_y)
    vertical = dx == 0
    return np.where(vertical, (xa >= x0) & (xa <= x1), runs)
