"""The synced crosshair of a grid: the moment hovered in one chart, marked in the others by their
crosshair's vertical line at the bar holding that moment (on any period). Only the lines move:
no legend, axis or bar is redrawn for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from app.ui.chart.view import ChartView


def bar_at_time(ts: np.ndarray, when: int) -> int | None:
    """The index of the bar holding the moment ``when`` (epoch ms): the last bar starting at or
    before it; None before the first bar. Bars are keyed by their start (see DESIGN.md)."""
    i = int(np.searchsorted(ts, when, side="right")) - 1
    return i if i >= 0 else None


def show_time_cursor(view: ChartView, when: int | None) -> int | None:
    """Mark ``when`` (epoch ms) in ``view`` with the vertical line of its crosshair, or take the
    mark away (None, or a moment before its bars). Returns the bar index marked."""
    i = None if when is None or not len(view.manager) else bar_at_time(view.manager.ts, when)
    for pane in view.panes:
        if i is None:
            pane.v_line.setVisible(False)
        else:
            pane.v_line.setPos(i)
            pane.v_line.setVisible(True)
        pane.h_line.setVisible(False)  # the price is the hovered chart's own
    return i
