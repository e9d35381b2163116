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
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import httpx
import msgspec

from app.core.bars import BarBuilder
from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import (
    Bar,
    Category,
    Channel,
    ConnectionState,
    Quote,
    Status,
    Trade,
)
from app.core.validate import NON_FINITE, price_ok, time_ok
from app.feeds.base import (
    AuthError,
    Feed,
    FeedError,
    UnknownSymbolError,
    UnsupportedError,
)
from app.feeds.maidong import wire
from app.feeds.maidong.catalog import Listing, MaidongCatalog
from app.feeds.maidong.codes import (
    NAME,
    from_maidong,
    is_forex,
    to_maidong,
)
from app.feeds.transport.backoff import ReconnectPolicy
from app.feeds.transport.badmessages import BadMessageLog
from app.feeds.transport.http import HttpClient, HungUpError
from app.feeds.transport.ratelimit import SlidingWindowLimiter, SpacedLimiter
from app.feeds.transport.words import vendor_words, where
from app.feeds.transport.ws import Message, SessionConfig, WsSession

log = logging.getLogger(__name__)

BASE_URL = "http://39.107.99.235:1008"
WS_URL = "ws://39.107.99.235/ws"
IP_HINT = Text(QT_TRANSLATE_NOOP(
    "Feed", "this computer's IP address is not authorised by 脉动数据: ask the vendor (Telegram @mdapi888) "
    "to add this computer's public IP address to its allow-list"))
# Said after an unknown code: the vendor's codes are not guessable.
LISTED_HINT = QT_TRANSLATE_NOOP("Feed", "%1 does not know %2%3 (codes are case-sensitive; "
                                "`quote-terminal symbols --vendor maidong` lists them)")
_REFUSAL_WORDS = re.compile(r"(?i)\bip\b|auth|授权|白名单|forbid|denied|permission|权限|禁止")
_NOT_FOUND_WORDS = re.compile(r"(?i)not.?found|no.?such|unknown|不存在|无此|没有|错误的代码")


@dataclass(frozen=True)
class MaidongLimits:
    """The documented limits (maidong.md section 1)."""

    quotes_per_second: int = 3  # getQuote.php, per product
    klines_per_second: int = 5  # redis.php, per product
    lists_per_second: int = 2  # getCategory.php and getSymbolList.php
    connections: int = 6  # WebSocket connections per authorised IP (we use one)


@dataclass(frozen=True)
class MaidongTimings:
    """How patient we are; tests compress these."""

    policy: ReconnectPolicy = field(default_factory=ReconnectPolicy)
    heartbeat: float = 10.0  # the vendor's documented ping interval
    missed_pongs: int = 2  # unanswered pings in a row before the connection is replaced
    resubscribe_delay: float = 0.3  # debounce before re-connecting with a changed set
    first_connect_timeout: float = 10.0
    fallback_after: float = 3.0  # WebSocket down this long: poll getQuote.php instead
    poll_interval: float = 1.0  # per product while polling (the limit is 3 a second)
    quiet_alert: float = 30.0  # subscribed and connected without data this long: say so
    quiet_poll_interval: float = 5.0  # and look over HTTP this often meanwhile
    http_backoff: float = 1.0
    http_retries: int = 2
    page_size: int = 100  # getSymbolList.php page size when listing a whole category


@dataclass
class _Holder:
    """What one canonical symbol wants from its vendor code."""

    channels: set[Channel] = field(default_factory=set)
    periods: set[Period] = field(default_factory=set)


@dataclass
class _LiveBar:
    builder: BarBuilder
    since_ms: int  # prints before this are already in the history bar it was seeded with


class MaidongFeed(MaidongCatalog, Feed):
    vendor = "maidong"
    lists_cheaply = False  # paged lists per category at 2 requests a second
    trade_times_ms = False  # prints are stamped "HH:MM:SS"

    def chart_periods(self, symbol: str) -> frozenset[Period]:
        return frozenset(wire.PERIOD_CODES)

    def __init__(
        self,
        *,
        base_url: str | None = None,
        ws_url: str | None = None,
        timings: MaidongTimings | None = None,
        limits: MaidongLimits | None = None,
        give_up_after: int | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """``transport`` replaces the network under the HTTP client (a proxy, a test double)."""
        super().__init__()
        self._transport = transport
        self.timings = timings or MaidongTimings()
        self.limits = limits or MaidongLimits()
        self.base_url = (base_url or BASE_URL).rstrip("/")
        self.ws_url = ws_url or WS_URL
        self._give_up_after = give_up_after
        self.bad_messages = BadMessageLog(log)
        self._http: HttpClient | None = None
        self.session: WsSession | None = None
        self._lists_limiter = SpacedLimiter(self.limits.lists_per_second)
        self._quote_limiters: dict[str, SlidingWindowLimiter] = {}
        self._kline_limiters: dict[str, SlidingWindowLimiter] = {}
        self._wanted: dict[str, dict[str, _Holder]] = {}  # code → canonical symbol → wants
        self._carried: tuple[str, ...] = ()  # the codes the open connection was given
        self._codes: dict[str, str] = {}  # canonical → code, learnt from the vendor's lists
        self._categories: list[Category] | None = None
        self._listings: dict[str, Listing] = {}  # category → what its pages said
        self._decimals: dict[str, tuple[int, int]] = {}  # code → (price, size) decimals seen
        self._prints: dict[str, list[wire.PrintKey]] = {}  # code → prints of its last push
        self._volume: dict[str, float] = {}  # code → last TotalVol (bars without prints)
        self._bars: dict[tuple[str, Period], _LiveBar] = {}
        self._pings: list[int] = []  # values sent on this connection and not answered yet
        self._data_seen = False
        self._last_data = 0.0
        self._down_since: float | None = None
        self._quiet_told = False
        self.polling = False
        self.polls = 0
        self._resubscribe: asyncio.TimerHandle | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[object]] = set()
        self._told: set[str] = set()
        self._answered = False  # the vendor has answered an HTTP request (hang-ups: outages)

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Open the HTTP client and ask for the categories: an unauthorised IP is said here,
        once, before any WebSocket is opened."""
        if self._http is not None:
            return
        self._http = HttpClient(
            self.base_url, name=NAME, headers={"Accept-Encoding": "gzip"},
            retries=self.timings.http_retries, backoff=self.timings.http_backoff,
            transport=self._transport,
        )
        self.emit(Status(self.vendor, ConnectionState.CONNECTING,
                         Text(QT_TRANSLATE_NOOP("Feed", "%1 at %2"), NAME, where(self.base_url))))
        try:
            await self.categories()
        except AuthError as exc:
            self.failure = exc
            self.emit(Status(self.vendor, ConnectionState.ERROR, exc.text))
            raise

    async def aclose(self) -> None:
        if self._resubscribe is not None:
            self._resubscribe.cancel()
            self._resubscribe = None
        session, self.session = self.session, None
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.cancel()
        tasks = [t for t in (watcher, *self._tasks) if t is not None]
        for task in tasks:
            task.cancel()
        if session is not None:
            await session.aclose()
        await asyncio.gather(*tasks, return_exceptions=True)
        http, self._http = self._http, None
        if http is not None:
            await http.aclose()

    def _spawn(self, coro) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _say(self, text: str, state: ConnectionState = ConnectionState.CONNECTED) -> None:
        """A status line shown once per text (a refusal, a quiet feed), never repeated."""
        if text not in self._told:
            self._told.add(text)
            self.emit(Status(self.vendor, state, text))

    # -- addresses ---------------------------------------------------------------------------

    def code_of(self, symbol: str) -> str:
        code = self._codes.get(symbol)
        return code if code is not None else to_maidong(symbol)

    def _symbol_of(self, code: str, category: str | None) -> str | None:
        symbol = from_maidong(code, category)
        if symbol is not None and to_maidong(symbol) != code:
            self._codes[symbol] = code  # a listed spelling the patterns would not produce
        return symbol

    # -- HTTP ----------------------------------------------------------------------------------

    def _limiter(self, table: dict[str, SlidingWindowLimiter], code: str, rate: int) -> SlidingWindowLimiter:
        limiter = table.get(code)
        if limiter is None:
            limiter = table[code] = SlidingWindowLimiter(rate, 1.0)
        return limiter

    async def _fetch(self, path: str, params: dict[str, object], limiter: SlidingWindowLimiter) -> bytes:
        """A GET's body; a refusal of this computer becomes :class:`AuthError` in words."""
        if self._http is None:
            raise self.not_started(NAME)
        if isinstance(self.failure, AuthError):
            raise self.failure  # refused once: not asked again until the user acts
        try:
            response = await self._http.get(path, params, limiter=limiter)
        except HungUpError as exc:
            if self._answered:
                raise  # it answered before: an outage (the caller retries), not a refusal
            raise AuthError(Text(QT_TRANSLATE_NOOP(
                "Feed", "%1 closed every connection without answering (%2); most likely %3"),
                NAME, exc.text, IP_HINT)) from None
        self._answered = True  # from now on a hang-up is an outage
        if response.status_code >= 400:
            words = vendor_words(response.content)
            quoted = Text(QT_TRANSLATE_NOOP("Feed", ": “%1”"), words) if words else ""
            if response.status_code in (401, 403):
                raise AuthError(Text(QT_TRANSLATE_NOOP("Feed", "%1 refused this computer (HTTP %2%3): %4"),
                                     NAME, response.status_code, quoted, IP_HINT))
            raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 answered %2 with HTTP %3%4"),
                                 NAME, path, response.status_code, quoted))
        return response.content

    def _open_envelope(self, path: str, content: bytes, subject: str = "") -> wire.Envelope:
        try:
            envelope = wire.envelope_decoder.decode(content)
        except (msgspec.DecodeError, msgspec.ValidationError):
            self.bad_messages.record("http", content, path)
            raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 sent an unreadable answer to %2"), NAME, path)) from None
        if not wire.is_success(envelope):
            self._refusal(path, envelope.code, envelope.msg, subject)
        return envelope

    def _refusal(self, path: str, code: object, msg: str | None, subject: str) -> None:
        words = msg or f"code {code}"
        quoted = Text(QT_TRANSLATE_NOOP("Feed", "“%1” (code %2)"), words, code)
        if _REFUSAL_WORDS.search(words) or str(code) in ("401", "403"):
            raise AuthError(Text(QT_TRANSLATE_NOOP("Feed", "%1 refused %2: %3: %4"), NAME, path, quoted, IP_HINT))
        if subject and (_NOT_FOUND_WORDS.search(words) or str(code) == "404"):
            raise UnknownSymbolError(Text(LISTED_HINT, NAME, subject, Text(QT_TRANSLATE_NOOP("Feed", ": %1"), quoted)))
        raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 refused %2: %3"), NAME, path, quoted))

    async def quote_body(self, code: str, subject: str = "") -> wire.Body:
        """The vendor's latest full state of one product (``getQuote.php``)."""
        limiter = self._limiter(self._quote_limiters, code, self.limits.quotes_per_second)
        content = await self._fetch("/getQuote.php", {"code": code}, limiter)
        envelope = self._open_envelope("/getQuote.php", content, subject or code)
        try:
            data = wire.quote_data_decoder.decode(envelope.data)
        except (msgspec.DecodeError, msgspec.ValidationError):
            data = None
        if data is None or data.body is None:
            raise UnknownSymbolError(Text(QT_TRANSLATE_NOOP(
                "Feed", "%1 has no quote for %2 (codes are case-sensitive; `quote-terminal symbols --vendor "
                "maidong` lists them)"), NAME, subject or code))
        self._note_decimals(data.body.StockCode or code, data.body)
        return data.body

    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        symbols = list(dict.fromkeys(symbols))
        bodies = await asyncio.gather(*(self.quote_body(self.code_of(s), s) for s in symbols))
        now = _now_ms()
        out = []
        for s, b in zip(symbols, bodies, strict=True):
            ts = self._body_ts(b)
            if ts is not None:
                out.append(wire.to_quote(b, s, ts or now, volume=not is_forex(self.code_of(s))))
        return out

    def _body_ts(self, body: wire.Body) -> int | None:
        """The push's time (0 when it carries none), or None when its ``LastTime`` is garbage:
        then the whole push is dropped (counted), not stamped with our clock."""
        try:
            return wire.body_ms(body) or 0
        except ValueError:
            self.drop(NON_FINITE, body)
            return None

    async def klines(
        self, symbol: str, period: Period, count: int, end: datetime | None = None
    ) -> list[Bar]:
        """The latest bars (redis.php has no end parameter: with ``end``, the rows the vendor
        keeps are fetched and cut there)."""
        if count <= 0:
            return []
        code = self.code_of(symbol)
        time_code = wire.PERIOD_CODES.get(period)
        if time_code is None:
            offered = " ".join(p.value for p in wire.PERIOD_CODES)
            raise UnsupportedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 has no %2 bars; it offers %3"),
                                        NAME, period.value, offered))
        limit = wire.row_limit(period)
        rows = limit if end is not None else min(count, limit)
        limiter = self._limiter(self._kline_limiters, code, self.limits.klines_per_second)
        content = await self._fetch("/redis.php", {"code": code, "time": time_code, "rows": rows}, limiter)
        try:
            data = wire.any_decoder.decode(content)
        except msgspec.DecodeError:
            self.bad_messages.record("http", content, "/redis.php")
            raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 sent unreadable K-lines for %2"), NAME, symbol)) from None
        if isinstance(data, dict):  # an error envelope instead of the bare array
            if str(data.get("code")) != "200":
                self._refusal("/redis.php", data.get("code"), _text(data.get("msg")), symbol)
            data = data.get("data") or []
        if not isinstance(data, list):
            raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 sent K-lines for %2 in an unknown shape"), NAME, symbol))
        bars = wire.to_bars(data, symbol, period, volume=not is_forex(code),
                            on_mismatch=self._bar_time_mismatch)
        if not bars and data == []:
            await self.quote_body(code, symbol)  # an unknown code says so; a known one has no bars
        if end is not None:
            end_ms = int(end.timestamp() * 1000)
            bars = [b for b in bars if b.ts <= end_ms]
        return bars[-count:]

    def _bar_time_mismatch(self, row: list) -> None:
        self.bad_messages.record("kline time", json.dumps(row, ensure_ascii=False),
                                 "millisecond stamp and text time differ; the text time is used")

    def _note_decimals(self, code: str, body: wire.Body) -> None:
        prices = [body.Price, body.Open, body.High, body.Low, body.BP1, body.SP1]
        sizes = [body.BV1, body.SV1] + [p.size for p in body.BS or ()]
        if isinstance(body.Depth, wire.DepthSides):
            for entry in [*body.Depth.Buy, *body.Depth.Sell]:
                for key, value in entry.items():
                    (prices if key[1] == "P" else sizes).append(value)
        price = max((wire.decimals_of(wire.num(v)) for v in prices if wire.num(v)), default=2)
        size = max((wire.decimals_of(wire.num(v)) for v in sizes if wire.num(v)), default=0)
        self._decimals[code] = (price, size)

    # -- live ----------------------------------------------------------------------------------

    async def subscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None:
        if self._http is None:
            raise self.not_started(NAME)
        if isinstance(self.failure, AuthError):
            raise self.failure  # no WebSocket for a computer the vendor refused
        symbols = list(dict.fromkeys(symbols))
        channels = set(channels)
        if Channel.BAR in channels and period not in wire.PERIOD_CODES:
            offered = " ".join(p.value for p in wire.PERIOD_CODES)
            raise UnsupportedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 has no %2 bars; it offers %3"),
                                        NAME, period.value, offered))
        codes = {s: self.code_of(s) for s in symbols}  # every symbol checked before any change
        for symbol, code in codes.items():
            holder = self._wanted.setdefault(code, {}).setdefault(symbol, _Holder())
            holder.channels |= channels
            if Channel.BAR in channels:
                holder.periods.add(period)
        if Channel.BAR in channels:
            await asyncio.gather(*(self._seed_bar(s, period) for s in symbols))
        self._connect_or_resubscribe()
        unknown = await self._initial_state(codes)
        if unknown:
            await self.unsubscribe(unknown, channels, period)
            raise UnknownSymbolError(Text(LISTED_HINT, NAME, ", ".join(unknown), ""))
        await self._await_first_connection()

    async def _initial_state(self, codes: dict[str, str]) -> list[str]:
        """The current state at once over HTTP (the next push may be a while for a quiet
        product); returns the symbols the vendor does not know."""
        unknown = []

        async def one(symbol: str, code: str) -> None:
            try:
                body = await self.quote_body(code, symbol)
            except UnknownSymbolError:
                unknown.append(symbol)
                return
            except AuthError:
                raise
            except FeedError as exc:
                log.warning("%s: no snapshot of %s: %s", NAME, symbol, exc)
                self._say(Text(QT_TRANSLATE_NOOP("Feed", "%1: no snapshot of %2 yet (%3)"), NAME, symbol, exc.text))
                return
            if code in self._wanted:
                self._on_body(body)

        await asyncio.gather(*(one(s, c) for s, c in codes.items()))
        return unknown

    async def _seed_bar(self, symbol: str, period: Period) -> None:
        """The live bar continues the vendor's latest history bar (its open, high, low)."""
        key = (symbol, period)
        if key in self._bars:
            return
        calendar = self.calendar(symbol)
        live = _LiveBar(BarBuilder(self.vendor, symbol, period, calendar), _now_ms() // 1000 * 1000)
        self._bars[key] = live
        try:
            last = await self.klines(symbol, period, 1)
        except UnknownSymbolError:
            return  # said by the snapshot that follows
        except FeedError as exc:
            log.warning("%s: no history bar to continue for %s %s: %s", NAME, symbol, period.value, exc)
            return
        if last and self._bars.get(key) is live and live.builder.current is None:
            live.builder.seed(last[-1])
            self.emit(live.builder.current)  # type: ignore[arg-type]

    async def unsubscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None:
        """Dropped symbols stop at once (their pushes are filtered out); the connection follows
        after the debounce."""
        channels = set(channels)
        changed = False
        for symbol in symbols:
            try:
                code = self.code_of(symbol)
            except UnknownSymbolError:
                continue
            holders = self._wanted.get(code, {})
            holder = holders.get(symbol)
            if holder is None:
                continue
            dropped = set(channels)
            if Channel.BAR in dropped:
                holder.periods.discard(period)
                self._bars.pop((symbol, period), None)
                if holder.periods:  # bars of another period still wanted
                    dropped.discard(Channel.BAR)
            holder.channels -= dropped
            if not holder.channels:
                for p in holder.periods:
                    self._bars.pop((symbol, p), None)
                del holders[symbol]
            if not holders:
                self._wanted.pop(code, None)
                self._prints.pop(code, None)
                self._volume.pop(code, None)
                changed = True
        if changed:
            self._schedule_resubscribe(self.timings.resubscribe_delay)

    def _connect_or_resubscribe(self) -> None:
        if self.session is None:
            if self._wanted:
                self._open_session()
            return
        self._schedule_resubscribe(self.timings.resubscribe_delay)

    def _open_session(self) -> None:
        config = SessionConfig(
            url=self.ws_url, name=NAME, policy=self.timings.policy,
            heartbeat_interval=self.timings.heartbeat,
            dead_after=self.timings.missed_pongs + 1, give_up_after=self._give_up_after,
            refusal_hint=IP_HINT, watch_interval=min(1.0, self.timings.heartbeat / 4),
        )
        self.session = WsSession(
            config, on_message=self._on_message, on_open=self._on_open, on_close=self._on_close,
            on_state=self._on_state, heartbeat=self._heartbeat, bad_messages=self.bad_messages,
        )
        self._pings.clear()
        self.session.start()
        if self._watcher is None:
            self._watcher = asyncio.ensure_future(self._watch())

    def _schedule_resubscribe(self, delay: float) -> None:
        """One re-connection for a burst of changes: the first change sets the time."""
        if self._resubscribe is not None:
            return
        self._resubscribe = asyncio.get_running_loop().call_later(delay, self._apply_set)

    def _apply_set(self) -> None:
        self._resubscribe = None
        session = self.session
        if session is None:
            if self._wanted:
                self._open_session()
            return
        if not self._wanted:
            self.session = None
            self._carried = ()
            self._spawn(session.aclose())
            return
        if session.connected and set(self._carried) != set(self._wanted):
            session.restart(Text(QT_TRANSLATE_NOOP(
                "Feed", "re-subscribing %1 products (%2 has no unsubscribe: a new connection with the "
                "complete list)"), len(self._wanted), NAME))

    async def _await_first_connection(self) -> None:
        """A fresh connection gets a moment, so a refused handshake is said now."""
        session = self.session
        if session is None or session.handshakes > 0:
            return
        with contextlib.suppress(TimeoutError, FeedError):
            await session.wait_connected(self.timings.first_connect_timeout)
        if session.failure is not None:
            raise session.failure

    async def _on_open(self, session: WsSession) -> None:
        codes = tuple(self._wanted)
        self._pings.clear()
        self._quiet_told = False
        self._last_data = time.monotonic()
        if not codes:
            return
        await session.send(json.dumps({"Key": ",".join(codes)}, separators=(",", ":")))
        self._carried = codes
        if set(codes) != set(self._wanted):
            self._schedule_resubscribe(self.timings.resubscribe_delay)

    def _on_close(self) -> None:
        self._carried = ()

    def _on_state(self, state: ConnectionState, detail: str) -> None:
        if state is ConnectionState.ERROR and self.session is not None and self.session.failure:
            self.failure = self.session.failure
        self.emit(Status(self.vendor, state, detail))

    def _heartbeat(self) -> Message | None:
        """``{"ping": <Unix seconds>}``; the replacement of a connection whose pongs stopped
        goes through the backoff, like any fault."""
        if len(self._pings) >= self.timings.missed_pongs and self.session is not None:
            self._pings.clear()
            self.session.restart(Text(QT_TRANSLATE_NOOP("Feed", "%1 stopped answering pings"), NAME), at_once=False)
            return None
        stamp = int(time.time())
        self._pings.append(stamp)
        return json.dumps({"ping": stamp})

    def _on_pong(self, value: object) -> None:
        stamp = wire.num(value)
        if stamp is not None and int(stamp) in self._pings:
            self._pings.clear()  # every earlier ping is answered for by this one
        else:
            self.bad_messages.record("pong", str(value), "a pong for no ping we sent")

    def _on_message(self, raw: Message) -> None:
        try:
            frame = wire.frame_decoder.decode(raw)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            self.bad_messages.record("push", raw, exc)
            return
        if frame.body is not None:
            self._data_seen = True
            if self.session is not None:
                self.session.note_data()
            self._on_body(frame.body)
        elif frame.pong is not None:
            self._on_pong(frame.pong)
        # anything else has no ``body``: the vendor's document says to ignore it

    def _on_body(self, body: wire.Body) -> None:
        """One product's whole state → quote, depth and new prints for each holder."""
        code = body.StockCode
        holders = self._wanted.get(code)
        if not holders:
            return
        if code not in self._decimals:
            self._note_decimals(code, body)
        stamp = self._body_ts(body)
        if stamp is None:
            return
        now = _now_ms()
        ts = stamp or now
        keys = wire.print_keys(body)
        new = _new_prints(self._prints.get(code, []), keys)
        self._prints[code] = keys
        volume_delta = self._volume_delta(code, body)
        forex = is_forex(code)
        for symbol, holder in holders.items():
            channels = holder.channels
            if Channel.QUOTE in channels:
                self.emit(wire.to_quote(body, symbol, ts, volume=not forex))
            if Channel.DEPTH in channels:
                book = wire.to_book(body, symbol, ts)
                if book is not None:
                    self.emit(book)
            if Channel.TRADE not in channels and not holder.periods:
                continue
            trades = [t for t in (wire.to_trade(k, symbol, ts) for k in new) if t is not None]
            trades.sort(key=_trade_ts)
            trades = self.validator.keep(trades)  # a bad print never reaches the live bar either
            if Channel.TRADE in channels:
                for trade in trades:
                    self.emit(trade)
            if holder.periods and time_ok(ts, now):  # a push from the year 3000 moves no bar
                for period in holder.periods:
                    self._fold(symbol, period, trades, body, ts, 0.0 if forex else volume_delta)

    def _volume_delta(self, code: str, body: wire.Body) -> float:
        total = wire.num(body.TotalVol)
        if total is None or total < 0:
            return 0.0
        before = self._volume.get(code)
        self._volume[code] = total
        return total - before if before is not None and total >= before else 0.0

    def _fold(self, symbol: str, period: Period, trades: list[Trade], body: wire.Body,
              ts: int, volume_delta: float) -> None:
        """The live bar from the prints; a push without prints moves it by its last price and
        the growth of the day's volume."""
        live = self._bars.get((symbol, period))
        if live is None:
            return
        builder = live.builder
        if trades:
            for trade in trades:
                if trade.ts >= live.since_ms:
                    closed = builder.add(trade)
                    if closed is not None:
                        self.emit(closed)
        else:
            price = wire.num(body.Price)
            if price is None or not price_ok(price) or ts < live.since_ms:
                return
            closed = builder.add_price(ts, price, volume_delta)
            if closed is not None:
                self.emit(closed)
        if builder.current is not None:
            self.emit(builder.current)

    # -- watchdog and HTTP fallback ------------------------------------------------------------

    async def _watch(self) -> None:
        """Polls ``getQuote.php`` while the WebSocket is down, and says once when a connected,
        subscribed WebSocket brings nothing (a closed market, or an IP the vendor ignores)."""
        loop = asyncio.get_running_loop()
        next_poll = 0.0
        while True:
            await asyncio.sleep(min(self.timings.poll_interval, 0.5))
            now = loop.time()
            if self._data_seen:
                self._data_seen = False
                self._last_data = time.monotonic()
            session = self.session
            if not self._wanted or session is None:
                self._down_since = None
                self._set_polling(False)
                continue
            connected = session.connected and bool(self._carried)
            if connected or session.failure is not None:
                self._down_since = None
            elif self._down_since is None:
                self._down_since = now
            down = self._down_since is not None and now - self._down_since >= self.timings.fallback_after
            quiet = connected and time.monotonic() - self._last_data >= self.timings.quiet_alert
            if quiet and not self._quiet_told:
                self._quiet_told = True
                self.emit(Status(self.vendor, ConnectionState.CONNECTED, Text(QT_TRANSLATE_NOOP(
                    "Feed", "no data from %1 for %2 s: the markets may be closed, or %3"),
                    NAME, f"{self.timings.quiet_alert:.0f}", IP_HINT)))
            self._set_polling(down)
            if (down or quiet) and now >= next_poll:
                interval = self.timings.poll_interval if down else self.timings.quiet_poll_interval
                next_poll = now + interval
                await self._poll_once()

    def _set_polling(self, polling: bool) -> None:
        if polling == self.polling:
            return
        self.polling = polling
        if polling:
            self.emit(Status(self.vendor, ConnectionState.RECONNECTING, Text(QT_TRANSLATE_NOOP(
                "Feed", "the %1 WebSocket is down: polling getQuote.php every %2 s per product until it is back"),
                NAME, f"{self.timings.poll_interval:g}")))

    async def _poll_once(self) -> None:
        self.polls += 1
        codes = list(self._wanted)
        results = await asyncio.gather(*(self.quote_body(c) for c in codes), return_exceptions=True)
        for result in results:
            if isinstance(result, wire.Body):
                self._on_body(result)
            elif isinstance(result, AuthError):
                self._say(str(result), ConnectionState.ERROR)
            elif isinstance(result, BaseException) and not isinstance(result, asyncio.CancelledError):
                log.info("%s: polling: %s", NAME, result)


def _new_prints(before: list[wire.PrintKey], now: list[wire.PrintKey]) -> list[wire.PrintKey]:
    """Prints of this push not in the previous one (each push repeats the recent prints)."""
    if not before:
        return now
    remaining = list(before)
    out = []
    for key in now:
        if key in remaining:
            remaining.remove(key)
        else:
            out.append(key)
    return out


def _trade_ts(trade: Trade) -> int:
    return trade.ts


def _now_ms() -> int:
    return int(time.time() * 1000)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


__all__ = ["IP_HINT", "MaidongFeed", "MaidongLimits", "MaidongTimings"]
