"""A recording played back as a feed: the panes and the alert rules cannot tell it from a vendor.

``ReplayFeed`` reads a recording and emits its events through the feed's ``emit``, so they
are validated and counted like any vendor's; each event keeps the vendor it was recorded from
(the replay's own status lines say ``replay``). Feeds may not import storage (the layers), so
the recording comes as a reader (:class:`Recording`, what ``app.storage.recording`` reads) or
as an *opener* that makes one: ``ReplayFeed(opener(path))`` for a file,
``ReplayFeed(opener(rolling), follow=True)`` for a rewind (``app.storage.recording.opener``).
An opener's refusal (a ``ValueError`` in words: not a recording, a newer format) becomes the
feed's :class:`FeedError`.

What it emits: the events of the subscribed symbols and channels (a quote on ``quote``, a trade
on ``trade``, a book on ``depth``, a bar on ``bar`` of the subscribed period), as a vendor does;
``everything=True`` emits every recorded event whatever is subscribed (the command line's
``stream --vendor replay`` prints exactly the recording).

Pacing follows the recorded times: at speed X an event recorded at ``t`` is emitted at
``wall0 + (t - t0) / X`` (a drift-free schedule from the moment play began, re-anchored after a
pause, a seek or a change of speed; no per-event sleeps); ``speed=None`` plays as fast as the
loop allows, yielding to it every few thousand events. Every wait ends at once on ``pause``,
``seek``, a new speed or ``aclose``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import (
    Bar,
    Book,
    Category,
    Channel,
    ConnectionState,
    Event,
    Instrument,
    Quote,
    Status,
    Trade,
)
from app.feeds.base import Feed, FeedError
from app.feeds.replay.history import recorded_bars
from app.feeds.replay.source import Recording
from app.feeds.replay.state import ReplayState

MIN_SPEED, MAX_SPEED = 0.25, 100.0
SEEK_LOOKBACK_MS = 60_000  # state after a seek is rebuilt from this much before the new position
MAX_SPEED_BATCH = 2000  # events played between yields to the loop at speed "max"
log = logging.getLogger(__name__)
_CHANNEL = {Quote: Channel.QUOTE, Trade: Channel.TRADE, Book: Channel.DEPTH, Bar: Channel.BAR}

FOLLOW_POLL = 0.25  # seconds between looks for appended events at the end of a followed recording
Source = Recording | Callable[[], Recording]


def checked_speed(speed: float | None) -> float | None:
    """``speed`` when it is None (as fast as possible) or within 0.25–100, else a refusal."""
    if speed is None:
        return None
    if not MIN_SPEED <= speed <= MAX_SPEED:
        raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "replay speed %1 is out of range: choose 0.25 to 100, or max"),
                             f"{speed:g}"))
    return float(speed)


class ReplayFeed(Feed):
    vendor = "replay"
    persistent_history = False  # bars of a recording are not the vendor's history to cache
    history_is_cheap = True

    def __init__(self, source: Source, *, speed: float | None = 1.0, start_ms: int | None = None,
                 paused: bool = False, everything: bool = False, follow: bool = False,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """``source``: a reader or an opener (see the module); ``follow``: at the end, wait for
        more (a recording still written: the rolling one under a rewind) instead of ending."""
        super().__init__()
        self._source = source
        self.follow = follow
        self._speed = checked_speed(speed)
        self._start_at = start_ms
        self._start_paused = paused
        self.everything = everything
        self._clock = clock
        self._reader: Recording | None = None
        self._subs: dict[Channel, set[str]] = {c: set() for c in Channel}
        self._bar_periods: dict[str, set[str]] = {}
        self.state = ReplayState()
        self._ordinal = 0  # the next event to play
        self._position_ms: int | None = None
        self._generation = 0  # bumped by pause, seek, speed: a running schedule starts over
        self._playing = asyncio.Event()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.ended = False

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def reader(self) -> Recording:
        if self._reader is None:
            raise self.not_started("replay")
        return self._reader

    def _open(self) -> Recording:
        """A reader of the recording: the one given, or a fresh one from the opener."""
        source = self._source
        return source() if callable(source) else source

    async def start(self) -> None:
        if self._task is not None:
            return
        self.emit(Status(self.vendor, ConnectionState.CONNECTING,
                         Text(QT_TRANSLATE_NOOP("Feed", "opening the recording"))))
        try:
            self._reader = self._open()
        except (ValueError, OSError) as exc:  # said in words by the reader (a Text)
            self.failure = FeedError(str(exc) if not isinstance(exc, ValueError) else exc.args[0])
            self.emit(Status(self.vendor, ConnectionState.ERROR, self.failure.text))
            raise self.failure from None
        reader = self._reader
        if reader.damage is not None:
            self.emit(Status(self.vendor, ConnectionState.CONNECTED, reader.damage.text))
        self.emit(Status(self.vendor, ConnectionState.CONNECTED, Text(QT_TRANSLATE_NOOP(
            "Feed", "replaying %1 events"), str(reader.count))))
        if self._start_at is not None:
            self.seek(self._start_at)
        self._task = asyncio.create_task(self._run(), name="replay-feed")
        if not self._start_paused:
            self.play()

    async def aclose(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        self.emit(Status(self.vendor, ConnectionState.DISCONNECTED,
                         Text(QT_TRANSLATE_NOOP("Feed", "replay closed"))))

    # -- transport -----------------------------------------------------------------------------

    def play(self) -> None:
        """Play from the position (nothing when the recording has ended)."""
        if not self.ended:
            self._interrupt()
            self._playing.set()

    def pause(self) -> None:
        self._playing.clear()
        self._interrupt()

    @property
    def paused(self) -> bool:
        return not self._playing.is_set()

    @property
    def speed(self) -> float | None:
        """Recorded seconds played per wall second (None: as fast as possible)."""
        return self._speed

    @speed.setter
    def speed(self, value: float | None) -> None:
        self._speed = checked_speed(value)
        self._interrupt()

    @property
    def start_ms(self) -> int | None:
        return self.reader.start_ms

    @property
    def end_ms(self) -> int | None:
        return self.reader.end_ms

    @property
    def position_ms(self) -> int | None:
        """The recorded time of the latest event played (the start before any)."""
        return self._position_ms if self._position_ms is not None else self.reader.start_ms

    @property
    def position(self) -> int:
        """The ordinal of the next event to play."""
        return self._ordinal

    def _interrupt(self) -> None:
        self._generation += 1
        self._wake.set()

    def step(self) -> Event | None:
        """Play the next event this feed emits (those not subscribed are applied on the way)
        and return it; None at the end. Meant while paused."""
        for t, event in self.reader.timed(self._ordinal):
            if self._play(t, event):
                return event
        self._end()
        return None

    def seek(self, ms: int) -> None:
        """Move to the first event recorded at or after ``ms``: the state (latest quote, book,
        trades, bars) is rebuilt from the minute before and the latest quote and book of each
        subscribed symbol emitted, as a vendor's snapshot on subscribe."""
        self._interrupt()
        reader = self.reader
        target = reader.seek_index(ms)
        self.state = ReplayState()
        apply = self.state.apply
        ordinal = reader.seek_index(ms - SEEK_LOOKBACK_MS)
        for times, events in reader.timed_blocks(ordinal):
            if ordinal + len(events) <= target:
                for event in events:
                    apply(event)
                ordinal += len(events)
                continue
            for event in events[:target - ordinal]:
                apply(event)
            break
        self._ordinal = target
        self._position_ms = ms
        self.ended = False
        for symbol, quote in self.state.quotes.items():
            if self._wanted(quote):
                self.emit_snapshot(quote)
        for symbol, book in self.state.books.items():
            if self._wanted(book):
                self.emit_snapshot(book)

    # -- playing -------------------------------------------------------------------------------

    def _wanted(self, event: Event) -> bool:
        if self.everything:
            return True
        kind = type(event)
        if kind is Bar:
            return event.period in self._bar_periods.get(event.symbol, ())
        channel = _CHANNEL.get(kind)
        return channel is not None and event.symbol in self._subs[channel]

    def _play(self, t: int, event: Event) -> bool:
        """Apply one event at its place; emit it when wanted (True then)."""
        self._ordinal += 1
        self._position_ms = t
        self.state.apply(event)
        if self._wanted(event):
            self.emit(event)
            return True
        return False

    def _more(self) -> bool:
        """Whether events were appended since the reader was made (a followed recording)."""
        if callable(self._source):
            self._reader = self._source()
        else:
            self._reader.refresh()
        return self._reader.count > self._ordinal

    def _end(self) -> None:
        if not self.ended:
            self.ended = True
            self._playing.clear()
            self.emit(Status(self.vendor, ConnectionState.CONNECTED,
                             Text(QT_TRANSLATE_NOOP("Feed", "replay ended"))))

    async def _run(self) -> None:
        while True:
            await self._playing.wait()
            self._wake.clear()
            try:
                ended = await self._play_on(self._generation)
            except Exception as exc:  # a sink's failure ends the replay in words, not silently
                log.exception("replay stopped")
                self.failure = FeedError(Text(QT_TRANSLATE_NOOP("Feed", "replay stopped: %1"), str(exc)))
                self._playing.clear()
                self.emit(Status(self.vendor, ConnectionState.ERROR, self.failure.text))
                return
            if not ended:
                continue
            if self.follow:  # a rewind catches up with the recorder, then waits for more
                if not self._more():
                    await self._woken(FOLLOW_POLL)
                continue
            self._end()

    async def _play_on(self, generation: int) -> bool:
        """Play from the position until the end (True) or an interruption (False)."""
        clock = self._clock
        speed = self._speed
        wall0 = clock()
        t0: int | None = None
        batch = 0
        for times, events in self.reader.timed_blocks(self._ordinal):
            for t, event in zip(times.tolist(), events):
                if speed is not None:
                    if t0 is None:
                        t0 = t
                    delay = wall0 + (t - t0) / 1000.0 / speed - clock()
                    if delay > 0.0 and await self._woken(delay):
                        return False
                else:
                    batch += 1
                    if batch >= MAX_SPEED_BATCH:
                        batch = 0
                        await asyncio.sleep(0)
                if generation != self._generation:
                    return False
                self._play(t, event)
        return True

    async def _woken(self, delay: float) -> bool:
        """Wait ``delay`` seconds; True when a control interrupted the wait."""
        try:  # (not wait_for: on 3.11 it can swallow a cancel that meets a wake-up)
            async with asyncio.timeout(delay):
                await self._wake.wait()
        except TimeoutError:
            return False
        return True

    # -- subscriptions and requests -----------------------------------------------------------

    async def subscribe(self, symbols: Iterable[str], channels: Iterable[Channel],
                        period: Period = Period.M1) -> None:
        symbols, channels = list(symbols), set(channels)
        for symbol in symbols:
            for channel in channels:
                self._subs[channel].add(symbol)
            if Channel.BAR in channels:
                self._bar_periods.setdefault(symbol, set()).add(period.value)
            if Channel.QUOTE in channels and symbol in self.state.quotes:
                self.emit_snapshot(self.state.quotes[symbol])
            if Channel.DEPTH in channels and symbol in self.state.books:
                self.emit_snapshot(self.state.books[symbol])
        self.health.subscribed(symbols, channels, self.health.clock())

    async def unsubscribe(self, symbols: Iterable[str], channels: Iterable[Channel],
                          period: Period = Period.M1) -> None:
        symbols, channels = list(symbols), list(channels)
        for symbol in symbols:
            for channel in channels:
                self._subs[channel].discard(symbol)
                if channel is Channel.BAR:
                    self._bar_periods.get(symbol, set()).discard(period.value)
        self.health.unsubscribed(symbols, channels)

    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        return [self.state.quotes[s] for s in symbols if s in self.state.quotes]

    async def depth(self, symbols: Iterable[str]) -> list[Book]:
        return [self.state.books[s] for s in symbols if s in self.state.books]

    async def last_trades(self, symbols: Iterable[str], count: int = 100) -> list[Trade]:
        """The latest ``count`` trades of each symbol up to the play position, oldest first."""
        out: list[Trade] = []
        for symbol in symbols:
            out.extend(list(self.state.trades.get(symbol, ()))[-count:])
        return out

    async def klines(self, symbol: str, period: Period, count: int, end: datetime | None = None) -> list[Bar]:
        """Bars up to the play position (or ``end`` when earlier): the recording's own bars of
        that period, else bars built from its trades (see :mod:`.history`)."""
        until = self.position_ms if self._reader is not None else None
        if until is None:
            return []
        if end is not None:
            until = min(until, int(end.timestamp() * 1000))
        reader = self._open() if callable(self._source) else self.reader  # its own, for the thread
        calendar = self.calendar(symbol)
        return await asyncio.to_thread(recorded_bars, reader, symbol, period, count, until, calendar)

    async def categories(self) -> list[Category]:
        return []

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        from app.core.instruments import market_instrument

        return [market_instrument(s, s.split(":", 1)[-1]) for s in sorted(self.state.symbols())]
