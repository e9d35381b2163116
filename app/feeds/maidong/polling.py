"""While 脉动数据's WebSocket is down, its products' state comes from ``getQuote.php``, polled
within the vendor's 3 requests a second per product; a connected, subscribed WebSocket that
brings nothing (a closed market, or an IP the vendor ignores) is said once and looked at over
HTTP meanwhile."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import ConnectionState, Status
from app.feeds.base import AuthError
from app.feeds.maidong import wire
from app.feeds.maidong.codes import NAME
from app.feeds.maidong.connection import MaidongConnection
from app.feeds.maidong.plan import IP_HINT

if TYPE_CHECKING:
    from app.feeds.transport.ws import WsSession

log = logging.getLogger(__name__)


class MaidongPolling(MaidongConnection):
    """The HTTP fallback under the WebSocket (started with its first connection)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._down_since: float | None = None
        self._quiet_told = False
        self.polling = False
        self.polls = 0
        self._watcher: asyncio.Task[object] | None = None

    if TYPE_CHECKING:
        def _on_body(self, body: wire.Body) -> None: ...

    def _open_session(self) -> None:
        super()._open_session()
        if self._watcher is None:
            self._watcher = self._spawn(self._watch())

    async def _on_open(self, session: WsSession) -> None:
        self._quiet_told = False
        await super()._on_open(session)

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
        self.arrival = time.monotonic()  # the poll's answers arrived now (the health's stamp)
        for result in results:
            if isinstance(result, wire.Body):
                self._on_body(result)
            elif isinstance(result, AuthError):
                self._say(str(result), ConnectionState.ERROR, refusal=True)
            elif isinstance(result, BaseException) and not isinstance(result, asyncio.CancelledError):
                log.info("%s: polling: %s", NAME, result)
