"""脉动数据's one WebSocket: opened with the complete list of codes and re-opened when the
list changes (the vendor has no unsubscribe), and its ping/pong heartbeat."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.maidong import wire
from app.feeds.maidong.codes import NAME
from app.feeds.maidong.rest import MaidongRest
from app.feeds.transport.subscriptions import SubscriptionBook
from app.feeds.transport.ws import Message, WsSession


class MaidongConnection(MaidongRest):
    """The WebSocket part of the 脉动数据 adapter."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.session: WsSession | None = None
        self.book = SubscriptionBook()  # code → the canonical symbols spelled with it
        self._pings: list[int] = []  # values sent on this connection and not answered yet

    if TYPE_CHECKING:
        def _on_message(self, raw: Message) -> None: ...

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

    def _close_session(self) -> None:
        session, self.session = self.session, None
        self.book.lost()
        if session is not None:
            self._drop_session(session)

    async def _on_open(self, session: WsSession) -> None:
        codes = tuple(self.book.wanted)
        self._pings.clear()
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
