"""The lifecycle every live vendor adapter shares, written once.

Modelled on nautilus_trader's ``LiveMarketDataClient``: the base owns the public lifecycle and
the bookkeeping, an adapter fills in only what differs (its HTTP client, its connections, what
it sends). Here :class:`LiveFeed` owns ``start``/``aclose`` (an HTTP client and a CONNECTING
status, every spawned task cancelled and awaited), a session's state turned into the feed's
failure and a :class:`~app.core.types.Status`, refusals said once, the bounded wait for a first
connection (so a refused key is said by the subscribe that opened it), the state sent to a new
subscriber, and ``subscribe`` refused after an authentication failure (no connection is opened
for a key or a computer the vendor refused). It also keeps what every adapter is configured
with (addresses, key, plan, timings), opens the HTTP client from them, and closes every session
it made. An adapter implements ``_subscribe``, ``_unsubscribe`` and its wire; ``_connect`` and
``_disconnect`` when it has more to open or close.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Template, Text
from app.core.types import Bar, Channel, ConnectionState, Instrument, Status
from app.feeds.base import AuthError, Feed, FeedError, VendorRefusal
from app.feeds.transport.badmessages import BadMessageLog
from app.feeds.transport.http import HttpClient
from app.feeds.transport.ratelimit import SlidingWindowLimiter
from app.feeds.transport.subscriptions import SubscriptionBook
from app.feeds.transport.words import vendor_words
from app.feeds.timings import HttpPlan, LiveTimings
from app.feeds.transport.ws import NotConnected, SessionConfig, WsSession

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)
# Worst first: several connections are shown as one status, the worst among them.
_SEVERITY = (ConnectionState.ERROR, ConnectionState.RECONNECTING, ConnectionState.CONNECTING,
             ConnectionState.CONNECTED)


class LiveFeed(Feed):
    """A vendor with an HTTP API and live WebSocket pushes."""

    name: str = ""  # the vendor's display name, in messages
    BASE_URL = WS_URL = ""  # where the vendor is, unless the user points elsewhere
    timings_type: type[LiveTimings] = LiveTimings
    plan_type: type[HttpPlan] | None = None  # a plan's HTTP rate limits every request
    key_header = ""  # the header (HTTP and WebSocket) that carries the key; "": none needed
    key_hint: str = ""  # what the user can do when the vendor refuses the key (or the computer)
    missing_key = QT_TRANSLATE_NOOP("Feed", "%1 needs an API key: %2")
    # an HTTP 401/403 in words: %1 the name, %2 the status, %3 the vendor's words quoted (or
    # nothing), %4 the key hint; None: the adapter reads such answers itself
    http_refusal: Template | None = None

    def __init__(self, *, api_key: str | None = None, base_url: str | None = None, ws_url: str | None = None,
                 plan: HttpPlan | None = None, timings: LiveTimings | None = None,
                 give_up_after: int | None = None) -> None:
        super().__init__()
        self._key = api_key or ""
        self.base_url = (base_url or self.BASE_URL).rstrip("/")
        self.ws_url = ws_url or self.WS_URL
        self.plan: Any = plan or (self.plan_type() if self.plan_type else None)
        self.timings: Any = timings or self.timings_type()
        self._give_up_after = give_up_after
        self.bad_messages = BadMessageLog(logging.getLogger(type(self).__module__))
        self._http: HttpClient | None = None
        self._sessions: set[WsSession] = set()
        self._tasks: set[asyncio.Task[object]] = set()
        self._told: set[str] = set()  # status lines already said (once each)

    # -- what an adapter fills in ---------------------------------------------------------------

    def _open_http(self, **options: Any) -> HttpClient:
        """The vendor's HTTP client, with its key and its plan's rate limit; without the key a
        vendor needs, the start's refusal in words."""
        if self.key_header and not self._key:
            raise AuthError(Text(self.missing_key, self.name, self.key_hint))
        if self.plan is not None:
            options.setdefault("limiter", SlidingWindowLimiter(self.plan.http_requests, self.plan.http_period))
        return HttpClient(self.base_url, name=self.name, backoff=self.timings.http_backoff,
                          **{"headers": self._key_headers(), **options})

    def _key_headers(self) -> dict[str, str]:
        return {self.key_header: self._key} if self.key_header else {}

    def _address(self) -> str:
        """Where the feed connects, for the CONNECTING status."""
        return self.base_url

    async def _connect(self) -> None:
        """Whatever ``start`` asks beyond the HTTP client (an authorisation check)."""

    async def _disconnect(self) -> None:
        """Close the adapter's connections (``aclose`` then cancels the tasks, the HTTP client)."""

    @abc.abstractmethod
    async def _klines(self, symbol: str, period: Period, count: int, end: datetime | None) -> list[Bar]:
        """The vendor's bars for :meth:`klines` (``count`` > 0), oldest first."""

    async def _category_list(self, category: str) -> list[Instrument]:
        """Every instrument of one of :meth:`categories` (read once, cached), for a vendor that
        lists per category; a vendor that lists otherwise overrides :meth:`instruments`."""
        raise NotImplementedError

    @abc.abstractmethod
    async def _subscribe(self, symbols: list[str], channels: list[Channel], period: Period) -> None:
        """Subscribe what is asked (no duplicates), once started and not refused."""

    @abc.abstractmethod
    async def _unsubscribe(self, symbols: list[str], channels: list[Channel], period: Period) -> None:
        """Stop what is asked (no duplicates); a symbol not subscribed is no error."""

    # -- lifecycle ------------------------------------------------------------------------------

    async def start(self) -> None:
        if self._http is not None:
            return
        try:
            self._http = self._open_http()
            self.emit(Status(self.vendor, ConnectionState.CONNECTING,
                             Text(QT_TRANSLATE_NOOP("Feed", "%1 at %2"), self.name, self._address())))
            await self._connect()
        except AuthError as exc:
            self.failure = exc
            self.refused(exc)
            if self._http is not None:
                self.emit(Status(self.vendor, ConnectionState.ERROR, exc.text))
            raise

    async def aclose(self) -> None:
        await self._disconnect()
        sessions, self._sessions = list(self._sessions), set()
        await asyncio.gather(*(s.aclose() for s in sessions), return_exceptions=True)
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        http, self._http = self._http, None
        if http is not None:
            await http.aclose()

    @property
    def http(self) -> HttpClient:
        """The HTTP client; before ``start`` the start's own refusal, in words."""
        if self._http is None:
            raise self.not_started(self.name)
        return self._http

    async def klines(self, symbol: str, period: Period, count: int, end: datetime | None = None) -> list[Bar]:
        """Up to ``count`` bars ending at ``end`` (default now), oldest first: never one after
        ``end``, whether the vendor honours it or not."""
        if count <= 0:
            return []
        bars = await self._klines(symbol, period, count, end)
        if end is not None:
            end_ms = int(end.timestamp() * 1000)
            bars = [b for b in bars if b.ts <= end_ms]
        return bars[-count:]

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        """One category's instruments, or every category's; [] for a category not offered."""
        known = [c.id for c in await self.categories()]
        if category is not None and category not in known:
            return []
        out: list[Instrument] = []
        for cat_id in [category] if category is not None else known:
            out += await self._category_list(cat_id)
        return out

    def _unreadable(self, path: str, response: httpx.Response) -> FeedError:
        """An HTTP answer the vendor's decoder could not read: logged (with an excerpt), said."""
        self.bad_messages.record("http", response.content, f"HTTP {response.status_code}")
        return FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1 sent an unreadable answer to %2 (HTTP %3)"),
                              self.name, path, response.status_code))

    def _quoted(self, response: httpx.Response) -> str:
        """The vendor's own words in an HTTP answer, quoted (after a colon), or nothing."""
        words = vendor_words(response.content)
        return Text(QT_TRANSLATE_NOOP("Feed", ": “%1”"), words) if words else ""

    def _check_refused(self, response: httpx.Response) -> None:
        """An HTTP 401/403 is the vendor refusing our key (or this computer): said in
        :attr:`http_refusal`'s words, with the vendor's own and what the user can do."""
        if response.status_code in (401, 403) and self.http_refusal is not None:
            raise VendorRefusal(Text(self.http_refusal, self.name, response.status_code,
                                     self._quoted(response), self.key_hint))

    def _spawn(self, coro: Coroutine[object, object, object]) -> asyncio.Task[object]:
        """A task the feed owns: ``aclose`` cancels and awaits it."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _say(self, text: str, state: ConnectionState = ConnectionState.CONNECTED, *,
             refusal: bool = False) -> None:
        """A status line shown once per text (a refusal, counted in the health; a quiet feed),
        never repeated."""
        if refusal:
            self.refused(text)
        if text not in self._told:
            self._told.add(text)
            self.emit(Status(self.vendor, state, text))

    # -- connections ----------------------------------------------------------------------------

    def _new_session(self, url: str, interval: float, *, settings: dict[str, Any] | None = None,
                     **hooks: Any) -> WsSession:
        """A started session with the feed's name, key, reconnect policy, heartbeat ``interval``,
        patience and bad-message log, closed by ``aclose``; its state becomes the feed's
        (``on_state`` in ``hooks`` to fold several)."""
        config = SessionConfig(url=url, name=self.name, policy=self.timings.policy, headers=self._key_headers(),
                               heartbeat_interval=interval, give_up_after=self._give_up_after,
                               refusal_hint=self.key_hint, watch_interval=min(1.0, interval / 4),
                               idle_limit=self.timings.idle_limit, **(settings or {}))
        hooks.setdefault("on_state", lambda state, detail: self._session_state(session, state, detail))
        session = WsSession(config, bad_messages=self.bad_messages, calendar=self.calendar, stamp=self, **hooks)
        self._sessions.add(session)
        session.start()
        return session

    def _drop_session(self, session: WsSession) -> None:
        """Close a session the feed no longer needs (in the background)."""
        self._sessions.discard(session)
        self._spawn(session.aclose())

    def _session_state(self, session: WsSession, state: ConnectionState, detail: str) -> None:
        """A session's state as the feed's status: with several sessions open (iTick's shards),
        the worst of their states; a session that gave up for good is the feed's failure."""
        if state is ConnectionState.ERROR and session.failure is not None:
            self.failure = session.failure
            if isinstance(session.failure, AuthError):
                self.refused(session.failure)
        states = {s.state for s in self._sessions} | {state} if session in self._sessions else {state}
        self.emit(Status(self.vendor, next((s for s in _SEVERITY if s in states), state), detail))

    async def _first_connection(self, sessions: Iterable[WsSession],
                                ready: Callable[[WsSession], Awaitable[object]] | None = None) -> None:
        """Fresh sessions get a moment (``first_connect_timeout``: the wait ends) to connect,
        or to be ``ready``, so a refused handshake is raised by the subscribe that opened it."""
        sessions = list(sessions)
        fresh = [s for s in sessions if s.handshakes == 0 and s.failure is None]
        if fresh:
            with contextlib.suppress(TimeoutError, FeedError):
                async with asyncio.timeout(self.timings.first_connect_timeout):
                    await asyncio.gather(*(ready(s) if ready else s.wait_connected() for s in fresh))
        for session in sessions:
            if session.failure is not None:
                raise session.failure

    # -- subscriptions --------------------------------------------------------------------------

    async def subscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None:
        self.http  # noqa: B018  (before start(): its refusal, in words)
        if isinstance(self.failure, AuthError):
            raise self.failure  # no connection for a key or a computer the vendor refused
        symbols, channels = list(dict.fromkeys(symbols)), list(dict.fromkeys(channels))
        try:
            await self._subscribe(symbols, channels, period)
        except AuthError as exc:
            self.refused(exc)
            raise
        self.health.subscribed(symbols, channels, self.health.clock())

    async def unsubscribe(
        self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1
    ) -> None:
        symbols, channels = list(dict.fromkeys(symbols)), list(dict.fromkeys(channels))
        await self._unsubscribe(symbols, channels, period)
        self.health.unsubscribed(symbols, channels)

    def _initial_for(self, symbols: list[str], channels: list[Channel],
                     period: Period) -> Coroutine[object, object, None]:
        """:meth:`_initial_state` of what these channels show at once: quotes, books, the bar."""
        return self._initial_state(*(symbols if c in channels else [] for c in (Channel.QUOTE, Channel.DEPTH,
                                                                                 Channel.BAR)), period)

    async def _initial_state(self, quotes: list[str], books: list[str],
                             bars: list[str] = (), period: Period = Period.M1) -> None:
        """A subscriber sees the current state at once, not at the next push. A failure here
        (the plan's request rate …) is said; the live subscription stands."""
        try:
            for quote in await self.snapshot(quotes) if quotes else []:
                self.emit_snapshot(quote)
            for book in await self.depth(books) if books else []:  # type: ignore[attr-defined]
                self.emit_snapshot(book)
            for symbol in bars:
                for bar in (await self.klines(symbol, period, 1))[-1:]:
                    self.emit_snapshot(bar)
        except AuthError as exc:
            self.refused(exc)
            raise
        except FeedError as exc:
            log.warning("%s: initial state: %s", self.name, exc)
            self.emit(Status(self.vendor, ConnectionState.CONNECTED,
                             Text(QT_TRANSLATE_NOOP("Feed", "%1: no snapshot yet (%2)"), self.name, exc.text)))

    async def _reopened(self, session: WsSession, quotes: list[str], books: list[str] = ()) -> None:
        """After a reconnect, the current state again (what was missed is not replayed); a
        failure leaves the live subscription as it stands."""
        if session.handshakes > 1 and (quotes or books):
            with contextlib.suppress(FeedError, NotConnected, TimeoutError):
                await self._initial_state(quotes, books)

    def _prune(self, book: SubscriptionBook, session: WsSession, reason: str, close: Callable[[], None],
               *, whole_list: bool = False) -> None:
        """Drop on the wire what the user dropped, for a vendor without unsubscribe: close a
        connection left with nothing to carry, re-connect a stale one (the new connection is
        sent exactly the wanted set)."""
        if not book.wanted:
            close()
        elif session.connected and book.stale(whole_list):
            session.restart(reason)
