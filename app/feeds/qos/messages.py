"""The QOS WebSocket's incoming side: pushes decoded into events, replies matched to requests.

A part of :class:`~app.feeds.qos.feed.QosFeed` (mixed in), kept apart so the decoding glue and
the connection's lifecycle change independently.
"""

from __future__ import annotations

import msgspec

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.base import UnknownSymbolError
from app.feeds.qos import wire
from app.feeds.qos.exchange import QosExchange
from app.feeds.transport.ws import NotConnected


class QosMessages(QosExchange):
    """What arrives over the socket (mixed into ``QosFeed``)."""

    def _on_close(self) -> None:
        for _kind, future in self._pending.values():
            if not future.done():
                future.set_exception(NotConnected("connection lost"))
        self._pending.clear()

    def _on_message(self, raw: str | bytes) -> None:
        try:
            msg = wire.push_decoder.decode(raw)
        except msgspec.ValidationError as exc:
            data = raw.encode() if isinstance(raw, str) else raw
            if b'"tp"' in data:
                self.bad_messages.record("push", data, exc)
            else:
                self._on_reply(data)
            return
        except msgspec.DecodeError as exc:
            self.bad_messages.record("malformed", raw, exc)
            return
        kind = type(msg)
        try:
            if kind is wire.TradeMsg:
                event = wire.to_trade(msg)
            elif kind is wire.SnapshotMsg:
                event = wire.to_quote(msg)
            elif kind is wire.DepthMsg:
                event = wire.to_book(msg)
            else:
                event = wire.to_bar(msg)
        except (UnknownSymbolError, ValueError) as exc:
            self.bad_messages.record("push", raw, exc)
            return
        session = self.session
        if session is not None:
            session.note_data()  # feeds the session's data-idle watchdog
        self.emit(event)

    def _on_reply(self, data: bytes) -> None:
        try:
            reply = wire.reply_decoder.decode(data)
        except (msgspec.ValidationError, msgspec.DecodeError) as exc:
            self.bad_messages.record("reply", data, exc)
            return
        if reply.type == "H":
            return  # heartbeat answer; the session already noted that the peer is alive
        if reply.reqid is not None and reply.reqid in self._pending:
            _kind, future = self._pending.pop(reply.reqid)
        elif reply.type is not None and (match := self._oldest_pending(reply.type)) is not None:
            _kind, future = self._pending.pop(match)  # pre-reqid servers: match by type
        else:
            if reply.msg not in (None, "OK") and reply.type is None and self.session is not None:
                self.session.fail(self._refusal(Text(QT_TRANSLATE_NOOP("Feed", "the connection")), reply.msg))
            else:
                self.bad_messages.record("unexpected reply", data, "no request waits for it")
            return
        if not future.done():
            future.set_result(reply)

    def _oldest_pending(self, kind: str) -> int | None:
        return next((rid for rid, (k, _f) in self._pending.items() if k == kind), None)
