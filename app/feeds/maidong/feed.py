"""The 脉动数据 adapter: plain HTTP (GET) for state, history and symbol lists, one plain
WebSocket for pushes.

The vendor authorises the computer's IP, not a key; what an unauthorised IP receives is not
documented, so ``start()`` asks for the category list first and turns any refusal (HTTP
401/403, an error body, a server that hangs up without answering) into one sentence that says
whose IP and what to do. The WebSocket has no acknowledgement and no unsubscribe, and whether a
second ``{"Key": …}`` adds or replaces is not stated: every change of the symbol set is one
re-connection that sends the complete list once (debounced, so a burst of clicks is one).
While the WebSocket is down, ``getQuote.php`` is polled within its 3 requests a second per
product. There are no live K-lines: the live bar is built from the prints by the core bar
builder, seeded with the vendor's latest history bar.

This module holds the state; the lifecycle is :class:`~app.feeds.live.LiveFeed`'s and the parts
live beside it: ``catalog`` (symbol lists), ``rest`` (HTTP requests), ``live`` (subscriptions
and pushes) and ``connection`` (the WebSocket, its heartbeat and the polling fallback).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import httpx

from app.core.periods import Period
from app.core.types import Category
from app.feeds.maidong import wire
from app.feeds.maidong.catalog import MaidongCatalog
from app.feeds.maidong.codes import NAME
from app.feeds.maidong.connection import MaidongConnection
from app.feeds.livebars import LiveBars
from app.feeds.maidong.live import MaidongLive, _Holder
from app.feeds.maidong.rest import IP_HINT
from app.feeds.paging import PagedList
from app.feeds.timings import LiveTimings
from app.feeds.transport.http import HttpClient
from app.feeds.transport.ratelimit import SlidingWindowLimiter, SpacedLimiter
from app.feeds.transport.subscriptions import SubscriptionBook
from app.feeds.transport.words import where
from app.feeds.transport.ws import WsSession


@dataclass(frozen=True)
class MaidongLimits:
    """The documented limits (maidong.md section 1)."""

    quotes_per_second: int = 3  # getQuote.php, per product
    klines_per_second: int = 5  # redis.php, per product
    lists_per_second: int = 2  # getCategory.php and getSymbolList.php
    connections: int = 6  # WebSocket connections per authorised IP (we use one)


@dataclass(frozen=True)
class MaidongTimings(LiveTimings):
    heartbeat: float = 10.0  # the vendor's documented ping interval
    missed_pongs: int = 2  # unanswered pings in a row before the connection is replaced
    resubscribe_delay: float = 0.3  # debounce before re-connecting with a changed set
    first_connect_timeout: float = 10.0
    fallback_after: float = 3.0  # WebSocket down this long: poll getQuote.php instead
    poll_interval: float = 1.0  # per product while polling (the limit is 3 a second)
    quiet_alert: float = 30.0  # subscribed and connected without data this long: say so
    quiet_poll_interval: float = 5.0  # and look over HTTP this often meanwhile
    http_retries: int = 2
    page_size: int = 100  # getSymbolList.php page size when listing a whole category


class MaidongFeed(MaidongCatalog, MaidongLive, MaidongConnection):
    """``MaidongFeed(base_url=…, ws_url=…, timings=MaidongTimings(…), limits=MaidongLimits(…))``."""

    vendor = "maidong"
    name = NAME
    BASE_URL, WS_URL = "http://39.107.99.235:1008", "ws://39.107.99.235/ws"
    timings_type = MaidongTimings
    key_hint = IP_HINT
    timings: MaidongTimings
    lists_cheaply = False  # paged lists per category at 2 requests a second
    trade_times_ms = False  # prints are stamped "HH:MM:SS"

    def chart_periods(self, symbol: str) -> frozenset[Period]:
        return frozenset(wire.PERIOD_CODES)

    def __init__(self, *, limits: MaidongLimits | None = None, transport: httpx.AsyncBaseTransport | None = None,
                 **options: Any) -> None:
        """``transport`` replaces the network under the HTTP client (a proxy, a test double)."""
        super().__init__(**options)
        self._transport = transport
        self.limits = limits or MaidongLimits()
        self.session: WsSession | None = None
        self._lists_limiter = SpacedLimiter(self.limits.lists_per_second)
        self._quote_limiters: dict[str, SlidingWindowLimiter] = {}
        self._kline_limiters: dict[str, SlidingWindowLimiter] = {}
        self.book = SubscriptionBook()  # code → the canonical symbols spelled with it
        self._holders: dict[str, _Holder] = {}  # canonical symbol → what it wants
        self._codes: dict[str, str] = {}  # canonical → code, learnt from the vendor's lists
        self._categories: list[Category] | None = None
        self._listings: dict[str, PagedList] = {}  # category → what its pages said
        self._decimals: dict[str, tuple[int, int]] = {}  # code → (price, size) decimals seen
        self._prints: dict[str, list[wire.PrintKey]] = {}  # code → prints of its last push
        self._volume: dict[str, float] = {}  # code → last TotalVol (bars without prints)
        self.live_bars = LiveBars(self)  # no live K-lines: the live bar is built from the prints
        self._pings: list[int] = []  # values sent on this connection and not answered yet
        self._down_since: float | None = None
        self._quiet_told = False
        self.polling = False
        self.polls = 0
        self._watcher: asyncio.Task[object] | None = None
        self._answered = False  # the vendor has answered an HTTP request (hang-ups: outages)

    # -- lifecycle ---------------------------------------------------------------------------

    def _open_http(self) -> HttpClient:
        return super()._open_http(headers={"Accept-Encoding": "gzip"}, retries=self.timings.http_retries,
                                  transport=self._transport)

    def _address(self) -> str:
        return where(self.base_url)

    async def _connect(self) -> None:
        """The categories first: an unauthorised IP is said here, once, before any WebSocket."""
        await self.categories()

    async def _disconnect(self) -> None:
        self.book.cancel_prune()
        self.session = None


__all__ = ["IP_HINT", "MaidongFeed", "MaidongLimits", "MaidongTimings"]
