"""The watchlist's sort: applied when the user clicks a header, then kept (rows do not jump on
every tick), blanks last; a part of :class:`~app.ui.watchlist.model.WatchlistModel`, kept apart
from the table bookkeeping."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from app.ui.watchlist.columns import BOOK_COLUMNS, WatchlistColumn
from app.ui.watchlist.row import _Row

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, SignalInstance

    from app.services.market_data import MarketDataService


class WatchlistSorting:
    """Orders the rows on screen (mixed into ``WatchlistModel``)."""

    if TYPE_CHECKING:
        _service: MarketDataService
        _chinese: bool
        _symbols: list[str]
        _shown: list[str]
        _rows: dict[str, int]
        _state: dict[str, _Row]
        sort_column: WatchlistColumn | None
        sort_descending: bool
        layoutAboutToBeChanged: SignalInstance
        layoutChanged: SignalInstance

        def index(self, row: int, column: int) -> QModelIndex: ...
        def changePersistentIndexList(self, from_: list[QModelIndex], to: list[QModelIndex]) -> None: ...
        def _display(self, symbol: str, col: int) -> str: ...

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` now; they then keep that order until asked again."""
        self.sort_column = WatchlistColumn(column)
        self.sort_descending = order == Qt.SortOrder.DescendingOrder
        self._resort()

    def clear_sort(self) -> None:
        self.sort_column = None
        self._resort()

    def _resort(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old = {s: r for s, r in self._rows.items()}
        self._arrange()
        moved_from = [self.index(old[s], c) for s in self._shown for c in range(len(WatchlistColumn))]
        moved_to = [self.index(self._rows[s], c) for s in self._shown for c in range(len(WatchlistColumn))]
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

    def _sort_key(self, symbol: str, col: WatchlistColumn):
        row = self._state.get(symbol)
        q = row.quote if row else None
        if col == WatchlistColumn.SYMBOL:
            return symbol
        if col == WatchlistColumn.NAME:
            inst = self._service.instrument(symbol)
            return (inst.name_zh if self._chinese and inst and inst.name_zh else inst.name) if inst else None
        if col == WatchlistColumn.STATUS:
            return self._display(symbol, WatchlistColumn.STATUS)
        if col in BOOK_COLUMNS:
            if row is None:
                return None
            if col == WatchlistColumn.BID:
                return row.bid
            if col == WatchlistColumn.ASK:
                return row.ask
            return None if row.bid is None or row.ask is None else row.ask - row.bid
        if q is None:
            return None
        return {WatchlistColumn.LAST: q.last, WatchlistColumn.CHANGE: q.change, WatchlistColumn.CHANGE_PCT: q.change_pct, WatchlistColumn.OPEN: q.open,
                WatchlistColumn.HIGH: q.high, WatchlistColumn.LOW: q.low, WatchlistColumn.PREV_CLOSE: q.prev_close, WatchlistColumn.VOLUME: q.volume,
                WatchlistColumn.TURNOVER: q.turnover, WatchlistColumn.TIME: q.ts,
                WatchlistColumn.SPARK: q.change_pct}.get(col)
