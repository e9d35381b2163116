"""The live bar of a vendor that pushes no K-lines, built from its prints.

Each (symbol, period) gets a :class:`~app.core.bars.BarBuilder` seeded with the vendor's latest
history bar, so the live bar continues the vendor's own (its open, high and low) and the chart
shows no seam; prints older than the seed are already in that bar and are skipped. A push
without prints moves the bar by its last price and the volume traded since the push before.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.bars import BarBuilder
from app.core.periods import Period
from app.core.types import Trade
from app.feeds.base import FeedError, UnknownSymbolError

if TYPE_CHECKING:
    from app.feeds.live import LiveFeed

log = logging.getLogger(__name__)


@dataclass
class _LiveBar:
    builder: BarBuilder
    since_ms: int  # prints before this are already in the history bar it was seeded with


class LiveBars:
    """The live bars a feed builds, per (symbol, period); they reach the feed's sink."""

    def __init__(self, feed: LiveFeed) -> None:
        self._feed = feed
        self._bars: dict[tuple[str, Period], _LiveBar] = {}

    async def start(self, symbol: str, period: Period) -> None:
        """Build this bar from now on, continuing the vendor's latest history bar."""
        key, feed = (symbol, period), self._feed
        if key in self._bars:
            return
        live = _LiveBar(BarBuilder(feed.vendor, symbol, period, feed.calendar(symbol)), int(time.time()) * 1000)
        self._bars[key] = live
        try:
            last = await feed.klines(symbol, period, 1)
        except UnknownSymbolError:
            return  # said by the snapshot that follows
        except FeedError as exc:
            log.warning("%s: no history bar to continue for %s %s: %s", feed.name, symbol, period.value, exc)
            return
        if last and self._bars.get(key) is live and live.builder.current is None:
            live.builder.seed(last[-1])
            feed.emit_snapshot(live.builder.current)  # type: ignore[arg-type]  # a request's answer

    def stop(self, symbol: str, periods: Iterable[Period]) -> None:
        for period in periods:
            self._bars.pop((symbol, period), None)

    def fold(self, symbol: str, period: Period, trades: list[Trade], ts: int, price: float | None,
             volume: float) -> None:
        """Fold a push's new prints in (oldest first); without prints, its last ``price`` (a
        valid one) at ``ts`` and the ``volume`` traded since the push before."""
        live = self._bars.get((symbol, period))
        if live is None:
            return
        builder, emit = live.builder, self._feed.emit
        if trades:
            for trade in trades:
                if trade.ts >= live.since_ms and (closed := builder.add(trade)) is not None:
                    emit(closed)
        elif price is not None and ts >= live.since_ms:
            if (closed := builder.add_price(ts, price, volume)) is not None:
                emit(closed)
        else:
            return
        if builder.current is not None:
            emit(builder.current)
