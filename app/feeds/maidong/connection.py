"""脉动数据's one WebSocket: opened with the complete list of codes and re-opened when the
list changes (the vendor has no unsubscribe), its ping/pong heartbeat, and the watchdog that
polls ``getQuote.php`` while it is down and says once when it stays quiet; a part of
:class:`~app.feeds.maidong.feed.MaidongFeed`."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import TYPE_CHECKING, Any

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import ConnectionState, Status
from app.feeds.base import AuthError
from app.feeds.maidong import wire
from app.feeds.maidong.codes import NAME
from app.feeds.maidong.rest import IP_HINT, MaidongRest
from app.feeds.transport.subscriptions import SubscriptionBook
from app.feeds.transport.ws import Message, WsSession

log = logging.getLogger(__name__)


class MaidongConnection(MaidongRest):
    """The WebSocket part of the 脉动数据 adapter (mixed into ``MaidongFeed``)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.session: WsSession | None = None
        self.book = SubscriptionBook()  # code → the canonical symbols spelled with it
        self._pings: list[int] = []  # values sent on this connection and not answered yet
        self._down_since: float | None = None
        self._quiet_told = False
        self.polling = False
        self.polls = 0
        self._watcher: asyncio.Task[object] | None = None

    if TYPE_CHECKING:
        def _on_message(self, raw: Message) -> None: ...
        def _on_body(self, body: wire.Body) -> None: ...

    async def _disconnect(self) -> None:
        self.book.cancel_prune()
        self.session = None

    def _apply_set(self) -> None:
        """Open the connection for the first product, close it after the last, re-connect it
        when the codes it carries are not the wanted ones (each connection gets the complete
        list once: the vendor has no unsubscribe, nor says whether a second list adds)."""
        session = self.session
        if session is None:
            if self.book.wanted:
                self._open_session()
            return
        self._prune(self.book, session, Text(QT_TRANSLATE_NOOP(
            "Feed", "re-subscribing %1 products (%2 has no unsubscribe: a new connection with the complete "
            "list)"), len(self.book.wanted), NAME), self._close_session, whole_list=True)

    def _changed(self) -> None:
        """The wanted set changed: a new connection after the debounce (the first opens now)."""
        if self.session is None:
            self._apply_set()
        else:
            self.book.prune_later(self.timings.resubscribe_delay, self._apply_set)

    def _open_session(self) -> None:
        self._pings.clear()
        self.session = self._new_session(
            self.ws_url, self.timings.heartbeat, on_message=self._on_message, on_open=self._on_open,
            on_close=self.book.lost, heartbeat=self._heartbeat,
            settings={"dead_after": self.timings.missed_pongs + 1, "missed_pongs": self.timings.missed_pongs})
        if self._watcher is None:
            self._watcher = self._spawn(self._watch())

    def _close_session(self) -> None:
        session, self.session = self.session, None
        self.book.lost()
        if session is not None:
            self._drop_session(session)

    async def _on_open(self, session: WsSession) -> None:
        codes = tuple(self.book.wanted)
        self._pings.clear()
        self._quiet_told = False
        if not codes:
            return
        await session.send(json.dumps({"Key": ",".join(codes)}, separators=(",", ":")))
        self.book.carry(codes)
        if self.book.stale(whole_list=True):
            self.book.prune_later(self.timings.resubscribe_delay, self._apply_set)

    def _heartbeat(self) -> Message | None:
        """``{"ping": <Unix seconds>}``; the session replaces a connection whose pongs stopped
        (``missed_pongs``), through the backoff like any fault."""
        stamp = int(time.time())
        self._pings.append(stamp)
        return json.dumps({"ping": stamp})

    def _on_pong(self, value: object) -> None:
        stamp = wire.num(value)
        if stamp is not None and int(stamp) in self._pings:
            self._pings.clear()  # every earlier ping is answered for by this one
            if self.session is not None:
                self.session.pong()
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
            session = self.session
            if not self.book.wanted or session is None:
                self._down_since = None
                self._set_polling(False)
                continue
            connected = session.connected and bool(self.book.carried)
            if connected or session.failure is not None:
                self._down_since = None
            elif self._down_since is None:
                self._down_since = now
            down = self._down_since is not None and now - self._down_since >= self.timings.fallback_after
            quiet = connected and session.data_idle() >= self.timings.quiet_alert
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
        codes = list(self.book.wanted)
        results = await asyncio.gather(*(self.quote_body(c) for c in codes), return_exceptions=True)
        for result in results:
            if isinstance(result, wire.Body):
                self._on_body(result)
            elif isinstance(result, AuthError):
                self._say(str(result), ConnectionState.ERROR)
            elif isinstance(result, BaseException) and not isinstance(result, asyncio.CancelledError):
                log.info("%s: polling: %s", NAME, result)
