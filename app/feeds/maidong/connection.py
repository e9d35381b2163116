"""脉动数据's one WebSocket: opened with the complete list of codes and re-opened when the
list changes (the vendor has no unsubscribe), its ping/pong heartbeat, and the watchdog that
polls ``getQuote.php`` while it is down and says once when it stays quiet; a part of
:class:`~app.feeds.maidong.feed.MaidongFeed`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from typing import TYPE_CHECKING

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import ConnectionState, Status
from app.feeds.base import AuthError, FeedError
from app.feeds.maidong import wire
from app.feeds.maidong.codes import NAME
from app.feeds.maidong.rest import IP_HINT
from app.feeds.transport.ws import Message, SessionConfig, WsSession

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from app.core.types import Event
    from app.feeds.maidong.feed import MaidongTimings
    from app.feeds.maidong.live import _Holder
    from app.feeds.transport.badmessages import BadMessageLog

log = logging.getLogger(__name__)


class MaidongConnection:
    """The WebSocket half of the 脉动数据 adapter (mixed into ``MaidongFeed``)."""

    if TYPE_CHECKING:
        vendor: str
        ws_url: str
        timings: MaidongTimings
        bad_messages: BadMessageLog
        failure: FeedError | None
        session: WsSession | None
        polling: bool
        polls: int
        _give_up_after: int | None
        _wanted: dict[str, dict[str, _Holder]]
        _carried: tuple[str, ...]
        _pings: list[int]
        _data_seen: bool
        _last_data: float
        _down_since: float | None
        _quiet_told: bool
        _resubscribe: asyncio.TimerHandle | None
        _watcher: asyncio.Task[None] | None

        def emit(self, event: Event) -> None: ...
        def _spawn(self, coro: Coroutine[object, object, object]) -> None: ...
        def _say(self, text: str, state: ConnectionState = ConnectionState.CONNECTED) -> None: ...
        async def quote_body(self, code: str, subject: str = "") -> wire.Body: ...
        def _on_message(self, raw: Message) -> None: ...
        def _on_body(self, body: wire.Body) -> None: ...

    def _connect_or_resubscribe(self) -> None:
        if self.session is None:
            if self._wanted:
                self._open_session()
            return
        self._schedule_resubscribe(self.timings.resubscribe_delay)

    def _open_session(self) -> None:
        config = SessionConfig(
            url=self.ws_url, name=NAME, policy=self.timings.policy,
            heartbeat_interval=self.timings.heartbeat,
            dead_after=self.timings.missed_pongs + 1, give_up_after=self._give_up_after,
            refusal_hint=IP_HINT, watch_interval=min(1.0, self.timings.heartbeat / 4),
        )
        self.session = WsSession(
            config, on_message=self._on_message, on_open=self._on_open, on_close=self._on_close,
            on_state=self._on_state, heartbeat=self._heartbeat, bad_messages=self.bad_messages,
        )
        self._pings.clear()
        self.session.start()
        if self._watcher is None:
            self._watcher = asyncio.ensure_future(self._watch())

    def _schedule_resubscribe(self, delay: float) -> None:
        """One re-connection for a burst of changes: the first change sets the time."""
        if self._resubscribe is not None:
            return
        self._resubscribe = asyncio.get_running_loop().call_later(delay, self._apply_set)

    def _apply_set(self) -> None:
        self._resubscribe = None
        session = self.session
        if session is None:
            if self._wanted:
                self._open_session()
            return
        if not self._wanted:
            self.session = None
            self._carried = ()
            self._spawn(session.aclose())
            return
        if session.connected and set(self._carried) != set(self._wanted):
            session.restart(Text(QT_TRANSLATE_NOOP(
                "Feed", "re-subscribing %1 products (%2 has no unsubscribe: a new connection with the "
                "complete list)"), len(self._wanted), NAME))

    async def _await_first_connection(self) -> None:
        """A fresh connection gets a moment, so a refused handshake is said now."""
        session = self.session
        if session is None or session.handshakes > 0:
            return
        with contextlib.suppress(TimeoutError, FeedError):
            await session.wait_connected(self.timings.first_connect_timeout)
        if session.failure is not None:
            raise session.failure

    async def _on_open(self, session: WsSession) -> None:
        codes = tuple(self._wanted)
        self._pings.clear()
        self._quiet_told = False
        self._last_data = time.monotonic()
        if not codes:
            return
        await session.send(json.dumps({"Key": ",".join(codes)}, separators=(",", ":")))
        self._carried = codes
        if set(codes) != set(self._wanted):
            self._schedule_resubscribe(self.timings.resubscribe_delay)

    def _on_close(self) -> None:
        self._carried = ()

    def _on_state(self, state: ConnectionState, detail: str) -> None:
        if state is ConnectionState.ERROR and self.session is not None and self.session.failure:
            self.failure = self.session.failure
        self.emit(Status(self.vendor, state, detail))

    def _heartbeat(self) -> Message | None:
        """``{"ping": <Unix seconds>}``; the replacement of a connection whose pongs stopped
        goes through the backoff, like any fault."""
        if len(self._pings) >= self.timings.missed_pongs and self.session is not None:
            self._pings.clear()
            self.session.restart(Text(QT_TRANSLATE_NOOP("Feed", "%1 stopped answering pings"), NAME), at_once=False)
            return None
        stamp = int(time.time())
        self._pings.append(stamp)
        return json.dumps({"ping": stamp})

    def _on_pong(self, value: object) -> None:
        stamp = wire.num(value)
        if stamp is not None and int(stamp) in self._pings:
            self._pings.clear()  # every earlier ping is answered for by this one
        else:
            self.bad_messages.record("pong", str(value), "a pong for no ping we sent")

    # -- watchdog and HTTP fallback ------------------------------------------------------------

    async def _watch(self) -> None:
        """Polls ``getQuote.php`` while the WebSocket is down, and says once when a connected,
        subscribed WebSocket brings nothing (a closed market, or an IP the vendor ignores)."""
        loop = asyncio.get_running_loop()
        next_poll = 0.0
        while True:
            await asyncio.sleep(min(self.timings.poll_interval, 0.5))
            now = loop.time()
            if self._data_seen:
                self._data_seen = False
                self._last_data = time.monotonic()
            session = self.session
            if not self._wanted or session is None:
                self._down_since = None
                self._set_polling(False)
                continue
            connected = session.connected and bool(self._carried)
            if connected or session.failure is not None:
                self._down_since = None
            elif self._down_since is None:
                self._down_since = now
            down = self._down_since is not None and now - self._down_since >= self.timings.fallback_after
            quiet = connected and time.monotonic() - self._last_data >= self.timings.quiet_alert
            if quiet and not self._quiet_told:
                self._quiet_told = True
                self.emit(Status(self.vendor, ConnectionState.CONNECTED, Text(QT_TRANSLATE_NOOP(
                    "Feed", "no data from %1 for %2 s: the markets may be closed, or %3"),
                    NAME, f"{self.timings.quiet_alert:.0f}", IP_HINT)))
            self._set_polling(down)
            if (down or quiet) and now >= next_poll:
                interval = self.timings.poll_interval if down else self.timings.quiet_poll_interval
                next_poll = now + interval
                await self._poll_once()

    def _set_polling(self, polling: bool) -> None:
        if polling == self.polling:
            return
        self.polling = polling
        if polling:
            self.emit(Status(self.vendor, ConnectionState.RECONNECTING, Text(QT_TRANSLATE_NOOP(
                "Feed", "the %1 WebSocket is down: polling getQuote.php every %2 s per product until it is back"),
                NAME, f"{self.timings.poll_interval:g}")))

    async def _poll_once(self) -> None:
        self.polls += 1
        codes = list(self._wanted)
        results = await asyncio.gather(*(self.quote_body(c) for c in codes), return_exceptions=True)
        for result in results:
            if isinstance(result, wire.Body):
                self._on_body(result)
            elif isinstance(result, AuthError):
                self._say(str(result), ConnectionState.ERROR)
            elif isinstance(result, BaseException) and not isinstance(result, asyncio.CancelledError):
                log.info("%s: polling: %s", NAME, result)
