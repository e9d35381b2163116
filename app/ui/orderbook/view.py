"""Order-book ladder: asks above, bids below, best prices meeting at the spread."""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGraphicsOpacityEffect,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.sessions import Phase, market_phase
from app.core.symbols import Market, market_of
from app.core.ticks import decimals_at, ticks_between
from app.core.types import Book, Channel, ConnectionState, Instrument, Quote
from app.services.market_data import MarketDataService
from app.ui.kit import formatting as fmt
from app.ui.kit import theme
from app.ui.kit.linked import LiveSubscription
from app.ui.kit.pane import PaneDefaults
from app.ui.kit.stale_corner import StaleCorner
from app.ui.kit.tables import data_table
from app.ui.kit.theme import Direction
from app.ui.kit.whole_rows import WholeRows
from app.ui.orderbook.delegate import DepthBarDelegate
from app.ui.orderbook.model import LadderColumn, FLASH_MS, LadderModel


def book_summary(model: LadderModel) -> tuple[str, str]:
    """(spread line, imbalance line) under the ladder: the spread in price, ticks and basis
    points with the mid, and how the shown bid size weighs against the ask size."""
    bid, ask, inst = model.best_bid, model.best_ask, model.instrument
    if bid is None or ask is None:
        return "", ""
    decimals = max(decimals_at(inst, bid), decimals_at(inst, ask))  # the finer tick of the two
    mid = (bid + ask) / 2
    bps = (ask - bid) / mid * 10_000 if mid else 0.0
    ticks = ""
    if inst is not None and (inst.tick_table or inst.tick_size > 0):
        n = ticks_between(inst, bid, ask)  # band by band across a spread-table edge
        ticks = " · " + (QCoreApplication.translate("Ladder", "1 tick") if n == 1 else QCoreApplication.translate("Ladder", "%1 ticks").replace("%1", str(n)))
    mid_decimals = decimals if abs(round(mid, decimals) - mid) < 1e-9 else decimals + 1  # a half tick
    spread = (QCoreApplication.translate("Ladder", "Spread %1%2 (%3 bp) · mid %4").replace("%1", fmt.price(ask - bid, decimals))
              .replace("%2", ticks).replace("%3", f"{bps:.2f}").replace("%4", fmt.price(mid, mid_decimals)))
    bids, asks = model.bid_total, model.ask_total
    if bids + asks <= 0:
        return spread, ""
    imbalance = (bids - asks) / (bids + asks) * 100
    size_decimals = inst.size_decimals if inst else 0
    line = (QCoreApplication.translate("Ladder", "Imbalance %1% (bids %2 · asks %3)").replace("%1", f"{imbalance:+.0f}")
            .replace("%2", fmt.size(bids, size_decimals)).replace("%3", fmt.size(asks, size_decimals)))
    return spread, line


def quote_facts(quote: Quote | None, inst: Instrument | None) -> str:
    """The figures some vendors add to a quote (price limits, turnover rate, volume ratio,
    market caps), for the line under the ladder's title; empty when the vendor sent none."""
    if quote is None:
        return ""
    parts = []
    if quote.limit_up is not None:
        parts.append(QCoreApplication.translate("Ladder", "Limit up %s") % fmt.price(
            quote.limit_up, decimals_at(inst, quote.limit_up)))
    if quote.limit_down is not None:
        parts.append(QCoreApplication.translate("Ladder", "Limit down %s") % fmt.price(
            quote.limit_down, decimals_at(inst, quote.limit_down)))
    if quote.turnover_rate is not None:
        parts.append(QCoreApplication.translate("Ladder", "Turnover rate %s%%") % f"{quote.turnover_rate:.2f}")
    if quote.volume_ratio is not None:
        parts.append(QCoreApplication.translate("Ladder", "Volume ratio %s") % f"{quote.volume_ratio:.2f}")
    if quote.market_cap is not None:
        parts.append(QCoreApplication.translate("Ladder", "Market cap %s") % fmt.compact(quote.market_cap))
    if quote.float_cap is not None:
        parts.append(QCoreApplication.translate("Ladder", "Float cap %s") % fmt.compact(quote.float_cap))
    return "  ·  ".join(parts)


TOTALS_MIN_WIDTH = 380  # pixels; below, the running totals are hidden
STALE_S = 30  # an open market's book with no update this long is marked stale
CHECK_MS = 1000


class LadderWidget(QWidget, PaneDefaults):
    """Ladder for the linked symbol: sizes with depth bars and running totals, the spread (in
    price, ticks and basis points) with the mid, the book's imbalance, the quote's extra
    figures where the vendor sends them, and an empty state. A crossed or stale book is
    dimmed and says why; it is never shown as good."""

    def __init__(self, service: MarketDataService, direction: Direction, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._live = LiveSubscription(service, [Channel.DEPTH, Channel.QUOTE])
        self._centered_on: str | None = None
        self._updated: float | None = None  # monotonic time of the last book for the symbol
        self._chinese = QLocale().language() == QLocale.Language.Chinese  # names as the vendor gives them
        self.model = LadderModel(direction)
        self.view = data_table(self, 22)
        self.view.setModel(self.model)
        self.view.setItemDelegate(DepthBarDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LadderColumn.PRICE, QHeaderView.ResizeMode.ResizeToContents)  # never cut
        self._dim = QGraphicsOpacityEffect(self.view)
        self._dim.setOpacity(0.4)
        self._dim.setEnabled(False)
        self.view.setGraphicsEffect(self._dim)
        self.stale_corner = StaleCorner(self.view.viewport(), service, lambda: self._live.symbol,  # "no data
                                        Qt.Corner.TopLeftCorner)  # for 42 s", where the asks leave the bids empty
        self.rows = WholeRows(self.view, self)  # never half a level at the top or the bottom
        self.rows.sig_rows_changed.connect(lambda _n: QTimer.singleShot(0, self, self._center_on_spread))
        self.title = QLabel(self)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        theme.tint(self.facts, "muted")
        self.facts.hide()
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.hide()
        self._warning_role = ""
        self.spread = QLabel(self)
        self.spread.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.imbalance = QLabel(self)
        self.imbalance.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.tint(self.imbalance, "muted")
        self.empty = QLabel(self.tr("No order book — select a symbol in the watchlist"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.warning)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.spread)
        layout.addWidget(self.imbalance)
        layout.addWidget(self.empty, 1)
        self._flash = QTimer(self)
        self._flash.setInterval(FLASH_MS // 5)
        self._flash.timeout.connect(self._fade)
        self._check = QTimer(self)
        self._check.setInterval(CHECK_MS)
        self._check.timeout.connect(self.check_book)
        self._check.start()
        service.sig_books.connect(self.on_books)
        service.sig_quotes.connect(self.on_quotes)
        service.sig_status.connect(self._on_status)  # a method: disconnected with the widget
        self.model.modelReset.connect(lambda: QTimer.singleShot(0, self, self._center_on_spread))
        self._refresh_empty()

    pane_id = "ladder"
    linked = True

    def pane_title(self) -> str:
        return QCoreApplication.translate("MainWindow", "Order book")

    def set_direction(self, direction: Direction) -> None:
        self.model.set_direction(direction)

    @property
    def symbol(self) -> str | None:
        return self._live.symbol

    def release(self) -> None:
        """Stop following any symbol (the vendor is about to change)."""
        self.model.set_book(None, None)
        self.model.set_prev_close(None)
        self._updated = None
        self._show_facts(None)
        self._live.follow(None)
        self.check_book()

    def set_symbol(self, symbol: str) -> None:
        self._live.follow(symbol)
        inst = self._service.instrument(symbol)
        name = ((inst.name_zh or inst.name) if self._chinese else inst.name) if inst else ""
        self.title.setText(f"<b>{symbol}</b>  {name}")
        book = self._service.latest_book(symbol)
        self.model.set_book(book, inst)
        self._updated = time.monotonic() if book is not None else None
        quote = self._service.latest_quote(symbol)
        self.model.set_prev_close(quote.prev_close if quote is not None else None)
        self._show_facts(quote)
        if self._no_depth(symbol):
            self.empty.setText(self.tr("No order book for %s: indices have no depth") % symbol)
        else:
            self.empty.setText(self.tr("Waiting for the order book…"))
        self._refresh_empty()
        self._update_spread()
        self.check_book()

    @staticmethod
    def _no_depth(symbol: str) -> bool:
        return market_of(symbol) is Market.IDX  # cash indices are computed, not traded

    def on_books(self, books: dict[str, Book]) -> None:
        book = books.get(self._live.symbol or "")
        if book is None:
            return
        self.model.set_book(book, self._service.instrument(book.symbol))
        self._updated = time.monotonic()
        if self.model.flashing and not self._flash.isActive():
            self._flash.start()
        self._refresh_empty()
        self._update_spread()
        self.check_book()
        if self._centered_on != book.symbol:
            self._centered_on = book.symbol
            QTimer.singleShot(0, self, self._center_on_spread)  # after the view has laid out the rows

    def on_quotes(self, quotes: dict[str, Quote]) -> None:
        quote = quotes.get(self._live.symbol or "")
        if quote is not None:
            self.model.set_prev_close(quote.prev_close)
            self._show_facts(quote)

    def check_book(self) -> None:
        """Mark a book that should not be trusted: crossed, from a lost connection, or silent
        while its market trades; a closed market's book says when it is from."""
        book = self.model.book
        problem, note = "", ""
        if book is not None:
            status = self._service.status
            when = fmt.clock(book.ts, fmt.exchange_zone(book.symbol, self.model.instrument), with_zone=True)
            phase = market_phase(self._service.calendar(book.symbol), int(time.time() * 1000))
            silent = time.monotonic() - self._updated if self._updated is not None else 0.0
            if self.model.crossed:
                problem = self.tr("Crossed book: the best bid is at or above the best ask — not reliable")
            elif status is not None and status.state is not ConnectionState.CONNECTED:
                problem = self.tr("Connection lost: book as of %s") % when
            elif phase not in (Phase.CLOSED, Phase.LUNCH) and silent > STALE_S:
                problem = self.tr("Stale: no update for %d s (book as of %s)") % (int(silent), when)
            elif phase in (Phase.CLOSED, Phase.LUNCH):
                note = self.tr("Market closed: book as of %s") % when
        text = problem or note
        if text != self.warning.text():
            self.warning.setText(text)
        role = "red" if problem else "muted"
        if role != self._warning_role:  # (a style sheet costs a re-polish: only when it changes)
            theme.tint(self.warning, role)
            self._warning_role = role
        self.warning.setVisible(bool(text))
        self._dim.setEnabled(bool(problem))

    def resizeEvent(self, event) -> None:
        """Running totals only where they fit: a narrow dock keeps prices and sizes whole."""
        super().resizeEvent(event)
        narrow = self.width() < TOTALS_MIN_WIDTH
        for col in (LadderColumn.BID_TOTAL, LadderColumn.ASK_TOTAL):
            self.view.setColumnHidden(col, narrow)

    def _on_status(self, _status: object) -> None:
        self.check_book()

    def _fade(self) -> None:
        self.model.fade()
        if not self.model.flashing:
            self._flash.stop()

    def _show_facts(self, quote: Quote | None) -> None:
        text = quote_facts(quote, self._service.instrument(quote.symbol) if quote else None)
        if text != self.facts.text():
            self.facts.setText(text)
        self.facts.setVisible(bool(text))

    def _center_on_spread(self) -> None:
        """Keep the touch in the middle of the view whenever the ladder's shape changes."""
        asks = self.model.ask_levels
        if self.model.rowCount() and asks:
            self.view.scrollTo(self.model.index(asks - 1, LadderColumn.PRICE),
                               QAbstractItemView.ScrollHint.PositionAtCenter)

    def _update_spread(self) -> None:
        spread, imbalance = book_summary(self.model)
        self.spread.setText(spread)
        self.imbalance.setText(imbalance)

    def _refresh_empty(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.rows.setVisible(has_rows)
        self.spread.setVisible(has_rows)
        self.imbalance.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
