"""The tape's table model: the newest print on top, coloured by aggressor side (or by tick when the
vendor gives no side), large prints tinted, small ones filtered out, per symbol."""

from __future__ import annotations

from collections import deque
from datetime import datetime
from enum import IntEnum
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.core.ticks import decimals_at
from app.core.types import Instrument, Side, Trade
from app.storage.settings import TapeFilter
from app.ui.kit import formatting as fmt
from app.ui.kit import theme
from app.ui.kit.theme import Direction, blend

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
MAX_ROWS = 1000  # prints shown
HISTORY = 5000  # prints kept, so a looser filter can show older ones again
AUTO_LARGE = 5.0  # "auto": this many times the median size of the recent prints
AUTO_WINDOW = 200


class TapeColumn(IntEnum):
    TIME = 0
    PRICE = 1
    SIZE = 2
    SIDE = 3


class _Print:
    """A trade and its tick against the print before it: +1 up, -1 down, 0 level."""

    __slots__ = ("large", "tick", "trade")

    def __init__(self, trade: Trade, tick: int) -> None:
        self.trade = trade
        self.tick = tick
        self.large = False


def _now_in(zone: ZoneInfo) -> datetime:
    return datetime.now(zone)


class TapeModel(QAbstractTableModel):
    """The shown prints of one symbol (row 0 the newest) out of a longer history."""

    def __init__(self, direction: Direction, max_rows: int = MAX_ROWS, history: int = HISTORY):
        super().__init__()
        self._direction = direction
        self._all: deque[_Print] = deque(maxlen=history)
        self._shown: deque[_Print] = deque(maxlen=max_rows)
        self.filter = TapeFilter()
        self.instrument: Instrument | None = None
        self.zone = fmt.zone_of("CRYPTO:BTCUSDT")
        self.millis = True  # the vendor's trade times carry milliseconds
        self._sizes: deque[float] = deque(maxlen=AUTO_WINDOW)
        self._side_text = {Side.BUY: QCoreApplication.translate("Tape", "Buy"), Side.SELL: QCoreApplication.translate("Tape", "Sell")}
        self._tick_text = {1: "▲", -1: "▼", 0: ""}
        self._headers = [QCoreApplication.translate("Tape", "Time"), QCoreApplication.translate("Tape", "Price"), QCoreApplication.translate("Tape", "Size"), QCoreApplication.translate("Tape", "Side")]

    def reset(self, symbol: str, instrument: Instrument | None, millis: bool = True,
              tape_filter: TapeFilter | None = None) -> None:
        self.beginResetModel()
        self._all.clear()
        self._shown.clear()
        self._sizes.clear()
        self.instrument = instrument
        self.millis = millis
        self.zone = fmt.exchange_zone(symbol, instrument)
        self.filter = tape_filter or TapeFilter()
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, TapeColumn.TIME, TapeColumn.TIME)

    def set_filter(self, tape_filter: TapeFilter) -> None:
        """Apply new thresholds to the whole history kept, not only to prints to come."""
        self.beginResetModel()
        self.filter = tape_filter
        self._shown.clear()
        threshold = self.large_threshold  # once: "auto" is a median over the recent sizes
        for p in self._all:
            p.large = self._is_large(p.trade, threshold)
            if p.trade.size >= tape_filter.min_size:
                self._shown.appendleft(p)
        self.endResetModel()

    @property
    def large_threshold(self) -> float | None:
        """The size (or notional) from which a print is large; None while "auto" has no data."""
        if self.filter.large > 0:
            return self.filter.large
        if len(self._sizes) < 20:
            return None
        import statistics  # on first use (the first frame has no prints)

        return AUTO_LARGE * statistics.median(self._sizes)

    def _is_large(self, trade: Trade, threshold: float | None) -> bool:
        if threshold is None:
            return False
        value = trade.size * trade.price if self.filter.by_notional and self.filter.large > 0 else trade.size
        return value >= threshold

    def add_trades(self, trades: list[Trade]) -> int:
        """One frame's trades, oldest first, on top in a single model change; returns how many
        rows were added on screen."""
        if not trades:
            return 0
        last = self._all[-1].trade.price if self._all else None
        last_tick = self._all[-1].tick if self._all else 0
        fresh = []
        self._sizes.extend(trade.size for trade in trades)
        threshold = self.large_threshold  # once a frame, not once a print
        for trade in trades:
            tick = last_tick if last is None or trade.price == last else (1 if trade.price > last else -1)
            p = _Print(trade, tick)
            p.large = self._is_large(trade, threshold)
            self._all.append(p)
            last, last_tick = trade.price, tick
            if trade.size >= self.filter.min_size:
                fresh.append(p)
        if not fresh:
            return 0
        cap = self._shown.maxlen or MAX_ROWS
        fresh = fresh[-cap:]
        overflow = len(self._shown) + len(fresh) - cap
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), len(self._shown) - overflow, len(self._shown) - 1)
            for _ in range(overflow):
                self._shown.pop()
            self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
        self._shown.extendleft(fresh)
        self.endInsertRows()
        return len(fresh)

    def trade_at(self, row: int) -> Trade:
        return self._shown[row].trade

    def is_large(self, row: int) -> bool:
        return self._shown[row].large

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(TapeColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == TapeColumn.TIME:
                return f"{self._headers[0]} ({fmt.zone_label(_now_in(self.zone))})"
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self._shown[index.row()]
        trade = p.trade
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            inst = self.instrument
            if col == TapeColumn.TIME:
                return fmt.clock(trade.ts, self.zone, millis=self.millis)
            if col == TapeColumn.PRICE:
                return fmt.price(trade.price, decimals_at(inst, trade.price))
            if col == TapeColumn.SIZE:
                return fmt.size(trade.size, inst.size_decimals if inst else 0)
            return self._side_text.get(trade.side) or self._tick_text[p.tick]
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == TapeColumn.TIME:
                return theme.current().muted
            return self._colour(p)
        if role == Qt.ItemDataRole.BackgroundRole and p.large:  # (not bold: it would not fit)
            return blend(self._colour(p), theme.current().background, 0.3)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and trade.side is Side.UNKNOWN:
            return QCoreApplication.translate("Tape", "The vendor gives no side: ▲ up-tick, ▼ down-tick")
        return None

    def _colour(self, p: _Print):
        side = p.trade.side
        if side is Side.BUY or (side is Side.UNKNOWN and p.tick > 0):
            return self._direction.up
        if side is Side.SELL or (side is Side.UNKNOWN and p.tick < 0):
            return self._direction.down
        return self._direction.flat

    def set_instrument(self, instrument: Instrument) -> None:
        """Details arrived after the symbol was chosen (vendors that describe on demand)."""
        self.instrument = instrument
        self._changed_all()

    def set_direction(self, direction: Direction) -> None:
        self._direction = direction
        self._changed_all()

    def _changed_all(self) -> None:
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, len(TapeColumn) - 1))
