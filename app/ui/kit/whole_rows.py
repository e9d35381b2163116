"""A holder that gives a table the height of a whole number of rows.

A table laid out to any height shows part of a row at its edge: in an order book that is half a
level, a price without its size. Held here, the table is as tall as its header, its frame and as
many whole rows as fit; the few pixels left over stay empty below it. It scrolls a row at a
time, so a scrolled table still starts and ends on whole rows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

MIN_ROWS = 1


class WholeRows(QWidget):
    """Holds ``view`` (re-parented here) at a height of whole rows of its default row height.

    ``sig_rows_changed(int)``: the number of whole rows shown changed (the holder was resized),
    so a view that keeps a row in sight (the order book's touch) can place it again."""

    sig_rows_changed = Signal(int)

    def __init__(self, view: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        view.setParent(self)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self._shown = 0
        view.horizontalScrollBar().rangeChanged.connect(lambda *_: self.fit())  # it takes height when shown

    def chrome(self) -> int:
        """The table's height besides its rows: frame, header and a horizontal scroll bar."""
        view = self.view
        header = view.horizontalHeader()
        height = 2 * view.frameWidth()
        if not header.isHidden():
            height += max(header.minimumHeight(), header.sizeHint().height())  # as QTableView lays it
        bar = view.horizontalScrollBar()
        if bar.isVisibleTo(view):  # shown (as needed)
            height += bar.sizeHint().height()
        return height

    def rows(self) -> int:
        """How many whole rows fit in the holder's height."""
        row = self.view.verticalHeader().defaultSectionSize()
        return max(MIN_ROWS, (self.height() - self.chrome()) // row)

    def fit(self) -> None:
        row = self.view.verticalHeader().defaultSectionSize()
        rows = self.rows()
        self.view.setGeometry(0, 0, self.width(), self.chrome() + rows * row)
        if rows != self._shown:
            self._shown = rows
            self.sig_rows_changed.emit(rows)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def sizeHint(self) -> QSize:
        return self.view.sizeHint()

    def minimumSizeHint(self) -> QSize:
        row = self.view.verticalHeader().defaultSectionSize()
        return QSize(self.view.minimumSizeHint().width(), self.chrome() + MIN_ROWS * row)
