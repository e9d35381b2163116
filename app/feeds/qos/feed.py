"""The QOS adapter: live pushes over one WebSocket, requests over that socket or HTTP.

Requests go over the WebSocket (``RS RT RD RK RH RI``, paced at the plan's one message a
second) when it is up, because HTTP allows only 10 requests a minute on default plans; HTTP is
the fallback and the only way to the product list. Every subscription is kept in a registry so
a new connection gets exactly the active set again, one paced command per channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

import msgspec

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text, joined
from app.core.types import (
    Bar,
    Book,
    Category,
    Channel,
    ConnectionState,
    Instrument,
    Quote,
    Status,
)
from app.feeds.base import AuthError, Feed, FeedError, UnknownSymbolError
from app.feeds.qos import wire
from app.feeds.qos.catalog import MARKET_IDS, MARKETS, make_instrument
from app.feeds.qos.codes import group_codes, to_qos
from app.feeds.transport.backoff import ReconnectPolicy
from app.feeds.transport.badmessages import BadMessageLog
from app.feeds.transport.http import HttpClient
from app.feeds.transport.ratelimit import SlidingWindowLimiter
from app.feeds.transport.subscriptions import SubscriptionRegistry
from app.feeds.transport.ws import NotConnected, SessionConfig, WsSession

log = logging.getLogger(__name__)

NAME = "QOS"
BASE_URL = "https://api.qos.hk"
WS_URL = "wss://api.qos.hk/ws"
PACING_MARGIN = 1.1
KEY_HINT = Text(QT_TRANSLATE_NOOP("Feed", "check the key with `quote-terminal key set qos` or QOS_API_KEY"))

_SUBSCRIBE = {Channel.QUOTE: "S", Channel.TRADE: "T", Channel.DEPTH: "D", Channel.BAR: "K"}
_UNSUBSCRIBE = {"S": "SC", "T": "TC", "D": "DC", "K": "KC"}
_HTTP_TWIN = {
    "RS": "/snapshot", "RT": "/trade", "RD": "/depth", "RK": "/kline", "RH": "/history",
    "RI": "/instrument-info",
}


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
class QosTimings:
    """How patient we are; tests compress these."""

    policy: ReconnectPolicy = field(default_factory=ReconnectPolicy)
    ack_timeout: float = 10.0
    first_connect_timeout: float = 15.0
    idle_limit: float = 120.0  # no pushes this long while a subscribed market is open: reconnect
    http_backoff: float = 1.0


class VendorRefusal(AuthError):
    """QOS answered with a ``msg`` other than ``"OK"``: a key, permission or plan refusal."""


class QosFeed(Feed):
    vendor = "qos"

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
        super().__init__()
        self.plan = plan or QosPlan()
        self.timings = timings or QosTimings()
        self.base_url = (base_url or BASE_URL).rstrip("/")
        self.ws_url = ws_url or WS_URL
        self._key = api_key or ""
        self._give_up_after = give_up_after
        self.bad_messages = BadMessageLog(log)
        self.registry = SubscriptionRegistry()
        self._session: WsSession | None = None
        self._http: HttpClient | None = None
        self._reqids = itertools.count(1)
        self._pending: dict[int, tuple[str, asyncio.Future[wire.Reply]]] = {}
        self._names_zh: dict[str, str] = {}
        self._infos: dict[str, wire.InstrumentInfo] = {}
        self._products: dict[str, list[Instrument]] = {}
        self._note_data: Callable[[], None] = _nothing  # the session's data-idle watchdog

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        if self._http is not None:
            return
        if not self._key:
            self.failure = AuthError(Text(QT_TRANSLATE_NOOP("Feed", "%1 needs an API key: %2"), NAME, KEY_HINT))
            raise self.failure
        self._http = HttpClient(
            self.base_url, name=NAME, headers={"key": self._key},
            limiter=SlidingWindowLimiter(self.plan.http_requests, self.plan.http_period),
            backoff=self.timings.http_backoff,
        )
        self.emit(Status(self.vendor, ConnectionState.CONNECTING,
                         Text(QT_TRANSLATE_NOOP("Feed", "%1 at %2"), NAME, self.base_url)))

    def _ensure_session(self) -> WsSession:
        if self._session is None:
            config = SessionConfig(
                url=self.ws_url, name=NAME, headers={"key": self._key},
                policy=self.timings.policy, heartbeat_interval=self.plan.heartbeat,
                # A margin over the plan's spacing: network jitter can bunch messages up on arrival.
                min_send_interval=self.plan.ws_min_interval * PACING_MARGIN,
                give_up_after=self._give_up_after, refusal_hint=KEY_HINT,
                watch_interval=min(1.0, self.plan.heartbeat / 4),
            )
            self._session = WsSession(
                config, on_message=self._on_message, on_open=self._on_open,
                on_close=self._on_close, on_state=self._on_state,
                heartbeat=lambda: b'{"type":"H"}', idle_limit=self._idle_limit,
                bad_messages=self.bad_messages,
            )
            self._note_data = self._session.note_data
            self._session.start()
        return self._session

    async def aclose(self) -> None:
        session, self._session = self._session, None
        self._note_data = _nothing
        if session is not None:
            await session.aclose()
        http, self._http = self._http, None
        if http is not None:
            await http.aclose()
        self._on_close()

    @property
    def session(self) -> WsSession | None:
        return self._session

    # -- WebSocket events ------------------------------------------------------------------

    def _on_state(self, state: ConnectionState, detail: str) -> None:
        if state is ConnectionState.ERROR and self._session is not None:
            self.failure = self._session.failure
        self.emit(Status(self.vendor, state, detail))

    def _on_close(self) -> None:
        for _kind, future in self._pending.values():
            if not future.done():
                future.set_exception(NotConnected("connection lost"))
        self._pending.clear()

    def _on_message(self, raw: str | bytes) -> None:
        try:
            msg = wire.push_decoder.decode(raw)
        except msgspec.ValidationError as exc:
            data = raw.encode() if isinstance(raw, str) else raw
            if b'"tp"' in data:
                self.bad_messages.record("push", data, exc)
            else:
                self._on_reply(data)
            return
        except msgspec.DecodeError as exc:
            self.bad_messages.record("malformed", raw, exc)
            return
        kind = type(msg)
        try:
            if kind is wire.TradeMsg:
                event = wire.to_trade(msg)
            elif kind is wire.SnapshotMsg:
                event = wire.to_quote(msg)
            elif kind is wire.DepthMsg:
                event = wire.to_book(msg)
            else:
                event = wire.to_bar(msg)
        except (UnknownSymbolError, ValueError) as exc:
            self.bad_messages.record("push", raw, exc)
            return
        self._note_data()
        self.emit(event)

    def _on_reply(self, data: bytes) -> None:
        try:
            reply = wire.reply_decoder.decode(data)
        except (msgspec.ValidationError, msgspec.DecodeError) as exc:
            self.bad_messages.record("reply", data, exc)
            return
        if reply.type == "H":
            return  # heartbeat answer; the session already noted that the peer is alive
        if reply.reqid is not None and reply.reqid in self._pending:
            _kind, future = self._pending.pop(reply.reqid)
        elif reply.type is not None and (match := self._oldest_pending(reply.type)) is not None:
            _kind, future = self._pending.pop(match)  # pre-reqid servers: match by type
        else:
            if reply.msg not in (None, "OK") and reply.type is None and self._session is not None:
                self._session.fail(self._refusal(Text(QT_TRANSLATE_NOOP("Feed", "the connection")), reply.msg))
            else:
                self.bad_messages.record("unexpected reply", data, "no request waits for it")
            return
        if not future.done():
            future.set_result(reply)

    def _oldest_pending(self, kind: str) -> int | None:
        return next((rid for rid, (k, _f) in self._pending.items() if k == kind), None)

    def _refusal(self, what: str, msg: str | None) -> VendorRefusal:
        return VendorRefusal(Text(
            QT_TRANSLATE_NOOP("Feed", "%1 refused %2: “%3” (%4, and the plan's limits)"), NAME, what,
            msg or Text(QT_TRANSLATE_NOOP("Feed", "no reason given")), KEY_HINT))

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

    # -- commands and requests --------------------------------------------------------------

    async def _exchange(self, kind: str, payload: dict[str, object]) -> wire.Reply:
        session = self._session
        if session is None or not session.connected:
            raise NotConnected(f"not connected to {NAME}")
        reqid = next(self._reqids)
        future: asyncio.Future[wire.Reply] = asyncio.get_running_loop().create_future()
        self._pending[reqid] = (kind, future)
        try:
            await session.send(wire.encode({"type": kind, **payload, "reqid": reqid}))
            return await asyncio.wait_for(future, self.timings.ack_timeout)
        finally:
            self._pending.pop(reqid, None)

    async def _command(self, command: str, codes: list[str], kt: int | None) -> None:
        payload: dict[str, object] = {"codes": group_codes(codes)}
        if kt is not None:
            payload["kt"] = kt
        try:
            reply = await self._exchange(command, payload)
        except TimeoutError:
            log.warning("%s: no answer to %s within %.0f s", NAME, command, self.timings.ack_timeout)
            return
        if reply.msg != "OK":
            raise self._refusal(Text(QT_TRANSLATE_NOOP("Feed", "the %1 command for %2"), command, ", ".join(codes)),
                                reply.msg)

    async def _fetch(self, kind: str, payload: dict[str, object], *, prefer_http: bool = False) -> bytes:
        """A request's ``data``, over the WebSocket when it is up, else over HTTP.

        ``prefer_http`` takes HTTP when the plan's HTTP budget has a request free right now,
        so an urgent answer does not queue behind the socket's one-message-a-second pacing.
        """
        session = self._session
        http_free = self._http is not None and (
            self._http.limiter is None or self._http.limiter.delay() == 0
        )
        if session is not None and session.connected and not (prefer_http and http_free):
            try:
                reply = await self._exchange(kind, payload)
            except (NotConnected, TimeoutError):
                pass
            else:
                if reply.msg != "OK":
                    raise self._refusal(Text(QT_TRANSLATE_NOOP("Feed", "the %1 request"), kind), reply.msg)
                return bytes(reply.data) or b"[]"
        return await self._post(_HTTP_TWIN[kind], payload)

    async def _post(self, path: str, body: dict[str, object]) -> bytes:
        if self._http is None:
            raise self.not_started(NAME)
        response = await self._http.post_json(path, body)
        try:
            envelope = wire.envelope_decoder.decode(response.content)
        except (msgspec.ValidationError, msgspec.DecodeError):
            if response.status_code in (401, 403):
                raise VendorRefusal(Text(QT_TRANSLATE_NOOP("Feed", "%1 refused the request (HTTP %2); %3"),
                                         NAME, response.status_code, KEY_HINT)) from None
            self.bad_messages.record("http", response.content, f"HTTP {response.status_code}")
            raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 sent an unreadable answer to %2 (HTTP %3)"),
                                 NAME, path, response.status_code)) from None
        if envelope.msg != "OK":
            raise self._refusal(Text(QT_TRANSLATE_NOOP("Feed", "the request %1"), path), envelope.msg)
        return bytes(envelope.data) or b"[]"

    # -- subscriptions -------------------------------------------------------------------------

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

    async def market_calendar(self, markets: Iterable[str]) -> dict[str, list[tuple[str, bool]]]:
        """Trading days per market (``YYYYMMDD``, half day?) for US, HK, SH, SZ."""
        data = await self._post("/market-calendar", {"market": list(markets)})
        out: dict[str, list[tuple[str, bool]]] = {}
        for market, days in wire.calendar_decoder.decode(data).items():
            out[market] = [(d.partition(",")[0], d.partition(",")[2] == "H") for d in days]
        return out

    async def categories(self) -> list[Category]:
        return list(MARKETS)

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        if category is not None and category not in MARKET_IDS:
            return []
        wanted = [category] if category else list(MARKET_IDS)
        missing = [m for m in wanted if m not in self._products]
        if missing:
            data = await self._post("/product-list", {"market": missing})
            listed = wire.products_decoder.decode(data)
            for market in missing:
                found = []
                for product in listed.get(market, []):
                    try:
                        symbol = wire.canonical(product.code)
                    except UnknownSymbolError:
                        continue
                    self._names_zh[symbol] = product.name
                    found.append(make_instrument(symbol, self._infos.get(symbol), product.name))
                self._products[market] = found
        return [inst for market in wanted for inst in self._products[market]]

    async def describe(self, symbols: Iterable[str]) -> list[Instrument]:
        """Names, currency and lot size from ``instrument-info`` (cached; one request)."""
        wanted = list(dict.fromkeys(symbols))
        unknown = []
        for symbol in wanted:
            if symbol not in self._infos:
                with contextlib.suppress(UnknownSymbolError):
                    unknown.append(to_qos(symbol))
        for start in range(0, len(unknown), self.plan.products):
            chunk = unknown[start:start + self.plan.products]
            data = await self._fetch("RI", {"codes": group_codes(chunk)})
            for info in wire.infos_decoder.decode(data):
                with contextlib.suppress(UnknownSymbolError):
                    self._infos[wire.canonical(info.c)] = info
        return [
            make_instrument(s, self._infos.get(s), self._names_zh.get(s, "")) for s in wanted
            if s in self._infos or s in self._names_zh
        ]


def _nothing() -> None:
    return None
