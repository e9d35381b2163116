"""Tool bars side by side while they fit, else on as many rows as they need (each row as full
as it can be, in order), so that no control is ever folded behind a tool bar's » button (a
chart dock at 1600 px, a narrow window, a cell of a chart grid)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLayout, QToolBar, QVBoxLayout, QWidget


class ToolRows(QWidget):
    """Lays ``bars`` out in one row when the width allows it, else in rows filled in order."""

    def __init__(self, bars: list[QToolBar], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[QToolBar] = []
        self._rows: list[list[QToolBar]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        # the rows follow the width given; the current rows must not hold the width up
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        for bar in bars:
            self.insert_bar(len(self.bars), bar)

    def insert_bar(self, index: int, bar: QToolBar) -> None:
        """Another bar, ``index`` in the order (a chart grid splits a wide bar in two)."""
        bar.setParent(self)
        self.bars.insert(index, bar)
        bar.installEventFilter(self)  # a control shown or hidden changes the width needed
        self._arrange(self.width(), force=True)

    def remove_bar(self, bar: QToolBar) -> None:
        if bar in self.bars:
            self.bars.remove(bar)
            bar.removeEventFilter(self)
            for k in range(self._layout.count()):
                self._layout.itemAt(k).layout().removeWidget(bar)
            self._arrange(self.width(), force=True)

    def one_row_width(self) -> int:
        """The width the bars need side by side."""
        return sum(bar.sizeHint().width() for bar in self.bars if not bar.isHidden())

    @property
    def stacked(self) -> bool:
        """More than one row in use."""
        return len(self._rows) > 1

    @property
    def rows(self) -> list[list[QToolBar]]:
        """The bars of each row, top first."""
        return [list(row) for row in self._rows]

    def minimumSizeHint(self) -> QSize:
        widest = max((bar.sizeHint().width() for bar in self.bars), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def _rows_for(self, width: int) -> list[list[QToolBar]]:
        if not self.isVisible():  # not measured before it shows: a combo box keeps its first size
            return [list(self.bars)]
        rows: list[list[QToolBar]] = [[]]
        used = 0
        for bar in self.bars:
            need = 0 if bar.isHidden() else bar.sizeHint().width()
            if rows[-1] and used + need > width:
                rows.append([])
                used = 0
            rows[-1].append(bar)
            used += need
        return rows

    def _arrange(self, width: int, force: bool = False) -> None:
        rows = self._rows_for(width)
        if rows == self._rows and not force:
            return
        self._rows = rows
        while self._layout.count() < len(rows):  # row layouts are kept, never deleted: one a bar at most
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(0)
            line.addStretch(1)
            self._layout.addLayout(line)
        lines = [self._layout.itemAt(k).layout() for k in range(self._layout.count())]
        for line in lines:
            for bar in self.bars:
                line.removeWidget(bar)
        for line, row in zip(lines, rows, strict=False):
            for bar in row:
                line.insertWidget(line.count() - 1, bar)  # before the row's stretch

    def showEvent(self, event: QShowEvent) -> None:
        self._arrange(self.width())  # (what changed while it was hidden was not measured)
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched in self.bars:
            self._arrange(self.width())
        return super().eventFilter(watched, event)
