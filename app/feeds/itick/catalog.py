"""What iTick offers the symbol browser: asset classes × regions, filled from ``/symbol/list``.

Only the pairs whose instruments have a canonical market are offered: iTick also lists stocks
in ~15 more regions (SG, JP, TW …), futures and a second crypto venue (BT), which the
canonical symbol table has no name for (see ``codes.py``). :class:`ItickCatalog` reads and
caches the lists (one request per category, on a plan of a few requests a minute).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.core.instruments import crypto_price_decimals, market_instrument
from app.core.types import Category, Instrument
from app.feeds.base import FeedError, spelled
from app.feeds.itick import wire
from app.feeds.itick.codes import CRYPTO_REGION, GB
from app.feeds.itick.live import ItickLive


@dataclass(frozen=True)
class ItickCategory:
    asset: str
    region: str
    category: Category


def _cat(asset: str, region: str, name: str, name_zh: str) -> ItickCategory:
    return ItickCategory(asset, region, Category(f"{asset}-{region}", name, name_zh))


CATEGORIES: tuple[ItickCategory, ...] = (
    _cat("stock", "US", "US stocks", "美股"),
    _cat("stock", "HK", "Hong Kong stocks", "港股"),
    _cat("stock", "SH", "Shanghai A-shares", "沪市A股"),
    _cat("stock", "SZ", "Shenzhen A-shares", "深市A股"),
    _cat("fund", "US", "US funds (ETF)", "美国基金"),
    _cat("forex", GB, "Forex, metals and energy", "外汇与贵金属"),
    _cat("indices", GB, "Indices", "指数"),
    _cat("crypto", CRYPTO_REGION, "Crypto spot (Binance)", "加密货币现货"),
)
BY_ID = {c.category.id: c for c in CATEGORIES}


def category_id(asset: str, region: str) -> str:
    return f"{asset}-{region.upper()}"


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def make_instrument(
    symbol: str, category: str | None, name: str | None = None, price: float | None = None
) -> Instrument:
    """An instrument from iTick's list entry, completed by the market's rules. iTick sends no
    tick size; for crypto, a price seen tells how many decimals the exchange quotes."""
    said: dict[str, object] = {}
    if symbol.startswith("CRYPTO:") and price:
        decimals = crypto_price_decimals(price)
        said = {"price_decimals": decimals, "tick_size": 10.0 ** -decimals}
    name = (name or "").strip()
    return market_instrument(symbol, name or symbol.partition(":")[2], name if _has_cjk(name) else "", category,
                             **said)


class ItickCatalog(ItickLive):
    """The list part of the iTick adapter."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._lists: dict[str, list[Instrument]] = {}

    async def categories(self) -> list[Category]:
        return [c.category for c in CATEGORIES]

    async def _category_list(self, cat_id: str) -> list[Instrument]:
        cached = self._lists.get(cat_id)
        if cached is not None:
            return cached
        cat = BY_ID[cat_id]
        data = await self._get("/symbol/list", {"type": cat.asset, "region": cat.region})
        found = []
        items = wire.symbols_decoder.decode(data) or []
        for item, symbol in spelled(lambda i: self._symbol_of(cat.asset, cat.region, i.c), items):
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
            listed = {inst.symbol: inst for inst in await self._category_list(cat_id)}
            for symbol in codes.values():
                inst = listed.get(symbol)
                if inst is not None:
                    if symbol.startswith("CRYPTO:"):
                        inst = make_instrument(symbol, cat_id, inst.name, self._prices.get(symbol))
                    out.append(inst)
        return out
