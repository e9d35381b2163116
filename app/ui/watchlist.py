"""Watchlist: a table model of the latest quote per symbol, updated once per frame."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from app.core.types import Channel, Quote
from app.services.market_data import MarketDataService
from app.ui import formatting as fmt
from app.ui import theme
from app.ui.tables import data_table
from app.ui.theme import Direction

_Index = QModelIndex | QPersistentModelIndex


class Col(IntEnum):
    SYMBOL = 0
    NAME = 1
    LAST = 2
    CHANGE = 3
    CHANGE_PCT = 4
    VOLUME = 5
    TIME = 6


def _headers() -> list[str]:
    t = QCoreApplication.translate
    return [
        t("Watchlist", "Symbol"), t("Watchlist", "Name"), t("Watchlist", "Last"),
        t("Watchlist", "Change"), t("Watchlist", "Change %"), t("Watchlist", "Volume"),
        t("Watchlist", "Time"),
    ]


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class WatchlistModel(QAbstractTableModel):
    """Rows are symbols in the user's order; cells format the latest quote on demand."""

    def __init__(self, service: MarketDataService, direction: Direction, chinese: bool = False):
        super().__init__()
        self._service = service
        self._direction = direction
        self._chinese = chinese
        self._symbols: list[str] = []
        self._rows: dict[str, int] = {}
        self._quotes: dict[str, Quote] = {}
        self._headers = _headers()
        service.sig_quotes.connect(self.on_quotes)

    # -- content -----------------------------------------------------------------------------

    @property
    def symbols(self) -> list[str]:
        return list(self._symbols)

    def set_symbols(self, symbols: list[str]) -> None:
        old = self._symbols
        self.beginResetModel()
        self._symbols = list(dict.fromkeys(symbols))
        self._rows = {s: i for i, s in enumerate(self._symbols)}
        for s in self._symbols:
            q = self._service.latest_quote(s)
            if q is not None:
                self._quotes[s] = q
        self.endResetModel()
        gone = [s for s in old if s not in self._rows]
        new = [s for s in self._symbols if s not in old]
        for s in gone:
            self._quotes.pop(s, None)  # a symbol that comes back must not show a stale quote
        if gone:
            self._service.release(gone, [Channel.QUOTE])
        if new:
            self._service.acquire(new, [Channel.QUOTE])

    def refresh_names(self, _instruments: object = None) -> None:
        """Instrument details arrived (names, currency): repaint the name column."""
        if self._symbols:
            self.dataChanged.emit(self.index(0, Col.NAME), self.index(len(self._symbols) - 1, Col.NAME))

    def set_direction(self, direction: Direction) -> None:
        self._direction = direction
        if self._symbols:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._symbols) - 1, len(Col) - 1))

    def quote(self, symbol: str) -> Quote | None:
        return self._quotes.get(symbol)

    def symbol_at(self, row: int) -> str | None:
        return self._symbols[row] if 0 <= row < len(self._symbols) else None

    def row_of(self, symbol: str) -> int | None:
        return self._rows.get(symbol)

    def on_quotes(self, batch: dict[str, Quote]) -> None:
        """One frame's quotes: store them and repaint the touched row span once."""
        rows = self._rows
        touched = []
        for symbol, quote in batch.items():
            row = rows.get(symbol)
            if row is not None:
                self._quotes[symbol] = quote
                touched.append(row)
        if touched:
            self.dataChanged.emit(
                self.index(min(touched), Col.LAST), self.index(max(touched), Col.TIME)
            )

    # -- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._symbols)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _LEFT if section in (Col.SYMBOL, Col.NAME) else _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        symbol = self._symbols[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(symbol, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col in (Col.LAST, Col.CHANGE, Col.CHANGE_PCT):
                q = self._quotes.get(symbol)
                return self._direction.for_change(q.change if q else None)
            if col in (Col.NAME, Col.TIME):
                return theme.current().muted
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if col in (Col.SYMBOL, Col.NAME) else _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            inst = self._service.instrument(symbol)
            if inst is not None:
                return f"{inst.name} · {inst.name_zh} · {inst.currency}"
        if role == Qt.ItemDataRole.UserRole:
            return symbol
        return None

    def _display(self, symbol: str, col: int) -> str:
        if col == Col.SYMBOL:
            return symbol
        inst = self._service.instrument(symbol)
        if col == Col.NAME:
            if inst is None:
                return ""
            return inst.name_zh if (self._chinese and inst.name_zh) else inst.name
        q = self._quotes.get(symbol)
        if q is None:
            return ""
        decimals = inst.price_decimals if inst else 2
        if col == Col.LAST:
            return fmt.price(q.last, decimals)
        if col == Col.CHANGE:
            return fmt.signed(q.change, decimals)
        if col == Col.CHANGE_PCT:
            return fmt.percent(q.change_pct)
        if col == Col.VOLUME:
            return fmt.compact(q.volume, self._chinese)
        if col == Col.TIME:
            return fmt.clock(q.ts, fmt.exchange_zone(symbol, inst), with_zone=True)
        return ""


class WatchlistWidget(QWidget):
    """The watchlist table with an empty state.

    Signals:
    - ``sig_symbol_selected(str)``: the canonical symbol of the row the user selected.
    """

    sig_symbol_selected = Signal(str)

    def __init__(self, model: WatchlistModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.view = data_table(self, 24, selectable=True)
        self.view.setModel(model)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((Col.SYMBOL, 124), (Col.NAME, 110), (Col.LAST, 84), (Col.CHANGE, 76),
                           (Col.CHANGE_PCT, 72), (Col.VOLUME, 64)):
            self.view.setColumnWidth(col, width)
        mono = QFont(self.view.font())
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.view.setFont(mono)
        self.empty = QLabel(self.tr("No symbols — add some to the watchlist"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        model.modelReset.connect(self._update_empty)
        self._update_empty()

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty.setVisible(empty)
        self.view.setVisible(not empty)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        symbol = self.model.symbol_at(current.row())
        if symbol:
            self.sig_symbol_selected.emit(symbol)

    def select_symbol(self, symbol: str) -> None:
        row = self.model.row_of(symbol)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
