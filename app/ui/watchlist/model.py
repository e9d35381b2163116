"""The watchlist's table model: the latest quote (and, when those columns are shown, the best
bid and ask) of each symbol, in the user's order or a sort the user asked for.

Built for hundreds of symbols at tens of thousands of updates a second:

- updates arrive as one batch per frame from the service, and leave as one ``dataChanged`` for
  the span of rows they touched;
- a row's texts are formatted once, on the first paint after its quote changed, and served
  from a cache until the next change; hidden columns are never formatted;
- a sort is applied when the user clicks a header and then stays put (rows do not jump on
  every tick); a third click returns to the user's own order;
- a changed price flashes its cell in the up or down colour of its tick for ``FLASH_MS`` (at
  most once every ``FLASH_EVERY_MS``); the price's colour is its change from the previous close.

This module keeps the rows and serves them to Qt; the parts with a concern of their own live
beside it: the columns (``watchlist_columns``), a row's state (``watchlist_row``), the cell
texts (``watchlist_cells``), the flash (``watchlist_flash``), the sort (``watchlist_sorting``)
and the sparkline (``watchlist_spark``).
"""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from app.core.types import Book, Channel, Quote
from app.services.market_data import MarketDataService
from app.ui.kit import theme
from app.ui.kit.async_result import AsyncResults
from app.ui.kit.symbol_mime import SYMBOLS_MIME, symbols_from_mime, symbols_mime
from app.ui.kit.theme import Direction
from app.ui.watchlist.cells import WatchlistCells
from app.ui.watchlist.columns import (
    _AGAINST_CLOSE,
    _DIRECTIONAL,
    _LEFT,
    _LEFT_COLUMNS,
    _MUTED,
    _QUOTE_CELLS,
    _RIGHT,
    _STEADY,
    BOOK_COLUMNS,
    DEFAULT_COLUMNS,
    SPARK_ROLE,
    WatchlistColumn,
    column_titles,
    phase_titles,
)
from app.ui.watchlist.flash import FLASH_MS, WatchlistFlash
from app.ui.watchlist.row import _Row, _top
from app.ui.watchlist.sorting import WatchlistSorting
from app.ui.watchlist.spark import WatchlistSparks, _extend_spark
from app.ui.watchlist.failover_marks import WatchlistFailoverMarks
from app.ui.watchlist.stale import WatchlistStale

__all__ = ["BOOK_COLUMNS", "DEFAULT_COLUMNS", "FLASH_MS", "SPARK_ROLE", "WatchlistColumn", "WatchlistModel"]

_Index = QModelIndex | QPersistentModelIndex


class WatchlistModel(WatchlistSorting, WatchlistCells, WatchlistFlash, WatchlistSparks, WatchlistStale, WatchlistFailoverMarks,
                     QAbstractTableModel):
    """Rows are symbols in the user's order (or a sort); cells come from a per-row cache.
    ``paint_row`` serves a whole row at once to the table that paints it (``QuoteTable``);
    ``data`` serves the same to everything else (accessibility, tests, copy).

    Signals:

    - ``sig_symbols_changed(list)``: the user changed the rows (a drag, a drop, Delete); the
      list is the new order, for the owner to save.
    """

    sig_symbols_changed = Signal(list)
    spark_column = WatchlistColumn.SPARK

    def __init__(self, service: MarketDataService, direction: Direction, chinese: bool = False):
        super().__init__()
        self._service = service
        self._direction = direction
        self._chinese = chinese
        self._symbols: list[str] = []  # the user's order
        self._shown: list[str] = []  # the order on screen (a sort, or the user's)
        self._rows: dict[str, int] = {}  # symbol → row on screen
        self._state: dict[str, _Row] = {}
        self._titles = column_titles()
        self._phases = phase_titles()
        self.sort_column: WatchlistColumn | None = None
        self.sort_descending = False
        self._with_books = False
        self._spark_shown = False
        self._spark_results = AsyncResults(self)  # the rows' day bars on their way
        self._spark_loads: dict[str, asyncio.Future] = {}  # symbol → its day bars on the way
        self._flashing: set[str] = set()
        self._flash_shades: dict[tuple[bool, int], QColor] = {}  # cleared when the colours change
        self.clock = time.monotonic  # (tests step their own)
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_MS // 4)
        self._flash_timer.timeout.connect(self._fade)
        service.sig_quotes.connect(self.on_quotes)
        service.sig_books.connect(self.on_books)
        self._watch_stale(service)  # stale rows greyed, with their silence (watchlist.stale)
        self._watch_failover(service)  # "via itick" and "≠" marks (watchlist.failover_marks)

    # -- content -----------------------------------------------------------------------------

    @property
    def symbols(self) -> list[str]:
        """The user's order (what is saved), whatever the sort on screen."""
        return list(self._symbols)

    @property
    def direction(self) -> Direction:
        return self._direction

    @property
    def shown(self) -> list[str]:
        return list(self._shown)

    def set_symbols(self, symbols: list[str]) -> None:
        old = self._symbols
        self.beginResetModel()
        self._symbols = list(dict.fromkeys(symbols))
        keep = set(self._symbols)
        for s in [s for s in self._state if s not in keep]:
            del self._state[s]  # a symbol that comes back must not show a stale quote
        for s in self._symbols:
            if s not in self._state:
                row = self._state[s] = _Row(s, self._service.latest_quote(s))
                book = self._service.latest_book(s) if self._with_books else None
                if book is not None:
                    row.bid, row.ask = _top(book)
        self._arrange()
        self.endResetModel()
        gone = [s for s in old if s not in keep]
        new = [s for s in self._symbols if s not in set(old)]
        channels = self._channels()
        if gone:
            self._drop_sparks(gone)
            self._service.release(gone, channels)
        if new:
            self._service.acquire(new, channels)
            self._seed_sparks(new)

    def set_book_columns(self, shown: bool) -> None:
        """Bid, ask and spread need each row's order book: subscribed only while shown."""
        if shown == self._with_books:
            return
        self._with_books = shown
        if self._symbols:
            (self._service.acquire if shown else self._service.release)(self._symbols, [Channel.DEPTH])
        for row in self._state.values():
            row.bid = row.ask = None
            row.cells = [None] * len(WatchlistColumn)
        self._changed_all()

    def _channels(self) -> list[Channel]:
        return [Channel.QUOTE, Channel.DEPTH] if self._with_books else [Channel.QUOTE]

    def place_symbols(self, symbols: list[str], row: int) -> None:
        """Put these symbols, in this order, before screen row ``row`` (-1: at the end): rows
        dragged within the list move there, symbols dropped in from elsewhere join there. A
        drag ends a sort: the user's order is what it changes."""
        placed = list(dict.fromkeys(symbols))
        order = self._shown  # the row the user sees; the user's order takes the change
        at = row if 0 <= row < len(order) else len(order)
        while at < len(order) and order[at] in placed:  # dropped onto itself: after the block
            at += 1
        before = order[at] if at < len(order) else None
        rest = [s for s in self._symbols if s not in set(placed)]
        i = rest.index(before) if before is not None else len(rest)
        new = rest[:i] + placed + rest[i:]
        self.sort_column = None
        if new != self._symbols:
            self.set_symbols(new)
            self.sig_symbols_changed.emit(self.symbols)
        else:
            self._resort()

    def remove_symbols(self, symbols: list[str]) -> None:
        gone = set(symbols)
        if gone & set(self._symbols):
            self.set_symbols([s for s in self._symbols if s not in gone])
            self.sig_symbols_changed.emit(self.symbols)

    def refresh_names(self, _instruments: object = None) -> None:
        """Instrument details arrived (names, decimals): every row is formatted again."""
        for row in self._state.values():
            row.cells = [None] * len(WatchlistColumn)
            row.instrument = None
            row.calendar = None
        self._changed_all()

    def set_direction(self, direction: Direction) -> None:
        self._direction = direction
        self._flash_shades.clear()
        self._changed_all()

    def quote(self, symbol: str) -> Quote | None:
        row = self._state.get(symbol)
        return row.quote if row else None

    def spark(self, symbol: str) -> list[float]:
        row = self._state.get(symbol)
        return list(row.spark) if row else []

    def symbol_at(self, row: int) -> str | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, symbol: str) -> int | None:
        return self._rows.get(symbol)

    # -- live data ---------------------------------------------------------------------------

    def on_quotes(self, batch: dict[str, Quote]) -> None:
        """One frame's quotes: cache them, and repaint the touched row span once."""
        state, rows = self._state, self._rows
        touched: list[int] = []
        for symbol, quote in batch.items():
            row = state.get(symbol)
            if row is None:
                continue
            old = row.quote
            row.quote = quote
            row.cells = row.cells[:_STEADY] + _QUOTE_CELLS  # the symbol and name stay formatted
            if old is not None and old.last is not None and quote.last is not None and quote.last != old.last:
                self._tick(symbol, row, old.last, quote.last)
            if quote.last is not None:
                calendar = row.calendar or self._calendar(symbol)
                row.calendar = calendar
                _extend_spark(row, quote, calendar)
            touched.append(rows[symbol])
        if touched:
            self.dataChanged.emit(self.index(min(touched), 0), self.index(max(touched), len(WatchlistColumn) - 1))
            if self._flashing and not self._flash_timer.isActive():
                self._flash_timer.start()

    def on_books(self, batch: dict[str, Book]) -> None:
        if not self._with_books:
            return
        state, rows = self._state, self._rows
        touched: list[int] = []
        for symbol, book in batch.items():
            row = state.get(symbol)
            if row is None:
                continue
            row.bid, row.ask = _top(book)
            for col in BOOK_COLUMNS:
                row.cells[col] = None
            touched.append(rows[symbol])
        if touched:
            self.dataChanged.emit(self.index(min(touched), WatchlistColumn.BID), self.index(max(touched), WatchlistColumn.SPREAD))

    def tick_status(self) -> None:
        """The clock moved: the status column may read differently (pre → open …)."""
        for row in self._state.values():
            row.cells[WatchlistColumn.STATUS] = None
        if self._shown:
            self.dataChanged.emit(self.index(0, WatchlistColumn.STATUS), self.index(len(self._shown) - 1, WatchlistColumn.STATUS))

    # -- drag and drop -----------------------------------------------------------------------

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        return base if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled  # drops go between rows

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [SYMBOLS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return symbols_mime([self._shown[r] for r in rows])

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index) -> bool:
        symbols = symbols_from_mime(data)
        if not symbols or action == Qt.DropAction.IgnoreAction:
            return bool(symbols)
        if row < 0 and parent.isValid():
            row = parent.row()
        self.place_symbols(symbols, row)
        return False  # we moved the rows ourselves: the view must not remove the originals

    # -- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(WatchlistColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._titles[WatchlistColumn(section)]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _LEFT if section in _LEFT_COLUMNS else _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if self._stale and index.isValid() and self._shown[index.row()] in self._stale:
            return self._stale_data(index, role, self._data(index, role))
        if (self._via or self._apart) and index.isValid():
            return self._mark_data(index, role, self._data(index, role))
        return self._data(index, role)

    def _data(self, index: _Index, role: int):
        if not index.isValid():
            return None
        symbol = self._shown[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == WatchlistColumn.SPARK:
                return None
            cells = self._state[symbol].cells
            text = cells[col]
            if text is None:
                text = cells[col] = self._display(symbol, col)
            return text
        if role == Qt.ItemDataRole.ForegroundRole:
            if col in _DIRECTIONAL:
                q = self._state[symbol].quote
                return self._direction.for_change(q.change if q else None)
            if col in _AGAINST_CLOSE:
                return self._against_close(self._state[symbol], col)
            if col in _MUTED:
                return theme.current().muted
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == WatchlistColumn.LAST and symbol in self._flashing:
                return self._flash_colour(self._state[symbol])
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if col in _LEFT_COLUMNS else _RIGHT
        if role == SPARK_ROLE:
            row = self._state[symbol]
            return (row.spark, row.quote.prev_close if row.quote else None)
        if role == Qt.ItemDataRole.ToolTipRole:
            inst = self._service.instrument(symbol)
            if inst is not None:
                return " · ".join(part for part in (inst.name, inst.name_zh, inst.currency) if part)
        if role == Qt.ItemDataRole.UserRole:
            return symbol
        return None

    def paint_row(self, row: int, columns: list[int]) -> list[tuple[str, QColor | None, QColor | None]]:
        """(text, colour, background) of these columns of a screen row, texts from the cache."""
        symbol = self._shown[row]
        state = self._state[symbol]
        cells = state.cells
        q = state.quote
        moving = self._direction.for_change(q.change if q else None)
        muted = theme.current().muted
        flash = self._flash_colour(state) if symbol in self._flashing else None
        out = []
        for col in columns:
            text = cells[col]
            if text is None:
                text = cells[col] = "" if col == WatchlistColumn.SPARK else self._display(symbol, col)
            if col in _DIRECTIONAL:
                colour = moving
            elif col in _AGAINST_CLOSE:
                colour = self._against_close(state, col)
            else:
                colour = muted if col in _MUTED else None
            out.append((text, colour, flash if col == WatchlistColumn.LAST else None))
        return self._grey_stale(symbol, columns, out) if symbol in self._stale else self._mark_cells(symbol, columns, out)

    def texts(self, col: int) -> set[str]:
        """Every row's text in ``col`` (the time column's also before a row's first quote),
        for the table to size the column to."""
        if col == WatchlistColumn.SPARK:
            return set()
        out = set()
        for symbol in self._shown:
            cells = self._state[symbol].cells
            text = cells[col]
            if text is None:
                text = cells[col] = self._display(symbol, col)
            out.add(text)
            if col == WatchlistColumn.TIME:
                out.add(self._clock_sample(symbol))
        return out | self._marked_texts(col)

    def spark_at(self, row: int) -> tuple[list[float], float | None]:
        state = self._state[self._shown[row]]
        return state.spark, state.quote.prev_close if state.quote else None

    @staticmethod
    def alignment(col: int) -> int:
        return _LEFT if col in _LEFT_COLUMNS else _RIGHT

    def _changed_all(self) -> None:
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, len(WatchlistColumn) - 1))
