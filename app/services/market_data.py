"""MarketDataService: the one place where the feed's per-message events meet Qt.

The feed's sink only records (latest quote and book per symbol, trades and bars in arrival
order); a single-shot frame timer then emits one batch per signal. However fast the vendor
talks, a widget receives at most one call per frame.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.core.periods import Period
from app.core.sessions import Calendar
from app.core.types import (
    Bar,
    Book,
    Channel,
    ConnectionState,
    Divergence,
    Event,
    Failover,
    Instrument,
    InstrumentPage,
    Quote,
    Status,
    Trade,
)
from app.feeds.base import Feed, FeedError
from app.feeds.composite import health_of, serving, vendor_feeds
from app.services.rewind import RewindMixin
from app.services.subscriptions import RefCounter
from app.services.words import words

log = logging.getLogger(__name__)

FRAME_MS = 16  # one batch per display frame (60 Hz)
SHUTDOWN_TIMEOUT_S = 2.0
FEED_START_WAIT_S = 30.0  # the longest a change waits for a feed a vendor switch is starting

SubKey = tuple[str, Channel, Period | None]


class MarketDataService(RewindMixin, QObject):
    """Owns the active feed; widgets acquire/release live data and receive batches.

    Signals (each carries a fresh dict that the receiver may keep):

    - ``sig_quotes(dict[str, Quote])``: the latest quote of every symbol that changed.
    - ``sig_trades(dict[str, list[Trade]])``: trades since the last frame, oldest first.
    - ``sig_books(dict[str, Book])``: the latest book of every symbol that changed.
    - ``sig_bars(dict[tuple[str, str], list[Bar]])``: per (symbol, period), bars changed this
      frame in time order (a closed bar, then the new one).
    - ``sig_status(Status)``: the feed's connection state, as it changes.
    - ``sig_rate(float)``: messages per second from the feed, once a second.
    - ``sig_dropped(dict[str, int])``: what the feed's validator dropped so far, per kind (a
      translatable ``Text``), checked once a second and sent when it changed ({} on a switch).
    - ``sig_health(Health)``: the active feed's health (``app.core.health.Health``: state, age
      of the last message, latency, rate, reconnects, refusals, dropped, stale symbols), once a
      second; per-symbol ages from :meth:`symbol_age_ms`.
    - ``sig_error(str)``: a problem in words, to show the user once.
    - ``sig_instruments(list[Instrument])``: details of these symbols arrived (names, lots).
    - ``sig_feed_changed(str)``: the service now runs on another vendor (its id).
    - ``sig_failover(Failover)``: symbols switched vendor (``app.core.types.Failover``: ``from_``,
      ``to``, ``symbols``, ``reason``), when the feed is a failover (``Settings.backup``);
      :meth:`serving` says which vendor shows a symbol now.
    - ``sig_divergence(Divergence)``: two vendors' last prices of a symbol apart beyond the
      threshold for longer than the hold (``app.core.types.Divergence``), when comparing.
    """

    sig_quotes = Signal(object)
    sig_trades = Signal(object)
    sig_books = Signal(object)
    sig_bars = Signal(object)
    sig_status = Signal(object)
    sig_rate = Signal(float)
    sig_dropped = Signal(object)
    sig_health = Signal(object)
    sig_error = Signal(str)
    sig_instruments = Signal(object)
    sig_feed_changed = Signal(str)
    sig_failover = Signal(object)
    sig_divergence = Signal(object)

    def __init__(self, feed: Feed, parent: QObject | None = None, frame_ms: int = FRAME_MS):
        super().__init__(parent)
        self.feed = feed
        self.status: Status | None = None
        self._instruments: dict[str, Instrument] = {}
        self._quotes: dict[str, Quote] = {}
        self._books: dict[str, Book] = {}
        self._pending_quotes: dict[str, Quote] = {}
        self._pending_books: dict[str, Book] = {}
        self._pending_trades: defaultdict[str, list[Trade]] = defaultdict(list)
        self._pending_bars: defaultdict[tuple[str, str], dict[int, Bar]] = defaultdict(dict)
        self._refs = RefCounter()
        self._tasks: set[asyncio.Task[object]] = set()
        self._applies: set[asyncio.Task[object]] = set()  # subscribe/unsubscribe in flight
        # The latest subscribe/unsubscribe of each symbol: the next one for that symbol waits
        # for it, so calls reach the feed in call order per symbol, while other symbols go
        # ahead (no lock is held over the network: one dead request stalls only its symbol).
        self._last_apply: dict[str, asyncio.Task[object]] = {}
        # Clear while a vendor switch starts the new feed: a change made meanwhile waits for the
        # start (bounded) instead of reaching a feed not started yet.
        self._feed_ready = asyncio.Event()
        self._feed_ready.set()
        self._closing: set[asyncio.Future[object]] = set()  # old feeds closing after a switch
        self._messages = 0
        self._rate_mark = time.monotonic()
        self._dropped_total = 0
        self.flushes = 0
        # called with every event as it arrives, before the frame batching (the alert monitor)
        self._listeners: tuple[Callable[[Event], None], ...] = ()
        self._init_rewind()  # the panes may show another source meanwhile (app.services.rewind)

        self._frame_ms = frame_ms
        self._frame = QTimer(self)
        self._frame.setSingleShot(True)
        self._frame.setTimerType(Qt.TimerType.PreciseTimer)
        self._frame.timeout.connect(self.flush)
        self._last_flush = 0.0
        self._rate_timer = QTimer(self)
        self._rate_timer.setInterval(1000)
        self._rate_timer.timeout.connect(self._emit_rate)
        feed.set_sink(self._on_event)

    @property
    def vendor(self) -> str:
        return self.feed.vendor

    @property
    def history_is_cheap(self) -> bool:
        """Whether history costs no vendor quota (the simulator): panes may ask freely."""
        return self.feed.history_is_cheap

    @property
    def trade_times_ms(self) -> bool:
        """Whether the vendor's trade times carry milliseconds (the tape shows what exists)."""
        return self.feed.trade_times_ms

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Start the feed; a refusal (no key …) is shown, and the terminal stays usable so the
        user can fix it in Settings."""
        self._rate_timer.start()
        try:
            await self.feed.start()
        except FeedError as exc:
            self._on_event(Status(self.feed.vendor, ConnectionState.ERROR, exc.text))
            self.sig_error.emit(words(exc))
            return
        finally:
            self._feed_ready.set()  # started or refused: changes held for it go now
        if not self.feed.lists_cheaply:
            return
        try:
            for inst in await self.feed.instruments():
                self._instruments[inst.symbol] = inst
        except FeedError as exc:  # the terminal still runs; names arrive with the quotes
            self.sig_error.emit(words(exc))

    async def switch_feed(self, feed: Feed) -> None:
        """Run on another vendor without restarting. Holders release their symbols first;
        whatever is still held is dropped with the old feed."""
        if self._applies:  # releases on their way to the old feed, within the budget
            await asyncio.wait(list(self._applies), timeout=SHUTDOWN_TIMEOUT_S)
        self.show_live()  # (a rewind ends with the feed it rewound)
        self._feed_ready.clear()
        old, self.feed = self.feed, feed
        old.set_sink(_ignore)
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        self._last_apply.clear()
        self._refs = RefCounter()
        for cache in (self._instruments, self._quotes, self._books, self._pending_quotes,
                      self._pending_books, self._pending_trades, self._pending_bars):
            cache.clear()
        self.status = None
        self._dropped_total = 0
        feed.set_sink(self._on_event)
        closing = asyncio.ensure_future(asyncio.gather(*tasks, old.aclose(), return_exceptions=True))
        self._closing.add(closing)
        closing.add_done_callback(self._closing.discard)
        with contextlib.suppress(TimeoutError):  # shielded: a switch cancelled meanwhile (the
            # user chose yet another vendor) still closes the old connection (QOS: one per key)
            await asyncio.wait_for(asyncio.shield(closing), SHUTDOWN_TIMEOUT_S)
        self.sig_dropped.emit({})
        self.sig_feed_changed.emit(feed.vendor)
        await self.start()

    async def aclose(self) -> None:
        """Cancel and await every task, the feed's included, within the shutdown budget."""
        self._frame.stop()
        self._rate_timer.stop()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(
                asyncio.gather(*tasks, *self._closing, self.feed.aclose(), return_exceptions=True),
                SHUTDOWN_TIMEOUT_S,
            )

    def _spawn(self, coro, *, report: bool = True) -> asyncio.Task[object]:
        """Run a coroutine as a task the service owns; ``report`` sends its failure to sig_error
        (off when the caller shows the failure itself, so the user is told once)."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done if report else self._forget)
        return task

    def _forget(self, task: asyncio.Task[object]) -> None:
        self._tasks.discard(task)
        self._applies.discard(task)

    def _task_done(self, task: asyncio.Task[object]) -> None:
        self._tasks.discard(task)
        self._applies.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if isinstance(exc, FeedError):
            if exc is not self.feed.failure:  # the feed's own failure is in its status already
                self.sig_error.emit(words(exc))
        elif exc is not None:
            log.error("service task failed", exc_info=exc)
            self.sig_error.emit(self.tr("Internal error: %s") % type(exc).__name__)

    # -- reference data ----------------------------------------------------------------------

    def instrument(self, symbol: str) -> Instrument | None:
        return self._instruments.get(symbol)

    def instruments(self) -> list[Instrument]:
        return list(self._instruments.values())

    def calendar(self, symbol: str) -> Calendar:
        """The sessions the active feed trades ``symbol`` on (the simulator kept open trades
        around the clock): what a market's status and a book's "closed" note go by."""
        inst = self._instruments.get(symbol)
        return self.feed.calendar(symbol, inst.calendar if inst else None)

    def latest_quote(self, symbol: str) -> Quote | None:
        return self._quotes.get(symbol)

    def latest_book(self, symbol: str) -> Book | None:
        return self._books.get(symbol)

    def fetch_history(self, symbol: str, period: Period, count: int) -> asyncio.Task[object]:
        """Load history bars (oldest first) as a task the service owns and cancels at exit;
        the caller shows a failure (the chart writes it in its pane)."""
        return self._spawn(self.feed.klines(symbol, period, count), report=False)

    def fetch_categories(self) -> asyncio.Task[object]:
        """The vendor's symbol categories, as a task the caller watches (the browser shows a
        failure in its pane)."""
        return self._spawn(self.feed.categories(), report=False)

    def fetch_page(self, category: str, page: int, page_size: int) -> asyncio.Task[object]:
        """One page of a category's instruments (an :class:`InstrumentPage`); their names are
        remembered for the panes that show a symbol picked from it."""
        return self._spawn(self._page(self.feed, category, page, page_size), report=False)

    async def _page(self, feed: Feed, category: str, page: int, page_size: int) -> InstrumentPage:
        result = await feed.instruments_page(category, page, page_size)
        if feed is self.feed:  # not a page of a vendor switched away from meanwhile
            for inst in result.items:
                self._instruments.setdefault(inst.symbol, inst)
        return result

    # -- subscriptions -----------------------------------------------------------------------

    def acquire(self, symbols: list[str], channels: list[Channel], period: Period | None = None) -> None:
        """Start live data for a holder; the feed is asked only for what nobody held yet."""
        keys = [(s, c, period if c is Channel.BAR else None) for s in symbols for c in channels]
        started = self._refs.acquire(keys)
        if started:
            self._schedule_apply(started, subscribe=True)
            if Channel.QUOTE in channels:
                fresh = [s for s in symbols if (s, Channel.QUOTE, None) in started]
                self._spawn(self._describe(fresh), report=False)

    def release(self, symbols: list[str], channels: list[Channel], period: Period | None = None) -> None:
        keys = [(s, c, period if c is Channel.BAR else None) for s in symbols for c in channels]
        stopped = self._refs.release(keys)
        if stopped:
            self._schedule_apply(stopped, subscribe=False)

    async def settled(self) -> None:
        """Wait (within the shutdown budget) until the subscription changes made so far reached
        the feed: a replay's first step then plays the panes' symbols."""
        if self._applies:
            await asyncio.wait(list(self._applies), timeout=SHUTDOWN_TIMEOUT_S)

    def _schedule_apply(self, keys: list[SubKey], *, subscribe: bool) -> None:
        """Send a change to the feed after the earlier changes of the same symbols."""
        symbols = list(dict.fromkeys(symbol for symbol, _channel, _period in keys))
        before = {self._last_apply[s] for s in symbols if s in self._last_apply}
        task = self._spawn(self._apply(self.feed, keys, subscribe=subscribe, after=before))
        self._applies.add(task)
        for symbol in symbols:
            self._last_apply[symbol] = task
        task.add_done_callback(lambda done: self._applied(done, symbols))

    def _applied(self, task: asyncio.Task[object], symbols: list[str]) -> None:
        for symbol in symbols:
            if self._last_apply.get(symbol) is task:
                del self._last_apply[symbol]

    async def _describe(self, symbols: list[str]) -> None:
        """Fetch details of newly watched symbols the vendor's list did not describe fully."""
        try:
            found = await self.feed.describe(symbols)
        except FeedError as exc:
            log.info("no instrument details for %s: %s", symbols, exc)
            return
        if found:
            for inst in found:
                self._instruments[inst.symbol] = inst
            self.sig_instruments.emit(found)

    async def _apply(self, feed: Feed, keys: list[SubKey], *, subscribe: bool,
                     after: set[asyncio.Task[object]]) -> None:
        if after:  # asyncio.wait, not gather: cancelling this change leaves earlier ones be
            await asyncio.wait(after)
        if not self._feed_ready.is_set():  # a vendor switch is starting the feed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._feed_ready.wait(), FEED_START_WAIT_S)
        if feed is not self.feed:
            return  # switched away meanwhile: that feed is closing
        groups: defaultdict[tuple[Channel, Period | None], list[str]] = defaultdict(list)
        for symbol, channel, period in keys:
            groups[(channel, period)].append(symbol)
        call = feed.subscribe if subscribe else feed.unsubscribe
        for (channel, period), symbols in groups.items():
            await call(symbols, [channel], period or Period.M1)

    # -- the hot path ------------------------------------------------------------------------

    def listen(self, listener: Callable[[Event], None]) -> None:
        """Call ``listener`` with every event the feed delivers, as it arrives (not batched):
        for evaluation that must see each print and quote (alerts). It runs on the hot path, so
        it must be cheap and must not emit Qt signals for events that change nothing."""
        self._listeners = (*self._listeners, listener)

    def _on_event(self, event: Event) -> None:
        self._messages += 1
        for listener in self._listeners:
            listener(event)
        if type(event) is Quote:
            self._quotes[event.symbol] = event
            self._pending_quotes[event.symbol] = event
        elif type(event) is Trade:
            self._pending_trades[event.symbol].append(event)
        elif type(event) is Book:
            self._books[event.symbol] = event
            self._pending_books[event.symbol] = event
        elif type(event) is Bar:
            self._pending_bars[(event.symbol, event.period)][event.ts] = event
        elif type(event) is Status:
            self.status = event
            self.sig_status.emit(event)
            return
        elif type(event) is Failover:
            self.sig_failover.emit(event)
            return
        elif type(event) is Divergence:
            self.sig_divergence.emit(event)
            return
        if not self._frame.isActive():
            # on the frame's cadence: a busy feed is flushed every frame_ms, not every
            # frame_ms after the first message that follows a flush
            since = (time.monotonic() - self._last_flush) * 1000
            self._frame.start(max(0, int(self._frame_ms - since)))

    def flush(self) -> None:
        """Emit what changed since the last frame, one signal per kind."""
        self.flushes += 1
        self._last_flush = time.monotonic()
        if self._pending_quotes:
            batch, self._pending_quotes = self._pending_quotes, {}
            self.sig_quotes.emit(batch)
        if self._pending_trades:
            trades, self._pending_trades = dict(self._pending_trades), defaultdict(list)
            self.sig_trades.emit(trades)
        if self._pending_books:
            books, self._pending_books = self._pending_books, {}
            self.sig_books.emit(books)
        if self._pending_bars:
            bars = {k: sorted(v.values(), key=_bar_ts) for k, v in self._pending_bars.items()}
            self._pending_bars = defaultdict(dict)
            self.sig_bars.emit(bars)

    def _emit_rate(self) -> None:
        now = time.monotonic()
        elapsed = max(now - self._rate_mark, 1e-6)
        self.sig_rate.emit(self._messages / elapsed)
        self._messages = 0
        self._rate_mark = now
        dropped = self.feed.dropped
        total = sum(dropped.values())
        if total != self._dropped_total:
            self._dropped_total = total
            self.sig_dropped.emit(dict(dropped))
        self.sig_health.emit(self.feed.health.snapshot())

    def symbol_age_ms(self, symbol: str) -> int | None:
        """Milliseconds since the active feed last delivered ``symbol`` (None: nothing yet), on
        the health's clock: what a stale row or chart shows."""
        health = health_of(self.feed, symbol)  # while failed over, the backup's age
        return health.age_ms(symbol, health.clock())

    def serving(self, symbol: str) -> str:
        """The vendor id whose data ``symbol`` shows now: the feed's own, or its backup's while
        the symbol is failed over (a row says "via iTick")."""
        return serving(self.feed, symbol)

    def vendor_feeds(self) -> list[Feed]:
        """Each vendor's own feed in the active one, primary first (one Feeds-pane row each:
        ``feed.health.snapshot()``)."""
        return vendor_feeds(self.feed)


def _ignore(_event: Event) -> None:
    return None


def _bar_ts(bar: Bar) -> int:
    return bar.ts
