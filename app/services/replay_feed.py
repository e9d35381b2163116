"""The replay as the window plays it: :class:`~app.feeds.replay.ReplayFeed` with a chart that moves
in step.

A chart follows live bars (``Channel.BAR``), and most recordings hold none of the period a chart
asks for (a vendor sends the bars of the period subscribed while recording, if any), so the bars
are built here from the replayed prints as they play (``app.core.bars.BarBuilder``, the live bar
builder), seeded with the bar the chart's history ends on; a recording that holds bars of that
period plays its own instead. The history a chart asks for (``klines``) is the replay's own bars
up to the play position, continued back in time by the kline cache's bars of the recorded vendor
from before the recording's start: the chart shows the day leading up to the recording.
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime

import msgspec

from app.core.bars import BarBuilder
from app.core.periods import Period
from app.core.types import Bar, Channel, Event, Instrument, Trade
from app.feeds.replay import ReplayFeed
from app.feeds.replay.history import recorded_bars

# (vendor, symbol, period, count, before ms) → the newest cached bars before that time, oldest first
CachedBars = Callable[[str, str, str, int, int], Awaitable[list[Bar]]]

Key = tuple[str, str]  # (symbol, period)
VENDOR_LOOKUP_EVENTS = 100_000  # how far into a recording a symbol's vendor is looked for


class WindowReplay(ReplayFeed):
    """A ReplayFeed whose subscribed bars are built from its prints (see the module), whose
    ``klines`` continue with ``cached`` bars from before the recording, and whose instruments are
    the ``known`` ones (the terminal's vendor's) of the ``recorded`` symbols."""

    def __init__(self, source, *, cached: CachedBars | None = None, known: Iterable[Instrument] = (),
                 recorded: Iterable[str] = (), **options) -> None:
        super().__init__(source, **options)
        self._cached = cached
        # what the terminal's vendor said of the ``recorded`` symbols (names, lot and size
        # decimals): a recording keeps events, not reference data, and the panes show sizes by it
        self._known = {inst.symbol: inst for inst in known if inst.symbol in recorded}
        self._builders: dict[Key, BarBuilder | None] = {}  # None: made at the next print
        self._own_bars: set[Key] = set()  # the recording holds bars of these: played as recorded

    # -- bars built as the prints play -------------------------------------------------------

    async def subscribe(self, symbols: Iterable[str], channels: Iterable[Channel],
                        period: Period = Period.M1) -> None:
        symbols, channels = list(symbols), list(channels)
        await super().subscribe(symbols, channels, period)
        if Channel.BAR in channels:
            for symbol in symbols:
                key = (symbol, period.value)
                if key not in self._own_bars:
                    self._builders.setdefault(key, None)

    async def unsubscribe(self, symbols: Iterable[str], channels: Iterable[Channel],
                          period: Period = Period.M1) -> None:
        symbols, channels = list(symbols), list(channels)
        await super().unsubscribe(symbols, channels, period)
        if Channel.BAR in channels:
            for symbol in symbols:
                self._builders.pop((symbol, period.value), None)

    def seek(self, ms: int, *, say_state: bool = True) -> None:
        super().seek(ms, say_state=say_state)
        for key in self._builders:
            self._builders[key] = None  # seeded again from the bars up to the new position

    def _play(self, t: int, event: Event) -> bool:
        emitted = super()._play(t, event)
        kind = type(event)
        if kind is Trade:
            if self._builders:
                self._build(t, event)  # type: ignore[arg-type]
        elif kind is Bar:
            key = (event.symbol, event.period)  # type: ignore[union-attr]
            if key not in self._own_bars:
                self._own_bars.add(key)
                self._builders.pop(key, None)
        return emitted

    def _build(self, t: int, trade: Trade) -> None:
        for (symbol, period), builder in list(self._builders.items()):
            if symbol != trade.symbol:
                continue
            if builder is None:
                builder = self._builders[(symbol, period)] = self._builder(symbol, Period(period), trade, t - 1)
            closed = builder.add(trade)
            if closed is not None:
                self.emit(closed)
            current = builder.current
            if current is not None:
                self.emit(msgspec.structs.replace(current))  # a copy: the builder goes on changing it

    def _builder(self, symbol: str, period: Period, trade: Trade, until_ms: int) -> BarBuilder:
        """A builder that continues the bar the chart's history ends on (before this print)."""
        calendar = self.calendar(symbol)
        builder = BarBuilder(trade.vendor, symbol, period, calendar)
        before = recorded_bars(self.reader, symbol, period, 1, until_ms, calendar)
        if before:
            builder.seed(before[-1])
        return builder

    # -- reference data: the vendor's own where the terminal has it --------------------------

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        """The vendor's details of the symbols known (given at construction), the market's
        rules for the others the replay has met."""
        listed = {inst.symbol: inst for inst in await super().instruments(category)}
        return [self._known.get(s) or listed[s] for s in sorted(set(listed) | set(self._known))]

    # -- history: the replay's bars after the cache's ----------------------------------------

    async def klines(self, symbol: str, period: Period, count: int, end: datetime | None = None) -> list[Bar]:
        bars = await super().klines(symbol, period, count, end)
        if self._cached is None or len(bars) >= count or self._reader is None:
            return bars
        vendor = bars[0].vendor if bars else self._vendor_of(symbol)
        start = self.start_ms
        if vendor is None or start is None:
            return bars
        before = min(bars[0].ts if bars else start, start)
        if end is not None:
            before = min(before, int(end.timestamp() * 1000) + 1)
        older = await self._cached(vendor, symbol, period.value, count - len(bars), before)
        return [*older, *bars]

    def _vendor_of(self, symbol: str) -> str | None:
        """The vendor the recording received ``symbol`` from (for its cached bars)."""
        state = self.state
        for found in (state.quotes.get(symbol), state.books.get(symbol)):
            if found is not None:
                return found.vendor
        trades = state.trades.get(symbol)
        if trades:
            return trades[-1].vendor
        for _t, event in itertools.islice(self.reader.timed(0), VENDOR_LOOKUP_EVENTS):
            if getattr(event, "symbol", None) == symbol:
                return event.vendor  # type: ignore[union-attr]
        return None
