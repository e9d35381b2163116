"""The built-in market simulator, behind the same :class:`Feed` interface as real vendors.

Nothing above this module knows the markets are simulated: it validates symbols, answers
snapshots on subscribe (a closed market gives its last state), serves klines that continue
seamlessly into live trading, and pushes quotes, trades, depth and live bars.

A market is opened (its anchor price, its last two days, its book) when it is first asked for,
and the ones nobody asked for from the live loop's ``OPEN_ALL_AT_STEP``-th step on, a few a
step (``OPEN_PER_STEP`` families, so that no step holds the GUI thread long), so the window's
first frame (and a short run) does not wait for all 47 (start-up, issue 24). Every market opens
at the instant :meth:`SimFeed.start` read from the clock; one opened late first takes the steps
it missed (the same spans, a perpetual in lockstep with its spot, whose price it reads), and the
markets step in the same order as when all opened at start: every price path is the same, for
the same seed, clock and holiday table (tests/feeds/test_sim_lazy.py; tests/bench/sim_paths.py
compares two checkouts). A replayed step reads the table installed when the market opens: only
a first start without a shipped table could install another within those 2 s.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import time
import zlib
from collections.abc import Callable, Iterable
from datetime import datetime

from app.core.bars import BarBuilder, bar_range, bar_start
from app.core.periods import Period
from app.core.sessions import Calendar
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.ticks import round_to_tick, tick_for
from app.core.types import (
    Bar,
    Category,
    Channel,
    ConnectionState,
    Instrument,
    Quote,
    Status,
    Trade,
)
from app.feeds.base import Feed, UnknownSymbolError, UnsupportedError
from app.feeds.sim.history import MAX_HISTORY_BARS, generate_history
from app.feeds.sim.hours import kept_open
from app.feeds.sim.market import DayStats, InstrumentMarket
from app.feeds.sim.universe import CATEGORIES, SPECS, SimSpec

DEFAULT_SEED = 20251121
STEP_MS = 50
OPEN_ALL_AT_STEP = 40  # the markets nobody asked for open from then (2 s in at 50 ms), steps replayed
# families of markets opened per step from then on: each replays the ~40 steps it missed (about
# 1.5 ms a market here), so all at once would hold the GUI thread ~60 ms, a visible hitch
OPEN_PER_STEP = 4
_MIN_PERIOD_DAYS = {Period.D1: 1, Period.W1: 7, Period.MN1: 28, Period.Y1: 365}


def wall_clock_ms() -> int:
    return int(time.time() * 1000)


class SimFeed(Feed):
    vendor = "sim"
    persistent_history = False  # its history is invented afresh on every run
    history_is_cheap = True  # computed here, no vendor quota

    def __init__(
        self,
        *,
        always_open: bool = False,
        seed: int | None = None,
        clock: Callable[[], int] = wall_clock_ms,
        step_ms: int = STEP_MS,
        specs: Iterable[SimSpec] | None = None,
    ) -> None:
        """``specs`` replaces the built-in universe (a fake vendor simulating its own products)."""
        super().__init__()
        self._specs: tuple[SimSpec, ...] = tuple(specs) if specs is not None else SPECS
        self._by_symbol = {s.instrument.symbol: s for s in self._specs}
        self.always_open = always_open
        self.seed = DEFAULT_SEED if seed is None else seed
        self._clock = clock
        self._step_ms = step_ms
        self._markets: dict[str, InstrumentMarket] = {}  # the markets opened so far
        # leaders first: a perpetual opens at, and steps after, its spot's price
        self._order = list(dict.fromkeys(
            s.instrument.symbol for s in sorted(self._specs, key=lambda s: s.follows is not None)))
        self._t0: int | None = None  # the instant every market opens at (start()'s clock)
        self._steps: list[tuple[int, int]] | None = None  # spans stepped while some are unopened
        self._anchors: dict[str, tuple[int, float]] = {}
        self._subs: dict[Channel, set[str]] = {c: set() for c in Channel}
        self._bar_builders: dict[tuple[str, Period], BarBuilder] = {}
        self._task: asyncio.Task[None] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        if self._task is not None:
            return
        self.emit(Status(self.vendor, ConnectionState.CONNECTING,
                         Text(QT_TRANSLATE_NOOP("Feed", "starting the simulator"))))
        self._t0 = self._clock()
        self._markets.clear()  # (re)opened at this instant, each when first asked for
        self._anchors.clear()
        self._steps = []
        for symbol in sorted(set().union(*self._subs.values(), (s for s, _p in self._bar_builders))):
            self._opened(symbol)  # started again: what was subscribed goes on at once
        self._task = asyncio.create_task(self._run(), name="sim-feed")
        detail = Text(QT_TRANSLATE_NOOP("Feed", "simulated markets, all kept open") if self.always_open
                      else QT_TRANSLATE_NOOP("Feed", "simulated markets"))
        self.emit(Status(self.vendor, ConnectionState.CONNECTED, detail))

    async def aclose(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        self.emit(Status(self.vendor, ConnectionState.DISCONNECTED, Text(QT_TRANSLATE_NOOP("Feed", "simulator stopped"))))

    def calendar(self, symbol: str, instrument_calendar: str | None = None) -> Calendar:
        """The exchange's calendar (holidays included), or one open around the clock when the
        markets are kept open: the hours this feed trades, lays history and answers by."""
        spec = self._by_symbol.get(symbol)
        name = instrument_calendar or (spec.instrument.calendar if spec else None)
        calendar = super().calendar(symbol, name)
        return kept_open(calendar) if self.always_open else calendar

    def _calendar(self, spec: SimSpec) -> Calendar:
        return self.calendar(spec.instrument.symbol, spec.instrument.calendar)

    def _leader(self, spec: SimSpec) -> SimSpec | None:
        """The market whose price path ``spec`` shares (a perpetual's spot), when it is simulated
        on the same hours."""
        leader = self._by_symbol.get(spec.follows) if spec.follows else None
        if leader is None or self._calendar(leader) != self._calendar(spec):
            return None
        return leader

    @property
    def markets(self) -> dict[str, InstrumentMarket]:
        """Every market, opened (in stepping order): for a fake vendor serving the simulator."""
        self._open_some(len(self._order))
        return self._markets

    def _open_some(self, families: int) -> None:
        """Open up to ``families`` of the markets nobody asked for yet, in stepping order; when
        none is left, stop noting the steps for them."""
        if self._steps is None:
            return
        for symbol in self._order:
            if not families:
                return
            if symbol not in self._markets:
                self._open_family(symbol)
                families -= 1
        self._steps = None

    def _opened(self, symbol: str) -> InstrumentMarket:
        """``symbol``'s market, opened now (as at start()'s instant) if it was not."""
        market = self._markets.get(symbol)
        if market is None:
            self._open_family(symbol)
            market = self._markets[symbol]
        return market

    def _family(self, symbol: str) -> list[str]:
        """``symbol`` and the markets sharing its path (a spot and its perpetuals), in stepping
        order: they open together, as a perpetual steps on its spot's price."""
        leader = self._leader(self._by_symbol[symbol])
        root = leader.instrument.symbol if leader is not None else symbol
        return [s for s in self._order if s == root or (
            (lead := self._leader(self._by_symbol[s])) is not None and lead.instrument.symbol == root)]

    def _open_family(self, symbol: str) -> None:
        """Open ``symbol``'s family at start()'s instant, then take the steps it missed."""
        assert self._t0 is not None and self._steps is not None
        opened = []
        for member in self._family(symbol):
            self._markets[member] = market = self._open_market(self._by_symbol[member], self._t0)
            opened.append(market)
        for start_ms, end_ms in self._steps:  # as advance() stepped them: none was wanted yet
            for market in opened:
                if market.calendar.is_open(end_ms):
                    market.step(start_ms, end_ms, None)
        self._markets = {s: self._markets[s] for s in self._order if s in self._markets}

    def _open_market(self, spec: SimSpec, t0: int) -> InstrumentMarket:
        symbol = spec.instrument.symbol
        calendar = self._calendar(spec)
        rng = random.Random(zlib.crc32(f"{self.seed}|{symbol}|live".encode()))
        leader = self._leader(spec)
        leader_market = self._markets.get(leader.instrument.symbol) if leader else None
        if leader_market is not None:  # one coin, one price: the spot's at the perpetual's premium
            anchor_price = self._anchors[leader_market.symbol][1] * math.exp(spec.basis_bp / 10_000)
        else:
            anchor_price = spec.ref_price * math.exp(rng.gauss(0.0, 0.02))
        anchor_price = round_to_tick(anchor_price, tick_for(spec.instrument, anchor_price))
        if calendar.is_open(t0):
            last_ts = t0
        else:
            last_ts = calendar.last_close_before(t0) - 1000
        days = generate_history(spec, calendar, Period.D1, last_ts, 2, anchor_price, self.seed,
                                leader=leader if leader_market is not None else None)
        today, prev = days[-1], (days[-2] if len(days) > 1 else None)
        day_end = calendar.trading_day_end(calendar.trading_day(last_ts))
        turnover = (today.volume or 0.0) * (today.open + today.high + today.low + today.close) / 4
        stats = DayStats(
            day_end, today.open, today.high, today.low, prev.close if prev else None,
            today.volume or 0.0, turnover,
        )
        self._anchors[symbol] = (last_ts, anchor_price)
        return InstrumentMarket.create(spec, calendar, self.vendor, rng, anchor_price, last_ts, stats,
                                       leader_market)

    # -- live loop ---------------------------------------------------------------------------

    async def _run(self) -> None:
        prev = self._clock()
        while True:
            await asyncio.sleep(self._step_ms / 1000)
            now = self._clock()
            self.arrival = time.monotonic()  # one step's events arrive together (health)
            try:
                self.advance(prev, now)
            finally:
                self.arrival = 0.0
            prev = now

    def advance(self, start_ms: int, end_ms: int) -> None:
        """Move every open market from ``start_ms`` to ``end_ms`` and push what subscribers want."""
        quotes, trades_ch, depth = (self._subs[c] for c in (Channel.QUOTE, Channel.TRADE, Channel.DEPTH))
        bar_symbols = {s for s, _p in self._bar_builders}
        if self._steps is not None and len(self._steps) >= OPEN_ALL_AT_STEP - 1:
            self._open_some(OPEN_PER_STEP)
        for symbol, market in self._markets.items():
            if not market.calendar.is_open(end_ms):
                continue
            wanted = symbol in quotes or symbol in trades_ch or symbol in depth or symbol in bar_symbols
            prints: list[Trade] | None = [] if wanted else None
            if market.step(start_ms, end_ms, prints) == 0 or not prints:
                continue
            if symbol in trades_ch and market.has_book:
                for trade in prints:
                    self.emit(trade)
            if symbol in quotes:
                self.emit(market.quote())
            if symbol in depth and market.has_book:
                self.emit(market.book(prints[-1].ts))
            if symbol in bar_symbols:
                self._fold_bars(symbol, prints)
        if self._steps is not None:  # for the markets still unopened
            self._steps.append((start_ms, end_ms))

    def _fold_bars(self, symbol: str, prints: list[Trade]) -> None:
        for (sym, _period), builder in self._bar_builders.items():
            if sym != symbol:
                continue
            for trade in prints:
                closed = builder.add(trade)
                if closed is not None:
                    self.emit(closed)
            if builder.current is not None:
                self.emit(builder.current)

    # -- subscriptions -----------------------------------------------------------------------

    def _market(self, symbol: str) -> InstrumentMarket:
        if self._t0 is None:
            raise RuntimeError("start() the feed first")
        if symbol in self._by_symbol:
            return self._opened(symbol)
        raise UnknownSymbolError(Text(QT_TRANSLATE_NOOP(
            "Feed", "unknown symbol %1 for vendor sim (`quote-terminal symbols --vendor sim` lists them)"),
            symbol))

    async def subscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None:
        symbols = list(symbols)
        markets = [self._market(s) for s in symbols]  # validate all before changing anything
        channels = set(channels)
        for market in markets:
            symbol = market.symbol
            for channel in channels:
                self._subs[channel].add(symbol)
            if Channel.QUOTE in channels:  # the subscription's first values: a snapshot
                self.emit_snapshot(market.quote())
            if Channel.DEPTH in channels and market.has_book:
                self.emit_snapshot(market.book(market.last_ts))
            if Channel.BAR in channels and (symbol, period) not in self._bar_builders:
                builder = BarBuilder(self.vendor, symbol, period, market.calendar)
                last = await self.klines(symbol, period, 1)
                if last:
                    builder.seed(last[-1])
                    self.emit_snapshot(builder.current)
                self._bar_builders[(symbol, period)] = builder
        self.health.subscribed(symbols, channels, self.health.clock())

    async def unsubscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None:
        symbols, channels = list(symbols), list(channels)
        for symbol in symbols:
            for channel in channels:
                self._subs[channel].discard(symbol)
                if channel is Channel.BAR:
                    self._bar_builders.pop((symbol, period), None)
        self.health.unsubscribed(symbols, channels)

    # -- request / response ------------------------------------------------------------------

    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        return [self._market(s).quote() for s in symbols]

    async def klines(
        self, symbol: str, period: Period, count: int, end: datetime | None = None
    ) -> list[Bar]:
        market = self._market(symbol)
        if count <= 0:
            return []
        anchor_ts, anchor_price = self._anchors[symbol]
        end_ms = self._clock() if end is None else int(end.timestamp() * 1000)
        extra = 0
        if end_ms < anchor_ts:
            span = anchor_ts - end_ms
            unit = period.nominal_ms if period.is_intraday else _MIN_PERIOD_DAYS[period] * 86_400_000
            extra = span // unit + 2
        if count + extra > MAX_HISTORY_BARS:
            raise UnsupportedError(Text(QT_TRANSLATE_NOOP(
                "Feed", "the simulator keeps %1 bars of %2 history; ask for fewer bars or a later end"),
                MAX_HISTORY_BARS, period.value))
        spec = market.spec
        bars = generate_history(
            spec, market.calendar, period, anchor_ts, count + extra, anchor_price, self.seed,
            leader=market.leader.spec if market.leader is not None else None,
        )
        live = aggregate_minutes(market.live_minutes(), period, market.calendar)
        bars = merge_bars(bars, live)
        # A bar is in range when it starts no later than the bar holding the last traded
        # instant at or before ``end`` (an evening session's day bar starts after its first
        # trades; closed time before a session belongs to that session's day, not yet traded).
        calendar = market.calendar
        traded_to = end_ms if calendar.is_open(end_ms) else calendar.last_close_before(end_ms) - 1
        last_start = bar_start(traded_to, period, calendar)
        return [b for b in bars if b.ts <= last_start][-count:]

    async def categories(self) -> list[Category]:
        return list(CATEGORIES)

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        return [
            s.instrument for s in self._specs if category is None or s.instrument.category == category
        ]


def aggregate_minutes(minutes: list[Bar], period: Period, calendar: Calendar) -> list[Bar]:
    """Roll minute bars up into bars of ``period`` (the bar's key computed once per bar, or per
    trading day for day, week, month and year bars: an evening's minutes key after they start)."""
    out: list[Bar] = []
    begin = end = 0
    for m in minutes:
        if out and begin <= m.ts < end:
            _fold(out[-1], m)
            continue
        key, begin, end = bar_range(m.ts, period, calendar)
        if out and out[-1].ts == key:
            _fold(out[-1], m)
            continue
        out.append(Bar(m.vendor, m.symbol, period.value, key, m.open, m.high, m.low, m.close, m.volume))
    return out


def _fold(bar: Bar, m: Bar) -> None:
    bar.high = max(bar.high, m.high)
    bar.low = min(bar.low, m.low)
    bar.close = m.close
    bar.volume = (bar.volume or 0.0) + (m.volume or 0.0)


def merge_bars(history: list[Bar], live: list[Bar]) -> list[Bar]:
    """History followed by live bars; a live bar in history's last slot extends that bar."""
    if not live:
        return history
    merged = list(history)
    if merged and live[0].ts == merged[-1].ts:
        h, first = merged[-1], live[0]
        merged[-1] = Bar(
            h.vendor, h.symbol, h.period, h.ts, h.open, max(h.high, first.high),
            min(h.low, first.low), first.close,
            None if h.volume is None else h.volume + (first.volume or 0.0),
        )
        live = live[1:]
    start = merged[-1].ts if merged else -1
    merged.extend(b for b in live if b.ts > start)
    return merged
