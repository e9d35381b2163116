"""The watchlist's table model: the latest quote (and, when those columns are shown, the best
bid and ask) of each symbol, in the user's order or a sort the user asked for.

Built for hundreds of symbols at tens of thousands of updates a second:

- updates arrive as one batch per frame from the service, and leave as one ``dataChanged`` for
  the span of rows they touched;
- a row's texts are formatted once, on the first paint after its quote changed, and served
  from a cache until the next change; hidden columns are never formatted;
- a sort is applied when the user clicks a header and then stays put (rows do not jump on
  every tick); a third click returns to the user's own order;
- a changed price flashes its cell in the up or down colour for ``FLASH_MS``.
"""

from __future__ import annotations

import time
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from app.core.periods import Period
from app.core.sessions import Calendar, Phase, market_phase
from app.core.ticks import decimals_at
from app.core.types import Book, Channel, Quote
from app.services.market_data import MarketDataService
from app.ui import formatting as fmt
from app.ui import theme
from app.ui.symbol_mime import SYMBOLS_MIME, symbols_from_mime, symbols_mime
from app.ui.theme import Direction, blend

_Index = QModelIndex | QPersistentModelIndex
FLASH_MS = 400
FLASH_STEPS = 8  # shades of a fading flash
SPARK_POINTS = 240  # today's path: thinned by half whenever it grows past this
SPARK_DAY_MINUTES = 1440
SPARK_SLOT_MS = 15_000  # one point per slot (the newest price in it)
FRESH_MS = 60_000  # a quote this recent speaks for its session
_SESSION_PHASES = {"pre": Phase.PRE, "regular": Phase.OPEN, "after": Phase.AFTER, "night": Phase.NIGHT}
SPARK_ROLE = Qt.ItemDataRole.UserRole + 1  # the sparkline's values, for its delegate


class Col(IntEnum):
    SYMBOL = 0
    NAME = 1
    LAST = 2
    CHANGE = 3
    CHANGE_PCT = 4
    BID = 5
    ASK = 6
    SPREAD = 7
    OPEN = 8
    HIGH = 9
    LOW = 10
    PREV_CLOSE = 11
    VOLUME = 12
    TURNOVER = 13
    TIME = 14
    STATUS = 15
    SPARK = 16


_STEADY = 2  # Col.SYMBOL and Col.NAME do not change with a quote
_QUOTE_CELLS: list[str | None] = [None] * (len(Col) - _STEADY)
DEFAULT_COLUMNS = (Col.SYMBOL, Col.NAME, Col.LAST, Col.CHANGE, Col.CHANGE_PCT, Col.VOLUME, Col.TIME)
BOOK_COLUMNS = frozenset({Col.BID, Col.ASK, Col.SPREAD})
_LEFT_COLUMNS = frozenset({Col.SYMBOL, Col.NAME, Col.STATUS})
_DIRECTIONAL = frozenset({Col.LAST, Col.CHANGE, Col.CHANGE_PCT})
_MUTED = frozenset({Col.NAME, Col.TIME, Col.PREV_CLOSE})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def column_titles() -> dict[Col, str]:
    return {
        Col.SYMBOL: QCoreApplication.translate("Watchlist", "Symbol"), Col.NAME: QCoreApplication.translate("Watchlist", "Name"), Col.LAST: QCoreApplication.translate("Watchlist", "Last"),
        Col.CHANGE: QCoreApplication.translate("Watchlist", "Change"), Col.CHANGE_PCT: QCoreApplication.translate("Watchlist", "Change %"),
        Col.BID: QCoreApplication.translate("Watchlist", "Bid"), Col.ASK: QCoreApplication.translate("Watchlist", "Ask"), Col.SPREAD: QCoreApplication.translate("Watchlist", "Spread"),
        Col.OPEN: QCoreApplication.translate("Watchlist", "Open"), Col.HIGH: QCoreApplication.translate("Watchlist", "High"), Col.LOW: QCoreApplication.translate("Watchlist", "Low"),
        Col.PREV_CLOSE: QCoreApplication.translate("Watchlist", "Prev close"), Col.VOLUME: QCoreApplication.translate("Watchlist", "Volume"),
        Col.TURNOVER: QCoreApplication.translate("Watchlist", "Turnover"), Col.TIME: QCoreApplication.translate("Watchlist", "Time"),
        Col.STATUS: QCoreApplication.translate("Watchlist", "Status"), Col.SPARK: QCoreApplication.translate("Watchlist", "Day"),
    }


def phase_titles() -> dict[str, str]:
    return {"pre": QCoreApplication.translate("Watchlist", "pre"), "open": QCoreApplication.translate("Watchlist", "open"), "lunch": QCoreApplication.translate("Watchlist", "lunch"),
            "after": QCoreApplication.translate("Watchlist", "after"), "night": QCoreApplication.translate("Watchlist", "night"),
            "closed": QCoreApplication.translate("Watchlist", "closed")}


class _Row:
    """One symbol's state: its quote, book top, formatted texts and today's path."""

    __slots__ = ("ask", "bid", "calendar", "cells", "flash_at", "flash_up", "instrument", "quote", "spark",
                 "spark_day", "spark_seeded", "spark_slot", "symbol")

    def __init__(self, symbol: str, quote: Quote | None) -> None:
        self.symbol = symbol
        self.quote = quote
        self.bid: float | None = None
        self.ask: float | None = None
        self.cells: list[str | None] = [None] * len(Col)
        self.flash_at = 0.0
        self.flash_up = True
        self.spark: list[float] = []
        self.spark_day: int | None = None
        self.spark_slot: int | None = None
        self.spark_seeded = False  # today's minute bars asked for
        self.instrument = None  # the service's details, looked up on the first format
        self.calendar: Calendar | None = None  # its sessions, looked up on the first quote


class WatchlistModel(QAbstractTableModel):
    """Rows are symbols in the user's order (or a sort); cells come from a per-row cache.
    ``paint_row`` serves a whole row at once to the table that paints it (``QuoteTable``);
    ``data`` serves the same to everything else (accessibility, tests, copy).

    Signals:

    - ``sig_symbols_changed(list)``: the user changed the rows (a drag, a drop, Delete); the
      list is the new order, for the owner to save.
    """

    sig_symbols_changed = Signal(list)
    spark_column = Col.SPARK

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
        self.sort_column: Col | None = None
        self.sort_descending = False
        self._with_books = False
        self._spark_shown = False
        self._flashing: set[str] = set()
        self._flash_shades: dict[tuple[bool, int], QColor] = {}  # cleared when the colours change
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_MS // 4)
        self._flash_timer.timeout.connect(self._fade)
        service.sig_quotes.connect(self.on_quotes)
        service.sig_books.connect(self.on_books)

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
            row.cells = [None] * len(Col)
        self._changed_all()

    def set_spark_shown(self, shown: bool) -> None:
        """The sparkline column is on screen: where history is free (the simulator), each
        row's latest trading day is drawn from its minute bars; elsewhere from the quotes since
        the start (a vendor's request quota is worth more than a sparkline)."""
        self._spark_shown = shown
        if shown:
            self._seed_sparks(self._symbols)

    def _seed_sparks(self, symbols: list[str]) -> None:
        if not self._spark_shown or not self._service.history_is_cheap:
            return
        minutes = SPARK_DAY_MINUTES  # enough for the latest session, whenever it was
        for symbol in symbols:
            row = self._state.get(symbol)
            if row is None or row.spark_seeded:
                continue
            row.spark_seeded = True
            task = self._service.fetch_history(symbol, Period.M1, minutes)
            task.add_done_callback(lambda t, s=symbol: self._on_day_bars(s, t))

    def _on_day_bars(self, symbol: str, task) -> None:
        row = self._state.get(symbol)
        if row is None or task.cancelled() or task.exception() is not None:
            return
        bars = task.result()
        if not bars:
            return
        calendar = self._calendar(symbol)
        day = calendar.trading_day(bars[-1].ts).toordinal()  # the latest session's day
        closes = [bar.close for bar in bars if calendar.trading_day(bar.ts).toordinal() == day]
        if closes:
            live = row.spark if row.spark_day == day else []
            row.spark_day = day
            row.spark = _thinned(closes + live)
            row.spark_slot = row.spark_slot if live else None
            r = self._rows.get(symbol)
            if r is not None:
                self.dataChanged.emit(self.index(r, Col.SPARK), self.index(r, Col.SPARK))

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
            row.cells = [None] * len(Col)
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

    def book_top(self, symbol: str) -> tuple[float | None, float | None]:
        row = self._state.get(symbol)
        return (row.bid, row.ask) if row else (None, None)

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
        now = time.monotonic()
        touched: list[int] = []
        for symbol, quote in batch.items():
            row = state.get(symbol)
            if row is None:
                continue
            old = row.quote
            row.quote = quote
            row.cells = row.cells[:_STEADY] + _QUOTE_CELLS  # the symbol and name stay formatted
            if old is not None and old.last is not None and quote.last is not None and quote.last != old.last:
                row.flash_at = now
                row.flash_up = quote.last > old.last
                self._flashing.add(symbol)
            if quote.last is not None:
                calendar = row.calendar or self._calendar(symbol)
                row.calendar = calendar
                _extend_spark(row, quote, calendar)
            touched.append(rows[symbol])
        if touched:
            self.dataChanged.emit(self.index(min(touched), 0), self.index(max(touched), len(Col) - 1))
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
            self.dataChanged.emit(self.index(min(touched), Col.BID), self.index(max(touched), Col.SPREAD))

    def tick_status(self) -> None:
        """The clock moved: the status column may read differently (pre → open …)."""
        for row in self._state.values():
            row.cells[Col.STATUS] = None
        if self._shown:
            self.dataChanged.emit(self.index(0, Col.STATUS), self.index(len(self._shown) - 1, Col.STATUS))

    def _fade(self) -> None:
        """Repaint the flashing cells as they fade; stop once none is left."""
        now = time.monotonic()
        self._flashing &= self._state.keys()  # rows removed meanwhile
        rows = [self._rows[s] for s in self._flashing if s in self._rows]
        self._flashing = {s for s in self._flashing if now - self._state[s].flash_at <= FLASH_MS / 1000}
        if rows:
            self.dataChanged.emit(self.index(min(rows), Col.LAST), self.index(max(rows), Col.LAST),
                                  [Qt.ItemDataRole.BackgroundRole])
        if not self._flashing:
            self._flash_timer.stop()

    # -- sorting -----------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` now; they then keep that order until asked again."""
        self.sort_column = Col(column)
        self.sort_descending = order == Qt.SortOrder.DescendingOrder
        self._resort()

    def clear_sort(self) -> None:
        self.sort_column = None
        self._resort()

    def _resort(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old = {s: r for s, r in self._rows.items()}
        self._arrange()
        moved_from = [self.index(old[s], c) for s in self._shown for c in range(len(Col))]
        moved_to = [self.index(self._rows[s], c) for s in self._shown for c in range(len(Col))]
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        if self.sort_column is None:
            self._shown = list(self._symbols)
        else:
            col = self.sort_column
            known = [s for s in self._symbols if self._sort_key(s, col) is not None]
            unknown = [s for s in self._symbols if self._sort_key(s, col) is None]  # blanks last
            known.sort(key=lambda s: self._sort_key(s, col), reverse=self.sort_descending)
            self._shown = known + unknown
        self._rows = {s: i for i, s in enumerate(self._shown)}

    def _sort_key(self, symbol: str, col: Col):
        row = self._state.get(symbol)
        q = row.quote if row else None
        if col == Col.SYMBOL:
            return symbol
        if col == Col.NAME:
            inst = self._service.instrument(symbol)
            return (inst.name_zh if self._chinese and inst and inst.name_zh else inst.name) if inst else None
        if col == Col.STATUS:
            return self._display(symbol, Col.STATUS)
        if col in BOOK_COLUMNS:
            if row is None:
                return None
            if col == Col.BID:
                return row.bid
            if col == Col.ASK:
                return row.ask
            return None if row.bid is None or row.ask is None else row.ask - row.bid
        if q is None:
            return None
        return {Col.LAST: q.last, Col.CHANGE: q.change, Col.CHANGE_PCT: q.change_pct, Col.OPEN: q.open,
                Col.HIGH: q.high, Col.LOW: q.low, Col.PREV_CLOSE: q.prev_close, Col.VOLUME: q.volume,
                Col.TURNOVER: q.turnover, Col.TIME: q.ts,
                Col.SPARK: q.change_pct}.get(col)

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
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._titles[Col(section)]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _LEFT if section in _LEFT_COLUMNS else _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        symbol = self._shown[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == Col.SPARK:
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
            if col in _MUTED:
                return theme.current().muted
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if col == Col.LAST and symbol in self._flashing:
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
                text = cells[col] = "" if col == Col.SPARK else self._display(symbol, col)
            colour = moving if col in _DIRECTIONAL else (muted if col in _MUTED else None)
            out.append((text, colour, flash if col == Col.LAST else None))
        return out

    def spark_at(self, row: int) -> tuple[list[float], float | None]:
        state = self._state[self._shown[row]]
        return state.spark, state.quote.prev_close if state.quote else None

    @staticmethod
    def alignment(col: int) -> int:
        return _LEFT if col in _LEFT_COLUMNS else _RIGHT

    def _flash_colour(self, state: _Row) -> QColor | None:
        left = 1.0 - (time.monotonic() - state.flash_at) / (FLASH_MS / 1000)
        if left <= 0:
            return None
        step = round(left * FLASH_STEPS)  # a few shades are enough; each computed once a paint
        key = (state.flash_up, step)
        colour = self._flash_shades.get(key)
        if colour is None:
            base = self._direction.up if state.flash_up else self._direction.down
            colour = self._flash_shades[key] = blend(base, theme.current().background, 0.35 * step / FLASH_STEPS)
        return colour

    def _display(self, symbol: str, col: int) -> str:
        if col == Col.SYMBOL:
            return symbol
        row = self._state[symbol]
        inst = row.instrument
        if inst is None:
            inst = row.instrument = self._service.instrument(symbol)  # kept until names change
        if col == Col.NAME:
            if inst is None:
                return ""
            return inst.name_zh if (self._chinese and inst.name_zh) else inst.name
        if col == Col.STATUS:
            return self._phases[self._phase(symbol).value]
        if col in BOOK_COLUMNS:  # the tick at each price decides its decimals
            if col == Col.BID:
                return fmt.price(row.bid, decimals_at(inst, row.bid)) if row.bid is not None else ""
            if col == Col.ASK:
                return fmt.price(row.ask, decimals_at(inst, row.ask)) if row.ask is not None else ""
            if row.bid is None or row.ask is None:
                return ""
            return fmt.price(row.ask - row.bid, max(decimals_at(inst, row.bid), decimals_at(inst, row.ask)))
        q = row.quote
        if q is None:
            return ""
        if col == Col.LAST:
            return fmt.price(q.last, decimals_at(inst, q.last))
        if col == Col.CHANGE:
            return fmt.signed(q.change, max(decimals_at(inst, q.last), decimals_at(inst, q.prev_close)))
        if col == Col.CHANGE_PCT:
            return fmt.percent(q.change_pct)
        if col in (Col.OPEN, Col.HIGH, Col.LOW, Col.PREV_CLOSE):
            value = {Col.OPEN: q.open, Col.HIGH: q.high, Col.LOW: q.low, Col.PREV_CLOSE: q.prev_close}[Col(col)]
            return fmt.price(value, decimals_at(inst, value)) if value is not None else ""
        if col == Col.VOLUME:
            return fmt.compact(q.volume, self._chinese)
        if col == Col.TURNOVER:
            return fmt.compact(q.turnover, self._chinese)
        if col == Col.TIME:
            return fmt.clock(q.ts, fmt.exchange_zone(symbol, inst), with_zone=True)
        return ""

    def _calendar(self, symbol: str) -> Calendar:
        return self._service.calendar(symbol)  # the feed's own hours (the simulator kept open)

    def _phase(self, symbol: str) -> Phase:
        """The vendor's word for the session while its quotes are fresh, else the calendar's."""
        now = int(time.time() * 1000)
        q = self._state[symbol].quote
        if q is not None and q.session in _SESSION_PHASES and now - q.ts < FRESH_MS:
            return _SESSION_PHASES[q.session]
        return market_phase(self._service.calendar(symbol), now)

    def _changed_all(self) -> None:
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, len(Col) - 1))


def _top(book: Book) -> tuple[float | None, float | None]:
    return (book.bids[0][0] if book.bids else None, book.asks[0][0] if book.asks else None)


def _extend_spark(row: _Row, quote: Quote, calendar: Calendar) -> None:
    """The day's path, live: the last price of each ``SPARK_SLOT_MS`` slot, halved in resolution
    whenever it outgrows ``SPARK_POINTS``; a new trading day starts anew."""
    day = calendar.trading_day(quote.ts).toordinal()
    if row.spark_day != day:
        row.spark_day, row.spark, row.spark_slot = day, [], None
    slot = quote.ts // SPARK_SLOT_MS
    if slot == row.spark_slot and row.spark:
        row.spark[-1] = quote.last  # type: ignore[assignment]
        return
    row.spark_slot = slot
    row.spark.append(quote.last)  # type: ignore[arg-type]
    row.spark = _thinned(row.spark)


def _thinned(path: list[float]) -> list[float]:
    while len(path) > SPARK_POINTS:
        path = path[::2]
    return path
