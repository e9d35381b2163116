"""QOS subscriptions: the book of active channels, the paced (un)subscribe commands, the
current state a new subscriber sees at once, and what a fresh connection re-sends.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from typing import Any

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text, joined
from app.core.types import Channel, ConnectionState, Status
from app.feeds.base import UnknownSymbolError, VendorRefusal, spelled
from app.feeds.qos import wire
from app.feeds.qos.codes import group_codes, to_qos
from app.feeds.qos.errors import NAME
from app.feeds.qos.messages import QosMessages
from app.feeds.transport.subscriptions import SubscriptionBook
from app.feeds.transport.ws import NotConnected, WsSession

_SUBSCRIBE = {Channel.QUOTE: "S", Channel.TRADE: "T", Channel.DEPTH: "D", Channel.BAR: "K"}
_UNSUBSCRIBE = {"S": "SC", "T": "TC", "D": "DC", "K": "KC"}
PACING_MARGIN = 1.1  # over the plan's spacing: network jitter can bunch messages up on arrival
Key = tuple[str, "int | None"]  # a command and its K-line type


class QosSubscriptions(QosMessages):
    """The live half of the QOS adapter."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.book = SubscriptionBook()  # QOS code → (command, K-line type) it is subscribed to

    def _ensure_session(self) -> WsSession:
        if self.session is None:
            self.session = self._new_session(
                self.ws_url, self.plan.heartbeat, on_message=self._on_message, on_open=self._on_open,
                on_close=self._on_close, heartbeat=lambda: b'{"type":"H"}', watched=self._watched,
                settings={"min_send_interval": self.plan.ws_min_interval * PACING_MARGIN})
        return self.session

    async def _disconnect(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            await session.aclose()
        self._on_close()

    async def _subscribe(self, symbols: list[str], channels: list[Channel], period: Period) -> None:
        codes = list(dict.fromkeys(to_qos(s) for s in symbols))
        active = self.book.wanted
        fresh = [c for c in codes if c not in active]
        room = max(self.plan.products - len(active), 0)
        accepted = [c for c in codes if c in active] + fresh[:room]
        over = fresh[room:]
        session = self._ensure_session()
        await self._first_connection([session])
        commands = []
        for channel in channels:
            key = (_SUBSCRIBE[channel], wire.KLINE_TYPES[period] if channel is Channel.BAR else None)
            new = [c for c in accepted if key not in active.get(c, ())]
            for code in new:
                self.book.want(code, [key])
            if new:
                commands.append((key, new))
        initial = self._initial_for(accepted, channels, period)
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

    async def _send_subscriptions(self, session: WsSession, commands: list[tuple[Key, list[str]]]) -> None:
        for key, codes in commands:
            if not session.connected:
                return  # the next connection re-sends the book
            try:
                await self._command(key[0], codes, key[1])
            except VendorRefusal:
                for code in codes:
                    self.book.unwant(code, [key])
                raise
            except NotConnected:
                return

    async def _initial_state(
        self, quote_codes: list[str], depth_codes: list[str], bar_codes: list[str] = (),
        period: Period = Period.M1,
    ) -> None:
        """A subscriber sees the current state at once, not at the next trade."""
        for kind, codes, event in (("RS", quote_codes, wire.to_quote), ("RD", depth_codes, wire.to_book)):
            for msg in await self._for_codes(kind, codes, prefer_http=True) if codes else []:
                with contextlib.suppress(UnknownSymbolError):
                    self.emit_snapshot(event(msg))
        if bar_codes:
            kt = wire.KLINE_TYPES[period]
            requests = [{"c": c, "co": 1, "a": 0, "kt": kt} for c in group_codes(bar_codes)]
            data = await self._fetch("RK", {"kline_reqs": requests}, prefer_http=True)
            for group in wire.klines_decoder.decode(data):
                for msg in group.k[-1:]:
                    with contextlib.suppress(UnknownSymbolError, ValueError):
                        self.emit_snapshot(wire.to_bar(msg))

    async def _unsubscribe(self, symbols: list[str], channels: list[Channel], period: Period) -> None:
        codes = [code for _s, code in spelled(to_qos, symbols)]
        for channel in channels:
            kt = wire.KLINE_TYPES[period] if channel is Channel.BAR else None
            key = (_SUBSCRIBE[channel], kt)
            gone = [c for c in dict.fromkeys(codes) if key in self.book.wanted.get(c, ())]
            for code in gone:
                self.book.unwant(code, [key])
            session = self.session
            if gone and session is not None and session.connected:
                with contextlib.suppress(NotConnected, VendorRefusal):
                    await self._command(_UNSUBSCRIBE[key[0]], gone, kt)

    async def _on_open(self, session: WsSession) -> None:
        """A fresh connection: re-send exactly the active set, then refresh the snapshot."""
        problems = []
        by_key: dict[Key, list[str]] = {}
        for code, keys in self.book.wanted.items():
            for key in keys:
                by_key.setdefault(key, []).append(code)
        for (command, kt), codes in sorted(by_key.items(), key=_channel_order):
            try:
                await self._command(command, codes, kt)
            except VendorRefusal as exc:
                problems.append(exc.text)
        if problems:
            self.emit(Status(self.vendor, ConnectionState.CONNECTED, functools.reduce(joined, problems)))
        await self._reopened(session, self.book.keys(("S", None)), self.book.keys(("D", None)))

    def _watched(self) -> list[str]:
        """The symbols whose open market means pushes are due (bars come only at their close)."""
        codes = [c for c, keys in self.book.wanted.items() if any(k[0] != "K" for k in keys)]
        return [symbol for _c, symbol in spelled(wire.canonical, codes)]


def _channel_order(item: tuple[Key, list[str]]) -> tuple[int, int]:
    """Quotes first, then trades, depth and bars: a connection that soon drops again carries
    what matters most (and the commands go out in a stable order)."""
    (command, kt), _codes = item
    return "STDK".index(command), kt or 0
