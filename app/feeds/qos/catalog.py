"""What QOS offers for the symbol browser: its markets as categories, and instrument details.

QOS gives names, currency and lot size (``/instrument-info``) but no tick size or price
precision; those follow the market's rules (HKEX spread table, US sub-penny rule, A-share
cent, FX pips), which is also what QOS's own price strings show.
"""

from __future__ import annotations

from app.core.instruments import market_defaults
from app.core.symbols import Market, market_of
from app.core.types import Category, Instrument
from app.feeds.qos.wire import InstrumentInfo

# id (the QOS market code, as QOS users know it), English name, Chinese name
MARKETS: tuple[Category, ...] = (
    Category("US", "US stocks", "美股"),
    Category("HK", "Hong Kong stocks", "港股"),
    Category("SH", "Shanghai A-shares", "沪市A股"),
    Category("SZ", "Shenzhen A-shares", "深市A股"),
    Category("CF", "Crypto perpetuals", "加密货币永续合约"),
    Category("FX", "Forex", "外汇"),
    Category("CM", "Commodities", "商品"),
    Category("IX", "Indices", "指数"),
)
MARKET_IDS = tuple(c.id for c in MARKETS)
_CATEGORY_OF = {
    Market.US: "US", Market.HK: "HK", Market.SH: "SH", Market.SZ: "SZ", Market.PERP: "CF",
    Market.FX: "FX", Market.CMDTY: "CM", Market.IDX: "IX",
}


def category_of(symbol: str) -> str | None:
    return _CATEGORY_OF.get(market_of(symbol))


def make_instrument(
    symbol: str, info: InstrumentInfo | None = None, name_zh: str = ""
) -> Instrument:
    """An instrument from what QOS said about it, completed by the market's rules."""
    fields = market_defaults(symbol)
    name_zh = (info.nc if info and info.nc else "") or name_zh
    name = (info.ne if info and info.ne else "") or name_zh or symbol.partition(":")[2]
    if info is not None:
        if info.tc:
            fields["currency"] = info.tc
        if info.ls:
            fields["lot_size"] = float(info.ls)
    return Instrument(symbol=symbol, name=name, name_zh=name_zh, category=category_of(symbol),
                      **fields)  # type: ignore[arg-type]
