"""A feed that also reads a second vendor for the same symbols and says where the two disagree.

The primary's events pass through unchanged; the other vendor's market events are only
compared, never passed on (a chart or a watchlist shows one vendor), nor are its statuses
(the status bar shows the primary's; the other's state is in its own health, ``stream
--health``). When the two last prices (a quote's ``last``, a trade's ``price``) of a symbol are
apart by more than the threshold for longer than ``hold_ms``, one
:class:`~app.core.types.Divergence` event is emitted; the next only after they have agreed
again (an episode). A momentary difference (one vendor a
tick or a second behind the other) never lasts the hold, so it is not reported; a stuck or
wrong price does.

The threshold is ``bp`` basis points when given, else ``ticks`` ticks of the instrument at the
primary's price (:func:`app.core.ticks.tick_for`), in basis points of that price.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable

from app.core.health import wall_ms
from app.core.instruments import market_instrument
from app.core.periods import Period
from app.core.ticks import tick_for
from app.core.types import (
    Channel,
    Divergence,
    Event,
    Instrument,
    Quote,
    Trade,
)
from app.feeds.base import Feed, FeedError
from app.feeds.pair import VendorPair

log = logging.getLogger(__name__)

HOLD_MS = 5_000  # apart for longer than this is a divergence
TICKS = 3  # the default threshold, in ticks of the instrument
CHECK_INTERVAL = 0.25  # seconds between looks for a divergence that has lasted the hold
REQUEST_TIMEOUT = 10.0


class _Pair:
    """One symbol's two latest prices and its episode."""

    __slots__ = ("values", "apart_since", "reported")

    def __init__(self) -> None:
        self.values: list[float | None] = [None, None]  # primary's, other's
        self.apart_since: float | None = None  # clock ms they were first seen apart this episode
        self.reported = False


class CompareFeed(VendorPair):
    """``primary`` passed through, ``other`` compared with it (see the module's words)."""

    def __init__(self, primary: Feed, other: Feed, *, bp: float | None = None, ticks: float = TICKS,
                 hold_ms: float = HOLD_MS, clock: Callable[[], float] = wall_ms,
                 check_interval: float = CHECK_INTERVAL,
                 instrument_of: Callable[[str], Instrument] | None = None,
                 request_timeout: float = REQUEST_TIMEOUT) -> None:
        super().__init__(primary, other, request_timeout=request_timeout)
        self.bp, self.ticks, self.hold_ms = bp, ticks, hold_ms
        self._clock = clock
        self._interval = check_interval
        self._instrument_of = instrument_of or (lambda symbol: market_instrument(symbol, symbol))
        self._instruments: dict[str, Instrument] = {}
        self._pairs: dict[str, _Pair] = {}
        self._wire()

    @property
    def other(self) -> Feed:
        """The vendor compared with the primary."""
        return self.second

    def threshold_bp(self, symbol: str, price: float) -> float:
        """How far apart (bp of ``price``) the two may be before it counts."""
        if self.bp is not None:
            return self.bp
        instrument = self._instruments.get(symbol)
        if instrument is None:
            instrument = self._instruments[symbol] = self._instrument_of(symbol)
        return self.ticks * tick_for(instrument, price) / price * 10_000.0

    # -- events ----------------------------------------------------------------------------------

    def _wire(self) -> None:
        """The vendors' sinks: closures over the final sink and the pairs (each attribute read
        per event is a cost; rebuilt when the final sink changes)."""
        note = self._note

        def noting(side: int, forward: Callable[[Event], None] | None) -> Callable[[Event], None]:
            """A sink noting the last prices of ``side`` (0 the primary, 1 the other), handing
            each event on to ``forward`` (the primary's reach the final sink)."""
            def on_event(event: Event) -> None:
                kind = type(event)
                if kind is Quote:
                    if event.last is not None:
                        note(event.symbol, side, event.last)
                elif kind is Trade:
                    note(event.symbol, side, event.price)
                if forward is not None:
                    forward(event)
            return on_event

        from_primary, from_other = noting(0, self._sink), noting(1, None)
        self._from_primary, self._from_other = from_primary, from_other
        if self._started:
            self.primary.set_sink(from_primary)
            self.other.set_sink(from_other)

    def _note(self, symbol: str, side: int, price: float) -> None:
        pair = self._pairs.get(symbol)
        if pair is None:
            return  # not a symbol we compare (the other vendor's extra)
        values = pair.values
        values[side] = price
        a, b = values
        if a is None or b is None:
            return
        if abs(a - b) * 10_000.0 > self.threshold_bp(symbol, a) * a:
            if pair.apart_since is None:
                pair.apart_since = self._clock()
        else:
            pair.apart_since = None
            pair.reported = False  # they agree: the next divergence is a new episode

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            self.review()

    def review(self) -> None:
        """Emit a divergence for each pair apart for longer than the hold and not yet reported."""
        now = self._clock()
        for symbol, pair in self._pairs.items():
            if pair.apart_since is None or pair.reported or now - pair.apart_since < self.hold_ms:
                continue
            a, b = pair.values
            if a is None or b is None:
                continue
            pair.reported = True
            self._sink(Divergence(int(wall_ms()), symbol, [self.primary.vendor, self.other.vendor], "last",
                                  [a, b], round(abs(a - b) / a * 10_000.0, 1)))

    # -- subscriptions -------------------------------------------------------------------------

    async def subscribe(self, symbols: Iterable[str], channels: Iterable[Channel],
                        period: Period = Period.M1) -> None:
        symbols, channels = list(symbols), set(channels)
        for symbol in symbols:
            self._pairs.setdefault(symbol, _Pair())
        await self.primary.subscribe(symbols, channels, period)
        compared = {Channel.QUOTE, Channel.TRADE} & channels & set(self.other.channels)
        if compared and self._second_failed is None:
            try:
                async with asyncio.timeout(self._timeout):
                    await self.other.subscribe(symbols, compared, period)
            except (FeedError, TimeoutError) as exc:
                log.warning("%s: not compared: %s", self.other.vendor, exc or "timed out")

    async def unsubscribe(self, symbols: Iterable[str], channels: Iterable[Channel],
                          period: Period = Period.M1) -> None:
        symbols, channels = list(symbols), set(channels)
        await self.primary.unsubscribe(symbols, channels, period)
        compared = {Channel.QUOTE, Channel.TRADE} & channels & set(self.other.channels)
        if compared and self._second_failed is None:
            with contextlib.suppress(FeedError, TimeoutError):
                async with asyncio.timeout(self._timeout):
                    await self.other.unsubscribe(symbols, compared, period)
        if Channel.QUOTE in channels:
            for symbol in symbols:
                self._pairs.pop(symbol, None)
