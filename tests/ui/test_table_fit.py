"""The watchlist in the default layout (1600×900, English and Chinese): every cell's text and
every column title fits its column, titles with room for the sort arrow beside them, and every
column lies inside the table (none runs off its edge, as the time with its zone once did)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QStyle, QStyleOptionHeader

from app.storage.settings import Settings
from app.ui.watchlist.columns import WatchlistColumn
from app.ui.watchlist.table import CELL_PADDING
from tests.support.windows import still_sim_window
from tests.support.language import language  # noqa: F401 (a fixture)


def _cut_cells(watchlist) -> list[tuple[str, str, float, int]]:
    """(column, text, its advance, the room its column gives) of every cell that does not fit."""
    view, model = watchlist.view, watchlist.model
    metrics = QFontMetricsF(view.font())
    header = view.horizontalHeader()
    cut = []
    for col in watchlist.columns:
        room = header.sectionSize(col) - 2 * CELL_PADDING  # as the table paints a cell
        for row in range(model.rowCount()):
            text = model.index(row, col).data() or ""
            if metrics.horizontalAdvance(text) > room:
                cut.append((col.name, text, metrics.horizontalAdvance(text), room))
    return cut


def _off_the_edge(watchlist) -> list[str]:
    view = watchlist.view
    header = view.horizontalHeader()
    width = view.viewport().width()
    return [c.name for c in watchlist.columns
            if header.sectionViewportPosition(c) + header.sectionSize(c) > width]


def test_every_cell_fits_its_column_in_the_default_layout(qloop, qtbot, language):
    with still_sim_window(qtbot, Settings()) as window:
        watchlist = window.watchlist
        model = watchlist.model
        qtbot.waitUntil(lambda: all(model.index(r, WatchlistColumn.TIME).data() for r in range(model.rowCount())),
                        timeout=5000)
        watchlist.view.viewport().repaint()  # a text cut at paint widens its column
        qtbot.waitUntil(lambda: not _cut_cells(watchlist), timeout=3000)
        times = [model.index(r, WatchlistColumn.TIME).data() for r in range(model.rowCount())]
        assert all(" " in t for t in times)  # a clock and its zone, whatever the zone is called
        assert not _off_the_edge(watchlist)
        assert not watchlist.view.horizontalScrollBar().isVisible()


def test_a_price_that_grows_wider_widens_its_column(qloop, qtbot):
    with still_sim_window(qtbot, Settings()) as window:
        watchlist = window.watchlist
        header = watchlist.view.horizontalHeader()
        before = header.sectionSize(WatchlistColumn.LAST)
        quote = window.service.latest_quote("US:AAPL")
        wide = type(quote)(**{f: getattr(quote, f) for f in quote.__struct_fields__})
        wide.last = 1_234_567.89
        watchlist.model.on_quotes({"US:AAPL": wide})
        watchlist.view.viewport().repaint()
        qtbot.waitUntil(lambda: not _cut_cells(watchlist), timeout=3000)
        assert header.sectionSize(WatchlistColumn.LAST) > before


def test_a_column_the_user_sized_keeps_its_width(qloop, qtbot):
    with still_sim_window(qtbot, Settings()) as window:
        watchlist = window.watchlist
        header = watchlist.view.horizontalHeader()
        edge = header.sectionViewportPosition(WatchlistColumn.NAME) + header.sectionSize(WatchlistColumn.NAME) - 1
        y = header.height() // 2
        qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
        for x in range(edge - 5, edge - 45, -5):  # drag the edge 40 px to the left
            qtbot.mouseMove(header.viewport(), QPoint(x, y))
        qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge - 40, y))
        width = header.sectionSize(WatchlistColumn.NAME)
        assert width < watchlist.column_width(WatchlistColumn.NAME)
        watchlist.fit_columns()
        watchlist.model.set_symbols(watchlist.model.symbols)  # a reset fits the columns again
        assert header.sectionSize(WatchlistColumn.NAME) == width
        assert WatchlistColumn.TIME not in watchlist._user_sized  # the last column only followed the drag


def test_each_title_fits_beside_its_sort_arrow(qloop, qtbot, language):
    """The style's label rectangle (where the title is drawn) holds the bold title and stays
    clear of the arrow's rectangle, for every column the user may sort by."""
    with still_sim_window(qtbot, Settings()) as window:
        watchlist = window.watchlist
        for col in WatchlistColumn:
            watchlist.toggle_column(col, True)  # every column, not only the default ones
        header = watchlist.view.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)  # a column holding the selection has a bold title
        metrics = QFontMetricsF(bold)
        style = header.style()
        for col in watchlist.columns:
            watchlist._on_header_clicked(col)  # sorted by it: its arrow is shown
            assert header.isSortIndicatorShown() and header.sortIndicatorSection() == col
            option = QStyleOptionHeader()
            option.initFrom(header)
            option.state |= QStyle.StateFlag.State_Horizontal
            option.orientation = Qt.Orientation.Horizontal
            option.rect = QRect(0, 0, header.sectionSize(col), header.height())
            option.text = str(watchlist.model.headerData(col, Qt.Orientation.Horizontal))
            option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
            label = style.subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header)
            arrow = style.subElementRect(QStyle.SubElement.SE_HeaderArrow, option, header)
            assert metrics.horizontalAdvance(option.text) <= label.width(), (col.name, option.text)
            assert label.right() < arrow.left(), (col.name, label, arrow)  # the title ends before the arrow
            watchlist._on_header_clicked(col)
            watchlist._on_header_clicked(col)  # back to the user's order


def test_the_sort_arrow_is_painted_clear_of_the_title(qloop, qtbot):
    """In pixels: between the last ink of "Change %" and the arrow there is background."""
    with still_sim_window(qtbot, Settings()) as window:
        watchlist = window.watchlist
        header = watchlist.view.horizontalHeader()
        watchlist._on_header_clicked(WatchlistColumn.CHANGE_PCT)
        image = header.grab().toImage()
        left = header.sectionViewportPosition(WatchlistColumn.CHANGE_PCT)
        width = header.sectionSize(WatchlistColumn.CHANGE_PCT)
        background = image.pixelColor(left + 3, 1)

        def ink(x: int) -> bool:
            return any(abs(image.pixelColor(x, y).lightness() - background.lightness()) > 40
                       for y in range(2, image.height() - 3))

        columns = [ink(x) for x in range(left + 2, left + width - 2)]  # inside the section's edges
        runs = []  # runs of inked pixel columns: the title's glyphs, then the arrow
        for i, inked in enumerate(columns):
            if inked and (i == 0 or not columns[i - 1]):
                runs.append([i, i])
            elif inked:
                runs[-1][1] = i
        option = QStyleOptionHeader()
        option.initFrom(header)
        option.state |= QStyle.StateFlag.State_Horizontal
        option.rect = QRect(0, 0, width, header.height())
        option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
        arrow = header.style().subElementRect(QStyle.SubElement.SE_HeaderArrow, option, header)
        assert runs[-1][0] >= arrow.left() - 2 - 1, (runs, arrow)  # the last glyph is the arrow alone
        assert runs[-1][0] - runs[-2][1] >= 2, runs  # and background lies between it and the title
