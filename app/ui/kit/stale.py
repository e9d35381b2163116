"""Which symbols are stale now, and for how long: one per service, shared by every pane that
marks stale data (the watchlist's rows, the charts' and the book's corner notes, the Feeds pane).

The stale list comes from the feed's health (``MarketDataService.sig_health``, once a second,
one :class:`~app.core.health.Health` per vendor), each symbol's age from
``MarketDataService.symbol_age_ms``. A symbol stops being stale as soon as any of its data
arrives (the frame's batch says so, before the next health tick).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.health import Health
from app.services.market_data import MarketDataService

Ages = dict[str, int | None]  # stale symbol → ms since its last data (None: none came yet)


def age_text(age_ms: int | None) -> str:
    """A silence in words a trader reads at a glance: "42 s", "3 min", "2 h"; "" when unknown."""
    if age_ms is None:
        return ""
    seconds = max(0, age_ms // 1000)
    if seconds < 120:
        return QCoreApplication.translate("Stale", "%1 s").replace("%1", str(seconds))
    if seconds < 7200:
        return QCoreApplication.translate("Stale", "%1 min").replace("%1", str(seconds // 60))
    return QCoreApplication.translate("Stale", "%1 h").replace("%1", str(seconds // 3600))


class StaleSymbols(QObject):
    """The service's stale symbols with their ages (:meth:`of` finds the one of a service).

    Signals:

    - ``sig_changed(dict[str, int | None])``: the stale symbols and their ages (ms) after a
      health tick or after data came back for some of them (a fresh dict, {} when none).

    Per vendor: the latest health of every vendor heard from is kept (``healths``), a symbol is
    stale when one of them lists it (a failover's backup vendor that serves it may later clear it
    by a filter of its own: :attr:`served_elsewhere`).
    """

    sig_changed = Signal(object)

    def __init__(self, service: MarketDataService) -> None:
        super().__init__(service)
        self.setObjectName("stale-symbols")
        self.service = service
        self.healths: dict[str, Health] = {}  # vendor → its latest health
        self.ages: Ages = {}
        # (symbol) → True when another vendor delivers it now: never marked (failover's hook)
        self.served_elsewhere = lambda _symbol: False
        if not hasattr(service, "sig_health"):
            return  # a service that tells no health (a test's stand-in): nothing is ever stale
        service.sig_health.connect(self.on_health)
        service.sig_feed_changed.connect(self._on_feed_changed)
        for signal in (service.sig_quotes, service.sig_trades, service.sig_books):
            signal.connect(self._on_data)
        service.sig_bars.connect(self._on_bars)

    @classmethod
    def of(cls, service: MarketDataService) -> StaleSymbols:
        """The service's tracker (made on first use, a child of the service)."""
        found = service.findChild(StaleSymbols, "stale-symbols")
        return found if found is not None else cls(service)

    def is_stale(self, symbol: str | None) -> bool:
        return symbol is not None and symbol in self.ages

    def on_health(self, health: Health) -> None:
        """A vendor's health: its stale list, each symbol's age asked of the service."""
        self.healths[health.vendor] = health
        stale = sorted({s for h in self.healths.values() for s in h.stale if not self.served_elsewhere(s)})
        ages = {symbol: self.service.symbol_age_ms(symbol) for symbol in stale}
        if ages or self.ages:
            self.ages = ages
            self.sig_changed.emit(dict(ages))

    def _on_feed_changed(self, _vendor: str) -> None:
        self.healths.clear()
        if self.ages:
            self.ages = {}
            self.sig_changed.emit({})

    def _on_data(self, batch: dict[str, object]) -> None:
        if self.ages:
            self._arrived(batch.keys())

    def _on_bars(self, batch: dict[tuple[str, str], object]) -> None:
        if self.ages:
            self._arrived(symbol for symbol, _period in batch)

    def _arrived(self, symbols) -> None:
        back = [s for s in symbols if s in self.ages]
        if back:
            for symbol in back:
                del self.ages[symbol]
            self.sig_changed.emit(dict(self.ages))
