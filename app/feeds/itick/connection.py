"""One iTick WebSocket connection: its share of one asset class's symbols, and its protocol.

iTick has one WebSocket URL per asset class, at most 500 symbols per connection, and no
unsubscribe: subscriptions only add up. A :class:`ShardConnection` is therefore a
:class:`~app.feeds.transport.subscriptions.SubscriptionBook` (wire key → iTick types): what it
*should* carry (``wanted``) apart from what the current connection *does* carry (``carried``).
Additions are sent on the open connection; removals take effect at once for the user (pushes
for dropped symbols or types are filtered out) and on the wire at the next connection, which
the feed schedules with ``prune_later`` after a short debounce.

Per connection: wait for the server's auth result (header auth) or, when none comes, send the
``{"ac":"auth"}`` message of the 2024 protocol; then subscribe, one message per set of types,
each answered in order; ping with a millisecond timestamp and check that the pong echoes it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import msgspec

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import ConnectionState
from app.feeds.base import VendorRefusal
from app.feeds.itick import wire
from app.feeds.itick.codes import ItickCode, split_push_symbol
from app.feeds.transport.replies import NoAnswer, Replies
from app.feeds.transport.subscriptions import SubscriptionBook
from app.feeds.transport.ws import NotConnected, WsSession

if TYPE_CHECKING:
    from app.feeds.itick.live import ItickLive

log = logging.getLogger(__name__)

NAME = "iTick"


@dataclasses.dataclass(frozen=True)
class Refused:
    """Symbols a subscribe message carried and iTick refused, with its words."""

    symbols: list[str]
    words: str


class ShardConnection(SubscriptionBook):
    """One WebSocket to ``<ws root>/<asset>`` carrying up to ``capacity`` symbols."""

    def __init__(self, feed: ItickLive, asset: str, index: int) -> None:
        super().__init__()  # wire key ("700$HK") → the types it should carry, and carries
        self.asset = asset
        self.index = index
        self.capacity = feed.plan.symbols_per_connection
        self.symbols: dict[str, str] = {}  # wire key → canonical symbol
        self._by_code: dict[str, str] = {}  # bare code → wire key, for pushes without a region
        self._routes: dict[tuple[str, str | None], tuple[str, set[str] | frozenset[str]]] = {}
        self._feed = feed
        self._ack_timeout = feed.timings.ack_timeout
        self._sink = feed.emit  # through the feed's validator, to the sink set when it runs
        self._make_quote = feed.make_quote
        self._bad = feed.bad_messages
        self._auth: asyncio.Future[tuple[bool, str]] = asyncio.get_running_loop().create_future()
        self._acks = Replies()  # subscribes waiting for their (ok, words), answered in order
        self._pings: dict[str, float] = {}  # params we sent → when
        self._lock = asyncio.Lock()  # one subscribe exchange at a time: acks come in order
        self.ready = asyncio.Event()  # authenticated and subscribed on the current connection
        self.settled = asyncio.Event()  # ready once, or failed for good: a refusal can be said
        self.refusals: list[str] = []
        self.pongs = 0
        self.rtt: float | None = None
        self.session = feed._new_session(  # two pings in a row unanswered: the server is not listening
            f"{feed.ws_root}/{asset}", feed.timings.heartbeat, heartbeat=self._ping, on_message=self._on_message,
            on_open=self._on_open, on_close=self._on_close, watched=self.symbols.values,
            on_state=lambda state, detail: self._state(state, detail, feed._on_state),
            settings={"missed_pongs": 2})
        self._note_data = self.session.note_data

    # -- what the connection should carry -------------------------------------------------------

    @property
    def label(self) -> str:
        return f"{NAME} {self.asset}" + (f" #{self.index + 1}" if self.index else "")

    def room(self) -> int:
        return self.capacity - len(self.wanted)

    def add(self, code: ItickCode, symbol: str, types: Iterable[str]) -> dict[str, set[str]]:
        """Want ``types`` for a symbol; returns what the current connection must be sent."""
        self._routes.clear()
        self.symbols[code.wire] = symbol
        self._by_code.setdefault(code.code, code.wire)
        missing = self.want(code.wire, types)
        return {code.wire: missing} if missing else {}

    def remove(self, code: ItickCode, types: Iterable[str]) -> bool:
        """Stop wanting ``types``; True when the connection now carries more than wanted."""
        self._routes.clear()
        self.unwant(code.wire, types)
        return self.extra()

    # -- connection events -----------------------------------------------------------------------

    def _state(self, state: ConnectionState, detail: str,
               report: Callable[[ShardConnection, ConnectionState, str], None]) -> None:
        if state is ConnectionState.ERROR:
            self.settled.set()
        report(self, state, detail)

    def _on_close(self) -> None:
        self.ready.clear()
        self.lost()
        lost = NotConnected("connection lost")
        self._acks.fail(lost)
        if not self._auth.done():
            self._auth.set_exception(lost)
        self._pings.clear()
        self._auth = asyncio.get_running_loop().create_future()

    async def _on_open(self, session: WsSession) -> None:
        try:
            await self._authenticate(session)
        except VendorRefusal as exc:
            session.fail(exc)
            return
        except TimeoutError:  # neither header nor message auth was answered: try a new connection
            session.restart(Text(QT_TRANSLATE_NOOP("Feed", "no answer to authentication")), at_once=False)
            return
        await self._feed._snapshots_first()
        await self.send_wanted(session)
        self.ready.set()
        self.settled.set()
        self._feed._on_reopen(self)

    async def _authenticate(self, session: WsSession) -> None:
        """Header auth answers by itself; a server on the 2024 protocol waits for a message."""
        try:
            ok, words = await asyncio.wait_for(asyncio.shield(self._auth), self._feed.timings.auth_wait)
        except TimeoutError:
            log.info("%s: no auth result for the header; sending the auth message", self.label)
            await session.send(wire.encode({"ac": "auth", "params": self._feed._key}))
            ok, words = await asyncio.wait_for(asyncio.shield(self._auth), self._ack_timeout)
        if not ok:
            raise VendorRefusal(Text(QT_TRANSLATE_NOOP(
                "Feed", "%1 refused the key: “%2” (check it with `quote-terminal key set itick` or "
                "ITICK_TOKEN; free keys need the free host https://api-free.itick.org)"),
                NAME, words or Text(QT_TRANSLATE_NOOP("Feed", "auth failed"))))

    async def send_wanted(self, session: WsSession) -> None:
        """Everything wanted that this connection does not carry yet, grouped by types."""
        await self.send(session, self.delta())

    async def send(self, session: WsSession, delta: dict[str, set[str]]) -> None:
        """``{"ac":"subscribe","params":"A$US,B$US","types":"quote,depth"}`` per set of types."""
        groups: dict[frozenset[str], list[str]] = {}
        for key, types in delta.items():
            groups.setdefault(frozenset(types), []).append(key)
        for types, keys in groups.items():
            async with self._lock:
                if not session.connected:
                    return  # the next connection sends the wanted set
                # an exchange that finished while we waited may have carried these already
                keys = [k for k in keys if not types <= self.carried.get(k, set())]
                if not keys:
                    continue
                message = {"ac": "subscribe", "params": ",".join(keys),
                           "types": ",".join(sorted(types, key=_type_order))}
                try:
                    ok, words = await self._acks.ask(session, lambda _id: wire.encode(message), self._ack_timeout,
                                                     "subscribe")
                except NoAnswer:
                    log.warning("%s: no answer to a subscribe within %.0f s",
                                self.label, self._ack_timeout)
                    ok, words = True, ""  # pushes will tell; a retry would only double it
            if ok:
                self.carry(keys, types)
            else:
                self._routes.clear()
                for key in keys:
                    self.unwant(key, types)
                self._feed._on_refused(self, Refused([self.symbols.get(k, k) for k in keys], words))

    # -- heartbeat -------------------------------------------------------------------------------

    def _ping(self) -> bytes | None:
        if not (self._auth.done() and not self._auth.exception() and self._auth.result()[0]):
            return None  # a 2024 server expects the auth message first
        params = str(int(time.time() * 1000))
        self._pings[params] = time.monotonic()
        return wire.encode({"ac": "ping", "params": params})

    def _on_pong(self, raw: bytes, data: msgspec.Raw) -> None:
        echo = self._bad.decode(wire.echo_decoder, data, "pong", raw) if data else wire.Echo()
        if echo is None:
            return
        params = str(echo.params) if echo.params is not None else ""
        sent = self._pings.pop(params, None)
        if sent is None:
            self._bad.record("pong", raw, f"echoes {params!r}, not a ping we sent")
            return
        for older in [p for p in self._pings if p < params]:
            del self._pings[older]
        self.pongs += 1
        self.rtt = time.monotonic() - sent
        self.session.pong(len(self._pings))

    # -- incoming --------------------------------------------------------------------------------

    def _on_message(self, raw: str | bytes) -> None:
        msg = self._bad.decode_push(wire.push_decoder, raw, self._on_control)
        if msg is None:
            return
        data = msg.data
        kind = type(data)
        route = self._routes.get((data.s, data.r))
        if route is None:
            route = self._route(data.s, data.r)
        symbol, types = route
        if _PUSH_TYPE[kind] not in types:
            return  # dropped by the user, still on the wire until the prune reconnect
        self._note_data()
        if kind is wire.TickPush:
            self._sink(wire.to_trade(data, symbol))
        elif kind is wire.QuotePush:
            self._sink(self._make_quote(data, symbol))
        elif kind is wire.DepthPush:
            self._sink(wire.to_book(data, symbol, int(time.time() * 1000)))
        else:
            if data.period is Period.M15 and data.t % 900_000:
                self._bad.record("kline", raw, "a 10-minute bar for kline@3 (the 2024 meaning)")
                return
            self._sink(wire.to_bar(data, symbol, data.period))

    def _route(self, s: str, r: str | None) -> tuple[str, set[str] | frozenset[str]]:
        """Symbol and wanted types of a push's ``s``/``r`` (cached: the hot path sees the same
        few spellings; the cache is dropped whenever the wanted set changes)."""
        code, region = split_push_symbol(s, r)
        key = f"{code}${region}" if region else self._by_code.get(code, code)
        symbol = self.symbols.get(key)
        types = self.wanted.get(key)
        route: tuple[str, set[str] | frozenset[str]] = (
            (symbol, types) if symbol is not None and types is not None else ("", frozenset())
        )
        if len(self._routes) < 4096:
            self._routes[(s, r)] = route
        return route

    def _on_control(self, raw: bytes, push_error: msgspec.ValidationError) -> None:
        """Not a current push: an ack, a pong, the greeting, a 2024 K-line, or a broken push."""
        msg = self._bad.decode(wire.control_decoder, raw, "control")
        if msg is None:
            return
        ok = msg.code == 1
        data = bytes(msg.data).strip()
        if msg.resAc == "pong":
            self._on_pong(raw, msg.data)
        elif msg.resAc == "auth":
            if not self._auth.done():
                self._auth.set_result((ok, msg.msg or ""))
        elif msg.resAc is not None:  # "subscribe", or the action we sent, refused
            if not self._acks.answer(None, (ok, msg.msg or ""), "subscribe") and not ok:
                self._feed._on_refused(self, Refused([], msg.msg or ""))
        elif msg.code == 0 and data.startswith(b"{") and b'"k"' in data:
            self._on_legacy_kline(raw, msg.data)
        elif data and data != b"null":
            self._bad.record("push", raw, push_error)  # an unknown type or a missing field
        elif ok:
            return  # the greeting: {"code":1,"msg":"Connected Successfully"}
        else:
            self._bad.record("refusal", raw, msg.msg or "code 0 without a reason")

    def _on_legacy_kline(self, raw: bytes, data: msgspec.Raw) -> None:
        """2024 K-line push: ``data = {"s": "AAPL.US", "t": <kType>, "k": {bar}}``, code 0."""
        legacy = self._bad.decode(wire.legacy_kline_decoder, data, "kline", raw)
        if legacy is None:
            return
        period = wire.PERIOD_OF_KTYPE.get(legacy.t)
        if period is None:
            self._bad.record("kline", raw, f"unknown kType {legacy.t}")
            return
        if period is Period.M15 and legacy.k.t % 900_000:
            self._bad.record("kline", raw, "a 10-minute bar for kType 3 (the 2024 meaning)")
            return
        symbol, types = self._route(legacy.s, None)  # a wanted key always has its symbol
        if f"kline@{legacy.t}" not in types:
            return
        self.session.note_data()
        self._sink(wire.to_bar(legacy.k, symbol, period))


_TYPE_ORDER = {"tick": 0, "quote": 1, "depth": 2}
_PUSH_TYPE: dict[type, str] = {
    wire.TickPush: "tick", wire.QuotePush: "quote", wire.DepthPush: "depth",
    **{cls: f"kline@{wire.KTYPES[cls.period]}" for cls in wire.KLINE_PUSHES},
}


def _type_order(name: str) -> tuple[int, str]:
    return (_TYPE_ORDER.get(name, 3), name)
