"""脉动数据 codes ↔ canonical symbols.

The vendor's codes are opaque and case-sensitive (``btcusdt``, ``fx_sgbpusd``, ``HX_HSI``).
Where a code is an instrument other vendors also quote, it gets the common canonical name
(``CRYPTO:BTCUSDT``, ``FX:GBPUSD``, ``CMDTY:XAUUSD``); everything else (its futures) is
``MD:<code>`` verbatim. Codes learnt from the vendor's lists take precedence over the patterns,
so a listed spelling always round-trips.
"""

from __future__ import annotations

import re

from app.core.symbols import Market, Symbol, SymbolError
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.base import UnknownSymbolError

NAME = "脉动数据"
FX_CATEGORY = "1"
CRYPTO_CATEGORY = "4"

_FX_CODE = re.compile(r"fx_s([a-z]{6})")
_CRYPTO_CODE = re.compile(r"[a-z0-9]{2,16}(?:usdt|usdc|fdusd|busd|btc|eth)")
_ALNUM = re.compile(r"[A-Za-z0-9]{2,20}")
_METALS = ("XAU", "XAG", "XPT", "XPD")  # spot metals are CMDTY, not FX, in canonical names


def to_maidong(symbol: str) -> str:
    """The vendor code of a canonical symbol by the documented patterns."""
    market, _, code = symbol.partition(":")
    if market == Market.CRYPTO:
        return code.lower()
    if market == Market.FX or (market == Market.CMDTY and len(code) == 6 and code[:3] in _METALS):
        return f"fx_s{code.lower()}"
    if market == Market.MD:
        return code
    raise UnknownSymbolError(Text(QT_TRANSLATE_NOOP(
        "Feed", "%1 has no %2: it serves forex (FX:GBPUSD), crypto (CRYPTO:BTCUSDT) and its own futures "
        "codes (MD:HX_HSI); `quote-terminal symbols --vendor maidong` lists them"), NAME, symbol))


def from_maidong(code: str, category: str | None = None) -> str | None:
    """The canonical symbol of a vendor code, or None for a code no symbol can spell."""
    fx = _FX_CODE.fullmatch(code)
    if fx:
        pair = fx.group(1).upper()
        return f"{Market.CMDTY if pair[:3] in _METALS else Market.FX}:{pair}"
    if _CRYPTO_CODE.fullmatch(code) or (category == CRYPTO_CATEGORY and _ALNUM.fullmatch(code)):
        return f"{Market.CRYPTO}:{code.upper()}"
    try:
        return str(Symbol.parse(f"MD:{code}"))
    except SymbolError:
        return None


def is_forex(code: str) -> bool:
    """Forex codes carry no meaningful volume on this vendor."""
    return _FX_CODE.fullmatch(code) is not None
