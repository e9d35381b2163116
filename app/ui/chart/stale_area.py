"""Where a chart says "no data for 42 s" (see :class:`~app.ui.kit.stale_corner.StaleCorner`)."""

from __future__ import annotations

from PySide6.QtCore import QRect

from app.ui.chart.view import ChartView


def price_area(view: ChartView) -> QRect:
    """The view's price plot, in the view's pixels (below its legend row, left of its price
    axis): the note's corner, clear of the legend's figures however far they wrap."""
    if not view.panes:
        return QRect()
    return view.mapFromScene(view.panes[0].vb.sceneBoundingRect()).boundingRect()
