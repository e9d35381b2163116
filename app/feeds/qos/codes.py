"""Canonical symbols ↔ QOS codes.

QOS spells markets its own way (``CF`` perpetuals, ``CM`` commodities, ``IX`` indices) and
sends HK codes unpadded (``HK:700``) while listing them padded. ``CM`` meant crypto *spot*
before 2025-03-15; such a code from an old configuration is refused with words, never
forwarded as a commodity.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.core.symbols import Market, Symbol, SymbolError
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.base import UnknownSymbolError

MARKET_CODES = {  # also the symbol browser's category ids (catalog.py)
    Market.US: "US", Market.HK: "HK", Market.SH: "SH", Market.SZ: "SZ", Market.FX: "FX",
    Market.PERP: "CF", Market.CMDTY: "CM", Market.IDX: "IX",
}
_FROM_QOS = {q: m for m, q in MARKET_CODES.items()} | {"SI": Market.IDX}
_CRYPTO_QUOTES = ("USDT", "USDC", "BUSD", "FDUSD")


class LegacyCodeError(UnknownSymbolError):
    """A pre-2025-03 QOS crypto code (``CM:BTCUSDT``)."""


def _looks_crypto(code: str) -> bool:
    return code.endswith(_CRYPTO_QUOTES) or code.startswith(("BTC", "ETH"))


def _legacy(code: str) -> LegacyCodeError:
    return LegacyCodeError(Text(QT_TRANSLATE_NOOP(
        "Feed", "CM:%1 is QOS's old code for crypto spot; since 2025-03-15 CM means commodities "
        "and QOS serves crypto as perpetual contracts: use PERP:%1 (QOS CF:%1)"), code))


def to_qos(symbol: str) -> str:
    """The QOS code of a canonical symbol (HK unpadded), or words saying why there is none."""
    parsed = Symbol.parse(symbol)
    market = MARKET_CODES.get(parsed.market)
    if market is None:
        hint = (Text(QT_TRANSLATE_NOOP("Feed", "; QOS lists crypto perpetuals: try PERP:%1"), parsed.code)
                if parsed.market is Market.CRYPTO else "")
        raise UnknownSymbolError(Text(QT_TRANSLATE_NOOP("Feed", "QOS does not serve %1 symbols (%2)%3"),
                                      parsed.market.value, symbol, hint))
    if parsed.market is Market.CMDTY and _looks_crypto(parsed.code):
        raise _legacy(parsed.code)
    code = (parsed.code.lstrip("0") or "0") if parsed.market is Market.HK else parsed.code
    return f"{market}:{code}"


def from_qos(code: str) -> str:
    """The canonical symbol of a QOS code (``HK:700`` → ``HK:00700``, ``CF:X`` → ``PERP:X``)."""
    market_text, sep, rest = code.partition(":")
    market = _FROM_QOS.get(market_text)
    if not sep or market is None:
        raise UnknownSymbolError(Text(QT_TRANSLATE_NOOP("Feed", "unknown QOS code '%1'"), code))
    if market is Market.CMDTY and _looks_crypto(rest.upper()):
        raise _legacy(rest.upper())
    try:
        return str(Symbol.parse(f"{market.value}:{rest}"))
    except SymbolError as exc:
        raise UnknownSymbolError(Text(QT_TRANSLATE_NOOP("Feed", "unknown QOS code '%1': %2"), code,
                                      exc.args[0])) from None


def group_codes(qos_codes: Iterable[str]) -> list[str]:
    """QOS request form: one comma-joined string per market (``["US:AAPL,TSLA", "HK:700"]``)."""
    by_market: dict[str, list[str]] = {}
    for code in qos_codes:
        market, _, rest = code.partition(":")
        bucket = by_market.setdefault(market, [])
        if rest not in bucket:
            bucket.append(rest)
    return [f"{market}:{','.join(rest)}" for market, rest in by_market.items()]
