"""Order-book ladder: asks above, bids below, best prices meeting at the spread."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.core.symbols import Market, market_of
from app.core.types import Book, Channel, Instrument, Quote
from app.services.market_data import MarketDataService
from app.ui import formatting as fmt
from app.ui import theme
from app.ui.symbol_pane import LiveSubscription
from app.ui.tables import data_table
from app.ui.theme import Direction

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
DEPTH_FRACTION_ROLE = Qt.ItemDataRole.UserRole + 1


class Col(IntEnum):
    BID_SIZE = 0
    PRICE = 1
    ASK_SIZE = 2


class LadderModel(QAbstractTableModel):
    """Rows: asks from the deepest down to the best, then bids from the best down."""

    def __init__(self, direction: Direction):
        super().__init__()
        self._direction = direction
        self._asks: list[tuple[float, float]] = []
        self._bids: list[tuple[float, float]] = []
        self._max_size = 1.0
        self.instrument: Instrument | None = None
        t = QCoreApplication.translate
        self._headers = [t("Ladder", "Bid size"), t("Ladder", "Price"), t("Ladder", "Ask size")]

    def set_book(self, book: Book | None, instrument: Instrument | None) -> None:
        self.instrument = instrument
        asks = list(reversed(book.asks)) if book else []
        bids = list(book.bids) if book else []
        same_shape = len(asks) == len(self._asks) and len(bids) == len(self._bids)
        if not same_shape:
            self.beginResetModel()
        self._asks, self._bids = asks, bids
        self._max_size = max([s for _p, s in asks + bids] or [1.0]) or 1.0
        if same_shape:
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(Col) - 1))
        else:
            self.endResetModel()

    def set_direction(self, direction: Direction) -> None:
        self._direction = direction
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(Col) - 1))

    @property
    def ask_levels(self) -> int:
        return len(self._asks)

    @property
    def best_bid(self) -> float | None:
        return self._bids[0][0] if self._bids else None

    @property
    def best_ask(self) -> float | None:
        return self._asks[-1][0] if self._asks else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._asks) + len(self._bids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        is_ask = row < len(self._asks)
        price, size = self._asks[row] if is_ask else self._bids[row - len(self._asks)]
        inst = self.instrument
        if role == Qt.ItemDataRole.DisplayRole:
            if col == Col.PRICE:
                return fmt.price(price, inst.price_decimals if inst else 2)
            if (col == Col.ASK_SIZE) == is_ask:
                return fmt.size(size, inst.size_decimals if inst else 0)
            return ""
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == Col.PRICE:
                return self._direction.down if is_ask else self._direction.up
            return theme.current().muted if col != Col.PRICE else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if col == Col.PRICE else _RIGHT
        if role == DEPTH_FRACTION_ROLE:
            if (col == Col.ASK_SIZE) == is_ask and col != Col.PRICE:
                colour = self._direction.down if is_ask else self._direction.up
                return (size / self._max_size, colour)
        return None


class DepthBarDelegate(QStyledItemDelegate):
    """Paints a translucent bar behind a size, proportional to the largest level shown."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        value = index.data(DEPTH_FRACTION_ROLE)
        if value is not None:
            fraction, colour = value
            rect: QRect = option.rect
            width = int(rect.width() * max(0.0, min(1.0, fraction)))
            bar = QColor(colour)
            bar.setAlpha(60)
            painter.fillRect(QRect(rect.right() - width, rect.top() + 2, width, rect.height() - 4), bar)
        super().paint(painter, option, index)


def quote_facts(quote: Quote | None, inst: Instrument | None) -> str:
    """The figures some vendors add to a quote (price limits, turnover rate, volume ratio,
    market caps), for the line under the ladder's title; empty when the vendor sent none."""
    if quote is None:
        return ""
    t = QCoreApplication.translate
    decimals = inst.price_decimals if inst else 2
    parts = []
    if quote.limit_up is not None:
        parts.append(t("Ladder", "Limit up %s") % fmt.price(quote.limit_up, decimals))
    if quote.limit_down is not None:
        parts.append(t("Ladder", "Limit down %s") % fmt.price(quote.limit_down, decimals))
    if quote.turnover_rate is not None:
        parts.append(t("Ladder", "Turnover rate %s%%") % f"{quote.turnover_rate:.2f}")
    if quote.volume_ratio is not None:
        parts.append(t("Ladder", "Volume ratio %s") % f"{quote.volume_ratio:.2f}")
    if quote.market_cap is not None:
        parts.append(t("Ladder", "Market cap %s") % fmt.compact(quote.market_cap))
    if quote.float_cap is not None:
        parts.append(t("Ladder", "Float cap %s") % fmt.compact(quote.float_cap))
    return "  ·  ".join(parts)


class LadderWidget(QWidget):
    """Ladder for the linked symbol, with the spread, the quote's extra figures where the
    vendor sends them, and an empty state."""

    def __init__(self, service: MarketDataService, direction: Direction, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._live = LiveSubscription(service, [Channel.DEPTH, Channel.QUOTE])
        self._centered_on: str | None = None
        self.model = LadderModel(direction)
        self.view = data_table(self, 22)
        self.view.setModel(self.model)
        self.view.setItemDelegate(DepthBarDelegate(self.view))
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.title = QLabel(self)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        theme.tint(self.facts, "muted")
        self.facts.hide()
        self.spread = QLabel(self)
        self.spread.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty = QLabel(self.tr("No order book — select a symbol in the watchlist"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.spread)
        layout.addWidget(self.empty, 1)
        service.sig_books.connect(self.on_books)
        service.sig_quotes.connect(self.on_quotes)
        self.model.modelReset.connect(lambda: QTimer.singleShot(0, self, self._center_on_spread))
        self._refresh_empty()

    @property
    def symbol(self) -> str | None:
        return self._live.symbol

    def release(self) -> None:
        """Stop following any symbol (the vendor is about to change)."""
        self.model.set_book(None, None)
        self._show_facts(None)
        self._live.follow(None)

    def set_symbol(self, symbol: str) -> None:
        self._live.follow(symbol)
        inst = self._service.instrument(symbol)
        self.title.setText(f"<b>{symbol}</b>  {inst.name if inst else ''}")
        self.model.set_book(self._service.latest_book(symbol), inst)
        self._show_facts(self._service.latest_quote(symbol))
        if self._no_depth(symbol):
            self.empty.setText(self.tr("No order book for %s: indices have no depth") % symbol)
        else:
            self.empty.setText(self.tr("Waiting for the order book…"))
        self._refresh_empty()
        self._update_spread()

    @staticmethod
    def _no_depth(symbol: str) -> bool:
        return market_of(symbol) is Market.IDX  # cash indices are computed, not traded

    def on_books(self, books: dict[str, Book]) -> None:
        book = books.get(self._live.symbol or "")
        if book is None:
            return
        self.model.set_book(book, self._service.instrument(book.symbol))
        self._refresh_empty()
        self._update_spread()
        if self._centered_on != book.symbol:
            self._centered_on = book.symbol
            QTimer.singleShot(0, self, self._center_on_spread)  # after the view has laid out the rows

    def on_quotes(self, quotes: dict[str, Quote]) -> None:
        quote = quotes.get(self._live.symbol or "")
        if quote is not None:
            self._show_facts(quote)

    def _show_facts(self, quote: Quote | None) -> None:
        text = quote_facts(quote, self._service.instrument(quote.symbol) if quote else None)
        if text != self.facts.text():
            self.facts.setText(text)
        self.facts.setVisible(bool(text))

    def _center_on_spread(self) -> None:
        """Keep the touch in the middle of the view whenever the ladder's shape changes."""
        asks = self.model.ask_levels
        if self.model.rowCount() and asks:
            self.view.scrollTo(self.model.index(asks - 1, Col.PRICE),
                               QAbstractItemView.ScrollHint.PositionAtCenter)

    def _update_spread(self) -> None:
        bid, ask = self.model.best_bid, self.model.best_ask
        if bid is None or ask is None:
            self.spread.setText("")
            return
        inst = self.model.instrument
        decimals = inst.price_decimals if inst else 2
        mid = (bid + ask) / 2
        bps = (ask - bid) / mid * 10_000 if mid else 0.0
        self.spread.setText(
            self.tr("Spread %1 (%2 bp)").replace("%1", fmt.price(ask - bid, decimals)).replace("%2", f"{bps:.2f}")
        )

    def _refresh_empty(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.spread.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
