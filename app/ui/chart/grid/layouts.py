"""The grid layouts a chart dock offers (TradingView's multi-chart layouts), what each is called,
how many charts it holds, its small picture for the layout menu, and the period a new cell starts
on. No widgets here: the grid (``grid.py``) and its button (``button.py``) use these."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from app.core.periods import Period


class GridLayout(StrEnum):
    """Saved in workspaces by value: never rename one."""

    ONE = "1"
    TWO_SIDE = "2h"  # side by side
    TWO_STACKED = "2v"  # one above the other
    THREE_BIG = "3l"  # one big on the left, two stacked on the right
    THREE_ROW = "3h"  # three side by side
    FOUR = "4"  # 2×2

    @property
    def count(self) -> int:
        return int(self.value[0])

    @property
    def columns(self) -> int:
        """How many charts side by side."""
        return {GridLayout.THREE_ROW: 3, GridLayout.ONE: 1, GridLayout.TWO_STACKED: 1}.get(self, 2)

    def label(self) -> str:
        return QCoreApplication.translate("ChartGrid", _LABELS[self])

    def boxes(self) -> list[tuple[float, float, float, float]]:
        """Each cell's place in the unit square (x, y, width, height), in cell order."""
        return _BOXES[self]


_LABELS = {
    GridLayout.ONE: QT_TRANSLATE_NOOP("ChartGrid", "1 chart"),
    GridLayout.TWO_SIDE: QT_TRANSLATE_NOOP("ChartGrid", "2 charts side by side"),
    GridLayout.TWO_STACKED: QT_TRANSLATE_NOOP("ChartGrid", "2 charts stacked"),
    GridLayout.THREE_BIG: QT_TRANSLATE_NOOP("ChartGrid", "3 charts: one big, two stacked"),
    GridLayout.THREE_ROW: QT_TRANSLATE_NOOP("ChartGrid", "3 charts side by side"),
    GridLayout.FOUR: QT_TRANSLATE_NOOP("ChartGrid", "4 charts (2 × 2)"),
}

_BOXES = {
    GridLayout.ONE: [(0, 0, 1, 1)],
    GridLayout.TWO_SIDE: [(0, 0, .5, 1), (.5, 0, .5, 1)],
    GridLayout.TWO_STACKED: [(0, 0, 1, .5), (0, .5, 1, .5)],
    GridLayout.THREE_BIG: [(0, 0, .5, 1), (.5, 0, .5, .5), (.5, .5, .5, .5)],
    GridLayout.THREE_ROW: [(0, 0, 1 / 3, 1), (1 / 3, 0, 1 / 3, 1), (2 / 3, 0, 1 / 3, 1)],
    GridLayout.FOUR: [(0, 0, .5, .5), (.5, 0, .5, .5), (0, .5, .5, .5), (.5, .5, .5, .5)],
}


def layout_icon(layout: GridLayout, line: QColor, fill: QColor, size: int = 18) -> QIcon:
    """The layout's picture: its cells as framed boxes, in the theme's colours (given)."""
    ratio = 2  # drawn at twice the size: sharp on a high-density screen
    pixmap = QPixmap(size * ratio, size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(line, 1))
    painter.setBrush(fill)
    outer = size - 3.0
    for x, y, w, h in layout.boxes():
        painter.drawRect(QRectF(1.5 + x * outer, 2.5 + y * (outer - 2), w * outer - 1.5, h * (outer - 2) - 1.5))
    painter.end()
    return QIcon(pixmap)


# A new cell's period: the next of these after its neighbour's (TradingView: 1m → 5m → 1h → 1d).
_LADDER = (Period.M1, Period.M5, Period.H1, Period.D1, Period.W1, Period.MN1)


def next_period(period: Period) -> Period:
    """The period a new cell starts on, after ``period`` (the last stays the last)."""
    longer = [p for p in _LADDER if p.nominal_ms > period.nominal_ms]
    return longer[0] if longer else period
