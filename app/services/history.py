"""Kline history for charts: the disk cache first, then the vendor; older pages on demand;
missing bars back-filled after a reconnect; live bars written back to the cache.

Signals:

- ``sig_backfill(dict[tuple[str, str], list[Bar]])``: per (symbol, period), bars fetched again
  after the feed reconnected (the chart merges them: the hole the outage left closes).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.bar_columns import BarColumns, front_room, live_room
from app.core.periods import Period
from app.core.types import Bar, ConnectionState, Status
from app.services.market_data import MarketDataService
from app.storage.klines import KlineCache

log = logging.getLogger(__name__)

BACKFILL_BARS = 300  # enough for an outage of five hours of 1m bars, one request everywhere
FLUSH_MS = 2000  # live bars reach the disk at most this late
LOST = (ConnectionState.RECONNECTING, ConnectionState.DISCONNECTED, ConnectionState.ERROR)

Key = tuple[str, str]


class KlineHistory(QObject):
    sig_backfill = Signal(object)

    def __init__(self, market: MarketDataService, cache: KlineCache | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.market = market
        self.cache = cache
        self._followed: dict[Key, int] = {}
        self._connected_once = False
        self._lost = False
        self._pending: dict[tuple[str, str, int], Bar] = {}
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)
        market.sig_status.connect(self._on_status)
        market.sig_bars.connect(self._on_bars)
        market.sig_feed_changed.connect(self._on_feed_changed)

    @property
    def persistent(self) -> bool:
        """Whether this vendor's bars belong on disk (the simulator invents new ones each run)."""
        return self.cache is not None and self.market.feed.persistent_history

    # -- what charts ask for -----------------------------------------------------------------

    def cached(self, symbol: str, period: Period, count: int, columns: bool = False) -> asyncio.Task[object]:
        """The newest ``count`` bars on disk (none when there is no cache): a ``list[Bar]``,
        or with ``columns`` a :class:`~app.core.bar_columns.BarColumns` read without an object
        per bar, its buffers (with room for the live bars) the chart's to take."""
        return self.market._spawn(self._cached(self.market.vendor, symbol, period, count, columns), report=False)

    async def _cached(self, vendor: str, symbol: str, period: Period, count: int,
                      columns: bool = False) -> list[Bar] | BarColumns:
        if not self.persistent:
            return BarColumns.empty() if columns else []
        assert self.cache is not None
        if columns:
            return await self.cache.latest_columns(vendor, symbol, period.value, count, room=live_room(count),
                                                   front=front_room(count))
        return await self.cache.latest(vendor, symbol, period.value, count)

    def refresh(self, symbol: str, period: Period, count: int) -> asyncio.Task[object]:
        """The vendor's newest ``count`` bars, written to the cache. When they do not reach
        back to the newest cached bar, the older cached ones are dropped: kept, they would
        join the fresh ones across a hole nobody could see."""
        return self.market._spawn(self._refresh(symbol, period, count), report=False)

    async def _refresh(self, symbol: str, period: Period, count: int) -> list[Bar]:
        feed = self.market.feed
        bars = await feed.klines(symbol, period, count)
        await self._store(feed.vendor, symbol, period, bars, joins=True)
        return bars

    def older(self, symbol: str, period: Period, before: int, count: int) -> asyncio.Task[object]:
        """Up to ``count`` bars older than ``before`` (epoch ms): from the cache when it has
        them, else from the vendor. An empty list means there are none to be had."""
        return self.market._spawn(self._older(symbol, period, before, count), report=False)

    async def _older(self, symbol: str, period: Period, before: int, count: int) -> list[Bar]:
        feed = self.market.feed
        if self.persistent:
            assert self.cache is not None
            cached = await self.cache.latest(feed.vendor, symbol, period.value, count, before=before)
            if len(cached) >= count:
                return cached
        end = datetime.fromtimestamp((before - 1) / 1000, UTC)
        bars = [b for b in await feed.klines(symbol, period, count, end=end) if b.ts < before]
        await self._store(feed.vendor, symbol, period, bars, joins=False)
        return bars

    async def _store(self, vendor: str, symbol: str, period: Period, bars: list[Bar], *, joins: bool) -> None:
        if not bars or not self.persistent or vendor != self.market.vendor:
            return
        assert self.cache is not None
        if joins:
            newest = await self.cache.latest(vendor, symbol, period.value, 1)
            if newest and newest[0].ts < bars[0].ts:
                dropped = await self.cache.drop_before(vendor, symbol, period.value, bars[0].ts)
                log.info("kline cache: %d old %s %s bars dropped (no overlap with the vendor's)",
                         dropped, symbol, period.value)
        await self.cache.upsert(bars)

    # -- following live charts -----------------------------------------------------------------

    def follow(self, symbol: str, period: Period) -> None:
        key = (symbol, period.value)
        self._followed[key] = self._followed.get(key, 0) + 1

    def unfollow(self, symbol: str, period: Period) -> None:
        key = (symbol, period.value)
        left = self._followed.get(key, 0) - 1
        if left > 0:
            self._followed[key] = left
        else:
            self._followed.pop(key, None)

    def _on_status(self, status: Status) -> None:
        if status.state is ConnectionState.CONNECTED:
            if self._lost and self._followed:
                self.market._spawn(self._backfill(list(self._followed)))
            self._lost = False
            self._connected_once = True
        elif status.state in LOST and self._connected_once:
            self._lost = True

    async def _backfill(self, keys: list[Key]) -> None:
        feed = self.market.feed
        found: dict[Key, list[Bar]] = {}
        for symbol, period_text in keys:
            period = Period(period_text)
            try:
                bars = await feed.klines(symbol, period, BACKFILL_BARS)
            except Exception as exc:  # one symbol's failure must not stop the others
                log.info("no back-fill for %s %s: %s", symbol, period_text, exc)
                continue
            if bars:
                found[(symbol, period_text)] = bars
                await self._store(feed.vendor, symbol, period, bars, joins=True)
        if found and feed is self.market.feed:
            log.info("back-filled %s after a reconnect", ", ".join(f"{s} {p}" for s, p in found))
            self.sig_backfill.emit(found)

    def _on_bars(self, bars: dict[Key, list[Bar]]) -> None:
        if not self.persistent:
            return
        for key, changed in bars.items():
            if key in self._followed:
                for bar in changed:
                    self._pending[(bar.symbol, bar.period, bar.ts)] = bar
        if self._pending and not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self) -> None:
        """Write the live bars collected since the last flush (in the cache's thread)."""
        if not self._pending or self.cache is None:
            return
        batch, self._pending = list(self._pending.values()), {}
        self.market._spawn(self.cache.upsert(batch), report=False)

    def _on_feed_changed(self, _vendor: str) -> None:
        self._pending.clear()
        self._connected_once = False
        self._lost = False
