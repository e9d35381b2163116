"""The market as it stood at the replay's position: what a vendor answers by request.

Applied event by event as the replay plays (a dict store per event), rebuilt after a seek from
the minute before the new position; ``snapshot``, ``depth`` and ``last_trades`` read it.
"""

from __future__ import annotations

from collections import deque

from app.core.types import Bar, Book, Event, Quote, Trade

TRADES_KEPT = 500  # per symbol: a tape's worth


class ReplayState:
    """Latest quote and book, recent trades and the latest bars, per symbol."""

    def __init__(self) -> None:
        self.quotes: dict[str, Quote] = {}
        self.books: dict[str, Book] = {}
        self.trades: dict[str, deque[Trade]] = {}
        self.bars: dict[tuple[str, str], Bar] = {}  # the latest bar per (symbol, period)

    def apply(self, event: Event) -> None:
        kind = type(event)
        if kind is Trade:
            kept = self.trades.get(event.symbol)
            if kept is None:
                kept = self.trades[event.symbol] = deque(maxlen=TRADES_KEPT)
            kept.append(event)
        elif kind is Quote:
            self.quotes[event.symbol] = event
        elif kind is Book:
            self.books[event.symbol] = event
        elif kind is Bar:
            self.bars[(event.symbol, event.period)] = event

    def symbols(self) -> set[str]:
        return set(self.quotes) | set(self.books) | set(self.trades) | {s for s, _p in self.bars}
