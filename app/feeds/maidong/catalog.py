"""脉动数据's categories and symbol lists (``getCategory.php``, ``getSymbolList.php``) and the
instrument details made from them."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import sys
from collections.abc import Iterable
from typing import Any

import msgspec

from app.core.instruments import market_defaults, market_instrument
from app.core.symbols import Market, market_of
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Category, Instrument, InstrumentPage
from app.feeds.base import FeedError
from app.feeds.maidong import wire
from app.feeds.maidong.codes import CRYPTO_CATEGORY, FX_CATEGORY, NAME
from app.feeds.maidong.rest import MaidongRest
from app.feeds.paging import PagedList
from app.feeds.transport.ratelimit import SpacedLimiter


class MaidongCatalog(MaidongRest):
    """The list part of the 脉动数据 adapter."""

    max_list_pages = 100  # per read of a category, whatever its total says (see app.feeds.paging)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._lists_limiter = SpacedLimiter(self.limits.lists_per_second)
        self._categories: list[Category] | None = None
        self._listings: dict[str, PagedList] = {}  # category → what its pages said

    async def _connect(self) -> None:
        """The categories first: an unauthorised IP is said here, once, before any WebSocket."""
        await self.categories()

    async def _list_request(self, path: str, params: dict, decoder: msgspec.json.Decoder,
                            unknown_shape: Text):
        """One paced list request, its envelope opened and its data decoded; a body of another
        shape is said in words (``unknown_shape``)."""
        content = await self._fetch(path, params, self._lists_limiter)
        envelope = self._open_envelope(path, content)
        try:
            return decoder.decode(envelope.data)
        except (msgspec.DecodeError, msgspec.ValidationError):
            raise FeedError(unknown_shape) from None

    async def categories(self) -> list[Category]:
        if self._categories is None:
            data = await self._list_request("/getCategory.php", {}, wire.category_decoder, Text(
                QT_TRANSLATE_NOOP("Feed", "%1 sent categories in an unknown shape"), NAME))
            self._categories = wire.to_categories(data)
        return list(self._categories)

    async def instruments_page(self, category: str, page: int, page_size: int) -> InstrumentPage:
        """The ``page_size`` items of ``page`` in the server's order, whatever size of page the
        server itself serves (its cap may be below what is asked)."""
        page, page_size = max(page, 1), max(page_size, 1)
        first = (page - 1) * page_size
        listing = self._listing(category)
        await listing.read(first, first + page_size, page_size, self.max_list_pages)
        return InstrumentPage(self._items(category, listing, first, first + page_size),
                              listing.known_total(), page, page_size)

    async def _category_list(self, category: str) -> list[Instrument]:
        """Every item of a category (read once; what the pages said is kept)."""
        listing = self._listing(category)
        if not listing.complete:
            await listing.read(0, sys.maxsize, self.timings.page_size, self.max_list_pages)
            listing.complete = True  # to its end, or as far as the page bound lets it go
        return self._items(category, listing, 0, sys.maxsize)

    def _listing(self, category: str) -> PagedList:
        listing = self._listings.get(category)
        if listing is None:
            listing = self._listings[category] = PagedList(functools.partial(self._symbol_page, category),
                                                           f"{NAME} category {category}")
        return listing

    def _items(self, category: str, listing: PagedList, start: int, stop: int) -> list[Instrument]:
        return [self._instrument(symbol, name, category) for symbol, name in listing.items(start, stop)]

    async def _symbol_page(self, category: str, page: int, size: int) -> tuple[list[tuple[str, str] | None], int | None]:
        """One ``getSymbolList.php`` page as (symbol, name) per item (``None`` for a code no
        symbol can spell) and the ``total`` the server says (``None`` when it says none)."""
        params = {"category": category, "page": page, "pageSize": size}
        data = await self._list_request("/getSymbolList.php", params, wire.symbol_page_decoder, Text(
            QT_TRANSLATE_NOOP("Feed", "%1 sent the symbol list in an unknown shape"), NAME))
        entries: list[tuple[str, str] | None] = []
        for item in data.items if data else []:
            symbol = self._symbol_of(item.code, category)
            if symbol is None:
                self.bad_messages.record("symbol", item.code, "a code no symbol can spell")
            entries.append(None if symbol is None else (symbol, item.name))
        total = wire.num(data.total) if data else None
        return entries, int(total) if total is not None and 0 < total < 1e12 else None

    def _instrument(self, symbol: str, name: str, category: str | None) -> Instrument:
        defaults = market_defaults(symbol)
        seen = self._decimals.get(self.code_of(symbol))
        price_decimals = seen[0] if seen else int(defaults.get("price_decimals", 2))  # type: ignore[call-overload]
        size_decimals = seen[1] if seen else int(defaults.get("size_decimals", 0))  # type: ignore[call-overload]
        return market_instrument(symbol, name or self.code_of(symbol), name, category,
                                 tick_size=10.0 ** -price_decimals, price_decimals=price_decimals,
                                 size_decimals=size_decimals)

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
                    if not self._listing(cat_id).complete:
                        with contextlib.suppress(FeedError):
                            await self._category_list(cat_id)
                    found = self._find_listed(symbol)
                    if found is not None:
                        break
            name, category = found if found is not None else ("", None)
            out.append(self._instrument(symbol, name, category))
        return out

    def _find_listed(self, symbol: str) -> tuple[str, str] | None:
        for cat_id, listing in self._listings.items():
            if (entry := listing.find(symbol)) is not None:
                return entry[1], cat_id
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
