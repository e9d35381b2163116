"""The QOS adapter: live pushes over one WebSocket, requests over that socket or HTTP.

Requests go over the WebSocket (``RS RT RD RK RH RI``, paced at the plan's one message a
second) when it is up, because HTTP allows only 10 requests a minute on default plans; HTTP is
the fallback and the only way to the product list. Every subscription is kept in a book so
a new connection gets exactly the active set again, one paced command per channel.

The adapter is assembled from parts, one concern each: :mod:`.exchange` (requests over the
socket or HTTP), :mod:`.messages` (pushes and replies), :mod:`.subscriptions` (the book and
what a connection re-sends) and :mod:`.catalog` (product lists and instrument details), on
:class:`~app.feeds.live.LiveFeed`, which owns the lifecycle.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Bar, Book, Instrument, Quote
from app.feeds.base import AuthError, UnknownSymbolError
from app.feeds.live import LiveFeed
from app.feeds.timings import LiveTimings
from app.feeds.qos import wire
from app.feeds.qos.catalog import QosCatalog
from app.feeds.qos.codes import group_codes, to_qos
from app.feeds.qos.errors import KEY_HINT, NAME, VendorRefusal
from app.feeds.qos.exchange import QosExchange
from app.feeds.qos.messages import QosMessages
from app.feeds.qos.subscriptions import QosSubscriptions
from app.feeds.transport.http import HttpClient
from app.feeds.transport.ratelimit import SlidingWindowLimiter
from app.feeds.transport.subscriptions import SubscriptionBook
from app.feeds.transport.ws import WsSession

__all__ = ["KEY_HINT", "NAME", "QosFeed", "QosPlan", "QosTimings", "VendorRefusal"]

log = logging.getLogger(__name__)

BASE_URL = "https://api.qos.hk"
WS_URL = "wss://api.qos.hk/ws"
PACING_MARGIN = 1.1


@dataclass(frozen=True)
class QosPlan:
    """The limits of a QOS plan (defaults: the documented default plan)."""

    products: int = 10
    http_requests: int = 10
    http_period: float = 60.0
    ws_min_interval: float = 1.0
    heartbeat: float = 20.0
    max_bars: int = 1000
    max_trades: int = 50


@dataclass(frozen=True)
class QosTimings(LiveTimings):
    ack_timeout: float = 10.0
    idle_limit: float = 120.0  # no pushes this long while a subscribed market is open: reconnect


class QosFeed(QosCatalog, QosSubscriptions, QosMessages, QosExchange, LiveFeed):
    vendor = "qos"
    name = NAME

    def chart_periods(self, symbol: str) -> frozenset[Period]:
        return frozenset(wire.KLINE_TYPES)

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None = None,
        ws_url: str | None = None,
        plan: QosPlan | None = None,
        timings: QosTimings | None = None,
        give_up_after: int | None = None,
    ) -> None:
        super().__init__(give_up_after=give_up_after)
        self.plan = plan or QosPlan()
        self.timings = timings or QosTimings()
        self.base_url = (base_url or BASE_URL).rstrip("/")
        self.ws_url = ws_url or WS_URL
        self._key = api_key or ""
        self.book = SubscriptionBook()  # QOS code → (command, K-line type) it is subscribed to
        self._session: WsSession | None = None
        self._reqids = itertools.count(1)
        self._pending: dict[int, tuple[str, asyncio.Future[wire.Reply]]] = {}
        self._names_zh: dict[str, str] = {}
        self._infos: dict[str, wire.InstrumentInfo] = {}
        self._products: dict[str, list[Instrument]] = {}

    # -- lifecycle ---------------------------------------------------------------------------

    def _open_http(self) -> HttpClient:
        if not self._key:
            raise AuthError(Text(QT_TRANSLATE_NOOP("Feed", "%1 needs an API key: %2"), NAME, KEY_HINT))
        return HttpClient(
            self.base_url, name=NAME, headers={"key": self._key},
            limiter=SlidingWindowLimiter(self.plan.http_requests, self.plan.http_period),
            backoff=self.timings.http_backoff,
        )

    def _ensure_session(self) -> WsSession:
        if self._session is None:
            self._session = self._new_session(
                self.ws_url, self.plan.heartbeat, KEY_HINT, on_message=self._on_message,
                on_open=self._on_open, on_close=self._on_close, heartbeat=lambda: b'{"type":"H"}',
                watched=self._watched, settings={
                    "headers": {"key": self._key}, "idle_limit": self.timings.idle_limit,
                    # A margin over the plan's spacing: network jitter can bunch messages up on arrival.
                    "min_send_interval": self.plan.ws_min_interval * PACING_MARGIN})
            self._session.start()
        return self._session

    async def _disconnect(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.aclose()
        self._on_close()

    @property
    def session(self) -> WsSession | None:
        return self._session

    # -- request / response ------------------------------------------------------------------

    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        codes = [to_qos(s) for s in symbols]
        data = await self._fetch("RS", {"codes": group_codes(codes)})
        return [wire.to_quote(m) for m in wire.snapshots_decoder.decode(data)]

    async def depth(self, symbols: Iterable[str]) -> list[Book]:
        codes = [to_qos(s) for s in symbols]
        data = await self._fetch("RD", {"codes": group_codes(codes)})
        return [wire.to_book(m) for m in wire.depths_decoder.decode(data)]

    async def klines(
        self, symbol: str, period: Period, count: int, end: datetime | None = None
    ) -> list[Bar]:
        if count <= 0:
            return []
        code = to_qos(symbol)
        if count > self.plan.max_bars:
            log.info("%s serves at most %d bars a request; asked %d", NAME, self.plan.max_bars, count)
        request: dict[str, object] = {
            "c": code, "co": min(count, self.plan.max_bars), "a": 0, "kt": wire.KLINE_TYPES[period],
        }
        kind = "RK"
        if end is not None:
            request["e"] = int(end.timestamp())
            kind = "RH"
        data = await self._fetch(kind, {"kline_reqs": [request]})
        bars: dict[int, Bar] = {}
        for group in wire.klines_decoder.decode(data):
            for msg in group.k:
                with contextlib.suppress(UnknownSymbolError, ValueError):
                    bar = wire.to_bar(msg)
                    if bar.symbol == symbol:
                        bars[bar.ts] = bar
        ordered = [bars[ts] for ts in sorted(bars)]
        if end is not None:  # default plans ignore ``e``: never hand back bars after ``end``
            end_ms = int(end.timestamp() * 1000)
            ordered = [b for b in ordered if b.ts <= end_ms]
        return ordered[-count:]

