"""Tool bars side by side while they fit, wrapping onto further rows when the width runs out,
so that no control is ever folded behind a tool bar's » button (a chart dock at 1600 px, a
narrow window, or a cell of a chart grid)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLayout, QToolBar, QVBoxLayout, QWidget


class ToolRows(QWidget):
    """Lays ``bars`` out in order, as many on a row as the width allows (like words in a
    paragraph); a bar wider than the row gets a row of its own."""

    def __init__(self, bars: list[QToolBar], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars = bars
        self._rows: list[list[QToolBar]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        # the rows follow the width given; the current rows must not hold the width up
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        for bar in bars:
            bar.installEventFilter(self)  # a control shown or hidden changes the width needed
        self._place(self._rows_for(10**6))

    def one_row_width(self) -> int:
        """The width the bars need side by side."""
        return sum(bar.sizeHint().width() for bar in self._shown())

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

    def _shown(self) -> list[QToolBar]:
        return [bar for bar in self.bars if not bar.isHidden()]

    def _rows_for(self, width: int) -> list[list[QToolBar]]:
        rows: list[list[QToolBar]] = []
        used = 0
        for bar in self.bars:
            need = bar.sizeHint().width() if not bar.isHidden() else 0
            if rows and used + need <= width:
                rows[-1].append(bar)
                used += need
            else:
                rows.append([bar])
                used = need
        return rows

    def _place(self, rows: list[list[QToolBar]]) -> None:
        while (item := self._layout.takeAt(0)) is not None:
            if (old := item.layout()) is not None:
                while old.takeAt(0) is not None:
                    pass
                old.deleteLater()
        for row in rows:
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(0)
            for bar in row:
                line.addWidget(bar)
            line.addStretch(1)
            self._layout.addLayout(line)
        self._rows = rows

    def _arrange(self, width: int) -> None:
        rows = self._rows_for(width)
        if rows != self._rows:
            self._place(rows)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched in self.bars:
            self._arrange(self.width())
        return super().eventFilter(watched, event)
