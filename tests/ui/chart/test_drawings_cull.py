"""Which drawings a frame paints (``cull.visible``): by their anchors' box, levels and rays by
where they run."""

from __future__ import annotations

import numpy as np

from app.ui.chart.drawings.cull import visible

VIEW = (100.0, 200.0, 10.0, 20.0)  # x0, x1, y0, y1


def _masks(n: int, **on: list[int]) -> dict[str, np.ndarray]:
    masks = {name: np.zeros(n, dtype=bool) for name in ("left", "right", "loose_y", "ray")}
    for name, ks in on.items():
        masks[name][ks] = True
    return masks


def _visible(points: list[list[tuple[float, float]]], **masks) -> list[bool]:
    xs = np.array([x for p in points for x, _ in p], dtype=float)
    ys = np.array([y for p in points for _, y in p], dtype=float)
    starts = np.concatenate(([0], np.cumsum([len(p) for p in points])))
    return visible(xs, ys, starts, _masks(len(points), **masks), VIEW, 0.0, 0.0).tolist()


def test_a_box_shows_when_it_meets_the_view():
    assert _visible([[(150, 15), (160, 16)],  # inside
                     [(50, 15), (60, 16)],  # left of it
                     [(50, 15), (250, 16)],  # across it
                     [(150, 30), (160, 40)],  # above it
                     [(150, 5), (160, 40)]]) == [True, False, True, False, True]


def test_a_level_reaches_the_edges_but_not_other_prices():
    points = [[(10, 15)], [(10, 30)], [(10, 15)], [(250, 15)]]
    # a line, a line at another price, a ray from the left, a ray from right of the view
    assert _visible(points, left=[0, 1], right=[0, 1, 2, 3]) == [True, False, True, False]


def test_a_ray_shows_where_it_runs():
    points = [[(10, 0), (20, 1)],  # from far left, rising 0.1 a bar: at x 100 … 200 it is at 9 … 19
              [(10, 0), (20, 3)],  # steeper: above the view before x 100
              [(250, 15), (260, 15)],  # starts right of the view, runs right
              [(250, 15), (240, 15)],  # starts right of the view, runs left into it
              [(150, 50), (150, 60)]]  # vertical, at an x in view
    assert _visible(points, ray=[0, 1, 2, 3, 4], right=[0, 1, 2, 3, 4]) == [True, False, False, True, True]


def test_a_vertical_line_is_tested_on_x_only():
    assert _visible([[(150, 500)], [(250, 500)]], loose_y=[0, 1]) == [True, False]
