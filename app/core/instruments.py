"""What a market's rules say about its instruments, for vendors that do not say it themselves.

Most vendors give a name and a currency at best; the tick size, the lot and the number of
decimals to show follow the market (HKEX spread table, US sub-penny rule, A-share cent, FX
pips), which is also what the vendors' own price strings show.
"""

from __future__ import annotations

import functools

from app.core.sessions import Calendar, calendar_for
from app.core.symbols import Market, market_of
from app.core.types import Instrument

_CRYPTO_QUOTES = ("USDT", "USDC", "FDUSD", "BUSD", "BTC", "ETH")
INDEX_CALENDARS = {"HSI": "HK", "HSCEI": "HK", "JPN225": "JP", "000001": "CN", "000300": "CN"}


def market_defaults(symbol: str) -> dict[str, object]:
    """Instrument fields (currency, lot, tick, decimals, calendar) by the market's rules."""
    market = market_of(symbol)
    code = symbol.partition(":")[2]
    if market is Market.US:
        return {"currency": "USD", "tick_table": "US", "price_decimals": 2}
    if market is Market.HK:
        return {"currency": "HKD", "lot_size": 100.0, "tick_table": "HK", "price_decimals": 3}
    if market in (Market.SH, Market.SZ):
        return {"currency": "CNY", "lot_size": 100.0, "tick_size": 0.01, "price_decimals": 2}
    if market is Market.PERP:
        return {"currency": "USDT", "lot_size": 0.001, "tick_size": 0.01, "price_decimals": 2,
                "size_decimals": 3}
    if market is Market.FX:
        jpy = code.endswith("JPY")
        return {"currency": code[3:], "lot_size": 1000.0, "tick_size": 0.001 if jpy else 0.00001,
                "price_decimals": 3 if jpy else 5}
    if market is Market.CMDTY:
        silver = code.startswith("XAG")
        return {"currency": "USD", "lot_size": 0.01, "tick_size": 0.001 if silver else 0.01,
                "price_decimals": 3 if silver else 2, "size_decimals": 2}
    if market is Market.CRYPTO:
        quote_ccy = next((q for q in _CRYPTO_QUOTES if code.endswith(q)), "")
        return {"currency": quote_ccy, "lot_size": 0.00001, "tick_size": 0.01, "price_decimals": 2,
                "size_decimals": 5}
    if market is Market.IDX:
        return {"price_decimals": 2, "calendar": INDEX_CALENDARS.get(code)}
    return {}


def market_instrument(symbol: str, name: str, name_zh: str = "", category: str | None = None,
                      **said: object) -> Instrument:
    """An instrument from what a vendor said of it (``said``: currency, lot, decimals …),
    every other field by the market's rules."""
    return Instrument(symbol=symbol, name=name, name_zh=name_zh, category=category,
                      **(market_defaults(symbol) | said))  # type: ignore[arg-type]


def crypto_price_decimals(price: float) -> int:
    """Decimals a spot exchange quotes a coin in, from its price (BTC 0.01, XRP 0.0001,
    DOGE 0.00001): for vendors that send plain JSON numbers and no tick size."""
    price = abs(price)
    if price >= 10:
        return 2
    if price >= 1:
        return 4
    if price >= 0.01:
        return 5
    return 8


@functools.lru_cache(maxsize=4096)  # asked per painted status cell; calendars never change
def symbol_calendar(symbol: str, name: str | None = None) -> Calendar:
    """The sessions ``symbol`` trades by: the instrument's own calendar ``name`` when it has
    one, else its market's rule (an index keeps its exchange's hours: IDX:HSI is Hong Kong's),
    else the market's default."""
    if name is None:
        name = market_defaults(symbol).get("calendar")  # type: ignore[assignment]
    return calendar_for(market_of(symbol), name)
