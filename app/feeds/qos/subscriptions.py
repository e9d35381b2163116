"""QOS subscriptions: the registry of active channels, the paced (un)subscribe commands, the
current state a new subscriber sees at once, and what a fresh connection re-sends.

A part of :class:`~app.feeds.qos.feed.QosFeed` (mixed in), kept apart so the subscription
bookkeeping and the connection plumbing change independently.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text, joined
from app.core.types import Channel, ConnectionState, Status
from app.feeds.base import FeedError, UnknownSymbolError
from app.feeds.qos import wire
from app.feeds.qos.codes import group_codes, to_qos
from app.feeds.qos.errors import NAME, VendorRefusal
from app.feeds.transport.ws import NotConnected, WsSession

if TYPE_CHECKING:
    from app.core.sessions import Calendar
    from app.feeds.qos.feed import QosPlan, QosTimings
    from app.feeds.transport.http import HttpClient
    from app.feeds.transport.subscriptions import SubscriptionRegistry

_SUBSCRIBE = {Channel.QUOTE: "S", Channel.TRADE: "T", Channel.DEPTH: "D", Channel.BAR: "K"}
_UNSUBSCRIBE = {"S": "SC", "T": "TC", "D": "DC", "K": "KC"}


class QosSubscriptions:
    """The live half of the QOS adapter (mixed into ``QosFeed``)."""

    if TYPE_CHECKING:
        vendor: str
        plan: QosPlan
        timings: QosTimings
        registry: SubscriptionRegistry
        _session: WsSession | None
        _http: HttpClient | None

        def emit(self, event: object) -> None: ...
        def not_started(self, name: str) -> FeedError: ...
        def calendar(self, symbol: str, instrument_calendar: str | None = None) -> Calendar: ...
        def _ensure_session(self) -> WsSession: ...
        async def _command(self, command: str, codes: list[str], kt: int | None) -> None: ...
        async def _fetch(self, kind: str, payload: dict[str, object], *,
                         prefer_http: bool = False) -> bytes: ...

    async def subscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None:
        if self._http is None:
            raise self.not_started(NAME)
        codes = list(dict.fromkeys(to_qos(s) for s in symbols))
        channels = list(dict.fromkeys(channels))
        active = self.registry.all_codes()
        fresh = [c for c in codes if c not in active]
        room = max(self.plan.products - len(active), 0)
        accepted = [c for c in codes if c in active] + fresh[:room]
        over = fresh[room:]
        session = self._ensure_session()
        if session.handshakes == 0 and session.failure is None:
            with contextlib.suppress(TimeoutError):
                await session.wait_connected(self.timings.first_connect_timeout)
        if session.failure is not None:
            raise session.failure
        commands = []
        for channel in channels:
            kt = wire.KLINE_TYPES[period] if channel is Channel.BAR else None
            key = (_SUBSCRIBE[channel], kt)
            new = self.registry.add(key, accepted)
            if new:
                commands.append((key, new))
        initial = self._initial_state(
            accepted if Channel.QUOTE in channels else [],
            accepted if Channel.DEPTH in channels else [],
            accepted if Channel.BAR in channels else [],
            period,
        )
        # The snapshot travels (over HTTP when the plan has room) while the paced commands go out.
        results = await asyncio.gather(
            self._send_subscriptions(session, commands), initial, return_exceptions=True
        )
        for result in results:
            if isinstance(result, BaseException):
                raise result
        if over:
            names = ", ".join(wire.canonical(c) for c in over)
            raise VendorRefusal(Text(QT_TRANSLATE_NOOP(
                "Feed", "the %1 plan allows %2 symbols at once; not subscribed: %3 (remove some, or raise "
                "the limit for a larger plan in Settings)"), NAME, self.plan.products, names))

    async def _send_subscriptions(
        self, session: WsSession, commands: list[tuple[tuple[str, int | None], list[str]]]
    ) -> None:
        for key, codes in commands:
            if not session.connected:
                return  # the next connection re-sends the registry
            try:
                await self._command(key[0], codes, key[1])
            except VendorRefusal:
                self.registry.remove(key, codes)
                raise
            except NotConnected:
                return

    async def _initial_state(
        self, quote_codes: list[str], depth_codes: list[str], bar_codes: list[str] = (),
        period: Period = Period.M1,
    ) -> None:
        """A subscriber sees the current state at once, not at the next trade."""
        if quote_codes:
            data = await self._fetch("RS", {"codes": group_codes(quote_codes)}, prefer_http=True)
            for msg in wire.snapshots_decoder.decode(data):
                with contextlib.suppress(UnknownSymbolError):
                    self.emit(wire.to_quote(msg))
        if depth_codes:
            data = await self._fetch("RD", {"codes": group_codes(depth_codes)}, prefer_http=True)
            for msg in wire.depths_decoder.decode(data):
                with contextlib.suppress(UnknownSymbolError):
                    self.emit(wire.to_book(msg))
        if bar_codes:
            kt = wire.KLINE_TYPES[period]
            requests = [{"c": c, "co": 1, "a": 0, "kt": kt} for c in group_codes(bar_codes)]
            data = await self._fetch("RK", {"kline_reqs": requests}, prefer_http=True)
            for group in wire.klines_decoder.decode(data):
                for msg in group.k[-1:]:
                    with contextlib.suppress(UnknownSymbolError, ValueError):
                        self.emit(wire.to_bar(msg))

    async def unsubscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None:
        codes = []
        for symbol in symbols:
            with contextlib.suppress(UnknownSymbolError):
                codes.append(to_qos(symbol))
        for channel in channels:
            kt = wire.KLINE_TYPES[period] if channel is Channel.BAR else None
            key = (_SUBSCRIBE[channel], kt)
            gone = self.registry.remove(key, codes)
            session = self._session
            if gone and session is not None and session.connected:
                with contextlib.suppress(NotConnected, VendorRefusal):
                    await self._command(_UNSUBSCRIBE[key[0]], gone, kt)

    async def _on_open(self, session: WsSession) -> None:
        """A fresh connection: re-send exactly the active set, then refresh the snapshot."""
        problems = []
        for (command, kt), codes in list(self.registry.items()):
            try:
                await self._command(command, codes, kt)
            except VendorRefusal as exc:
                problems.append(exc.text)
        if problems:
            self.emit(Status(self.vendor, ConnectionState.CONNECTED, functools.reduce(joined, problems)))
        if session.handshakes > 1:
            with contextlib.suppress(FeedError, NotConnected, TimeoutError):
                await self._initial_state(
                    self.registry.codes(("S", None)), self.registry.codes(("D", None))
                )

    def _idle_limit(self) -> float | None:
        """Expect pushes only while a subscribed symbol's market is in session."""
        now = int(time.time() * 1000)
        for command in ("S", "T", "D"):
            for code in self.registry.codes((command, None)):
                try:
                    symbol = wire.canonical(code)
                except UnknownSymbolError:
                    continue
                if self.calendar(symbol).is_open(now):
                    return self.timings.idle_limit
        return None
