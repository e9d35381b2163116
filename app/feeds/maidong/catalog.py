"""脉动数据's categories and symbol lists (``getCategory.php``, ``getSymbolList.php``) and the
instrument details made from them; a part of :class:`~app.feeds.maidong.feed.MaidongFeed`, kept
apart so the list code and the connection code change independently."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

import msgspec

from app.core.instruments import market_defaults
from app.core.symbols import Market, market_of
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Category, Instrument, InstrumentPage
from app.feeds.base import FeedError
from app.feeds.maidong import wire
from app.feeds.maidong.codes import CRYPTO_CATEGORY, FX_CATEGORY, NAME

if TYPE_CHECKING:
    from app.feeds.maidong.feed import MaidongTimings
    from app.feeds.transport.badmessages import BadMessageLog
    from app.feeds.transport.ratelimit import SlidingWindowLimiter


class MaidongCatalog:
    """The list half of the 脉动数据 adapter (mixed into ``MaidongFeed``)."""

    if TYPE_CHECKING:
        timings: MaidongTimings
        bad_messages: BadMessageLog
        _lists_limiter: SlidingWindowLimiter
        _categories: list[Category] | None
        _listed: dict[str, dict[str, Instrument]]
        _complete: set[str]
        _decimals: dict[str, tuple[int, int]]

        async def _fetch(self, path: str, params: dict[str, object],
                         limiter: SlidingWindowLimiter) -> bytes: ...
        def _open_envelope(self, path: str, content: bytes, subject: str = "") -> wire.Envelope: ...
        def _symbol_of(self, code: str, category: str | None) -> str | None: ...
        def code_of(self, symbol: str) -> str: ...
        async def quote_body(self, code: str, subject: str = "") -> wire.Body: ...

    async def categories(self) -> list[Category]:
        if self._categories is None:
            content = await self._fetch("/getCategory.php", {}, self._lists_limiter)
            envelope = self._open_envelope("/getCategory.php", content)
            try:
                data = wire.category_decoder.decode(envelope.data)
            except (msgspec.DecodeError, msgspec.ValidationError):
                raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 sent categories in an unknown shape"),
                                     NAME)) from None
            self._categories = wire.to_categories(data)
        return list(self._categories)

    async def instruments_page(self, category: str, page: int, page_size: int) -> InstrumentPage:
        page = max(page, 1)
        params = {"category": category, "page": page, "pageSize": page_size}
        content = await self._fetch("/getSymbolList.php", params, self._lists_limiter)
        envelope = self._open_envelope("/getSymbolList.php", content)
        try:
            data = wire.symbol_page_decoder.decode(envelope.data)
        except (msgspec.DecodeError, msgspec.ValidationError):
            raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 sent the symbol list in an unknown shape"),
                                 NAME)) from None
        listed = self._listed.setdefault(category, {})
        items = []
        for item in data.items if data else []:
            symbol = self._symbol_of(item.code, category)
            if symbol is None:
                self.bad_messages.record("symbol", item.code, "a code no symbol can spell")
                continue
            inst = self._instrument(symbol, item.name, category)
            listed[symbol] = inst
            items.append(inst)
        total = int(wire.num(data.total) or 0) if data else 0
        return InstrumentPage(items, max(total, len(items)), page, page_size)

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        known = [c.id for c in await self.categories()]
        if category is not None and category not in known:
            return []
        out: list[Instrument] = []
        for cat_id in [category] if category is not None else known:
            out += await self._list_all(cat_id)
        return out

    async def _list_all(self, category: str) -> list[Instrument]:
        """Every page of a category (cached): until the total is reached, a page comes back
        short or a page adds nothing new (a server that ignores paging)."""
        if category not in self._complete:
            size = self.timings.page_size
            page = 1
            seen: set[str] = set()
            while True:
                result = await self.instruments_page(category, page, size)
                fresh = {i.symbol for i in result.items} - seen
                seen |= fresh
                if not fresh or len(result.items) < size or page * size >= result.total:
                    break
                page += 1
            self._complete.add(category)
        return list(self._listed.get(category, {}).values())

    def _instrument(self, symbol: str, name: str, category: str | None) -> Instrument:
        defaults = market_defaults(symbol)
        seen = self._decimals.get(self.code_of(symbol))
        price_decimals = seen[0] if seen else int(defaults.get("price_decimals", 2))  # type: ignore[call-overload]
        size_decimals = seen[1] if seen else int(defaults.get("size_decimals", 0))  # type: ignore[call-overload]
        return Instrument(
            symbol=symbol, name=name or self.code_of(symbol), name_zh=name,
            currency=str(defaults.get("currency", "")),
            lot_size=float(defaults.get("lot_size", 1.0)),  # type: ignore[arg-type]
            tick_size=10.0 ** -price_decimals, price_decimals=price_decimals,
            size_decimals=size_decimals, category=category,
        )

    async def describe(self, symbols: Iterable[str]) -> list[Instrument]:
        """Names from the category lists (Chinese, as the vendor gives them) and precision from
        a quote's numbers (the vendor sends no tick size)."""
        wanted = list(dict.fromkeys(symbols))
        unseen = [s for s in wanted if self.code_of(s) not in self._decimals]
        await asyncio.gather(*(self.quote_body(self.code_of(s), s) for s in unseen),
                             return_exceptions=True)
        known = [c.id for c in await self.categories()]
        out = []
        for symbol in wanted:
            found = self._find_listed(symbol)
            if found is None:
                for cat_id in _likely_categories(symbol, known):
                    if cat_id not in self._complete:
                        with contextlib.suppress(FeedError):
                            await self._list_all(cat_id)
                    found = self._find_listed(symbol)
                    if found is not None:
                        break
            name, category = found if found is not None else ("", None)
            out.append(self._instrument(symbol, name, category))
        return out

    def _find_listed(self, symbol: str) -> tuple[str, str] | None:
        for cat_id, listed in self._listed.items():
            inst = listed.get(symbol)
            if inst is not None:
                return inst.name_zh, cat_id
        return None


def _likely_categories(symbol: str, known: list[str]) -> list[str]:
    market = market_of(symbol)
    if market is Market.CRYPTO:
        first = [CRYPTO_CATEGORY]
    elif market in (Market.FX, Market.CMDTY):
        first = [FX_CATEGORY]
    else:
        first = []
    return [c for c in first if c in known] + [c for c in known if c not in first]
