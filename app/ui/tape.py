"""Time & sales: newest print on top, coloured by aggressor side, bounded in length."""

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
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from app.core.types import Channel, Instrument, Side, Trade
from app.services.market_data import MarketDataService
from app.ui import formatting as fmt
from app.ui import theme
from app.ui.symbol_pane import LiveSubscription
from app.ui.tables import data_table
from app.ui.theme import Direction

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
MAX_ROWS = 1000


class Col(IntEnum):
    TIME = 0
    PRICE = 1
    SIZE = 2
    SIDE = 3


class TapeModel(QAbstractTableModel):
    """A ring of the latest trades of one symbol; row 0 is the newest."""

    def __init__(self, direction: Direction, max_rows: int = MAX_ROWS):
        super().__init__()
        self._direction = direction
        self._trades: deque[Trade] = deque(maxlen=max_rows)
        self.instrument: Instrument | None = None
        self.zone = fmt.zone_of("CRYPTO:BTCUSDT")
        self.millis = True  # the vendor's trade times carry milliseconds
        t = QCoreApplication.translate
        self._side_text = {
            Side.BUY: t("Tape", "Buy"), Side.SELL: t("Tape", "Sell"), Side.UNKNOWN: "",
        }
        self._headers = [t("Tape", "Time"), t("Tape", "Price"), t("Tape", "Size"), t("Tape", "Side")]

    def reset(self, symbol: str, instrument: Instrument | None, millis: bool = True) -> None:
        self.beginResetModel()
        self._trades.clear()
        self.instrument = instrument
        self.millis = millis
        self.zone = fmt.exchange_zone(symbol, instrument)
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, Col.TIME, Col.TIME)

    def add_trades(self, trades: list[Trade]) -> None:
        """One frame's trades, oldest first: inserted on top in a single model change."""
        if not trades:
            return
        cap = self._trades.maxlen or MAX_ROWS
        trades = trades[-cap:]
        overflow = len(self._trades) + len(trades) - cap
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), len(self._trades) - overflow, len(self._trades) - 1)
            for _ in range(overflow):
                self._trades.pop()
            self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), 0, len(trades) - 1)
        self._trades.extendleft(trades)
        self.endInsertRows()

    def trade_at(self, row: int) -> Trade:
        return self._trades[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._trades)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == Col.TIME:
                return f"{self._headers[0]} ({fmt.zone_label(_now_in(self.zone))})"
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        trade = self._trades[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            inst = self.instrument
            if col == Col.TIME:
                return fmt.clock(trade.ts, self.zone, millis=self.millis)
            if col == Col.PRICE:
                return fmt.price(trade.price, inst.price_decimals if inst else 2)
            if col == Col.SIZE:
                return fmt.size(trade.size, inst.size_decimals if inst else 0)
            return self._side_text[trade.side]
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == Col.TIME:
                return theme.current().muted
            if trade.side is Side.BUY:
                return self._direction.up
            if trade.side is Side.SELL:
                return self._direction.down
            return self._direction.flat
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        return None

    def set_instrument(self, instrument: Instrument) -> None:
        """Details arrived after the symbol was chosen (vendors that describe on demand)."""
        self.instrument = instrument
        if self._trades:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._trades) - 1, len(Col) - 1))

    def set_direction(self, direction: Direction) -> None:
        self._direction = direction
        if self._trades:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._trades) - 1, len(Col) - 1))


def _now_in(zone: ZoneInfo) -> datetime:
    return datetime.now(zone)


class TapeWidget(QWidget):
    def __init__(self, service: MarketDataService, direction: Direction, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._live = LiveSubscription(service, [Channel.TRADE])
        self.model = TapeModel(direction)
        self.view = data_table(self, 20)
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Col.PRICE, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("No trades yet — select a symbol in the watchlist"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        service.sig_trades.connect(self.on_trades)
        service.sig_instruments.connect(self.on_instruments)
        self.model.modelReset.connect(self._refresh_empty)
        self.model.rowsInserted.connect(self._refresh_empty)
        self._refresh_empty()

    @property
    def symbol(self) -> str | None:
        return self._live.symbol

    def release(self) -> None:
        """Stop following any symbol (the vendor is about to change)."""
        self._live.follow(None)

    def set_symbol(self, symbol: str) -> None:
        self._live.follow(symbol)
        self.model.reset(symbol, self._service.instrument(symbol), self._service.trade_times_ms)
        self.empty.setText(self.tr("Waiting for trades in %s…") % symbol)

    def on_trades(self, trades: dict[str, list[Trade]]) -> None:
        batch = trades.get(self._live.symbol or "")
        if batch:
            self.model.add_trades(batch)

    def on_instruments(self, instruments: list[Instrument]) -> None:
        for inst in instruments:
            if inst.symbol == self._live.symbol:
                self.model.set_instrument(inst)

    def _refresh_empty(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
