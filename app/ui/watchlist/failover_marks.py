"""Failover and comparison marks in the watchlist: a row whose symbol the backup vendor serves
now says so in its time column ("via itick", the switch and its reason in the tooltip); a row
whose two vendors' last prices diverged has a "≠" before its last price, in amber, both prices
in the tooltip. A part of :class:`~app.ui.watchlist.model.WatchlistModel`, fed by
``MarketDataService.sig_failover`` / ``sig_divergence`` and :meth:`serving`.

A divergence mark clears at the row's first quote whose last price is back within the
comparison's threshold (``app.feeds.compare.TICKS`` ticks) of the other vendor's reported price,
or when the feed is switched; a failover mark when the symbol's failover back comes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from app.core.ticks import decimals_at, tick_for
from app.core.types import Divergence, Failover, Quote
from app.feeds.compare import TICKS
from app.ui.kit import formatting as fmt
from app.ui.kit import theme
from app.ui.watchlist.columns import WatchlistColumn

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, SignalInstance
    from PySide6.QtGui import QColor

    from app.core.types import Instrument
    from app.services.market_data import MarketDataService

DIVERGED = "≠ "  # before a diverged row's last price


def via_text(vendor: str) -> str:
    return QCoreApplication.translate("Watchlist", "via %1").replace("%1", vendor)


def via_tip(switch: Failover) -> str:
    """The failover in words: which vendor serves the row now, instead of which, and why."""
    words = QCoreApplication.translate("Watchlist", "Served by %1 instead of %2 (%3)")
    return words.replace("%1", switch.to).replace("%2", switch.from_).replace("%3", switch.reason)


def divergence_tip(event: Divergence, instrument: Instrument | None) -> str:
    """Both vendors' prices: "maidong 101.20 · itick 100.90 — 30 bp apart"."""
    prices = " · ".join(f"{vendor} {fmt.price(value, decimals_at(instrument, value))}"
                        for vendor, value in zip(event.vendors, event.values, strict=False))
    words = QCoreApplication.translate("Watchlist", "The vendors disagree: %1, %2 bp apart")
    return words.replace("%1", prices).replace("%2", f"{event.bp:g}")


class WatchlistFailoverMarks:
    """Marks rows served by the backup and rows whose vendors disagree (mixed into
    ``WatchlistModel``, which calls :meth:`_watch_failover`)."""

    if TYPE_CHECKING:
        _rows: dict[str, int]
        _shown: list[str]
        dataChanged: SignalInstance

        def index(self, row: int, column: int) -> QModelIndex: ...
        def _data(self, index: QModelIndex, role: int) -> object: ...
        _service: MarketDataService

    _via: dict[str, Failover] = {}  # symbol → the failover that moved it to the backup
    _apart: dict[str, Divergence] = {}  # symbol → its divergence not yet resolved

    def _watch_failover(self, service: MarketDataService) -> None:
        self._via, self._apart = {}, {}
        if not hasattr(service, "sig_failover"):
            return  # a test's stand-in service
        self._failover_service = service
        service.sig_failover.connect(self.on_failover)
        service.sig_divergence.connect(self.on_divergence)
        service.sig_feed_changed.connect(self._failover_reset)
        service.sig_quotes.connect(self._agreed)

    def served_via(self) -> dict[str, str]:
        """The rows' symbols served by a backup now → that vendor."""
        return {symbol: switch.to for symbol, switch in self._via.items()}

    def diverged(self) -> dict[str, Divergence]:
        return dict(self._apart)

    def on_failover(self, switch: Failover) -> None:
        """Symbols switched vendor: marked when the service says another vendor serves them."""
        service = self._failover_service
        primary = service.feed.vendor
        for symbol in switch.symbols:
            if switch.to != primary:  # (service.serving(symbol) says the same once it ran)
                self._via[symbol] = switch
            else:
                self._via.pop(symbol, None)
        self._repaint(switch.symbols)

    def on_divergence(self, event: Divergence) -> None:
        self._apart[event.symbol] = event
        self._repaint([event.symbol])

    def _failover_reset(self, _vendor: str) -> None:
        touched = [*self._via, *self._apart]
        self._via, self._apart = {}, {}
        self._repaint(touched)

    def _agreed(self, batch: dict[str, Quote]) -> None:
        """Quotes came: a diverged row whose last is back near the other vendor's price is cleared."""
        if not self._apart:
            return
        back = []
        for symbol, quote in batch.items():
            event = self._apart.get(symbol)
            if event is None or quote.last is None or len(event.values) < 2:
                continue
            other = event.values[1]
            inst = self._service.instrument(symbol)
            limit = TICKS * tick_for(inst, quote.last) if inst is not None else abs(other) * 1e-4
            if abs(quote.last - other) <= limit:
                back.append(symbol)
        for symbol in back:
            del self._apart[symbol]
        self._repaint(back)

    def _repaint(self, symbols) -> None:
        rows = [self._rows[s] for s in symbols if s in self._rows]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(WatchlistColumn) - 1))

    def _marked_texts(self, col: int) -> set[str]:
        """The marked cells' texts of ``col``, for the table to size the column to."""
        if col == WatchlistColumn.TIME:
            return {via_text(switch.to) for symbol, switch in self._via.items() if symbol in self._rows}
        if col == WatchlistColumn.LAST:
            return {DIVERGED + str(self._data(self.index(self._rows[s], col), Qt.ItemDataRole.DisplayRole) or "")
                    for s in self._apart if s in self._rows}
        return set()

    def _mark_cells(self, symbol: str, columns: list[int],
                    cells: list[tuple[str, QColor | None, QColor | None]]) -> list[tuple[str, QColor | None, QColor | None]]:
        """A marked row's cells as painted: the time column "via itick", the last "≠ 101.20"."""
        if symbol not in self._via and symbol not in self._apart:
            return cells
        palette = theme.current()
        out = []
        for col, (text, colour, background) in zip(columns, cells, strict=True):
            if col == WatchlistColumn.TIME and symbol in self._via:
                out.append((via_text(self._via[symbol].to), palette.accent, background))
            elif col == WatchlistColumn.LAST and symbol in self._apart:
                out.append((DIVERGED + text, palette.amber, background))
            else:
                out.append((text, colour, background))
        return out

    def _mark_data(self, index: QModelIndex, role: int, value: object) -> object:
        """A marked row's cell for ``role`` (``value``: what it would be unmarked)."""
        symbol = self._shown[index.row()]
        col = index.column()
        via = col == WatchlistColumn.TIME and symbol in self._via
        apart = col == WatchlistColumn.LAST and symbol in self._apart
        if not (via or apart):
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            return via_text(self._via[symbol].to) if via else DIVERGED + str(value or "")
        if role == Qt.ItemDataRole.ForegroundRole:
            return theme.current().accent if via else theme.current().amber
        if role == Qt.ItemDataRole.ToolTipRole:
            words = via_tip(self._via[symbol]) if via else divergence_tip(self._apart[symbol], self._service.instrument(symbol))
            return "\n".join(filter(None, [value, words]))
        return value
