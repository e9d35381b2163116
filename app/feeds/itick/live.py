"""The live half of the iTick adapter: one WebSocket per asset class, sharded at the plan's
symbols per connection, the REST state sent to each new subscriber, and the connections' state
folded into one status.

iTick has no unsubscribe. Adding symbols or types is one more subscribe on the open connection;
dropping them filters their pushes out at once and re-connects that connection with exactly the
remaining set after a short debounce. The plan's connection count bounds the shards; what does
not fit is refused in words, never silently dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Channel, ConnectionState
from app.feeds.base import UnknownSymbolError, UnsupportedError, VendorRefusal
from app.feeds.itick.channels import channel_type
from app.feeds.itick.codes import ItickCode
from app.feeds.itick.connection import NAME, Refused, ShardConnection
from app.feeds.itick.rest import ItickRest

class ItickLive(ItickRest):
    """The live half of the iTick adapter."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.ws_root = self.ws_url.rstrip("/")
        self.connections: dict[str, list[ShardConnection]] = {}
        self._initial: set[asyncio.Task[None]] = set()  # REST state on its way to subscribers

    async def _disconnect(self) -> None:
        for conn in self._all():
            conn.cancel_prune()
        self.connections = {}

    def _new_connection(self, asset: str) -> ShardConnection:
        shards = self.connections.setdefault(asset, [])
        conn = ShardConnection(self, asset, max((c.index for c in shards), default=-1) + 1)
        shards.append(conn)
        return conn

    def _all(self) -> list[ShardConnection]:
        return [c for shards in self.connections.values() for c in shards]

    def _on_state(self, conn: ShardConnection, state: ConnectionState, detail: str) -> None:
        """One status for the vendor (the worst state among its connections), naming the one."""
        self._session_state(conn.session, state, Text(QT_TRANSLATE_NOOP("Feed", "%1: %2"), conn.label, detail))

    def _on_refused(self, conn: ShardConnection, refused: Refused) -> None:
        words = refused.words or "refused"
        names = ", ".join(refused.symbols) or Text(QT_TRANSLATE_NOOP("Feed", "a subscription"))
        hint = ""
        if "limit" in words:
            hint = Text(QT_TRANSLATE_NOOP("Feed", " (the plan's symbol quota: remove some symbols or upgrade the plan)"))
        elif "action" in words:
            hint = Text(QT_TRANSLATE_NOOP("Feed", " (the server did not understand our subscribe; please report this)"))
        text = Text(QT_TRANSLATE_NOOP("Feed", "%1 refused %2: “%3”%4"), NAME, names, words, hint)
        self._say(text, refusal=True)
        conn.refusals.append(text)

    def _on_reopen(self, conn: ShardConnection) -> None:
        if conn.session.handshakes > 1:
            self._spawn(self._reopened(conn.session, [s for k, s in conn.symbols.items()
                                                      if "quote" in conn.wanted.get(k, ())]))

    async def _subscribe(self, symbols: list[str], channels: list[Channel], period: Period) -> None:
        plan: list[tuple[str, ItickCode, set[str]]] = []
        for symbol in symbols:
            code = self.code_of(symbol)
            plan.append((symbol, code, {channel_type(c, period, code.asset) for c in channels}))
        wanted = [s for s, _code, _types in plan]
        initial = asyncio.ensure_future(self._initial_for(wanted, channels, period))
        self._initial.add(initial)
        initial.add_done_callback(self._initial.discard)
        sends: dict[ShardConnection, dict[str, set[str]]] = {}
        over: list[str] = []
        for symbol, code, types in plan:
            conn = self._place(code)
            if conn is None:
                over.append(symbol)
                continue
            delta = conn.add(code, symbol, types)
            if not conn.extra():
                conn.cancel_prune()  # symbols dropped and taken back before the re-connect
            if delta:
                sends.setdefault(conn, {}).update(delta)
        try:
            settled = {conn.session: conn.settled for conn in sends}  # authenticated, or refused
            await self._first_connection(settled, lambda session: settled[session].wait())
            await self._snapshots_first()
            await asyncio.gather(*(self._send(conn, delta) for conn, delta in sends.items()))
            await initial
        finally:
            if not initial.done():
                initial.cancel()
            elif not initial.cancelled():
                initial.exception()  # retrieved: the refusal that matters was raised above
        if over:
            limit = self.plan.max_connections
            template = (QT_TRANSLATE_NOOP("Feed", "the %1 plan allows %2 WebSocket connection of %3 symbols; not "
                                          "subscribed: %4 (remove some, or raise the connections for a larger "
                                          "plan in Settings)") if limit == 1 else
                        QT_TRANSLATE_NOOP("Feed", "the %1 plan allows %2 WebSocket connections of %3 symbols; not "
                                          "subscribed: %4 (remove some, or raise the connections for a larger "
                                          "plan in Settings)"))
            raise VendorRefusal(Text(template, NAME, limit, self.plan.symbols_per_connection, ", ".join(over)))

    async def _snapshots_first(self) -> None:
        """The REST state first when it comes quickly: pushes lack the previous close, which
        the REST quote carries. A slow or throttled answer does not hold live data back."""
        pending = [t for t in self._initial if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=self.timings.snapshot_first)

    def _place(self, code: ItickCode) -> ShardConnection | None:
        """The connection that carries (or will carry) this symbol: the one that has it, else
        the first with room, else a new one while the plan allows."""
        shards = self.connections.get(code.asset, [])
        for conn in shards:
            if code.wire in conn.wanted:
                return conn
        for conn in shards:
            if conn.room() > 0:
                return conn
        limit = self.plan.max_connections
        if limit is not None and len(self._all()) >= limit:
            return None
        return self._new_connection(code.asset)

    async def _send(self, conn: ShardConnection, delta: dict[str, set[str]]) -> None:
        if conn.ready.is_set() and conn.session.connected:
            with contextlib.suppress(ConnectionError):
                await conn.send(conn.session, delta)
        # else: the connection's on_open sends everything wanted once it is authenticated

    async def _unsubscribe(self, symbols: list[str], channels: list[Channel], period: Period) -> None:
        for symbol in symbols:
            try:
                code = self.code_of(symbol)
                types = {channel_type(c, period, code.asset) for c in channels}
            except (UnknownSymbolError, UnsupportedError):
                continue
            for conn in self.connections.get(code.asset, []):
                if code.wire in conn.wanted and conn.remove(code, types):
                    conn.prune_later(self.timings.resubscribe_delay, lambda c=conn: self._prune(
                        c, c.session, Text(QT_TRANSLATE_NOOP(
                            "Feed", "re-subscribing with the new set (iTick has no unsubscribe)")),
                        lambda: self._close(c)), restart=True)

    def _close(self, conn: ShardConnection) -> None:
        """A connection left with nothing to carry."""
        shards = self.connections.get(conn.asset, [])
        if conn in shards:
            shards.remove(conn)
        self._drop_session(conn.session)

