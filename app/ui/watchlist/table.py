"""A table view that paints its visible rows itself, from the watchlist model's cached texts.

Qt's item delegates ask the model for seven roles per cell through Python, which costs about
6 ms to repaint the 250 cells of a full window: more than a frame's share. This view keeps
everything else of ``QTableView`` (header, selection, keyboard, drag and drop) and replaces
only the painting: one pass over the visible rows, one model call per row, one ``drawText``
per cell.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from app.ui.kit import theme
from app.ui.kit.theme import Direction

CELL_PADDING = 4
DROP_LINE = 2
WIDTH_CACHE = 20_000  # texts whose widths are remembered (prices repeat a lot)
RIGHT = int(Qt.AlignmentFlag.AlignRight)


def draw_spark(painter: QPainter, rect: QRect, values: list[float], prev_close: float | None,
               direction: Direction) -> None:
    """Today's path in the cell, scaled to its own range (a gap from yesterday would flatten
    it), coloured by the day's change, with the previous close as a faint level when crossed."""
    if len(values) < 2:
        return
    rect = rect.adjusted(CELL_PADDING, 4, -CELL_PADDING, -4)
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    step = rect.width() / (len(values) - 1)
    bottom, height = rect.bottom(), rect.height()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if prev_close is not None and lo <= prev_close <= hi:
        y = bottom - (prev_close - lo) / span * height
        painter.setPen(QPen(theme.current().grid, 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    base = prev_close if prev_close is not None else values[0]
    painter.setPen(QPen(direction.for_change(values[-1] - base), 1.2))
    painter.drawPolyline(QPolygonF([QPointF(rect.left() + i * step, bottom - (v - lo) / span * height)
                                    for i, v in enumerate(values)]))
    painter.restore()


class QuoteTable(QTableView):
    """``QTableView`` for a model with ``paint_row(row, columns)`` returning, per column, its
    text, text colour (None: the palette's) and background (None: none), and ``spark_column``
    with ``spark_at(row)`` for a column drawn as a line.

    Signals:

    - ``sig_too_narrow(list)``: texts were cut to fit these columns (logical indexes); said
      after the paint, once per text, so the owner may widen them.
    """

    sig_too_narrow = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._drop_y: int | None = None
        self._widths: dict[str, float] = {}  # text → advance in the table's font (right alignment)
        self._metrics = QFontMetricsF(self.font())
        self._cut: set[tuple[int, str]] = set()  # (column, text) already said to be cut
        self._narrow: set[int] = set()  # columns to say after this paint

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._metrics = QFontMetricsF(self.font())
            self._widths.clear()
            self._cut.clear()

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        port = self.viewport()
        painter = QPainter(port)
        area = event.rect()
        rows = model.rowCount()
        if rows:
            self._paint_rows(painter, model, area, rows)
        if self._drop_y is not None:
            painter.fillRect(0, self._drop_y - DROP_LINE // 2, port.width(), DROP_LINE,
                             port.palette().color(QPalette.ColorRole.Highlight))
        painter.end()

    def _paint_rows(self, painter: QPainter, model, area: QRect, rows: int) -> None:
        header = self.horizontalHeader()
        columns = []  # (logical, text x, text width, cell x, cell width)
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if header.isSectionHidden(logical):
                continue
            x, width = header.sectionViewportPosition(logical), header.sectionSize(logical)
            if x + width >= area.left() and x <= area.right():
                columns.append((logical, x + CELL_PADDING, width - 2 * CELL_PADDING, x, width,
                                int(model.alignment(logical))))
        first = self.rowAt(area.top())
        if first < 0:
            return
        last = self.rowAt(area.bottom())
        last = rows - 1 if last < 0 else last
        palette = self.viewport().palette()
        base = palette.color(QPalette.ColorRole.Base)
        alternate = palette.color(QPalette.ColorRole.AlternateBase)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        text_colour = palette.color(QPalette.ColorRole.Text)
        chosen_text = palette.color(QPalette.ColorRole.HighlightedText)
        selection = self.selectionModel()
        selected = {i.row() for i in selection.selectedRows()} if selection is not None else set()
        striped = self.alternatingRowColors()
        logicals = [c[0] for c in columns]
        spark = getattr(model, "spark_column", None)
        width = self.viewport().width()
        height = self.verticalHeader().defaultSectionSize()  # rows are all one height here
        top = self.rowViewportPosition(first)
        fill_rect, draw_text, set_pen = painter.fillRect, painter.drawText, painter.setPen
        metrics = self._metrics
        widths = self._widths
        if len(widths) > WIDTH_CACHE:
            widths.clear()
        baseline = int((height + metrics.ascent() - metrics.descent()) / 2)
        pen = None
        for row in range(first, last + 1):
            y = top + (row - first) * height
            is_selected = row in selected
            fill_rect(0, y, width, height, highlight if is_selected else (alternate if striped and row % 2 else base))
            cells = model.paint_row(row, logicals)
            for (logical, tx, tw, x, w, align), (text, colour, background) in zip(columns, cells, strict=True):
                if background is not None and not is_selected:
                    fill_rect(x, y, w, height, background)
                if logical == spark:
                    values, prev_close = model.spark_at(row)
                    draw_spark(painter, QRect(x, y, w, height), values, prev_close, model.direction)
                    pen = None
                    continue
                if text:
                    wanted = chosen_text if is_selected else (colour or text_colour)
                    if wanted is not pen:
                        set_pen(wanted)
                        pen = wanted
                    # at a point, not in a rectangle: no layout pass per cell (a third faster)
                    advance = widths.get(text)
                    if advance is None:
                        advance = widths[text] = metrics.horizontalAdvance(text)
                    if advance > tw:  # too wide for its column: cut with an ellipsis
                        if (logical, text) not in self._cut:
                            self._cut.add((logical, text))
                            if not self._narrow:
                                QTimer.singleShot(0, self, self._say_narrow)  # not from inside a paint
                            self._narrow.add(logical)
                        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, tw)
                        advance = metrics.horizontalAdvance(text)
                    draw_text(int(tx + tw - advance) if align & RIGHT else tx, y + baseline, text)

    def _say_narrow(self) -> None:
        columns, self._narrow = sorted(self._narrow), set()
        if len(self._cut) > WIDTH_CACHE:
            self._cut.clear()
        if columns:
            self.sig_too_narrow.emit(columns)

    # -- where a drop would land -----------------------------------------------------------------

    def dragMoveEvent(self, event) -> None:
        super().dragMoveEvent(event)
        if event.isAccepted():
            row = self.rowAt(event.position().toPoint().y())
            if row < 0:
                count = self.model().rowCount()
                self._drop_y = self.rowViewportPosition(count - 1) + self.rowHeight(count - 1) if count else 0
            else:
                top = self.rowViewportPosition(row)
                lower = event.position().y() - top > self.rowHeight(row) / 2
                self._drop_y = top + (self.rowHeight(row) if lower else 0)
            self.viewport().update()

    def dragLeaveEvent(self, event) -> None:
        super().dragLeaveEvent(event)
        self._drop_y = None
        self.viewport().update()

    def dropEvent(self, event) -> None:
        self._drop_y = None
        super().dropEvent(event)
        self.viewport().update()


def quote_table(parent: QWidget, row_height: int) -> QuoteTable:
    """The watchlist's table: compact rows, no grid, rows selected whole, several at once."""
    view = QuoteTable(parent)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(row_height)
    view.setShowGrid(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    return view
