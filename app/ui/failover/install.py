"""Failover in the main window, beyond the watchlist's own marks: the status bar names it
("maidong → itick: 2 symbols", the symbols and the reason in its tooltip; hidden when every
symbol is back), the chart and order book say "via itick" in their corner, a failed-over symbol
is never marked stale (``StaleSymbols.served_elsewhere``), and the Feeds pane shows every vendor
of a composite feed (the backup's row beside the primary's). Fed by
``MarketDataService.sig_failover``, :meth:`serving` and :meth:`vendor_feeds`; the window calls
:func:`install_failover` once after its docks and the feeds' controller are made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from app.core.types import Failover
from app.ui.kit import theme
from app.ui.kit.stale import StaleSymbols

if TYPE_CHECKING:
    from app.core.health import Health
    from app.ui.kit.stale_corner import StaleCorner
    from app.ui.shell.main_window import MainWindow


class FailoverController(QObject):
    """``label``: the status bar's failover words; ``via``: symbol → the vendor serving it
    instead of the primary (what the window shows as failed over now)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.service = window.service
        self.via: dict[str, Failover] = {}
        self.label = QLabel(window.status)
        self.label.setObjectName("failover-label")
        theme.tint(self.label, "amber")
        self.label.hide()
        window.status.insertPermanentWidget(3, self.label)  # after the health light
        StaleSymbols.of(self.service).served_elsewhere = self.served_elsewhere
        self.service.sig_failover.connect(self.on_failover)
        self.service.sig_feed_changed.connect(self._reset)
        self.service.sig_health.connect(self._other_vendors)
        for signal in (self.service.sig_quotes, self.service.sig_books):
            signal.connect(self._corners_soon)  # a pane's symbol changed: its corner follows
        self._shown: dict[int, str] = {}

    def served_elsewhere(self, symbol: str) -> bool:
        """True while a vendor other than the primary serves ``symbol`` (never marked stale)."""
        return symbol in self.via

    def on_failover(self, switch: Failover) -> None:
        primary = self.service.feed.vendor
        for symbol in switch.symbols:
            if switch.to != primary:  # (service.serving(symbol) says the same once it ran)
                self.via[symbol] = switch
            else:
                self.via.pop(symbol, None)
        self._show()

    def _reset(self, _vendor: str) -> None:
        self.via.clear()
        self._show()

    def _show(self) -> None:
        if not self.via:
            self.label.hide()
            self.label.clear()
        else:
            routes: dict[tuple[str, str], list[str]] = {}
            for symbol, switch in self.via.items():
                routes.setdefault((switch.from_, switch.to), []).append(symbol)
            self.label.setText("  ".join(self._route_text(a, b, len(s)) for (a, b), s in routes.items()))
            tips = [self.tr("%1 serves %2 instead of %3 (%4)").replace("%1", switch.to).replace("%2", symbol)
                    .replace("%3", switch.from_).replace("%4", switch.reason) for symbol, switch in sorted(self.via.items())]
            self.label.setToolTip("\n".join(tips))
            self.label.show()
        self._corners()

    def _route_text(self, primary: str, backup: str, count: int) -> str:
        words = self.tr("%1 → %2: 1 symbol") if count == 1 else self.tr("%1 → %2: %3 symbols")
        return words.replace("%1", primary).replace("%2", backup).replace("%3", str(count))

    def corners(self) -> list[StaleCorner]:
        """The charts' (candles and intraday) and the order book's corner notes."""
        found = [corner for chart in self.window.charts
                 for corner in (chart.stale_corner, chart.intraday_stale_corner)]
        book = getattr(self.window, "ladder", None)
        if book is not None and hasattr(book, "stale_corner"):
            found.append(book.stale_corner)
        return found

    def _corners_soon(self, _batch: object) -> None:
        if self.via or any(c.extra for c in self.corners()):
            self._corners()

    def _corners(self) -> None:
        """Each corner's "via itick" for the symbol its pane shows (refreshed only when it changed)."""
        for corner in self.corners():
            symbol = corner.symbol_of()
            extra = self.tr("via %1").replace("%1", self.via[symbol].to) if symbol in self.via else ""
            if corner.extra != extra:
                corner.extra = extra
                corner.refresh()

    def _other_vendors(self, _health: Health) -> None:
        """The primary's health came (once a second): the other vendors' snapshots too, for
        the Feeds table's rows (its model: the pane stays unbuilt until it is shown)."""
        for feed in self.service.vendor_feeds()[1:]:
            self.window.feeds.model.on_health(feed.health.snapshot())


def install_failover(window: MainWindow) -> FailoverController:
    return FailoverController(window)
