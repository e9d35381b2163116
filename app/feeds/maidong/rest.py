"""脉动数据's HTTP (GET) requests: the shared fetch that turns a refusal of this computer into
words, the vendor's envelope and error codes, ``getQuote.php`` (the state of one product) and
``redis.php`` (K-lines)."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import httpx
import msgspec

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Bar, Quote
from app.core.validate import NON_FINITE, now_ms
from app.feeds.base import AuthError, FeedError, UnknownSymbolError, UnsupportedError
from app.feeds.live import LiveFeed
from app.feeds.maidong import wire
from app.feeds.maidong.codes import NAME, from_maidong, is_forex, to_maidong
from app.feeds.maidong.plan import IP_HINT, MaidongLimits
from app.feeds.transport.http import HttpClient, HungUpError
from app.feeds.transport.ratelimit import SlidingWindowLimiter
from app.feeds.transport.words import where

# Said after an unknown code: the vendor's codes are not guessable.
LISTED_HINT = QT_TRANSLATE_NOOP("Feed", "%1 does not know %2%3 (codes are case-sensitive; "
                                "`quote-terminal symbols --vendor maidong` lists them)")
_REFUSAL_WORDS = re.compile(r"(?i)\bip\b|auth|授权|白名单|forbid|denied|permission|权限|禁止")
_NOT_FOUND_WORDS = re.compile(r"(?i)not.?found|no.?such|unknown|不存在|无此|没有|错误的代码")


class MaidongRest(LiveFeed):
    """The request part of the 脉动数据 adapter (the base of its other parts)."""

    http_refusal = QT_TRANSLATE_NOOP("Feed", "%1 refused this computer (HTTP %2%3): %4")

    def __init__(self, *, limits: MaidongLimits | None = None, transport: httpx.AsyncBaseTransport | None = None,
                 **options: Any) -> None:
        """``transport`` replaces the network under the HTTP client (a proxy, a test double)."""
        super().__init__(**options)
        self.limits = limits or MaidongLimits()
        self._transport = transport
        self._quote_limiters: dict[str, SlidingWindowLimiter] = {}
        self._kline_limiters: dict[str, SlidingWindowLimiter] = {}
        self._codes: dict[str, str] = {}  # canonical → code, learnt from the vendor's lists
        self._decimals: dict[str, tuple[int, int]] = {}  # code → (price, size) decimals seen
        self._answered = False  # the vendor has answered an HTTP request (hang-ups: outages)

    def _open_http(self) -> HttpClient:
        return super()._open_http(headers={"Accept-Encoding": "gzip"}, retries=self.timings.http_retries,
                                  transport=self._transport)

    def _address(self) -> str:
        return where(self.base_url)

    # -- addresses ---------------------------------------------------------------------------

    def code_of(self, symbol: str) -> str:
        code = self._codes.get(symbol)
        return code if code is not None else to_maidong(symbol)

    def _symbol_of(self, code: str, category: str | None) -> str | None:
        symbol = from_maidong(code, category)
        if symbol is not None and to_maidong(symbol) != code:
            self._codes[symbol] = code  # a listed spelling the patterns would not produce
        return symbol

    def _limiter(self, table: dict[str, SlidingWindowLimiter], code: str, rate: int) -> SlidingWindowLimiter:
        limiter = table.get(code)
        if limiter is None:
            limiter = table[code] = SlidingWindowLimiter(rate, 1.0)
        return limiter

    async def _fetch(self, path: str, params: dict[str, object], limiter: SlidingWindowLimiter) -> bytes:
        """A GET's body; a refusal of this computer becomes :class:`AuthError` in words."""
        http = self.http
        if isinstance(self.failure, AuthError):
            raise self.failure  # refused once: not asked again until the user acts
        try:
            response = await http.get(path, params, limiter=limiter)
        except HungUpError as exc:
            if self._answered:
                raise  # it answered before: an outage (the caller retries), not a refusal
            raise AuthError(Text(QT_TRANSLATE_NOOP(
                "Feed", "%1 closed every connection without answering (%2); most likely %3"),
                NAME, exc.text, IP_HINT)) from None
        self._answered = True  # from now on a hang-up is an outage
        self._check_refused(response)
        if response.status_code >= 400:
            raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 answered %2 with HTTP %3%4"),
                                 NAME, path, response.status_code, self._quoted(response)))
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
        now = now_ms()
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

    async def _klines(self, symbol: str, period: Period, count: int, end: datetime | None) -> list[Bar]:
        """The latest bars (redis.php has no end parameter: with ``end``, the rows the vendor
        keeps are fetched, and ``klines`` cuts them there)."""
        code, time = self.code_of(symbol), time_code(period)
        limit = wire.row_limit(period)
        rows = limit if end is not None else min(count, limit)
        limiter = self._limiter(self._kline_limiters, code, self.limits.klines_per_second)
        content = await self._fetch("/redis.php", {"code": code, "time": time, "rows": rows}, limiter)
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
        return bars

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


def time_code(period: Period) -> str:
    """redis.php's code for a period, or words saying the vendor has no such bars."""
    code = wire.PERIOD_CODES.get(period)
    if code is None:
        offered = " ".join(p.value for p in wire.PERIOD_CODES)
        raise UnsupportedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 has no %2 bars; it offers %3"),
                                    NAME, period.value, offered))
    return code


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
