"""The order book's table model: asks above, bids below, best prices meeting at the spread, each level
with its size, running total and depth fraction, a changed level flashing."""

from __future__ import annotations

import time
from enum import IntEnum
from itertools import accumulate

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.core.ticks import decimals_at
from app.core.types import Book, Instrument
from app.ui.kit import formatting as fmt
from app.ui.kit import theme
from app.ui.kit.theme import Direction, blend

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
DEPTH_FRACTION_ROLE = Qt.ItemDataRole.UserRole + 1


class LadderColumn(IntEnum):
    BID_TOTAL = 0
    BID_SIZE = 1
    PRICE = 2
    ASK_SIZE = 3
    ASK_TOTAL = 4


FLASH_MS = 500
FLASH_ROLE = Qt.ItemDataRole.UserRole + 2
_SIZE_COLUMNS = {LadderColumn.BID_SIZE: False, LadderColumn.BID_TOTAL: False,  # is ask side
                 LadderColumn.ASK_SIZE: True, LadderColumn.ASK_TOTAL: True}


class LadderModel(QAbstractTableModel):
    """Rows: asks from the deepest down to the best, then bids from the best down. Each side
    shows its size and the running total from the touch outward; a level whose size changed
    since the last book flashes for ``FLASH_MS``.

    A price is coloured against the previous close, as A-share terminals colour their book (up
    above it, down below, plain at it), whatever its side; the side shows in its size's bar."""

    def __init__(self, direction: Direction):
        super().__init__()
        self._direction = direction
        self._asks: list[tuple[float, float]] = []
        self._bids: list[tuple[float, float]] = []
        self._ask_totals: list[float] = []
        self._bid_totals: list[float] = []
        self._max_size = 1.0
        self._changed_at: dict[tuple[bool, float], float] = {}  # (is ask, price) → when its size changed
        self.instrument: Instrument | None = None
        self.book: Book | None = None
        self.prev_close: float | None = None  # from the symbol's quote; None: prices plain
        self._headers = [QCoreApplication.translate("Ladder", "Total"), QCoreApplication.translate("Ladder", "Bid"), QCoreApplication.translate("Ladder", "Price"),
                         QCoreApplication.translate("Ladder", "Ask"), QCoreApplication.translate("Ladder", "Total")]

    def set_book(self, book: Book | None, instrument: Instrument | None) -> None:
        same_symbol = book is not None and self.book is not None and book.symbol == self.book.symbol
        self.instrument = instrument
        self.book = book
        asks = sorted(book.asks, reverse=True) if book else []  # best first whatever the feed did
        bids = sorted(book.bids, reverse=True) if book else []
        now = time.monotonic()
        if same_symbol:
            for is_ask, old, new in ((True, self._asks, asks), (False, self._bids, bids)):
                before = dict(old)
                for price, size in new:
                    if before.get(price) != size:
                        self._changed_at[(is_ask, price)] = now
        else:
            self._changed_at.clear()
        self._changed_at = {k: t for k, t in self._changed_at.items() if now - t < FLASH_MS / 1000}
        same_shape = len(asks) == len(self._asks) and len(bids) == len(self._bids)
        if not same_shape:
            self.beginResetModel()
        self._asks, self._bids = asks, bids
        self._bid_totals = list(accumulate(size for _p, size in bids))
        self._ask_totals = list(accumulate(size for _p, size in reversed(asks)))[::-1]
        self._max_size = max([s for _p, s in asks + bids] or [1.0]) or 1.0
        if same_shape:
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(LadderColumn) - 1))
        else:
            self.endResetModel()

    def set_prev_close(self, prev_close: float | None) -> None:
        """The level prices are coloured against."""
        if prev_close != self.prev_close:
            self.prev_close = prev_close
            if self.rowCount():
                self.dataChanged.emit(self.index(0, LadderColumn.PRICE), self.index(self.rowCount() - 1, LadderColumn.PRICE),
                                      [Qt.ItemDataRole.ForegroundRole])

    def _from_close(self, price: float) -> float | None:
        """The level's distance from the previous close; 0 at it (floats that differ by
        their noise alone are one price)."""
        if self.prev_close is None:
            return None
        change = price - self.prev_close
        return 0.0 if abs(change) <= 1e-9 * max(1.0, abs(self.prev_close)) else change

    def set_direction(self, direction: Direction) -> None:
        self._direction = direction
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(LadderColumn) - 1))

    @property
    def flashing(self) -> bool:
        return bool(self._changed_at)

    def fade(self) -> None:
        """Repaint the flashing levels as they fade."""
        now = time.monotonic()
        self._changed_at = {k: t for k, t in self._changed_at.items() if now - t < FLASH_MS / 1000}
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(LadderColumn) - 1),
                                  [FLASH_ROLE])

    @property
    def ask_levels(self) -> int:
        return len(self._asks)

    @property
    def best_bid(self) -> float | None:
        return self._bids[0][0] if self._bids else None

    @property
    def best_ask(self) -> float | None:
        return self._asks[-1][0] if self._asks else None

    @property
    def bid_total(self) -> float:
        return self._bid_totals[-1] if self._bid_totals else 0.0

    @property
    def ask_total(self) -> float:
        return self._ask_totals[0] if self._ask_totals else 0.0

    @property
    def crossed(self) -> bool:
        """A best bid at or above the best ask: the book is wrong (or being rebuilt)."""
        bid, ask = self.best_bid, self.best_ask
        return bid is not None and ask is not None and bid >= ask

    def level(self, row: int) -> tuple[bool, float, float, float]:
        """(is ask, price, size, total from the touch) of a row."""
        n = len(self._asks)
        if row < n:
            return True, self._asks[row][0], self._asks[row][1], self._ask_totals[row]
        price, size = self._bids[row - n]
        return False, price, size, self._bid_totals[row - n]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._asks) + len(self._bids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(LadderColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col = index.column()
        is_ask, price, size, total = self.level(index.row())
        inst = self.instrument
        own_side = col != LadderColumn.PRICE and _SIZE_COLUMNS[LadderColumn(col)] == is_ask
        if role == Qt.ItemDataRole.DisplayRole:
            if col == LadderColumn.PRICE:
                return fmt.price(price, decimals_at(inst, price))
            if not own_side:
                return ""
            value = size if col in (LadderColumn.BID_SIZE, LadderColumn.ASK_SIZE) else total
            return fmt.size(value, inst.size_decimals if inst else 0)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == LadderColumn.PRICE:
                return self._direction.for_change(self._from_close(price))
            return theme.current().muted if col in (LadderColumn.BID_TOTAL, LadderColumn.ASK_TOTAL) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if col == LadderColumn.PRICE else _RIGHT
        if role == FLASH_ROLE and col in (LadderColumn.BID_SIZE, LadderColumn.ASK_SIZE) and own_side:
            at = self._changed_at.get((is_ask, price))
            if at is not None:
                left = 1.0 - (time.monotonic() - at) / (FLASH_MS / 1000)
                if left > 0:
                    return blend(self._direction.down if is_ask else self._direction.up,
                                 theme.current().background, 0.45 * left)
            return None
        if role == DEPTH_FRACTION_ROLE and col in (LadderColumn.BID_SIZE, LadderColumn.ASK_SIZE) and own_side:
            colour = self._direction.down if is_ask else self._direction.up
            return (size / self._max_size, colour)
        return None
