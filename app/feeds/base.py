"""The interface every vendor adapter implements, and the errors it raises.

A feed pushes canonical events to one *sink* callable, on the asyncio loop's thread. The sink
must be cheap: it runs once per vendor message, so it records and returns (the service layer
coalesces; the CLI writes a line).
"""

from __future__ import annotations

import abc
import functools
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TypeVar

from app.core.health import SAMPLE_EVERY, FeedHealth
from app.core.holidays import VendorDays
from app.core.periods import Period
from app.core.instruments import symbol_calendar
from app.core.sessions import Calendar
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import (
    Bar,
    Book,
    Category,
    Channel,
    Event,
    Instrument,
    InstrumentPage,
    Quote,
    Status,
    Trade,
)
from app.core.validate import Validator, check_bar, check_book, check_quote, check_trade
from app.feeds.transport.badmessages import BadMessageLog

Sink = Callable[[Event], None]
_clock = time.monotonic  # arrival times (module-level: the hot path reads it as a global)
T = TypeVar("T")
S = TypeVar("S")


class FeedError(Exception):
    """A failure described in words a user can act on: a :class:`~app.core.text.Text`, so
    that ``str()`` reads English and the interface can show it in the user's language."""

    @property
    def text(self) -> str:
        """The message as raised (a ``Text`` when translatable), for composing another."""
        return self.args[0] if len(self.args) == 1 and isinstance(self.args[0], str) else str(self)


class UnknownSymbolError(FeedError):
    """The vendor does not know the symbol (exit code 2)."""


def spelled(spell: Callable[[T], S], items: Iterable[T]) -> Iterator[tuple[T, S]]:
    """Each item with its spelling by ``spell`` (canonical symbol ↔ vendor code), leaving out
    the items it cannot spell: an unknown symbol in a list read or a set dropped is skipped."""
    for item in items:
        try:
            yield item, spell(item)
        except UnknownSymbolError:
            continue


class AuthError(FeedError):
    """The vendor refused our key or plan (exit code 3); the message quotes the vendor."""


class VendorRefusal(AuthError):
    """The vendor refused a key, a computer, a subscription or a plan limit, in its own words."""


class UnreachableError(FeedError):
    """The vendor could not be reached after the retries (exit code 4)."""


class UnsupportedError(FeedError):
    """The vendor lacks the asked-for feature (a period, a channel): said, not faked."""


class Feed(abc.ABC):
    """One vendor connection: live subscriptions plus request/response data."""

    # What emit (the hot path, once per vendor message) reads and writes, kept in slots: read
    # from a slot at the same cost however many attributes a vendor's feed has (past 30, a
    # feed's own attributes leave the compact layout and every read of them costs a dict
    # probe). Every other attribute lives in the instance's dict as usual.
    __slots__ = ("validator", "health", "arrival", "_sink", "_fresh", "_left", "_target", "_latency",
                 "_stale_watch", "__dict__", "__weakref__")

    vendor: str = ""
    channels: frozenset[Channel] = frozenset(Channel)
    # Whether listing every instrument at start is cheap (one request or none); when not, the
    # service learns names per watched symbol through :meth:`describe` instead.
    lists_cheaply: bool = True
    # Whether trade times carry milliseconds (some vendors stamp prints to the second only).
    trade_times_ms: bool = True
    # Whether its bars belong in the kline cache (the simulator invents new ones each run).
    persistent_history: bool = True
    # Whether history costs nothing to ask for (no request quota): a watchlist may then draw
    # every row's day from its minute bars.
    history_is_cheap: bool = False
    # The bar periods the vendor serves (its code table's), whatever the symbol.
    periods: frozenset[Period] = frozenset(Period)
    # The event types whose ``ts`` is the vendor's own time of sending, so that arrival minus
    # it estimates the latency (none: "n/a"), and that time's precision in ms (see FeedHealth).
    timed_events: frozenset[type] = frozenset()
    time_resolution_ms: int = 1

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Every request that answers with market events (``snapshot``, ``depth``,
        ``last_trades``, ``klines``) hands back only what the validator lets out, in every
        vendor, without each one remembering to."""
        super().__init_subclass__(**kwargs)
        for name in _CHECKED_REQUESTS:
            method = getattr(cls, name, None)  # through the MRO: a mixin's request counts too
            if (method is not None and not getattr(method, "_validated", False)
                    and not getattr(method, "__isabstractmethod__", False)):
                setattr(cls, name, _validated(method))

    def __init__(self) -> None:
        self._sink: Sink = _discard
        self.failure: FeedError | None = None  # set when the feed gave up for good (shown once)
        # what the validator dropped (or cut from a book), logged once per kind per interval
        self._invalid = BadMessageLog(logging.getLogger(f"app.feeds.{self.vendor or 'feed'}"))
        self.validator = Validator(self._invalid_value)
        self._check = self.validator.check
        # the feed's health figures (app.core.health): fed here, by emit, for every vendor
        # The health's count of market events, kept by emit as a countdown to the next latency
        # sample (one test and one small-int store per event: a running count and a modulo
        # cost twice that): the count is ``_target`` - ``_left``. The first event is sampled.
        self._left = 1  # events until the next latency sample
        self._target = 1  # the count when that sample is due
        self.health = FeedHealth(self.vendor, timed=self.timed_events, resolution_ms=self.time_resolution_ms,
                                 calendar_of=self.calendar, dropped_of=self._dropped_total,
                                 counted=self._events_so_far)
        # its hot path, inlined in emit: the arrivals (monotonic seconds) and the latency samples;
        # the watch's ``wall_offset_ms`` turns a sample's arrival into epoch ms
        self._stale_watch = self.health.watch
        self._fresh, self._latency = self._stale_watch.fresh, self.health.latency_samples
        # when the latest vendor message arrived, on the monotonic clock in seconds (asyncio's
        # loop.time(), time.monotonic()): stamped once per WebSocket frame by its session (the
        # time it reads for the frame anyway, stored as it is), per poll by a poller, per step by
        # the simulator; 0 before any (emit then reads the clock). A request's answer goes
        # through emit_snapshot, which reads the clock.
        self.arrival = 0.0
        self._refusals_said: set[str] = set()

    def _events_so_far(self) -> int:
        """Market events let out so far (the health's count)."""
        return self._target - self._left

    def _dropped_total(self) -> int:
        return sum(self.validator.counts.values())

    def refused(self, refusal: object) -> None:
        """Count a refusal by the vendor in the feed's health, once per refusal (the same one
        raised again, or said again in the same words, is not another)."""
        said = str(refusal)
        if said not in self._refusals_said:
            self._refusals_said.add(said)
            self.health.on_refusal()

    @property
    def dropped(self) -> Counter[str]:
        """Events (and book levels) the validator dropped, per kind (``app.core.validate``
        kinds: translatable ``Text``)."""
        return self.validator.counts

    def _invalid_value(self, kind: str, event: object) -> None:
        self._invalid.record(kind, event, "invalid value dropped")

    def drop(self, kind: str, what: object) -> None:
        """Count and log a message a decoder found invalid before it became an event (a
        vendor's garbage time, say): the same counts as the validator's."""
        self.validator.counts[kind] += 1
        self._invalid_value(kind, what)

    def not_started(self, name: str) -> FeedError:
        """Why a request cannot go out before :meth:`start`: the start's own refusal when there
        was one (so the user keeps reading what to do, not a programming error)."""
        return self.failure or FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1: start() the feed first"), name))

    def set_sink(self, sink: Sink) -> None:
        self._sink = sink

    def emit(self, event: Event) -> None:
        """Hand one event to the sink; a market event only when the validator lets it out
        (a book sorted, its bad levels cut, a crossed one flagged), noted in the feed's health.

        This runs once per vendor message. It does the validator's type dispatch
        (:meth:`Validator.check`'s) itself, once for the validator's check and the health's
        note, so that each branch reads ``event.symbol`` from one type: read at one place from
        a stream of four types, it cost ~35 ns, more than the rest of the note."""
        cls = type(event)
        if cls is Quote:
            problem = check_quote(event, self.validator.limit)
            symbol = event.symbol
        elif cls is Trade:
            problem = check_trade(event, self.validator.limit)
            symbol = event.symbol
        elif cls is Book:
            checked, problem = check_book(event, self.validator.limit)
            if problem is None:
                event = checked
            symbol = event.symbol
        elif cls is Bar:
            problem = check_bar(event, self.validator.limit)
            symbol = event.symbol
        else:  # a status (the health follows the connection), or nothing the validator checks
            if cls is Status:
                self.health.on_state(event.state)
            self._sink(event)
            return
        if problem is not None:
            event = self.validator.judge(event)  # the clock read again, counted, maybe repaired
            if event is None:
                return
        # FeedHealth.on_event inlined (a call would cost as much as the work): the symbol's
        # arrival noted, the count moved on, and every SAMPLE_EVERY-th event (they arrive at
        # every phase of the second) a latency sample. bench_health times this.
        self._fresh[symbol] = self.arrival or _clock()
        self._left = left = self._left - 1
        if not left:  # (no call here: two calls per sample cost ~10 ns an event)
            self._left = SAMPLE_EVERY
            self._target += SAMPLE_EVERY
            if cls in self.health.timed:  # (a relay learns them late)
                arrived = (self.arrival or _clock()) * 1000.0 + self._stale_watch.wall_offset_ms
                self._latency.append(arrived - event.ts)
        self._sink(event)

    def emit_snapshot(self, event: Event) -> None:
        """Hand on a market event read by request (a REST snapshot), whose time is when its
        value last changed, not when it was sent: counted in the health, but no latency sample."""
        event = self._check(event)
        if event is not None:
            self._fresh[event.symbol] = _clock()
            self._target += 1
            self._sink(event)

    @abc.abstractmethod
    async def start(self) -> None:
        """Connect (or start simulating); emits Status events as the state changes."""

    @abc.abstractmethod
    async def aclose(self) -> None:
        """Cancel and await every task the feed started; idempotent."""

    @abc.abstractmethod
    async def subscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None:
        """Start live events; a snapshot of each symbol's current state is emitted at once."""

    @abc.abstractmethod
    async def unsubscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None: ...

    @abc.abstractmethod
    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]: ...

    @abc.abstractmethod
    async def klines(
        self, symbol: str, period: Period, count: int, end: datetime | None = None
    ) -> list[Bar]:
        """Up to ``count`` bars ending at ``end`` (default now), oldest first."""

    @abc.abstractmethod
    async def categories(self) -> list[Category]: ...

    @abc.abstractmethod
    async def instruments(self, category: str | None = None) -> list[Instrument]: ...

    async def instruments_page(self, category: str, page: int, page_size: int) -> InstrumentPage:
        """One page (1-based) of a category, for a browser that loads as the user scrolls.
        Vendors that page on the server override this; others cut their full list."""
        listed = await self.instruments(category)
        start = (max(page, 1) - 1) * page_size
        return InstrumentPage(listed[start:start + page_size], len(listed), max(page, 1), page_size)

    def calendar(self, symbol: str, instrument_calendar: str | None = None) -> Calendar:
        """The sessions that govern ``symbol`` on this feed, so that a market's status and a
        book's "closed" note agree with when the feed trades it. ``instrument_calendar`` is the
        instrument's own calendar name when it has one (an index keeps its exchange's hours).
        Real vendors follow the exchange; a feed that keeps other hours (the simulator kept
        open) overrides this."""
        return symbol_calendar(symbol, instrument_calendar)

    def chart_periods(self, symbol: str) -> frozenset[Period]:
        """The bar periods this vendor serves for ``symbol`` (charts disable the others):
        :attr:`periods`, unless they differ by symbol."""
        return self.periods

    async def describe(self, symbols: Iterable[str]) -> list[Instrument]:
        """Details (names, lot size, currency) of these symbols; vendors with a richer
        endpoint than their symbol list override this."""
        wanted = set(symbols)
        return [inst for inst in await self.instruments() if inst.symbol in wanted]

    async def exchange_days(self) -> list[VendorDays]:
        """The vendor's own calendar, per exchange (closures, half days), merged into the
        holiday table; [] when the vendor keeps none. Vendors with one override this."""
        return []


_CHECKED_REQUESTS = ("snapshot", "depth", "last_trades", "klines")


def _validated(method):
    """``method`` (an async request returning a list of events) through the feed's validator."""
    @functools.wraps(method)
    async def checked(self: Feed, *args, **kwargs):
        return self.validator.keep(await method(self, *args, **kwargs))

    checked._validated = True  # type: ignore[attr-defined]
    return checked


def _discard(event: Event) -> None:
    return None
