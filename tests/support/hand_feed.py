"""A feed a test drives by hand (it emits what the test says; its bars are the test's list),
for the composite feeds' logic without sockets."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from app.core.periods import Period
from app.core.types import Bar, Category, Channel, ConnectionState, Instrument, Quote, Status
from app.feeds.base import Feed, FeedError, UnknownSymbolError


class HandFeed(Feed):
    """``vendor`` as given; ``bars`` what :meth:`klines` answers (cut at ``end`` and ``count``);
    ``down``: requests fail; ``serves``: the symbols it knows (None: all)."""

    def __init__(self, vendor: str, bars: list[Bar] | None = None, serves: set[str] | None = None) -> None:
        self.vendor = vendor
        super().__init__()
        self.bars = bars or []
        self.serves = serves
        self.down = False
        self.subscribed: dict[str, set[Channel]] = {}

    async def start(self) -> None:
        self.emit(Status(self.vendor, ConnectionState.CONNECTED))

    async def aclose(self) -> None:
        return None

    async def subscribe(self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1) -> None:
        symbols = list(symbols)
        unknown = [s for s in symbols if self.serves is not None and s not in self.serves]
        if unknown:
            raise UnknownSymbolError(f"{self.vendor} does not serve {','.join(unknown)}")
        for symbol in symbols:
            self.subscribed.setdefault(symbol, set()).update(channels)

    async def unsubscribe(self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1) -> None:
        for symbol in symbols:
            self.subscribed.pop(symbol, None)

    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        return []

    async def klines(self, symbol: str, period: Period, count: int, end: datetime | None = None) -> list[Bar]:
        if self.down:
            raise FeedError(f"{self.vendor} unreachable")
        bars = [b for b in self.bars if b.symbol == symbol and b.period == period.value]
        if end is not None:
            bars = [b for b in bars if b.ts <= end.timestamp() * 1000]
        return bars[-count:]

    async def categories(self) -> list[Category]:
        return []

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        return []
