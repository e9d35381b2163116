"""The iTick adapter: REST (GET, ``token`` header) for state and history, one WebSocket per
asset class (sharded at 500 symbols) for live pushes.

iTick has no unsubscribe. Adding symbols or types is one more subscribe on the open connection;
dropping them filters their pushes out at once and re-connects that connection with exactly the
remaining set after a short debounce. The plan's connection count bounds the shards; what does
not fit is refused in words, never silently dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import msgspec

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import (
    Bar,
    Book,
    Category,
    Channel,
    ConnectionState,
    Event,
    Instrument,
    Quote,
    Status,
    Trade,
)
from app.core.validate import price_ok
from app.feeds.base import (
    AuthError,
    Feed,
    FeedError,
    UnknownSymbolError,
    UnsupportedError,
)
from app.feeds.itick import wire
from app.feeds.itick.catalog import BY_ID, CATEGORIES, category_id, make_instrument
from app.feeds.itick.codes import ItickCode, from_itick, to_itick
from app.feeds.itick.connection import NAME, Refused, ShardConnection, VendorRefusal
from app.feeds.transport.backoff import ReconnectPolicy
from app.feeds.transport.badmessages import BadMessageLog
from app.feeds.transport.http import HttpClient
from app.feeds.transport.ratelimit import SlidingWindowLimiter
from app.feeds.transport.words import vendor_words
from app.feeds.transport.ws import SessionConfig

log = logging.getLogger(__name__)

BASE_URL = "https://api.itick.org"
WS_URL = "wss://api.itick.org"
FREE_BASE_URL = "https://api-free.itick.org"
KEY_HINT = Text(QT_TRANSLATE_NOOP(
    "Feed", "check the token with `quote-terminal key set itick` or ITICK_TOKEN; free keys only work on %1"),
    FREE_BASE_URL)


@dataclass(frozen=True)
class ItickPlan:
    """The limits of an iTick plan. iTick publishes no numbers; these are the documented
    500 symbols per connection and a request rate paid plans allow (free keys: about 5)."""

    http_requests: int = 60
    http_period: float = 60.0
    symbols_per_connection: int = 500
    max_connections: int | None = None  # WebSocket connections the plan allows (None: unknown)
    max_bars: int = 1000  # bars one kline request returns


@dataclass(frozen=True)
class ItickTimings:
    """How patient we are; tests compress these."""

    policy: ReconnectPolicy = field(default_factory=ReconnectPolicy)
    heartbeat: float = 20.0  # iTick drops a connection after 60 s without a ping
    ack_timeout: float = 10.0
    auth_wait: float = 3.0  # no auth result by then: send the 2024 auth message
    first_connect_timeout: float = 15.0
    resubscribe_delay: float = 1.0  # debounce before re-connecting to drop symbols
    snapshot_first: float = 2.0  # wait this long for the REST state before live pushes flow
    idle_limit: float = 120.0
    http_backoff: float = 1.0


_SEVERITY = (ConnectionState.ERROR, ConnectionState.RECONNECTING, ConnectionState.CONNECTING,
             ConnectionState.CONNECTED)


def ktype(period: Period, asset: str) -> int:
    """iTick's kType for a period, or words saying iTick has no such bars."""
    code = wire.KTYPES.get(period)
    if code is None:
        raise UnsupportedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 has no %2 bars; the longest is 1M"),
                                    NAME, period.value))
    if period in wire.CRYPTO_ONLY and asset != "crypto":
        raise UnsupportedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 serves %2 bars for crypto only; try 1h or 1d"),
                                    NAME, period.value))
    return code


def channel_type(channel: Channel, period: Period, asset: str) -> str:
    if channel is Channel.BAR:
        return f"kline@{ktype(period, asset)}"
    return {Channel.QUOTE: "quote", Channel.TRADE: "tick", Channel.DEPTH: "depth"}[channel]


class ItickFeed(Feed):
    vendor = "itick"
    lists_cheaply = False  # one request per category, on a plan of a few requests a minute

    def chart_periods(self, symbol: str) -> frozenset[Period]:
        try:
            asset = self.code_of(symbol).asset
        except FeedError:
            return frozenset()
        return frozenset(p for p in wire.KTYPES if p not in wire.CRYPTO_ONLY or asset == "crypto")

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None = None,
        ws_url: str | None = None,
        plan: ItickPlan | None = None,
        timings: ItickTimings | None = None,
        give_up_after: int | None = None,
    ) -> None:
        super().__init__()
        self.plan = plan or ItickPlan()
        self.timings = timings or ItickTimings()
        self.base_url = (base_url or BASE_URL).rstrip("/")
        self.ws_root = (ws_url or WS_URL).rstrip("/")
        self._key = api_key or ""
        self._give_up_after = give_up_after
        self.bad_messages = BadMessageLog(log)
        self._http: HttpClient | None = None
        self.connections: dict[str, list[ShardConnection]] = {}
        self._codes: dict[str, ItickCode] = {}  # canonical → where it lives (funds learnt from lists)
        self._prev_close: dict[str, float] = {}  # from REST quotes, for pushes that lack it
        self._lists: dict[str, list[Instrument]] = {}
        self._prices: dict[str, float] = {}
        self._told: set[str] = set()  # refusals already shown (once each)
        self._tasks: set[asyncio.Task[object]] = set()
        self._initial: set[asyncio.Task[None]] = set()  # REST state on its way to subscribers

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        if self._http is not None:
            return
        if not self._key:
            self.failure = AuthError(Text(QT_TRANSLATE_NOOP("Feed", "%1 needs an API token: %2"), NAME, KEY_HINT))
            raise self.failure
        self._http = HttpClient(
            self.base_url, name=NAME,
            headers={"token": self._key, "accept": "application/json"},
            limiter=SlidingWindowLimiter(self.plan.http_requests, self.plan.http_period),
            backoff=self.timings.http_backoff,
        )
        self.emit(Status(self.vendor, ConnectionState.CONNECTING,
                         Text(QT_TRANSLATE_NOOP("Feed", "%1 at %2"), NAME, self.base_url)))

    async def aclose(self) -> None:
        connections = [c for shards in self.connections.values() for c in shards]
        self.connections = {}
        for conn in connections:
            conn.cancel_prune()
        await asyncio.gather(*(c.session.aclose() for c in connections), return_exceptions=True)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        http, self._http = self._http, None
        if http is not None:
            await http.aclose()

    def _spawn(self, coro) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- addresses ---------------------------------------------------------------------------

    def code_of(self, symbol: str) -> ItickCode:
        code = self._codes.get(symbol)
        if code is None:
            code = self._codes[symbol] = to_itick(symbol)
        return code

    def _symbol_of(self, asset: str, region: str, code: str) -> str:
        symbol = from_itick(asset, region, code)
        if asset == "fund":
            self._codes.setdefault(symbol, ItickCode(asset, region.upper(), code.upper()))
        return symbol

    # -- REST ----------------------------------------------------------------------------------

    async def _get(self, path: str, params: dict[str, object]) -> bytes:
        """The ``data`` of a GET (raw JSON, ``null`` when iTick found nothing)."""
        if self._http is None:
            raise self.not_started(NAME)
        response = await self._http.get(path, params)
        if response.status_code in (401, 403):
            words = vendor_words(response.content)
            raise VendorRefusal(Text(
                QT_TRANSLATE_NOOP("Feed", "%1 refused the token (HTTP %2)%3 (%4)"), NAME, response.status_code,
                Text(QT_TRANSLATE_NOOP("Feed", ": “%1”"), words) if words else "", KEY_HINT))
        try:
            envelope = wire.envelope_decoder.decode(response.content)
        except (msgspec.DecodeError, msgspec.ValidationError):
            self.bad_messages.record("http", response.content, f"HTTP {response.status_code}")
            raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 sent an unreadable answer to %2 (HTTP %3)"),
                                 NAME, path, response.status_code)) from None
        if envelope.code not in (0, "0"):
            words = envelope.msg or f"code {envelope.code}"
            if "not found" in words:
                raise UnknownSymbolError(Text(QT_TRANSLATE_NOOP("Feed", "%1 does not know %2 in %3: “%4”"),
                                              NAME, params.get("code") or params.get("codes"), path, words))
            if "auth" in words:
                raise VendorRefusal(Text(QT_TRANSLATE_NOOP("Feed", "%1 refused %2: “%3” (%4)"),
                                         NAME, path, words, KEY_HINT))
            raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 refused %2: “%3”"), NAME, path, words))
        return bytes(envelope.data)

    def _group(self, symbols: Iterable[str]) -> dict[tuple[str, str], dict[str, str]]:
        """(asset, region) → {iTick code → canonical}: one batch request per pair."""
        groups: dict[tuple[str, str], dict[str, str]] = {}
        for symbol in dict.fromkeys(symbols):
            code = self.code_of(symbol)
            groups.setdefault((code.asset, code.region), {})[code.code] = symbol
        return groups

    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        out = []
        for (asset, region), codes in self._group(symbols).items():
            data = await self._get(f"/{asset}/quotes", {"region": region, "codes": ",".join(codes)})
            for code, item in (wire.quotes_decoder.decode(data) or {}).items():
                symbol = codes.get(code.upper()) or codes.get(item.s.upper() if item else "")
                if item is not None and symbol is not None:
                    out.append(self.make_quote(item, symbol))
                    if item.ld is not None and price_ok(item.ld):
                        self._prices[symbol] = item.ld  # tells a coin's decimals (describe)
        return out

    async def depth(self, symbols: Iterable[str]) -> list[Book]:
        out = []
        now = int(time.time() * 1000)
        for (asset, region), codes in self._group(symbols).items():
            data = await self._get(f"/{asset}/depths", {"region": region, "codes": ",".join(codes)})
            for code, item in (wire.depths_decoder.decode(data) or {}).items():
                symbol = codes.get(code.upper())
                if item is not None and symbol is not None:
                    out.append(wire.to_book(item, symbol, now))
        return out

    async def last_trades(self, symbols: Iterable[str]) -> list[Trade]:
        """The latest trade of each symbol (iTick keeps no longer trade history)."""
        out = []
        for (asset, region), codes in self._group(symbols).items():
            data = await self._get(f"/{asset}/ticks", {"region": region, "codes": ",".join(codes)})
            for code, item in (wire.ticks_decoder.decode(data) or {}).items():
                symbol = codes.get(code.upper())
                if item is not None and symbol is not None:
                    out.append(wire.to_trade(item, symbol))
        return out

    def make_quote(self, m: wire.QuoteFields, symbol: str) -> Quote:
        if m.p is not None and price_ok(m.p):  # a hostile p must not stamp every later push
            self._prev_close[symbol] = m.p
        return wire.to_quote(m, symbol, self._prev_close.get(symbol))

    async def klines(
        self, symbol: str, period: Period, count: int, end: datetime | None = None
    ) -> list[Bar]:
        """Pages back with ``et`` when ``count`` exceeds one request's bars."""
        if count <= 0:
            return []
        code = self.code_of(symbol)
        kt = ktype(period, code.asset)
        end_ms = int(end.timestamp() * 1000) if end is not None else None
        bars: dict[int, Bar] = {}
        cursor = end_ms
        for _page in range(math.ceil(count / self.plan.max_bars)):
            params: dict[str, object] = {
                "region": code.region, "code": code.code, "kType": kt,
                "limit": min(count - len(bars), self.plan.max_bars),
            }
            if cursor is not None:
                params["et"] = cursor
            page = wire.bars_decoder.decode(await self._get(f"/{code.asset}/kline", params)) or []
            try:
                wire.check_alignment(page, period)
            except ValueError as exc:
                raise UnsupportedError(Text(QT_TRANSLATE_NOOP("Feed", "%1; choose another period"),
                                            exc.args[0])) from None
            fresh = [b for b in page if b.t not in bars and (end_ms is None or b.t <= end_ms)]
            for item in fresh:
                bars[item.t] = wire.to_bar(item, symbol, period)
            if not fresh or len(page) < params["limit"] or len(bars) >= count:
                break
            cursor = min(b.t for b in fresh) - 1
        return [bars[t] for t in sorted(bars)][-count:]

    async def categories(self) -> list[Category]:
        return [c.category for c in CATEGORIES]

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        if category is not None and category not in BY_ID:
            return []
        wanted = [category] if category else list(BY_ID)
        out: list[Instrument] = []
        for cat_id in wanted:
            out += await self._list(cat_id)
        return out

    async def _list(self, cat_id: str) -> list[Instrument]:
        cached = self._lists.get(cat_id)
        if cached is not None:
            return cached
        cat = BY_ID[cat_id]
        data = await self._get("/symbol/list", {"type": cat.asset, "region": cat.region})
        found = []
        for item in wire.symbols_decoder.decode(data) or []:
            try:
                symbol = self._symbol_of(cat.asset, cat.region, item.c)
            except UnknownSymbolError:
                continue
            found.append(make_instrument(symbol, cat_id, item.n, self._prices.get(symbol)))
        self._lists[cat_id] = found
        return found

    async def describe(self, symbols: Iterable[str]) -> list[Instrument]:
        """Names from the category's symbol list (one request per category, cached); crypto
        precision from a price (iTick sends no tick size)."""
        wanted = list(dict.fromkeys(symbols))
        await self._snapshots_first()  # a subscriber's REST quote may bring the price already
        crypto = [s for s in wanted if s.startswith("CRYPTO:") and s not in self._prices]
        if crypto:
            with contextlib.suppress(FeedError):
                await self.snapshot(crypto)
        out = []
        for (asset, region), codes in self._group(wanted).items():
            cat_id = category_id(asset, region)
            if cat_id not in BY_ID:
                continue
            listed = {inst.symbol: inst for inst in await self._list(cat_id)}
            for symbol in codes.values():
                inst = listed.get(symbol)
                if inst is not None:
                    if symbol.startswith("CRYPTO:"):
                        inst = make_instrument(symbol, cat_id, inst.name, self._prices.get(symbol))
                    out.append(inst)
        return out

    async def holidays(self) -> list[wire.Holiday]:
        """Holidays and session hours per market (``/symbol/v2/holidays``; SDKs use the older
        ``/symbol/holidays``, tried when the first is missing)."""
        try:
            data = await self._get("/symbol/v2/holidays", {})
        except FeedError:
            data = await self._get("/symbol/holidays", {})
        return wire.holidays_decoder.decode(data) or []

    async def market_status(self, region: str) -> wire.MarketStatus | None:
        return wire.status_decoder.decode(await self._get("/market/status", {"code": region}))

    async def stock_info(self, symbol: str) -> wire.StockInfo | None:
        code = self.code_of(symbol)
        if code.asset != "stock":
            raise UnsupportedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 has company profiles for stocks only (%2)"),
                                        NAME, symbol))
        return wire.info_decoder.decode(await self._get(
            "/stock/info", {"type": "stock", "region": code.region, "code": code.code}))

    # -- live ----------------------------------------------------------------------------------

    def _new_connection(self, asset: str) -> ShardConnection:
        shards = self.connections.setdefault(asset, [])
        index = max((c.index for c in shards), default=-1) + 1
        config = SessionConfig(
            url=f"{self.ws_root}/{asset}", name=NAME, headers={"token": self._key},
            policy=self.timings.policy, heartbeat_interval=self.timings.heartbeat,
            give_up_after=self._give_up_after, refusal_hint=KEY_HINT,
            watch_interval=min(1.0, self.timings.heartbeat / 4),
        )
        conn = ShardConnection(
            asset, index, config=config, token=self._key,
            capacity=self.plan.symbols_per_connection, auth_wait=self.timings.auth_wait,
            ack_timeout=self.timings.ack_timeout, idle_limit=self.timings.idle_limit,
            sink=self._sink_event, make_quote=self.make_quote, bad_messages=self.bad_messages,
            on_state=self._on_state, on_refused=self._on_refused, on_reopen=self._on_reopen,
            before_subscribe=self._snapshots_first,
        )
        shards.append(conn)
        conn.session.start()
        return conn

    def _sink_event(self, event: Event) -> None:
        """The connections' sink: late-bound, so a sink set after they exist still gets events,
        and through :meth:`emit`, so the validator sees every push."""
        self.emit(event)

    def _all(self) -> list[ShardConnection]:
        return [c for shards in self.connections.values() for c in shards]

    def _on_state(self, conn: ShardConnection, state: ConnectionState, detail: str) -> None:
        """One status for the vendor: the worst state among its live connections."""
        if state is ConnectionState.ERROR and conn.session.failure is not None:
            self.failure = conn.session.failure
        states = {c.session.state for c in self._all()} | {state}
        overall = next((s for s in _SEVERITY if s in states), state)
        self.emit(Status(self.vendor, overall, Text(QT_TRANSLATE_NOOP("Feed", "%1: %2"), conn.label, detail)))

    def _on_refused(self, conn: ShardConnection, refused: Refused) -> None:
        words = refused.words or "refused"
        names = ", ".join(refused.symbols) or Text(QT_TRANSLATE_NOOP("Feed", "a subscription"))
        hint = ""
        if "limit" in words:
            hint = Text(QT_TRANSLATE_NOOP("Feed", " (the plan's symbol quota: remove some symbols or upgrade the plan)"))
        elif "action" in words:
            hint = Text(QT_TRANSLATE_NOOP("Feed", " (the server did not understand our subscribe; please report this)"))
        text = Text(QT_TRANSLATE_NOOP("Feed", "%1 refused %2: “%3”%4"), NAME, names, words, hint)
        if text not in self._told:
            self._told.add(text)
            self.emit(Status(self.vendor, ConnectionState.CONNECTED, text))
        conn.refusals.append(text)

    def _on_reopen(self, conn: ShardConnection) -> None:
        """After a reconnect, the current state again (what was missed is not replayed)."""
        quotes = [s for k, s in conn.symbols.items() if "quote" in conn.wanted.get(k, ())]
        if quotes:
            self._spawn(self._initial_state(quotes, []))

    async def _initial_state(self, quotes: list[str], books: list[str],
                             bars: list[str] = (), period: Period = Period.M1) -> None:
        """A subscriber sees the current state at once, not at the next push. A failure here
        (the plan's request rate …) is said once; the live subscription stands."""
        try:
            for quote in await self.snapshot(quotes) if quotes else []:
                self.emit(quote)
            for book in await self.depth(books) if books else []:
                self.emit(book)
            for symbol in bars:
                for bar in (await self.klines(symbol, period, 1))[-1:]:
                    self.emit(bar)
        except AuthError:
            raise
        except FeedError as exc:
            log.warning("%s: initial state: %s", NAME, exc)
            self.emit(Status(self.vendor, ConnectionState.CONNECTED,
                             Text(QT_TRANSLATE_NOOP("Feed", "%1: no snapshot yet (%2)"), NAME, exc.text)))

    async def subscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None:
        if self._http is None:
            raise self.not_started(NAME)
        symbols = list(dict.fromkeys(symbols))
        channels = list(dict.fromkeys(channels))
        plan: list[tuple[str, ItickCode, set[str]]] = []
        for symbol in symbols:
            code = self.code_of(symbol)
            plan.append((symbol, code, {channel_type(c, period, code.asset) for c in channels}))
        wanted = [s for s, _code, _types in plan]
        initial = asyncio.ensure_future(self._initial_state(
            wanted if Channel.QUOTE in channels else [],
            wanted if Channel.DEPTH in channels else [],
            wanted if Channel.BAR in channels else [], period,
        ))
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
            if not conn.carries_extra():
                conn.cancel_prune()  # symbols dropped and taken back before the re-connect
            if delta:
                sends.setdefault(conn, {}).update(delta)
        try:
            await self._await_ready(list(sends))
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

    async def _await_ready(self, connections: list[ShardConnection]) -> None:
        """A new connection gets a moment to authenticate, so a refused key is said now."""
        fresh = [c for c in connections if c.session.handshakes == 0]
        if fresh:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    asyncio.gather(*(c.settled.wait() for c in fresh)),
                    self.timings.first_connect_timeout,
                )
        for conn in connections:
            if conn.session.failure is not None:
                raise conn.session.failure

    async def _send(self, conn: ShardConnection, delta: dict[str, set[str]]) -> None:
        if conn.ready.is_set() and conn.session.connected:
            with contextlib.suppress(ConnectionError):
                await conn.send(conn.session, delta)
        # else: the connection's on_open sends everything wanted once it is authenticated

    async def unsubscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None:
        for symbol in symbols:
            try:
                code = self.code_of(symbol)
                types = {channel_type(c, period, code.asset) for c in channels}
            except (UnknownSymbolError, UnsupportedError):
                continue
            for conn in self.connections.get(code.asset, []):
                if code.wire in conn.wanted and conn.remove(code, types):
                    conn.schedule_prune(self.timings.resubscribe_delay,
                                        lambda c=conn: self._prune(c))

    def _prune(self, conn: ShardConnection) -> None:
        """Drop on the wire what the user dropped: iTick has no unsubscribe, so re-connect
        (or close a connection left with nothing to carry)."""
        shards = self.connections.get(conn.asset, [])
        if not conn.wanted:
            if conn in shards:
                shards.remove(conn)
            self._spawn(conn.session.aclose())
            return
        if conn.carries_extra():
            conn.session.restart(Text(QT_TRANSLATE_NOOP("Feed", "re-subscribing with the new set (iTick has no "
                                                        "unsubscribe)")))


__all__ = ["ItickFeed", "ItickPlan", "ItickTimings", "VendorRefusal"]
