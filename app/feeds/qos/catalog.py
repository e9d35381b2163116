"""What QOS offers for the symbol browser: its markets as categories, and instrument details.

QOS gives names, currency and lot size (``/instrument-info``) but no tick size or price
precision; those follow the market's rules (HKEX spread table, US sub-penny rule, A-share
cent, FX pips), which is also what QOS's own price strings show.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.core.holidays import VendorDays, vendor_date
from app.core.instruments import market_instrument
from app.core.symbols import market_of
from app.core.types import Category, Instrument
from app.feeds.base import spelled
from app.feeds.qos import wire
from app.feeds.qos.codes import MARKET_CODES, group_codes, to_qos
from app.feeds.qos.exchange import QosExchange
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
# The markets ``/market-calendar`` answers for, and the exchange-calendars code of each.
CALENDAR_EXCHANGES = {"US": "XNYS", "HK": "XHKG", "SH": "XSHG", "SZ": "XSHG"}


def category_of(symbol: str) -> str | None:
    return MARKET_CODES.get(market_of(symbol))


def make_instrument(
    symbol: str, info: InstrumentInfo | None = None, name_zh: str = ""
) -> Instrument:
    """An instrument from what QOS said about it, completed by the market's rules."""
    said: dict[str, object] = {}
    name_zh = (info.nc if info and info.nc else "") or name_zh
    name = (info.ne if info and info.ne else "") or name_zh or symbol.partition(":")[2]
    if info is not None:
        if info.tc:
            said["currency"] = info.tc
        if info.ls:
            said["lot_size"] = float(info.ls)
    return market_instrument(symbol, name, name_zh, category_of(symbol), **said)


class QosCatalog(QosExchange):
    """The list half of the QOS adapter: product lists, instrument details, market calendars."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._names_zh: dict[str, str] = {}
        self._infos: dict[str, InstrumentInfo] = {}
        self._products: dict[str, list[Instrument]] = {}

    async def exchange_days(self) -> list[VendorDays]:
        """QOS's trading-day calendar (``/market-calendar``: ``"YYYYMMDD,F"``, ``H`` for a half
        day) per exchange: a weekday it does not list is closed."""
        data = await self._post("/market-calendar", {"market": sorted(CALENDAR_EXCHANGES)})
        out = []
        for market, listed in wire.calendar_decoder.decode(data).items():
            exchange = CALENDAR_EXCHANGES.get(market)
            days = {d: kind == "H" for text, _c, kind in (t.partition(",") for t in listed)
                    if (d := vendor_date(text)) is not None}
            if exchange and days:
                out.append(VendorDays(self.vendor, exchange, min(days), max(days), frozenset(days),
                                      frozenset(d for d, half in days.items() if half)))
        return out

    async def categories(self) -> list[Category]:
        return list(MARKETS)

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        if category is not None and category not in MARKET_IDS:
            return []
        wanted = [category] if category else list(MARKET_IDS)
        missing = [m for m in wanted if m not in self._products]
        if missing:
            data = await self._post("/product-list", {"market": missing})
            listed = wire.products_decoder.decode(data)
            for market in missing:
                found = []
                for product, symbol in spelled(lambda p: wire.canonical(p.code), listed.get(market, [])):
                    self._names_zh[symbol] = product.name
                    found.append(make_instrument(symbol, self._infos.get(symbol), product.name))
                self._products[market] = found
        return [inst for market in wanted for inst in self._products[market]]

    async def describe(self, symbols: Iterable[str]) -> list[Instrument]:
        """Names, currency and lot size from ``instrument-info`` (cached; one request)."""
        wanted = list(dict.fromkeys(symbols))
        unknown = [code for _s, code in spelled(to_qos, (s for s in wanted if s not in self._infos))]
        for start in range(0, len(unknown), self.plan.products):
            chunk = unknown[start:start + self.plan.products]
            data = await self._fetch("RI", {"codes": group_codes(chunk)})
            for info, symbol in spelled(lambda i: wire.canonical(i.c), wire.infos_decoder.decode(data)):
                self._infos[symbol] = info
        return [
            make_instrument(s, self._infos.get(s), self._names_zh.get(s, "")) for s in wanted
            if s in self._infos or s in self._names_zh
        ]
