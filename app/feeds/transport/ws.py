"""A WebSocket session that stays connected through a bad network, politely.

One :class:`WsSession` owns one logical vendor connection. It reconnects with jittered backoff
(reset only after a stable connection, so a flapping server is not stormed), sends the vendor's
heartbeat and treats a silent peer as dead after ``dead_after`` heartbeats (or, for a vendor
whose pongs the adapter checks, after ``missed_pongs`` beats without :meth:`WsSession.pong`),
reconnects when data goes quiet for ``idle_limit`` while a ``watched`` symbol's market is open,
paces every outgoing message at the vendor's documented rate through a bounded queue, and caps
incoming messages at 1 MiB. After each handshake it calls
the adapter's ``on_open`` so the adapter can re-send exactly its active subscriptions.

A refusal the user must act on (a bad key, an unknown host) stops the session for good with a
:class:`~app.feeds.base.FeedError` in :attr:`WsSession.failure`; it never turns into retries.
``give_up_after`` failed attempts end only a session that has never connected (a script asking
for an unreachable host); once connected, it reconnects until it is closed.

Every :meth:`WsSession.send` ends: on the wire, failed with :class:`NotConnected` when its
connection dies (queued or already taken off the queue), or :class:`TimeoutError`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import (
    ConnectionClosed,
    InvalidHandshake,
    InvalidStatus,
    InvalidURI,
)

from app.core.sessions import Calendar
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import ConnectionState
from app.feeds.base import AuthError, FeedError, UnreachableError
from app.feeds.transport.backoff import Backoff, ReconnectPolicy
from app.feeds.transport.badmessages import BadMessageLog
from app.feeds.transport.ratelimit import Pacer
from app.feeds.transport.words import register_secrets, vendor_words, where

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 1 << 20

Message = str | bytes
StateCallback = Callable[[ConnectionState, str], None]


class NotConnected(ConnectionError):
    """The session has no open connection right now (the message was not sent)."""


class _ConnectionOver(Exception):
    """Ends one connection; the text says why, for the status line and the log."""


@dataclass
class SessionConfig:
    url: str
    name: str  # the vendor's display name, for messages
    headers: dict[str, str] = field(default_factory=dict)
    policy: ReconnectPolicy = field(default_factory=ReconnectPolicy)
    heartbeat_interval: float = 20.0
    dead_after: float = 3.0  # heartbeat intervals without any message before the peer is dead
    min_send_interval: float = 0.0  # the vendor's pacing between client messages
    max_message_bytes: int = MAX_MESSAGE_BYTES
    send_queue: int = 256
    send_timeout: float = 60.0  # the longest a send waits for its turn and the wire
    open_timeout: float = 10.0
    close_timeout: float = 1.0
    give_up_after: int | None = None  # failed attempts before UnreachableError (None: never)
    watch_interval: float = 1.0  # how often the dead-peer and idle watchdogs look
    refusal_hint: str = ""  # what the user can do when the handshake is refused (401/403)
    missed_pongs: int | None = None  # beats in a row without pong() before a new connection
    idle_limit: float | None = None  # no data this long while a watched market is open: reconnect


class WsSession:
    """Connect with :meth:`start`, send with :meth:`send`, stop with :meth:`aclose`."""

    def __init__(
        self,
        config: SessionConfig,
        *,
        on_message: Callable[[Message], None],
        on_open: Callable[[WsSession], Awaitable[None]] | None = None,
        on_close: Callable[[], None] | None = None,
        on_state: StateCallback | None = None,
        heartbeat: Callable[[], Message | None] | None = None,
        watched: Callable[[], Iterable[str]] | None = None,
        calendar: Callable[[str], Calendar] | None = None,
        bad_messages: BadMessageLog | None = None,
        rng: random.Random | None = None,
        stamp: object | None = None,
    ) -> None:
        self.config = config
        register_secrets(config.headers, config.url)
        self._on_message = on_message
        self._on_open = on_open
        self._on_close = on_close
        self._on_state = on_state or (lambda state, detail: None)
        self._heartbeat = heartbeat
        self._watched = watched  # the symbols whose open market means data is expected
        self._calendar = calendar
        self._unanswered = 0  # beats sent since the last pong()
        self.bad_messages = bad_messages or BadMessageLog(log)
        self._backoff = Backoff(config.policy, rng)
        self._pacer = Pacer(config.min_send_interval)
        # (message, its future, the connection it was queued for: see ``_connection``)
        self._queue: asyncio.Queue[tuple[Message, asyncio.Future[None], int]] = asyncio.Queue(
            config.send_queue
        )
        self._connection = 0  # counts connections; a message queued for an older one is failed
        self._ws: ClientConnection | None = None
        self._task: asyncio.Task[None] | None = None
        self._last_rx = 0.0
        self._last_data = self._idle_from = 0.0
        # ``stamp.arrival``: when the latest frame arrived (the loop's clock read for it anyway,
        # monotonic seconds, stored as it is); left as it is between frames (a
        # reset would cost the hot path a store per frame: what the feed emits outside a frame
        # is a request's answer, handed on by ``emit_snapshot`` with its own clock reading)
        self._stamp = stamp
        self._data_seen = False
        self.failure: FeedError | None = None
        self.handshakes = 0
        self.state = ConnectionState.DISCONNECTED
        self._connected_event = asyncio.Event()
        self._ended_event = asyncio.Event()
        self._restart_event = asyncio.Event()
        self._restart_reason = ""
        self._restart_at_once = False

    # -- public --------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._ws is not None

    def start(self) -> None:
        if self._task is None:
            self._ended_event.clear()
            self._task = asyncio.ensure_future(self._run())

    async def aclose(self) -> None:
        """Stop now, interrupting a backoff wait or a handshake; idempotent."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._set_state(ConnectionState.DISCONNECTED, "closed")

    async def wait_connected(self, timeout: float | None = None) -> None:
        """Until connected; raises the session's failure if it gave up, TimeoutError on timeout."""
        async with asyncio.timeout(timeout):
            while not self.connected:
                if self.failure is not None:
                    raise self.failure
                waiter = asyncio.ensure_future(self._connected_event.wait())
                ended = asyncio.ensure_future(self._ended_event.wait())
                try:
                    await asyncio.wait({waiter, ended}, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    waiter.cancel()
                    ended.cancel()
                if self.failure is not None:
                    raise self.failure

    async def send(self, message: Message, timeout: float | None = None) -> None:
        """Queue a message at the vendor's pacing and wait until it is on the wire.

        Raises :class:`NotConnected` when the connection is down or drops before the message
        is sent, :class:`TimeoutError` after ``timeout`` (default ``config.send_timeout``); a
        message that timed out or was cancelled is not sent later."""
        if self._ws is None:
            raise NotConnected(f"not connected to {self.config.name}")
        sent: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        limit = self.config.send_timeout if timeout is None else timeout
        try:
            async with asyncio.timeout(limit):
                await self._queue.put((message, sent, self._connection))
                await sent
        finally:
            if not sent.done():
                sent.cancel()  # the writer skips it

    def note_data(self) -> None:
        """The adapter saw market data: feeds the data-idle watchdog (a flag: this runs once
        per message, the watchdog reads the clock once per tick)."""
        self._data_seen = True

    def data_idle(self) -> float:
        """Seconds without market data on this connection (to the watchdog's tick)."""
        return 0.0 if self._data_seen else asyncio.get_running_loop().time() - self._last_data

    def pong(self, unanswered: int = 0) -> None:
        """The adapter saw a pong: ``unanswered`` of our beats still wait for theirs."""
        self._unanswered = unanswered

    def restart(self, reason: str, *, at_once: bool = True) -> None:
        """End the current connection and connect again: ``at_once`` for a deliberate change
        (vendors without an unsubscribe command drop symbols this way; the caller debounces),
        otherwise after the backoff, as for a fault the adapter noticed (a missing pong)."""
        if self._ws is None:
            return  # not connected: the next connection starts from the adapter's current state
        self._restart_reason = reason
        self._restart_at_once = at_once
        self._restart_event.set()

    def fail(self, error: FeedError) -> None:
        """A refusal the user must act on: stop for good and say why (no retries)."""
        self.failure = error
        self._set_state(ConnectionState.ERROR, error.text)
        if self._task is not None and self._task is not asyncio.current_task():
            self._task.cancel()
        self._ended_event.set()

    # -- the connection loop ------------------------------------------------------------------

    def _set_state(self, state: ConnectionState, detail: str) -> None:
        if state is self.state and state is ConnectionState.DISCONNECTED:
            return
        self.state = state
        self._on_state(state, detail)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        reconnecting = False
        never_connected = 0  # attempts in a row that did not reach a handshake
        try:
            while self.failure is None:
                self._set_state(
                    ConnectionState.RECONNECTING if reconnecting else ConnectionState.CONNECTING,
                    Text(QT_TRANSLATE_NOOP("Feed", "connecting to %1"), where(self.config.url)),
                )
                started: float | None = None
                try:
                    async with connect(
                        self.config.url,
                        additional_headers=self.config.headers or None,
                        open_timeout=self.config.open_timeout,
                        close_timeout=self.config.close_timeout,
                        max_size=self.config.max_message_bytes,
                        max_queue=16,
                        ping_interval=None,  # the vendor heartbeat and dead-peer watchdog do this
                    ) as ws:
                        started = loop.time()
                        self.handshakes += 1
                        reason = await self._serve(ws)
                except InvalidStatus as exc:
                    reason = self._refused(exc)
                except InvalidURI as exc:
                    self.fail(FeedError(Text(QT_TRANSLATE_NOOP("Feed", "%1: bad WebSocket address (%2)"),
                                              self.config.name, exc)))
                    break
                except (OSError, TimeoutError, InvalidHandshake, ConnectionClosed) as exc:
                    reason = _describe(exc)
                if self.failure is not None:
                    break
                if self._restart_at_once:
                    self._restart_at_once = False
                    self._set_state(ConnectionState.RECONNECTING, reason)
                    reconnecting = True
                    continue
                lasted = loop.time() - started if started is not None else 0.0
                self._backoff.connection_lasted(lasted)
                never_connected = 0 if started is not None else never_connected + 1
                limit = self.config.give_up_after
                # Only a first connection gives up: a feed that was connected keeps trying
                # (a recorder, a relay or a failover must never stop on its own).
                if limit is not None and self.handshakes == 0 and never_connected >= limit:
                    self.fail(UnreachableError(Text(
                        QT_TRANSLATE_NOOP("Feed", "%1 could not be reached at %2 after %3 attempts: %4"),
                        self.config.name, where(self.config.url), limit, reason,
                    )))
                    break
                delay = self._backoff.next_delay()
                log.info("%s: %s; reconnecting in %.1f s", self.config.name, reason, delay)
                self._set_state(
                    ConnectionState.RECONNECTING,
                    Text(QT_TRANSLATE_NOOP("Feed", "%1; retrying in %2 s"), reason, f"{delay:.0f}"),
                )
                reconnecting = True
                await asyncio.sleep(delay)
        finally:
            self._ended_event.set()

    def _refused(self, exc: InvalidStatus) -> str:
        status = exc.response.status_code
        words = vendor_words(exc.response.body or b"")
        quoted = Text(QT_TRANSLATE_NOOP("Feed", ": “%1”"), words) if words else ""
        if status in (401, 403):
            hint = self.config.refusal_hint
            self.fail(AuthError(Text(
                QT_TRANSLATE_NOOP("Feed", "%1 refused the connection (HTTP %2)%3%4"), self.config.name, status,
                quoted, Text(QT_TRANSLATE_NOOP("Feed", " (%1)"), hint) if hint else "",
            )))
        return Text(QT_TRANSLATE_NOOP("Feed", "the server refused the connection (HTTP %1)%2"), status, quoted)

    async def _serve(self, ws: ClientConnection) -> str:
        """Run one connection until it ends; returns why it ended, in words."""
        loop = asyncio.get_running_loop()
        self._last_rx = self._last_data = self._idle_from = loop.time()
        self._unanswered = 0
        self._pacer.reset()
        self._restart_event.clear()
        self._connection += 1
        self._ws = ws
        self._connected_event.set()
        self._set_state(ConnectionState.CONNECTED,
                        Text(QT_TRANSLATE_NOOP("Feed", "connected to %1"), where(self.config.url)))
        workers = [
            asyncio.ensure_future(self._read(ws)),
            asyncio.ensure_future(self._write(ws)),
            asyncio.ensure_future(self._watch()),
            asyncio.ensure_future(self._await_restart()),
        ]
        if self._heartbeat is not None:
            workers.append(asyncio.ensure_future(self._beat()))
        opener = asyncio.ensure_future(self._open()) if self._on_open else None
        try:
            done, _ = await asyncio.wait(workers, return_when=asyncio.FIRST_COMPLETED)
            exc = next(iter(done)).exception()
            if isinstance(exc, _ConnectionOver):
                return exc.args[0]
            if isinstance(exc, ConnectionClosed):
                return _describe(exc)
            if exc is not None:
                raise exc
            return Text(QT_TRANSLATE_NOOP("Feed", "the connection ended"))
        finally:
            self._ws = None
            self._connected_event.clear()
            for task in [*workers, opener]:
                if task is not None:
                    task.cancel()
            await asyncio.gather(*[t for t in (*workers, opener) if t], return_exceptions=True)
            self._fail_queued()
            if self._on_close is not None:
                self._on_close()

    async def _open(self) -> None:
        try:
            await self._on_open(self)  # type: ignore[misc]
        except (NotConnected, ConnectionClosed):
            pass  # the connection dropped while re-subscribing; the next one starts over
        except FeedError as exc:
            log.warning("%s: %s", self.config.name, exc)

    async def _read(self, ws: ClientConnection) -> None:
        loop = asyncio.get_running_loop()
        try:
            stamp = self._stamp
            async for raw in ws:
                self._last_rx = rx = loop.time()
                if stamp is not None:
                    stamp.arrival = rx
                try:
                    self._on_message(raw)
                except Exception as exc:  # an adapter bug must not kill the stream
                    self.bad_messages.record("unhandled", raw, repr(exc))
        except ConnectionClosed as exc:
            if exc.sent is not None and exc.sent.code == 1009:
                self.bad_messages.record("oversized", b"", exc.sent.reason or "message too big")
            raise _ConnectionOver(_describe(exc)) from None
        raise _ConnectionOver(Text(QT_TRANSLATE_NOOP("Feed", "the server closed the connection")))

    async def _write(self, ws: ClientConnection) -> None:
        connection = self._connection
        while True:
            message, sent, queued_for = await self._queue.get()
            if sent.done():
                continue
            if queued_for != connection:  # queued while an earlier connection was dying
                sent.set_exception(NotConnected("connection lost before sending"))
                continue
            try:
                await self._pacer.wait()
                if sent.done():
                    continue  # its sender stopped waiting (a timeout) during the pacing
                await ws.send(message)
            except BaseException as exc:
                # Cancelled with the connection while waiting for the pacer or the wire: the
                # message has left the queue, so _fail_queued cannot reach it; fail it here.
                if not sent.done():
                    sent.set_exception(NotConnected(str(exc) or "connection lost before sending"))
                raise
            if not sent.done():
                sent.set_result(None)

    async def _await_restart(self) -> None:
        await self._restart_event.wait()
        raise _ConnectionOver(self._restart_reason)

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self.config.heartbeat_interval)
            missed = self.config.missed_pongs
            if missed is not None and self._unanswered >= missed:
                # a fault like a dead peer: the next connection comes after the backoff
                raise _ConnectionOver(Text(QT_TRANSLATE_NOOP("Feed", "%1 stopped answering pings"), self.config.name))
            message = self._heartbeat()  # type: ignore[misc]
            if message is not None:
                self._unanswered += 1  # a beat that cannot go out in time is skipped: the
                with contextlib.suppress(NotConnected, TimeoutError):  # dead-peer watch decides
                    await self.send(message)

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        dead_after = self.config.heartbeat_interval * self.config.dead_after
        period = min(self.config.watch_interval, dead_after / 4)
        while True:
            await asyncio.sleep(period)
            now = loop.time()
            if self._data_seen:
                self._data_seen = False
                self._last_data = now
            if now - self._last_rx > dead_after:
                raise _ConnectionOver(Text(
                    QT_TRANSLATE_NOOP("Feed", "no answer from %1 for %2 s (dead peer)"),
                    self.config.name, f"{dead_after:.0f}",
                ))
            limit = self.config.idle_limit if self._market_open() else None
            if limit is None:
                self._idle_from = now  # nothing in session: the idle clock starts at the open
            elif now - max(self._last_data, self._idle_from) > limit:
                raise _ConnectionOver(Text(
                    QT_TRANSLATE_NOOP("Feed", "no market data for %1 s while the market is open"), f"{limit:.0f}"
                ))

    def _market_open(self) -> bool:
        """Whether a watched symbol's market is in session (pushes are expected)."""
        if self.config.idle_limit is None or self._watched is None or self._calendar is None:
            return False
        now = int(time.time() * 1000)
        for symbol in self._watched():
            with contextlib.suppress(ValueError):
                if self._calendar(symbol).is_open(now):
                    return True
        return False

    def _fail_queued(self) -> None:
        while not self._queue.empty():
            _message, sent, _connection = self._queue.get_nowait()
            if not sent.done():
                sent.set_exception(NotConnected("connection lost before sending"))


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionClosed):
        frame = exc.rcvd or exc.sent
        if frame is None:
            return Text(QT_TRANSLATE_NOOP("Feed", "the connection dropped"))
        if frame.reason:
            return Text(QT_TRANSLATE_NOOP("Feed", "the connection closed with code %1 (%2)"), frame.code, frame.reason)
        return Text(QT_TRANSLATE_NOOP("Feed", "the connection closed with code %1"), frame.code)
    if isinstance(exc, TimeoutError):
        return Text(QT_TRANSLATE_NOOP("Feed", "the connection timed out"))
    if isinstance(exc, ConnectionRefusedError):
        return Text(QT_TRANSLATE_NOOP("Feed", "the connection was refused"))
    if isinstance(exc, OSError):
        return Text(QT_TRANSLATE_NOOP("Feed", "network error: %1"), exc.strerror or type(exc).__name__)
    return str(exc) or type(exc).__name__
