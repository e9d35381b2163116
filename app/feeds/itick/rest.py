"""iTick's REST half: GET with the ``token`` header, the ``{"code": 0, "data": …}`` envelope and
how its refusals read, batched state requests (one per asset class and region), K-lines paged
back with ``et``, and the reference data (holidays, market status, company profiles)."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import msgspec

from app.core.holidays import VendorDays, vendor_date
from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Bar, Book, Quote, Trade
from app.core.validate import price_ok
from app.feeds.base import FeedError, UnknownSymbolError, UnsupportedError, VendorRefusal
from app.feeds.itick import wire
from app.feeds.itick.channels import ktype
from app.feeds.itick.codes import ItickCode, from_itick, to_itick
from app.feeds.itick.connection import NAME
from app.feeds.itick.plan import KEY_HINT
from app.feeds.live import LiveFeed
from app.feeds.transport.http import HttpClient

# iTick's market codes (``c``) for our exchanges; only "US" is confirmed by the fixtures.
CALENDAR_EXCHANGES = {"US": "XNYS", "HK": "XHKG", "CN": "XSHG", "SH": "XSHG", "SZ": "XSHG", "JP": "XTKS"}


class ItickRest(LiveFeed):
    """The REST part of the iTick adapter (the base of its live and list parts)."""

    http_refusal = QT_TRANSLATE_NOOP("Feed", "%1 refused the token (HTTP %2)%3 (%4)")

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._codes: dict[str, ItickCode] = {}  # canonical → where it lives (funds learnt from lists)
        self._prev_close: dict[str, float] = {}  # from REST quotes, for pushes that lack it
        self._prices: dict[str, float] = {}

    def _open_http(self) -> HttpClient:
        return super()._open_http(headers={"token": self._key, "accept": "application/json"})

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

    # -- requests ----------------------------------------------------------------------------

    async def _get(self, path: str, params: dict[str, object]) -> bytes:
        """The ``data`` of a GET (raw JSON, ``null`` when iTick found nothing)."""
        response = await self.http.get(path, params)
        self._check_refused(response)
        try:
            envelope = wire.envelope_decoder.decode(response.content)
        except (msgspec.DecodeError, msgspec.ValidationError):
            raise self._unreadable(path, response) from None
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

    async def _batch(self, symbols: Iterable[str], what: str, decoder: msgspec.json.Decoder,
                     by_name: bool = False) -> list[tuple[str, Any]]:
        """(symbol, item) from one ``/<asset>/<what>`` request per (asset, region); ``by_name``:
        an item keyed otherwise is matched by the code it names."""
        out = []
        for (asset, region), codes in self._group(symbols).items():
            data = await self._get(f"/{asset}/{what}", {"region": region, "codes": ",".join(codes)})
            for code, item in (decoder.decode(data) or {}).items():
                symbol = codes.get(code.upper()) or (codes.get(item.s.upper()) if by_name and item else None)
                if item is not None and symbol is not None:
                    out.append((symbol, item))
        return out

    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        out = []
        for symbol, item in await self._batch(symbols, "quotes", wire.quotes_decoder, by_name=True):
            out.append(self.make_quote(item, symbol))
            if item.ld is not None and price_ok(item.ld):
                self._prices[symbol] = item.ld  # tells a coin's decimals (describe)
        return out

    async def depth(self, symbols: Iterable[str]) -> list[Book]:
        now = int(time.time() * 1000)  # iTick books carry no time
        return [wire.to_book(item, symbol, now)
                for symbol, item in await self._batch(symbols, "depths", wire.depths_decoder)]

    async def last_trades(self, symbols: Iterable[str]) -> list[Trade]:
        """The latest trade of each symbol (iTick keeps no longer trade history)."""
        return [wire.to_trade(item, symbol)
                for symbol, item in await self._batch(symbols, "ticks", wire.ticks_decoder)]

    def make_quote(self, m: wire.QuoteFields, symbol: str) -> Quote:
        if m.p is not None and price_ok(m.p):  # a hostile p must not stamp every later push
            self._prev_close[symbol] = m.p
        return wire.to_quote(m, symbol, self._prev_close.get(symbol))

    async def _klines(self, symbol: str, period: Period, count: int, end: datetime | None) -> list[Bar]:
        """Pages back with ``et`` when ``count`` exceeds one request's bars."""
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
        return [bars[t] for t in sorted(bars)]

    async def holidays(self) -> list[wire.Holiday]:
        """Holidays and session hours per market (``/symbol/v2/holidays``; SDKs use the older
        ``/symbol/holidays``, tried when the first is missing)."""
        try:
            data = await self._get("/symbol/v2/holidays", {})
        except FeedError:
            data = await self._get("/symbol/holidays", {})
        return wire.holidays_decoder.decode(data) or []

    async def exchange_days(self) -> list[VendorDays]:
        """iTick's holidays as closures per exchange, over the year it says they cover (``ey``)
        or else the span of the dates it lists."""
        out = []
        for holiday in await self.holidays():
            exchange = CALENDAR_EXCHANGES.get((holiday.c or "").upper())
            closed = {d for text in holiday.dates() if (d := vendor_date(text)) is not None}
            year = int(holiday.ey) if (holiday.ey or "").isdigit() else None
            if exchange and (closed or year):
                first = date(year, 1, 1) if year else min(closed)
                last = date(year, 12, 31) if year else max(closed)
                out.append(VendorDays(self.vendor, exchange, first, last, closed=frozenset(closed)))
        return out

    async def market_status(self, region: str) -> wire.MarketStatus | None:
        return wire.status_decoder.decode(await self._get("/market/status", {"code": region}))

    async def stock_info(self, symbol: str) -> wire.StockInfo | None:
        code = self.code_of(symbol)
        if code.asset != "stock":
            raise UnsupportedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 has company profiles for stocks only (%2)"),
                                        NAME, symbol))
        return wire.info_decoder.decode(await self._get(
            "/stock/info", {"type": "stock", "region": code.region, "code": code.code}))
