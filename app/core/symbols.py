"""Canonical ``MARKET:CODE`` symbols.

The market names the kind of instrument, never the vendor, so one canonical symbol means the
same instrument whichever feed serves it. Parsing is strict: a user's typo becomes a sentence
that says what was expected, not a silent wrong subscription.
"""

from __future__ import annotations

import re
from enum import StrEnum

import msgspec

from app.core.text import QT_TRANSLATE_NOOP, Text


class Market(StrEnum):
    US = "US"
    HK = "HK"
    SH = "SH"
    SZ = "SZ"
    FX = "FX"
    CMDTY = "CMDTY"
    IDX = "IDX"
    CRYPTO = "CRYPTO"
    PERP = "PERP"
    MD = "MD"


class SymbolError(ValueError):
    """A symbol string that is not a valid canonical symbol; the message is for users."""


_CODE_RULES: dict[Market, tuple[re.Pattern[str], Text]] = {
    Market.US: (re.compile(r"[A-Z][A-Z0-9.\-]{0,9}"), Text(QT_TRANSLATE_NOOP("Core", "a ticker such as AAPL or BRK.B"))),
    Market.HK: (re.compile(r"\d{1,5}"), Text(QT_TRANSLATE_NOOP("Core", "up to 5 digits such as 00700"))),
    Market.SH: (re.compile(r"\d{6}"), Text(QT_TRANSLATE_NOOP("Core", "6 digits such as 600519"))),
    Market.SZ: (re.compile(r"\d{6}"), Text(QT_TRANSLATE_NOOP("Core", "6 digits such as 002594"))),
    Market.FX: (re.compile(r"[A-Z]{6}"), Text(QT_TRANSLATE_NOOP("Core", "a 6-letter pair such as EURUSD"))),
    Market.CMDTY: (re.compile(r"[A-Z0-9]{2,12}"), Text(QT_TRANSLATE_NOOP("Core", "a code such as XAUUSD"))),
    Market.IDX: (re.compile(r"[A-Z0-9._]{1,20}"), Text(QT_TRANSLATE_NOOP("Core", "an index code such as HSI or SPX"))),
    Market.CRYPTO: (re.compile(r"[A-Z0-9]{2,20}"), Text(QT_TRANSLATE_NOOP("Core", "a pair without separator such as BTCUSDT"))),
    Market.PERP: (re.compile(r"[A-Z0-9]{2,20}"), Text(QT_TRANSLATE_NOOP("Core", "a pair without separator such as BTCUSDT"))),
    Market.MD: (re.compile(r"[A-Za-z0-9_.\-]{1,32}"), Text(QT_TRANSLATE_NOOP("Core", "a 脉动数据 code such as HX_HSI"))),
}

_MARKETS_TEXT = ", ".join(m.value for m in Market)


class Symbol(msgspec.Struct, frozen=True, order=True):
    """A parsed canonical symbol; ``str(symbol)`` is its canonical text."""

    market: Market
    code: str

    def __str__(self) -> str:
        return f"{self.market.value}:{self.code}"

    @classmethod
    def parse(cls, text: str) -> Symbol:
        """Parse and normalise user or vendor text (``"hk:700"`` → ``HK:00700``)."""
        raw = text.strip()
        market_text, sep, code = raw.partition(":")
        if not sep or not market_text or not code:
            raise SymbolError(Text(QT_TRANSLATE_NOOP(
                "Core", "'%1' is not a symbol: expected MARKET:CODE such as US:AAPL or HK:00700 (markets: %2)"),
                text, _MARKETS_TEXT))
        try:
            market = Market(market_text.strip().upper())
        except ValueError:
            raise SymbolError(Text(QT_TRANSLATE_NOOP("Core", "'%1': unknown market '%2' (markets: %3)"),
                                   text, market_text, _MARKETS_TEXT)) from None
        code = code.strip()
        if market is not Market.MD:  # 脉动 codes are case-sensitive and kept verbatim
            code = code.upper()
        pattern, expected = _CODE_RULES[market]
        if not pattern.fullmatch(code):
            raise SymbolError(Text(QT_TRANSLATE_NOOP("Core", "'%1': a %2 code is %3"), text, market.value, expected))
        if market is Market.HK:
            code = code.zfill(5)
        return cls(market, code)


def normalize(text: str) -> str:
    """Canonical text of a symbol, raising :class:`SymbolError` with words for users."""
    return str(Symbol.parse(text))


def market_of(symbol: str) -> Market:
    """Market of an already canonical symbol string (cheap: no validation)."""
    return Market(symbol.partition(":")[0])


# Markets written after a dot (``600519.SH``, Yahoo's ``600519.SS`` and ``0700.HK``) or before
# one (Futu's ``HK.00700``), or glued in front (同花顺/通达信's ``SH600519``).
_SUFFIXES = {"SH": Market.SH, "SS": Market.SH, "SZ": Market.SZ, "HK": Market.HK, "US": Market.US}
_GLUED = re.compile(r"(SH|SZ|HK)(\d{1,6})")
_US_TICKER = re.compile(r"[A-Z]{1,5}(?:[.\-][A-Z])?")  # AAPL, BRK.B, BF-B


def parse_common(text: str) -> Symbol:
    """Parse a code as other terminals and exchanges write it, for imported lists: canonical
    ``HK:00700``, ``600519.SH`` / ``600519.SS`` / ``SH600519`` / ``sh.600519``, ``00700.HK`` /
    ``0700.HK`` / ``HK.00700``, ``AAPL`` / ``AAPL.US``, and bare codes read the way A-share and
    Hong Kong users write them: six digits are Shanghai when they start with 5, 6 or 9 and
    Shenzhen when they start with 0, 1, 2 or 3; up to five digits are Hong Kong; one to five
    letters are a US ticker. Anything else raises :class:`SymbolError` (8xxxxx and 4xxxxx are
    Beijing's and the NEEQ's, which no feed here serves)."""
    raw = text.strip().strip('="\'').strip()  # 通达信 writes ="600519" so that Excel keeps the zeros
    if ":" in raw:
        return Symbol.parse(raw)
    upper = raw.upper()
    head, dot, tail = upper.rpartition(".")
    if dot and tail in _SUFFIXES and head:
        return Symbol.parse(f"{_SUFFIXES[tail].value}:{head}")
    head, dot, tail = upper.partition(".")
    if dot and head in _SUFFIXES and tail:
        return Symbol.parse(f"{_SUFFIXES[head].value}:{tail}")
    glued = _GLUED.fullmatch(upper)
    if glued:
        return Symbol.parse(f"{glued[1]}:{glued[2]}")
    if upper.isdigit() and len(upper) == 6:
        market = {"5": Market.SH, "6": Market.SH, "9": Market.SH,
                  "0": Market.SZ, "1": Market.SZ, "2": Market.SZ, "3": Market.SZ}.get(upper[0])
        if market is not None:
            return Symbol(market, upper)
    elif upper.isdigit() and len(upper) <= 5:
        return Symbol(Market.HK, upper.zfill(5))
    elif _US_TICKER.fullmatch(upper):
        return Symbol(Market.US, upper)
    raise SymbolError(Text(QT_TRANSLATE_NOOP(
        "Core", "'%1' is not a code this terminal knows (e.g. 600519, SH600519, 600519.SH, 00700.HK, AAPL or US:AAPL)"),
        text))
