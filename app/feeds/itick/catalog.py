"""What iTick offers the symbol browser: asset classes × regions, filled from ``/symbol/list``.

Only the pairs whose instruments have a canonical market are offered: iTick also lists stocks
in ~15 more regions (SG, JP, TW …), futures and a second crypto venue (BT), which the
canonical symbol table has no name for (see ``codes.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.instruments import crypto_price_decimals, market_defaults
from app.core.types import Category, Instrument
from app.feeds.itick.codes import CRYPTO_REGION, GB


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
    fields = market_defaults(symbol)
    if symbol.startswith("CRYPTO:") and price:
        decimals = crypto_price_decimals(price)
        fields["price_decimals"] = decimals
        fields["tick_size"] = 10.0 ** -decimals
    code = symbol.partition(":")[2]
    name = (name or "").strip()
    name_zh = name if _has_cjk(name) else ""
    return Instrument(symbol=symbol, name=name or code, name_zh=name_zh, category=category,
                      **fields)  # type: ignore[arg-type]
