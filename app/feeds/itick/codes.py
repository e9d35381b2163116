"""Canonical symbols ↔ iTick's (asset class, region, code).

iTick addresses an instrument by asset class (the REST path and the WebSocket URL), a region
and a code: ``/stock`` ``HK`` ``700``. Its forex class also carries metals and energy CFDs
(``XAUUSD``, ``USOIL`` in region ``GB``), which are ``CMDTY:`` here, not ``FX:``. Push symbols
come in three spellings across the docs' versions (``AAPL.US``; bare ``EURUSD`` plus ``r``;
``EURUSD$GB``); :func:`split_push_symbol` reads them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.symbols import Market, Symbol, SymbolError
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.base import UnknownSymbolError

ASSET_CLASSES = ("stock", "forex", "indices", "crypto", "future", "fund")

# The ISO 4217 codes that make a six-letter forex code a currency pair (not a metal or energy).
_CURRENCIES = frozenset(
    "USD EUR JPY GBP AUD NZD CAD CHF CNH CNY HKD SGD SEK NOK DKK PLN CZK HUF TRY ZAR MXN BRL "
    "INR KRW TWD THB IDR MYR PHP ILS RUB SAR AED".split()
)

# Regions whose stocks have a canonical market; the rest of iTick's ~19 stock regions (SG, JP,
# TW …) have no market in the canonical table, so they are not offered.
STOCK_REGIONS = {"US": Market.US, "HK": Market.HK, "SH": Market.SH, "SZ": Market.SZ}
CRYPTO_REGION = "BA"  # Binance spot: CRYPTO:BTCUSDT means the Binance pair on iTick
GB = "GB"  # iTick's region for forex, metals, energy and its index CFDs


@dataclass(frozen=True, slots=True)
class ItickCode:
    """Where one instrument lives on iTick."""

    asset: str  # stock, forex, indices, crypto, fund
    region: str
    code: str

    @property
    def wire(self) -> str:
        """The WebSocket subscribe spelling, ``CODE$REGION``."""
        return f"{self.code}${self.region}"


def is_currency_pair(code: str) -> bool:
    return len(code) == 6 and code[:3] in _CURRENCIES and code[3:] in _CURRENCIES


def to_itick(symbol: str) -> ItickCode:
    """The iTick address of a canonical symbol, or words saying why iTick has none."""
    try:
        parsed = Symbol.parse(symbol)
    except SymbolError as exc:
        raise UnknownSymbolError(exc.args[0]) from None
    market, code = parsed.market, parsed.code
    if market is Market.HK:
        return ItickCode("stock", "HK", code.lstrip("0") or "0")
    if market in (Market.US, Market.SH, Market.SZ):
        return ItickCode("stock", market.value, code)
    if market in (Market.FX, Market.CMDTY):  # metals and energy are in iTick's forex class
        return ItickCode("forex", GB, code)
    if market is Market.IDX:
        return ItickCode("indices", GB, code)
    if market is Market.CRYPTO:
        return ItickCode("crypto", CRYPTO_REGION, code)
    hint = Text(QT_TRANSLATE_NOOP("Feed", "; iTick lists crypto spot: try CRYPTO:%1"), code) if market is Market.PERP else ""
    raise UnknownSymbolError(Text(QT_TRANSLATE_NOOP("Feed", "iTick does not serve %1 symbols (%2)%3"),
                                  market.value, symbol, hint))


def from_itick(asset: str, region: str, code: str) -> str:
    """The canonical symbol of an iTick address (``stock HK 700`` → ``HK:00700``)."""
    region, code = region.upper(), code.strip().upper()
    market: Market | None = None
    if asset == "stock":
        market = STOCK_REGIONS.get(region)
    elif asset == "fund" and region == "US":
        market = Market.US  # an ETF trades like a US stock; the adapter remembers its class
    elif asset == "forex":
        market = Market.FX if is_currency_pair(code) else Market.CMDTY
    elif asset == "indices":
        market = Market.IDX
    elif asset == "crypto" and region == CRYPTO_REGION:
        market = Market.CRYPTO
    if market is None:
        raise UnknownSymbolError(Text(QT_TRANSLATE_NOOP("Feed", "no canonical market for iTick %1 %2:%3"),
                                      asset, region, code))
    try:
        return str(Symbol.parse(f"{market.value}:{code}"))
    except SymbolError as exc:
        raise UnknownSymbolError(Text(QT_TRANSLATE_NOOP("Feed", "iTick %1 %2:%3: %4"), asset, region, code,
                                      exc.args[0])) from None


_REGION_SUFFIXES = frozenset({*STOCK_REGIONS, GB, "BA", "BT", "CN", "SG", "JP", "TW", "IN", "KR"})


def split_push_symbol(s: str, r: str | None) -> tuple[str, str | None]:
    """(code, region) of a push's ``s`` (and ``r`` when present), upper case.

    ``EURUSD`` + ``r:"GB"`` (current docs), ``EURUSD$GB`` (current depth example), ``AAPL.US``
    (2024 docs). A dot only separates a known region, so ``BRK.B`` stays one code.
    """
    s = s.strip().upper()
    region = r.strip().upper() if r else None
    if "$" in s:
        code, _, suffix = s.partition("$")
        return code, region or suffix.rpartition("$")[2]
    head, dot, suffix = s.rpartition(".")
    if dot and suffix in _REGION_SUFFIXES:
        return head, region or suffix
    return s, region
