"""The relay's request/reply: klines, symbols, categories, pages, descriptions and snapshots,
asked once of the vendor for the whole desk.

The same question asked by several terminals at once (a desk opening the same chart) is one
vendor request whose answer they all get; a recent answer is kept a few seconds (the latest bars,
quotes) or minutes (the symbol lists), and bars are kept in the kline cache (injected: the feeds
layer does not open storage) so that history asked again comes from disk. The vendor's rate
limits are then spent once for the desk, by the one adapter that paces them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Protocol

import msgspec

from app.core.periods import Period
from app.core.types import Bar
from app.feeds.relay.subjects import words_out
from app.feeds.base import (
    AuthError,
    Feed,
    FeedError,
    UnknownSymbolError,
    UnreachableError,
    UnsupportedError,
    VendorRefusal,
)

REQUEST_TIMEOUT = 20.0  # seconds the relay waits for the vendor on one request
ERRORS: dict[str, type[FeedError]] = {cls.__name__: cls for cls in (
    FeedError, UnknownSymbolError, UnsupportedError, AuthError, VendorRefusal, UnreachableError)}


class BarCache(Protocol):
    """What the relay needs of :class:`app.storage.klines.KlineCache`."""

    async def latest(self, vendor: str, symbol: str, period: str, count: int,
                     before: int | None = None) -> list[Bar]: ...

    async def upsert(self, bars: list[Bar]) -> None: ...


class Shared:
    """One answer per question: in flight, it is awaited by every asker; once done, it is
    kept ``ttl`` seconds. A failure is not kept (the next asker tries again)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._answers: dict[Any, tuple[float, asyncio.Future[Any]]] = {}
        self._clock = clock
        self.asked = 0  # questions that went to the vendor (the tests count them)

    async def get(self, key: Any, ttl: float, make: Callable[[], Awaitable[Any]]) -> Any:
        now = self._clock()
        held = self._answers.get(key)
        if held is not None and (not held[1].done() or held[0] > now):
            return await asyncio.shield(held[1])
        self.asked += 1
        future: asyncio.Future[Any] = asyncio.ensure_future(make())
        self._answers[key] = (float("inf"), future)

        def settle(done: asyncio.Future[Any]) -> None:
            if done.cancelled() or done.exception() is not None:
                self._answers.pop(key, None)
            else:
                self._answers[key] = (self._clock() + ttl, done)

        future.add_done_callback(settle)
        if len(self._answers) > 4096:  # forget the expired ones now and then
            for k in [k for k, (t, f) in self._answers.items() if f.done() and t <= now]:
                del self._answers[k]
        return await asyncio.shield(future)


class Answers:
    """Serves one request by name from the upstream feed, the shared answers and the cache."""

    def __init__(self, feed: Feed, cache: BarCache | None = None, *, fresh_ttl: float = 2.0,
                 list_ttl: float = 300.0) -> None:
        self.feed = feed
        self.cache = cache if feed.persistent_history else None
        self.shared = Shared()
        self.fresh_ttl = fresh_ttl
        self.list_ttl = list_ttl

    async def answer(self, what: str, body: dict) -> Any:
        handler = getattr(self, f"_{what}", None)
        if handler is None:
            raise UnsupportedError(f"the relay answers no '{what}' request")
        async with asyncio.timeout(REQUEST_TIMEOUT):
            return await handler(**body)

    async def _traits(self) -> dict:
        f = self.feed
        return {"periods": sorted(p.value for p in f.periods), "channels": sorted(c.value for c in f.channels),
                "lists_cheaply": f.lists_cheaply, "trade_times_ms": f.trade_times_ms,
                "persistent_history": f.persistent_history, "history_is_cheap": f.history_is_cheap,
                "timed": sorted(t.__name__ for t in f.timed_events), "resolution_ms": f.time_resolution_ms}

    async def _klines(self, symbol: str, period: str, count: int, end: int | None = None) -> list[Bar]:
        p = Period.parse(period)
        if end is not None and self.cache is not None:  # history: from disk when it is all there
            cached = await self.cache.latest(self.feed.vendor, symbol, p.value, count, before=end + 1)
            if len(cached) >= count:
                return cached
        when = None if end is None else datetime.fromtimestamp(end / 1000, UTC)
        bars = await self.shared.get(("klines", symbol, p.value, count, end), self.fresh_ttl,
                                     lambda: self.feed.klines(symbol, p, count, when))
        if self.cache is not None and bars:
            await self.cache.upsert(bars)
        return bars

    async def _categories(self) -> list:
        return await self.shared.get(("categories",), self.list_ttl, self.feed.categories)

    async def _symbols(self, category: str | None = None) -> list:
        return await self.shared.get(("symbols", category), self.list_ttl,
                                     lambda: self.feed.instruments(category))

    async def _page(self, category: str, page: int, size: int) -> Any:
        return await self.shared.get(("page", category, page, size), self.list_ttl,
                                     lambda: self.feed.instruments_page(category, page, size))

    async def _describe(self, symbols: list[str]) -> list:
        return await self.shared.get(("describe", tuple(symbols)), self.list_ttl,
                                     lambda: self.feed.describe(symbols))

    async def _snapshot(self, symbols: list[str]) -> list:
        return await self.shared.get(("snapshot", tuple(symbols)), self.fresh_ttl,
                                     lambda: self.feed.snapshot(symbols))


def error_reply(exc: BaseException) -> dict:
    """A failure as the terminal re-raises it: its class (one of :data:`ERRORS`) and words."""
    kind = next((c.__name__ for c in type(exc).__mro__ if c.__name__ in ERRORS), "FeedError")
    if isinstance(exc, TimeoutError):
        return {"error": "the vendor did not answer the relay in time", "kind": "UnreachableError"}
    if isinstance(exc, (msgspec.ValidationError, TypeError, ValueError)) and not isinstance(exc, FeedError):
        return {"error": f"bad request: {exc}", "kind": "FeedError"}
    return {"error": words_out(exc.text if isinstance(exc, FeedError) else str(exc)), "kind": kind}
