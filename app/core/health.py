"""How healthy a vendor's feed is: the figures of DESIGN.md's ``health`` line, per vendor.

Pure bookkeeping (no Qt, no I/O, no clock of its own: every time is passed in, or read from
an injected clock), so the command line, the service and the failover composite share it.

The hot path is :meth:`FeedHealth.on_event`, done by :meth:`app.feeds.base.Feed.emit` for every
market event the validator lets out, with its arrival time: it counts, notes the symbol's arrival
and samples the latency (inlined there, sampling the first event and one in eight). Everything
else (rates, medians, the stale symbols) is worked out by :meth:`FeedHealth.snapshot`, about
once a second.

Feed.emit notes arrivals on the monotonic clock, in seconds (:attr:`StaleWatch.fresh`): the
time its WebSocket session reads for each frame anyway, stored as it is. Turning each into
epoch milliseconds per frame cost the hot path ~30 ns an event; :meth:`StaleWatch.fold` turns
them once per look instead (every reading of the arrivals folds first).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable

import msgspec

from app.core.instruments import symbol_calendar
from app.core.sessions import Calendar
from app.core.types import ConnectionState

STALE_FLOOR_MS = 5_000  # never stale sooner than this, however busy the symbol usually is
STALE_FACTOR = 2.0  # stale after this many times the symbol's usual (90th percentile) gap
GAP_HISTORY = 32  # inter-arrival gaps kept per symbol to learn its usual gap
LATENCY_SAMPLES = 100  # the latency is the median of this many latest samples
RATE_WINDOW_MS = 5_000  # messages per second over this sliding window
SAMPLE_EVERY = 8  # Feed.emit samples the latency of one event in this many
OFFSET_JUMP_MS = 1_000  # a wall − monotonic offset grown by more: a suspend or a clock set (fold)


def wall_ms() -> float:
    """Now, epoch milliseconds (the default clock)."""
    return time.time() * 1000.0


def monotonic_offset_ms() -> float:
    """Epoch milliseconds at the monotonic clock's zero: what turns a monotonic arrival (in
    seconds, as ``time.monotonic()`` and asyncio's loop read it) into epoch ms. It moves only
    when the wall clock is set or slewed, so it is read afresh at every fold."""
    return time.time() * 1000.0 - time.monotonic() * 1000.0


class Health(msgspec.Struct, tag="health", tag_field="type", omit_defaults=True):
    """One vendor's health at ``ts``: DESIGN.md's ``health`` line. ``age_ms`` is None before
    the first message; ``latency_ms`` None ("n/a") when the vendor sends no usable time;
    ``refusals`` appears in the JSON line only when there was one (as a book's ``crossed``)."""

    vendor: str
    ts: int
    state: str
    age_ms: int | None
    latency_ms: int | None
    rate: float
    reconnects: int
    dropped: int
    stale: list[str]
    refusals: int = 0


class StaleWatch:
    """Which watched symbols have gone silent while their market is open.

    Hot path: a store into :attr:`fresh` (``fresh[symbol] = time.monotonic()``, seconds: Feed.emit
    does it inline), moved into :attr:`last` (epoch ms) by :meth:`fold`, which every reading of
    the arrivals does first; :meth:`on_symbol` notes an arrival already in epoch ms. The usual
    gap of each symbol is learned at :meth:`review` (called by :meth:`stale`, about once a
    second) from the arrival times it finds changed since the previous review: to within one
    review interval, which matters only for gaps below the floor. A gap is learned only while
    the market stayed open (the night's silence teaches nothing). A symbol is stale when its
    market is open now and it has been silent (since its last arrival, or since it was watched
    when none came) for longer than ``max(floor_ms, factor × its 90th-percentile gap)``.
    """

    def __init__(self, calendar_of: Callable[[str], Calendar] = symbol_calendar, *,
                 floor_ms: float = STALE_FLOOR_MS, factor: float = STALE_FACTOR,
                 history: int = GAP_HISTORY,
                 offset_ms: Callable[[], float] = monotonic_offset_ms) -> None:
        self.calendar_of = calendar_of
        self.floor_ms = floor_ms
        self.factor = factor
        self._history = history
        self.last: dict[str, float] = {}  # symbol → its latest arrival, epoch ms (once folded)
        # symbol → its latest arrival on the monotonic clock, seconds (Feed.emit's table; mutate
        # it, never rebind it), not yet in ``last``
        self.fresh: dict[str, float] = {}
        self._offset_ms = offset_ms
        # the latest offset read (a latency sample taken on the hot path adds it)
        self.wall_offset_ms = offset_ms()
        self._since: dict[str, float] = {}  # watched symbol → when it was watched
        self._reviewed: dict[str, float | None] = {}  # its arrival at the previous review (None: reset)
        self._gaps: dict[str, deque[float]] = {}
        self._limit: dict[str, float] = {}
        self._calendars: dict[str, Calendar] = {}

    def fold(self) -> None:
        """Move the hot path's arrivals (monotonic seconds) into :attr:`last` (epoch ms).

        The offset is the one read now, unless it grew by more than :data:`OFFSET_JUMP_MS` since
        the previous fold: the monotonic clock stood still (a suspended machine) or the wall
        clock was set forward meanwhile, and arrivals noted before that would be dated after
        it, fresh when they are not (a dead primary would look healthy). The previous offset
        then dates them no later than they came (any that came after the jump look older until
        the next fold: stale a moment early, never late)."""
        offset = self._offset_ms()
        fresh = self.fresh
        if fresh:
            used = offset if offset - self.wall_offset_ms <= OFFSET_JUMP_MS else self.wall_offset_ms
            last = self.last
            for symbol, arrived in fresh.items():
                last[symbol] = arrived * 1000.0 + used
            fresh.clear()
        self.wall_offset_ms = offset

    def on_symbol(self, symbol: str, arrival_ms: float) -> None:
        """``symbol`` arrived at ``arrival_ms`` (epoch ms)."""
        if self.fresh:  # (an older monotonic arrival folded later must not overwrite this one)
            self.fold()
        self.last[symbol] = arrival_ms

    def watch(self, symbols: Iterable[str], now_ms: float) -> None:
        """Expect data for these symbols from now (a subscribe); watched ones stay as they are."""
        for symbol in symbols:
            if symbol not in self._since:
                self._since[symbol] = now_ms
                self._reviewed[symbol] = None

    def forget(self, symbols: Iterable[str]) -> None:
        """No longer expect these (an unsubscribe)."""
        for symbol in symbols:
            for table in (self._since, self._reviewed, self._gaps, self._limit, self.last, self.fresh):
                table.pop(symbol, None)

    @property
    def watched(self) -> list[str]:
        return list(self._since)

    def limit_ms(self, symbol: str) -> float:
        """How long ``symbol`` may be silent before it is stale (its learned gap, or the floor)."""
        return max(self.floor_ms, self._limit.get(symbol, 0.0))

    def age_ms(self, symbol: str, now_ms: float) -> int | None:
        """Milliseconds since ``symbol``'s last arrival; None if nothing arrived yet."""
        self.fold()
        last = self.last.get(symbol)
        return None if last is None else int(now_ms - last)

    def is_open(self, symbol: str, now_ms: float, _memo: dict[Calendar, bool] | None = None) -> bool:
        """Whether ``symbol``'s market is open by its calendar (``_memo``: answers per calendar
        within one look, as many symbols share one)."""
        calendar = self._calendars.get(symbol)
        if calendar is None:
            calendar = self._calendars[symbol] = self.calendar_of(symbol)
        if _memo is None:
            return calendar.is_open(int(now_ms))
        opened = _memo.get(calendar)
        if opened is None:
            opened = _memo[calendar] = calendar.is_open(int(now_ms))
        return opened

    def review(self, now_ms: float, _memo: dict[Calendar, bool] | None = None) -> None:
        """Learn the gaps of the arrivals since the previous review."""
        self.fold()
        memo = {} if _memo is None else _memo
        for symbol in self._since:
            if not self.is_open(symbol, now_ms, memo):
                self._reviewed[symbol] = None  # across a close: the next gap starts afresh
                continue
            last = self.last.get(symbol)
            seen = self._reviewed[symbol]
            if last is None or last == seen:
                continue
            self._reviewed[symbol] = last
            if seen is None:
                continue
            gaps = self._gaps.get(symbol)
            if gaps is None:
                gaps = self._gaps[symbol] = deque(maxlen=self._history)
            gaps.append(last - seen)
            ordered = sorted(gaps)
            self._limit[symbol] = self.factor * ordered[int(0.9 * (len(ordered) - 1))]

    def stale(self, now_ms: float) -> list[str]:
        """Watched symbols silent for longer than their limit while their market is open, sorted."""
        memo: dict[Calendar, bool] = {}
        self.review(now_ms, memo)
        out = []
        for symbol, since in self._since.items():
            last = self.last.get(symbol, since)
            if now_ms - last > self.limit_ms(symbol) and self.is_open(symbol, now_ms, memo):
                out.append(symbol)
        return sorted(out)


class FeedHealth:
    """One vendor's health figures (see :class:`Health`).

    The hot path, :meth:`on_event`, counts, notes the symbol's arrival and takes a latency
    sample when the event's type is in ``timed`` (the types whose ``ts`` is the vendor's own
    time of sending: arrival minus it is the latency; none: latency "n/a"). :meth:`snapshot`
    (about once a second) works out the rest: the rate from the count, the stale symbols (from
    :attr:`watch`), the latency as the median of the latest 100 samples; ``resolution_ms`` is the
    precision of the vendor's time (1000 for whole seconds: half of it is taken off, a truncated
    stamp being on average that much early over samples spread across the second).
    ``dropped_of`` reads the validator's count (the feed owns it), ``counted`` the count of
    market events when the feed keeps it (Feed.emit does); ``clock`` gives now.
    """

    __slots__ = ("vendor", "clock", "dropped_of", "timed", "resolution_ms", "state", "reconnects",
                 "refusals", "watch", "seen", "count", "counted", "_channels", "latency_samples",
                 "_rate_window_ms", "_marks")

    def __init__(self, vendor: str, *, timed: Iterable[type] = (), resolution_ms: int = 1,
                 calendar_of: Callable[[str], Calendar] = symbol_calendar,
                 clock: Callable[[], float] = wall_ms, dropped_of: Callable[[], int] = lambda: 0,
                 counted: Callable[[], int] | None = None, floor_ms: float = STALE_FLOOR_MS,
                 rate_window_ms: float = RATE_WINDOW_MS) -> None:
        self.vendor = vendor
        self.clock = clock
        self.dropped_of = dropped_of
        self.timed = frozenset(timed)
        self.resolution_ms = resolution_ms
        self.count = 0  # market events so far, when on_event counts them
        # what the rate is worked out from: the feed's own count (Feed.emit keeps it, cheaper
        # on the feed than here), or this one's
        self.counted = counted or self._own_count
        self.state = ConnectionState.DISCONNECTED
        self.reconnects = 0
        self.refusals = 0
        self.watch = StaleWatch(calendar_of, floor_ms=floor_ms)
        # The arrivals, epoch ms (the watch's own table: read it after ``watch.fold()``). The hot
        # path's record is ``watch.fresh``, which Feed.emit writes inline (a Python call costs as
        # much as the work): ``fresh[symbol] = monotonic seconds``.
        self.seen: dict[str, float] = self.watch.last
        self._channels: dict[str, set[object]] = {}
        # the latest latency samples (arrival minus the vendor's time), public for Feed.emit too.
        # Feed.emit holds this deque and ``watch.fresh``: mutate them, never rebind them.
        self.latency_samples: deque[float] = deque(maxlen=LATENCY_SAMPLES)
        self._rate_window_ms = rate_window_ms
        self._marks: deque[tuple[float, int]] = deque([(clock(), 0)])

    # -- the hot path ----------------------------------------------------------------------------

    def on_event(self, event, arrival_ms: float) -> None:
        """A market event (``event.symbol``, ``event.ts``) arrived at ``arrival_ms``: counted,
        its symbol fresh, and a latency sample when its type is timed. (Feed.emit inlines this,
        sampling the first event and one in :data:`SAMPLE_EVERY`.)"""
        self.watch.on_symbol(event.symbol, arrival_ms)
        self.count += 1
        self.sample(arrival_ms, event)

    def _own_count(self) -> int:
        return self.count

    def sample(self, arrival_ms: float, event) -> None:
        """A latency sample (arrival minus the vendor's time) when the event's type is timed."""
        if type(event) in self.timed:
            self.latency_samples.append(arrival_ms - event.ts)

    def on_untimed(self, event, arrival_ms: float) -> None:
        """A market event whose time is not when it was sent (a REST snapshot: the time its
        value last changed): counted and fresh, but never a latency sample."""
        self.watch.on_symbol(event.symbol, arrival_ms)
        self.count += 1

    # -- the rest ------------------------------------------------------------------------------------

    def subscribed(self, symbols: Iterable[str], channels: Iterable[object], now_ms: float) -> None:
        """These symbols are expected on these channels from now (watched for staleness)."""
        symbols, channels = list(symbols), set(channels)
        for symbol in symbols:
            self._channels.setdefault(symbol, set()).update(channels)
        self.watch.watch(symbols, now_ms)

    def unsubscribed(self, symbols: Iterable[str], channels: Iterable[object]) -> None:
        """These channels stopped; a symbol left with none is no longer watched."""
        channels = set(channels)
        gone = []
        for symbol in symbols:
            held = self._channels.get(symbol)
            if held is not None:
                held -= channels
                if not held:
                    del self._channels[symbol]
                    gone.append(symbol)
        self.watch.forget(gone)

    def on_state(self, state: ConnectionState) -> None:
        """The feed's connection state; each fall into ``reconnecting`` is one reconnect (however
        many attempts it then takes)."""
        if state is ConnectionState.RECONNECTING and self.state is not ConnectionState.RECONNECTING:
            self.reconnects += 1
        self.state = state

    def on_refusal(self) -> None:
        """The vendor refused something (a key, a computer, a subscription, a plan limit)."""
        self.refusals += 1

    def age_ms(self, symbol: str, now_ms: float) -> int | None:
        """Milliseconds since ``symbol`` last arrived; None if it never did."""
        last = self.arrival_ms(symbol)
        return None if last is None else max(0, int(now_ms - last))

    def arrival_ms(self, symbol: str) -> float | None:
        """When ``symbol`` last arrived (epoch ms), or None if it never did."""
        self.watch.fold()
        return self.seen.get(symbol)

    def stale(self, now_ms: float) -> list[str]:
        """The watched symbols stale now (what :meth:`snapshot` lists), up to date with every
        arrival: a failover asks this as often as it likes."""
        return self.watch.stale(now_ms)

    def latency_ms(self) -> int | None:
        """Median of the latest samples, or None without any."""
        if not self.latency_samples:
            return None
        import statistics  # on first use: it pulls in fractions and decimal, not for the first frame

        return round(statistics.median(self.latency_samples) - (self.resolution_ms - 1) / 2)

    def rate(self, now_ms: float) -> float:
        """Messages per second over the sliding window ending now (marks made by each call)."""
        marks = self._marks
        count = self.counted()
        marks.append((now_ms, count))
        while len(marks) > 2 and now_ms - marks[1][0] >= self._rate_window_ms:
            marks.popleft()
        then, before = marks[0]
        return (count - before) * 1000.0 / (now_ms - then) if now_ms > then else 0.0

    def snapshot(self, now_ms: float | None = None) -> Health:
        """The health line now (``now_ms`` from the clock when not given)."""
        now = self.clock() if now_ms is None else now_ms
        latency = self.latency_ms()
        self.watch.fold()
        last = max(self.seen.values(), default=None)
        return Health(
            vendor=self.vendor, ts=int(now), state=str(self.state),
            age_ms=None if last is None else max(0, int(now - last)),
            latency_ms=latency, rate=round(self.rate(now), 2),
            reconnects=self.reconnects, dropped=self.dropped_of(),
            stale=self.stale(now), refusals=self.refusals,
        )
