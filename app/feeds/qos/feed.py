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

import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.core.periods import Period
from app.core.types import Bar, Book, Quote, Trade
from app.feeds.base import UnknownSymbolError, VendorRefusal
from app.feeds.timings import HttpPlan, LiveTimings
from app.feeds.qos import wire
from app.feeds.qos.catalog import QosCatalog
from app.feeds.qos.codes import to_qos
from app.feeds.qos.errors import KEY_HINT, NAME
from app.feeds.qos.subscriptions import QosSubscriptions

__all__ = ["KEY_HINT", "NAME", "QosFeed", "QosPlan", "QosTimings", "VendorRefusal"]

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class QosPlan(HttpPlan):
    """The limits of a QOS plan (defaults: the documented default plan)."""

    products: int = 10
    http_requests: int = 10
    ws_min_interval: float = 1.0
    heartbeat: float = 20.0
    max_bars: int = 1000
    max_trades: int = 50


@dataclass(frozen=True)
class QosTimings(LiveTimings):
    """QOS's patience: the live feed's defaults (tests compress them)."""


class QosFeed(QosCatalog, QosSubscriptions):
    """``QosFeed(api_key=…, base_url=…, ws_url=…, plan=QosPlan(…), timings=QosTimings(…))``."""

    vendor = "qos"
    # live quotes and prints carry QOS's own time, in whole seconds (a book's time is its
    # snapshot's, a bar's its start: not when they were sent)
    timed_events = frozenset({Quote, Trade})
    time_resolution_ms = 1000
    name = NAME
    BASE_URL, WS_URL = "https://api.qos.hk", "wss://api.qos.hk/ws"
    plan_type, timings_type = QosPlan, QosTimings
    key_header, key_hint = "key", KEY_HINT
    plan: QosPlan
    timings: QosTimings
    periods = frozenset(wire.KLINE_TYPES)

    # -- request / response ------------------------------------------------------------------

    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        return [wire.to_quote(m) for m in await self._for_codes("RS", [to_qos(s) for s in symbols])]

    async def depth(self, symbols: Iterable[str]) -> list[Book]:
        return [wire.to_book(m) for m in await self._for_codes("RD", [to_qos(s) for s in symbols])]

    async def _klines(self, symbol: str, period: Period, count: int, end: datetime | None) -> list[Bar]:
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
        return [bars[ts] for ts in sorted(bars)]  # (default plans ignore ``e``: klines cuts at ``end``)

