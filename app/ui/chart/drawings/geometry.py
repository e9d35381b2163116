"""What a drawing looks like in pixels: its lines, fills, labels and handles, worked out once
for the paint and for the mouse (a click hits what is painted, nothing else). No Qt here: the
caller maps the anchors to pixels and gives the pane's pixel rectangle."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.drawings import Drawing, Tool, fib_levels

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, top, right, bottom, in pixels
HIT_PIXELS = 6.0  # how near the pointer must come to a line to take it
HANDLE_PIXELS = 8.0  # to take a handle (drawn 4 px in radius)
TEXT_GAP = 4.0


@dataclass
class Shape:
    """A drawing in pixels. ``lines`` are (x0, y0, x1, y1, faint); a faint line is the dashed
    guide of a channel's middle or a retracement's diagonal. ``labels`` are (x, y, text, align)
    with align "left" (text ends at x, centred on y) or "above" (starts at x, just above y)."""

    lines: list[tuple[float, float, float, float, bool]] = field(default_factory=list)
    fills: list[list[Point]] = field(default_factory=list)
    labels: list[tuple[float, float, str, str]] = field(default_factory=list)
    handles: list[Point] = field(default_factory=list)
    boxes: list[Rect] = field(default_factory=list)  # what a click inside takes (a note, a box)


def shape(drawing: Drawing, points: list[Point], rect: Rect, price_y: Callable[[float], float],
          price_text: Callable[[float], str]) -> Shape:
    """``drawing`` with its anchors at ``points`` (pixels) in a pane of pixel ``rect``;
    ``price_y`` maps a price to a pixel row (a retracement's levels), ``price_text`` writes one."""
    left, top, right, bottom = rect
    out = Shape(handles=list(points))
    tool = drawing.tool
    a = points[0]
    if tool is Tool.HLINE:
        out.lines.append((left, a[1], right, a[1], False))
        out.labels.append((right - TEXT_GAP, a[1] - TEXT_GAP, price_text(drawing.anchors[0].p), "left"))
    elif tool is Tool.HRAY:
        out.lines.append((a[0], a[1], max(right, a[0]), a[1], False))
        out.labels.append((right - TEXT_GAP, a[1] - TEXT_GAP, price_text(drawing.anchors[0].p), "left"))
    elif tool is Tool.VLINE:
        out.lines.append((a[0], top, a[0], bottom, False))
    elif tool is Tool.TEXT:
        out.labels.append((a[0], a[1], drawing.text, "above"))
    elif len(points) < 2:
        pass  # a drawing still being placed: its first anchor only
    elif tool is Tool.TREND:
        out.lines.append((*a, *points[1], False))
    elif tool is Tool.RAY:
        out.lines.append((*a, *_extend(a, points[1], rect), False))
    elif tool is Tool.RECT:
        b = points[1]
        corners = [a, (b[0], a[1]), b, (a[0], b[1])]
        out.fills.append(corners)
        out.lines.extend((*p, *q, False) for p, q in zip(corners, corners[1:] + corners[:1], strict=True))
        out.handles = [a, b]
    elif tool is Tool.FIB:
        _fib(out, drawing, points, price_y, price_text)
    elif tool is Tool.CHANNEL:
        _channel(out, points)
    return out


def _extend(a: Point, b: Point, rect: Rect) -> Point:
    """Far along from ``a`` through ``b``: past the pane's edge (the painter clips)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return b
    reach = 2.0 * (abs(rect[2] - rect[0]) + abs(rect[3] - rect[1]) + abs(a[0]) + abs(a[1]))
    return a[0] + dx / length * reach, a[1] + dy / length * reach


def _fib(out: Shape, drawing: Drawing, points: list[Point], price_y, price_text) -> None:
    a, b = points[0], points[1]
    x0, x1 = min(a[0], b[0]), max(a[0], b[0])
    out.lines.append((*a, *b, True))
    rows = []
    for level, price in fib_levels(drawing.anchors[0].p, drawing.anchors[1].p):
        y = price_y(price)
        rows.append(y)
        out.lines.append((x0, y, x1, y, False))
        out.labels.append((x0, y, f"{level:g} ({price_text(price)})", "above"))
    out.fills.append([(x0, rows[0]), (x1, rows[0]), (x1, rows[-1]), (x0, rows[-1])])  # one box: one fill


def _channel(out: Shape, points: list[Point]) -> None:
    a, b = points[0], points[1]
    offset = 0.0
    if len(points) > 2:
        c = points[2]
        offset = c[1] - _y_on(a, b, c[0])
    a2, b2 = (a[0], a[1] + offset), (b[0], b[1] + offset)
    out.lines.append((*a, *b, False))
    out.lines.append((*a2, *b2, False))
    out.lines.append((a[0], a[1] + offset / 2, b[0], b[1] + offset / 2, True))
    out.fills.append([a, b, b2, a2])


def _y_on(a: Point, b: Point, x: float) -> float:
    if b[0] == a[0]:
        return a[1]
    return a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


# -- the mouse ------------------------------------------------------------------------------------

def handle_at(out: Shape, x: float, y: float) -> int | None:
    """The anchor whose handle is under (x, y), or None."""
    for k, (hx, hy) in enumerate(out.handles):
        if math.hypot(hx - x, hy - y) <= HANDLE_PIXELS:
            return k
    return None


def hits(out: Shape, x: float, y: float) -> bool:
    """Whether (x, y) is on the drawing: near one of its lines, inside a box or a filled band
    (a channel, a retracement's levels), or on a handle."""
    if handle_at(out, x, y) is not None:
        return True
    for x0, y0, x1, y1, _faint in out.lines:
        if _segment_distance(x, y, x0, y0, x1, y1) <= HIT_PIXELS:
            return True
    for left, top, right, bottom in out.boxes:
        if left <= x <= right and top <= y <= bottom:
            return True
    return any(_inside(polygon, x, y) for polygon in out.fills)


def _segment_distance(px: float, py: float, x0: float, y0: float, x1: float, y1: float) -> float:
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - x0) * dx + (py - y0) * dy) / length2))
    return math.hypot(px - (x0 + t * dx), py - (y0 + t * dy))


def _inside(polygon: list[Point], x: float, y: float) -> bool:
    """Even-odd rule (the fills are convex quadrilaterals)."""
    inside = False
    j = len(polygon) - 1
    for i, (xi, yi) in enumerate(polygon):
        xj, yj = polygon[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside
