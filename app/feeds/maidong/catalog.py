"""脉动数据's categories and symbol lists (``getCategory.php``, ``getSymbolList.php``) and the
instrument details made from them; a part of :class:`~app.feeds.maidong.feed.MaidongFeed`, kept
apart so the list code and the connection code change independently."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import msgspec

from app.core.instruments import market_defaults
from app.core.symbols import Market, market_of
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Category, Instrument, InstrumentPage
from app.feeds.base import FeedError
from app.feeds.maidong import wire
from app.feeds.maidong.codes import CRYPTO_CATEGORY, FX_CATEGORY, NAME
from app.feeds.maidong.rest import MaidongRest

if TYPE_CHECKING:
    from app.feeds.maidong.feed import MaidongTimings
    from app.feeds.transport.ratelimit import SlidingWindowLimiter

log = logging.getLogger(__name__)


@dataclass
class Listing:
    """One category as far as its pages have been read: the server's items by position."""

    entries: dict[int, tuple[str, str] | None] = field(default_factory=dict)  # (symbol, name)
    total: int | None = None  # None: not known (the server said none and pages came full)
    said_total: int | None = None  # the server's last word, for the log
    cap: int | None = None  # the largest page the server serves, once a page showed it
    proven: int = 0  # the largest page size the server has served in full
    ended: bool = False  # a page showed where the list ends
    complete: bool = False  # read to its end (or to the page bound): not asked again
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # one reader: no page asked twice

    def end(self, at: int) -> None:
        self.total = at if not self.ended or self.total is None else min(self.total, at)
        self.ended = True

    def known_total(self) -> int:
        """The total to show: with none known, one more than read (there may be more)."""
        return self.total if self.total is not None else len(self.entries) + 1


class MaidongCatalog(MaidongRest):
    """The list part of the 脉动数据 adapter (mixed into ``MaidongFeed``)."""

    max_list_pages = 100  # per read of a category, whatever its total says

    if TYPE_CHECKING:
        timings: MaidongTimings
        _lists_limiter: SlidingWindowLimiter
        _categories: list[Category] | None
        _listings: dict[str, Listing]

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
        listing = await self._read(category, first, first + page_size, page_size)
        return InstrumentPage(self._items(category, listing, first, first + page_size),
                              listing.known_total(), page, page_size)

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        known = [c.id for c in await self.categories()]
        if category is not None and category not in known:
            return []
        out: list[Instrument] = []
        for cat_id in [category] if category is not None else known:
            out += await self._list_all(cat_id)
        return out

    async def _list_all(self, category: str) -> list[Instrument]:
        """Every item of a category (read once; what the pages said is kept)."""
        listing = self._listings.get(category)
        if listing is None or not listing.complete:
            listing = await self._read(category, 0, sys.maxsize, self.timings.page_size)
            listing.complete = True  # to its end, or as far as the page bound lets it go
        return self._items(category, listing, 0, sys.maxsize)

    def _items(self, category: str, listing: Listing, start: int, stop: int) -> list[Instrument]:
        out: dict[str, Instrument] = {}
        if listing.total is not None:
            stop = min(stop, listing.total)
        for position in sorted(p for p in listing.entries if start <= p < stop):
            entry = listing.entries[position]
            if entry is not None and entry[0] not in out:
                out[entry[0]] = self._instrument(entry[0], entry[1], category)
        return list(out.values())

    async def _read(self, category: str, start: int, stop: int, size: int) -> Listing:
        """Ask for pages until positions ``[start, stop)`` are known or the list has ended.

        The server serves at most its own cap a page (a cap below ``pageSize`` answers a
        shorter page, at offsets of the cap): a short first page whose ``total`` says more
        tells the cap, and later pages are asked at that size. The list ends at the total, a
        short page, an empty page or a page with nothing new (a server that ignores paging);
        at most :attr:`max_list_pages` pages are asked per call, whatever the total says.
        """
        listing = self._listings.setdefault(category, Listing())
        async with listing.lock:
            return await self._read_locked(category, listing, start, stop, size)

    async def _read_locked(self, category: str, listing: Listing, start: int, stop: int, size: int) -> Listing:
        for _ in range(self.max_list_pages):
            end = stop if listing.total is None else min(stop, listing.total)
            missing = next((i for i in range(start, end) if i not in listing.entries), None)
            if missing is None:
                return listing
            step = listing.cap or size
            page = missing // step + 1
            if listing.cap is None and page > 1 and step > listing.proven:
                page = 1  # a capped server's page 2 starts at its cap: learn the cap first
            await self._read_page(category, listing, page, step)
        log.warning("%s: stopped listing category %s after %d pages (%d items, the server says %s)",
                    NAME, category, self.max_list_pages, len(listing.entries), listing.said_total)
        return listing

    async def _read_page(self, category: str, listing: Listing, page: int, step: int) -> None:
        codes, said = await self._symbol_page(category, page, step)
        listing.said_total = said
        offset = (page - 1) * step
        count = len(codes)
        if page == 1 and listing.cap is None and 0 < count < step and (said is None or count < said):
            listing.cap = count  # a short first page that is not the whole list (or may not be)
        elif count == step:
            listing.proven = max(listing.proven, step)
        known = {entry[0] for entry in listing.entries.values() if entry is not None}
        unread = {p: e for p, e in enumerate(codes, offset) if p not in listing.entries}
        again = bool(unread) and all(e is not None and e[0] in known for e in unread.values())
        if count == 0 or again:
            listing.end(offset)  # an empty page, or the same items again (paging ignored)
            return
        listing.entries.update(unread)
        if count < step and listing.cap != count:
            listing.end(offset + count)  # a short page is the last one
        elif not listing.ended:
            listing.total = max(said, offset + count) if said is not None else None

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
                    listing = self._listings.get(cat_id)
                    if listing is None or not listing.complete:
                        with contextlib.suppress(FeedError):
                            await self._list_all(cat_id)
                    found = self._find_listed(symbol)
                    if found is not None:
                        break
            name, category = found if found is not None else ("", None)
            out.append(self._instrument(symbol, name, category))
        return out

    def _find_listed(self, symbol: str) -> tuple[str, str] | None:
        for cat_id, listing in self._listings.items():
            for entry in listing.entries.values():
                if entry is not None and entry[0] == symbol:
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
