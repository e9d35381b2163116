"""A rewind in the service: the panes shown another source (a replay of the rolling recording)
while the active feed runs on, unseen but not lost.

Part of :class:`app.services.market_data.MarketDataService` (a mixin, so the hot path stays one
method call): the live feed's sink becomes :meth:`RewindMixin._on_hidden`, which still calls the
listeners (the rolling recording goes on recording, the alert rules go on evaluating the live
market) and keeps the latest live quote and book per symbol and the prints that arrive; its bars
and statuses still reach the charts and the status bar. The replay's quotes, books and prints
reach the panes through the ordinary frame batching, and never the listeners (nothing replayed
is recorded again, nor fires an alert). :meth:`RewindMixin.show_live` hands the panes back the
live state at once. Subscriptions keep going to the active feed throughout.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.core.types import Book, Event, Quote, Trade

if TYPE_CHECKING:
    from app.feeds.base import Feed

LIVE_TRADES_KEPT = 5000  # per symbol, while the panes show the replay (the tape keeps as many)

_Live = tuple[dict[str, Quote], dict[str, Book], defaultdict[str, deque[Trade]]]


class RewindMixin:
    """``show_instead(source)`` / ``show_live()``; ``showing_other`` while a rewind is on."""

    if TYPE_CHECKING:
        feed: Feed
        _listeners: tuple[Callable[[Event], None], ...]
        _quotes: dict[str, Quote]
        _books: dict[str, Book]
        _pending_quotes: dict[str, Quote]
        _pending_books: dict[str, Book]
        _pending_trades: defaultdict[str, list[Trade]]
        def _on_event(self, event: Event) -> None: ...
        def flush(self) -> None: ...

    def _init_rewind(self) -> None:
        self._shown: Feed | None = None
        self._hidden_listeners: tuple[Callable[[Event], None], ...] = ()
        self._live: _Live | None = None

    def show_instead(self, source: Feed) -> None:
        """Feed the panes from ``source`` while the active feed runs on unseen (see the
        module); a second call replaces the source (the rewind goes on from another replay)."""
        if self._shown is not None:
            self._shown.set_sink(_ignore)
        else:
            self._hidden_listeners, self._listeners = self._listeners, ()
            self._live = (dict(self._quotes), dict(self._books),
                          defaultdict(lambda: deque(maxlen=LIVE_TRADES_KEPT)))
            self.feed.set_sink(self._on_hidden)
        self._shown = source
        for cache in (self._quotes, self._books, self._pending_quotes, self._pending_books, self._pending_trades):
            cache.clear()
        source.set_sink(self._on_shown)

    @property
    def showing_other(self) -> bool:
        """Whether the panes show another source than the active feed (a rewind is on)."""
        return self._shown is not None

    def show_live(self) -> None:
        """Back from :meth:`show_instead`: the panes follow the active feed again, from its
        latest quotes and books and the prints that arrived meanwhile, sent at once (the
        caller closes the source). Nothing when no rewind is on."""
        if self._shown is None or self._live is None:
            return
        self._shown.set_sink(_ignore)
        self._shown = None
        quotes, books, trades = self._live
        self._live = None
        self._listeners, self._hidden_listeners = self._hidden_listeners, ()
        self._quotes, self._books = quotes, books
        self._pending_quotes, self._pending_books = dict(quotes), dict(books)
        self._pending_trades = defaultdict(list, {s: list(kept) for s, kept in trades.items() if kept})
        self.feed.set_sink(self._on_event)
        self.flush()

    def live_trades(self, symbol: str) -> list[Trade]:
        """The prints of ``symbol`` the live feed delivered since the rewind began, oldest first."""
        return list(self._live[2].get(symbol, ())) if self._live is not None else []

    def _on_shown(self, event: Event) -> None:
        kind = type(event)
        if kind is Quote or kind is Book or kind is Trade:
            self._on_event(event)  # (the listeners are set aside meanwhile)

    def _on_hidden(self, event: Event) -> None:
        for listener in self._hidden_listeners:
            listener(event)
        live = self._live
        if live is None:
            return
        kind = type(event)
        if kind is Quote:
            live[0][event.symbol] = event  # type: ignore[union-attr]
        elif kind is Book:
            live[1][event.symbol] = event  # type: ignore[union-attr]
        elif kind is Trade:
            live[2][event.symbol].append(event)  # type: ignore[union-attr]
        else:  # bars, statuses, failovers: the charts and the status bar stay live
            self._on_event(event)


def _ignore(_event: Event) -> None:
    return None
