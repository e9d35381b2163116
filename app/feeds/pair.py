"""Two vendors' feeds behind one :class:`Feed`: what :class:`~app.feeds.failover.FailoverFeed`
and :class:`~app.feeds.compare.CompareFeed` share. The primary answers every request and owns
whatever the pair does not define (its plan, its history); the second vendor is started with a
bounded wait, and its failure is noted, never raised (the primary goes on alone). A subclass
wires the two vendors' sinks (``_wire``) and runs its own watch (``_watch``)."""

from __future__ import annotations

import abc
import asyncio
import contextlib
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from app.core.periods import Period
from app.core.types import Bar, Category, Instrument, InstrumentPage, Quote
from app.feeds.base import Feed, FeedError

log = logging.getLogger(__name__)

# the primary's traits the service and the panes read, taken as the pair's own
PRIMARY_TRAITS = ("channels", "lists_cheaply", "trade_times_ms", "persistent_history", "history_is_cheap",
                  "periods", "timed_events", "time_resolution_ms")


class VendorPair(Feed):
    """``primary`` and ``second``; ``request_timeout`` bounds every wait on the second."""

    def __init__(self, primary: Feed, second: Feed, *, request_timeout: float) -> None:
        self.primary, self.second = primary, second
        self.vendor = primary.vendor
        super().__init__()
        for name in PRIMARY_TRAITS:
            setattr(self, name, getattr(primary, name))
        self.health = primary.health  # the service's and the status bar's figures: the primary's
        self._timeout = request_timeout
        self._second_failed: FeedError | None = None  # the second did not start: the pair is the primary
        self._monitor: asyncio.Task[None] | None = None
        self._started = False

    @property
    def feeds(self) -> tuple[Feed, Feed]:
        """Both vendors' feeds, primary first (``stream --health`` prints a line for each)."""
        return self.primary, self.second

    @property
    def failure(self) -> FeedError | None:  # type: ignore[override]
        return self.primary.failure

    @failure.setter
    def failure(self, value: FeedError | None) -> None:
        return None  # the base's initial None; the vendors own their failures

    def __getattr__(self, name: str) -> Any:
        """What the pair does not define (a vendor's ``last_trades``, ``plan``, ``base_url``) is
        the primary's."""
        if name in ("primary", "second") or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.primary, name)

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        self._started = True
        self._wire()
        await self.primary.start()
        try:
            async with asyncio.timeout(self._timeout):
                await self.second.start()
        except (FeedError, TimeoutError) as exc:
            self._second_failed = exc if isinstance(exc, FeedError) else FeedError(str(exc) or "timeout")
            log.warning("%s unavailable, %s goes on alone: %s", self.second.vendor, self.primary.vendor, exc)
        if self._monitor is None:
            self._monitor = asyncio.ensure_future(self._watch())

    async def aclose(self) -> None:
        if self._monitor is not None:
            self._monitor.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._monitor
            self._monitor = None

        async def close(feed: Feed) -> None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(feed.aclose(), self._timeout)

        await asyncio.gather(close(self.primary), close(self.second), return_exceptions=True)

    def set_sink(self, sink) -> None:
        self._sink = sink
        self._wire()

    @abc.abstractmethod
    def _wire(self) -> None:
        """Set both vendors' sinks (again when the pair's own sink changes)."""

    @abc.abstractmethod
    async def _watch(self) -> None:
        """The pair's periodic look (runs from start to close)."""

    # -- requests: the primary's -----------------------------------------------------------------

    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        return await self.primary.snapshot(symbols)

    async def klines(self, symbol: str, period: Period, count: int, end: datetime | None = None) -> list[Bar]:
        return await self.primary.klines(symbol, period, count, end)

    async def categories(self) -> list[Category]:
        return await self.primary.categories()

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        return await self.primary.instruments(category)

    async def instruments_page(self, category: str, page: int, page_size: int) -> InstrumentPage:
        return await self.primary.instruments_page(category, page, page_size)

    async def describe(self, symbols: Iterable[str]) -> list[Instrument]:
        return await self.primary.describe(symbols)

    def calendar(self, symbol: str, instrument_calendar: str | None = None):
        return self.primary.calendar(symbol, instrument_calendar)

    def chart_periods(self, symbol: str):
        return self.primary.chart_periods(symbol)

    async def exchange_days(self):
        return await self.primary.exchange_days()
