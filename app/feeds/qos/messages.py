"""The QOS WebSocket's incoming side: pushes decoded into events, replies matched to requests."""

from __future__ import annotations

import msgspec

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.base import UnknownSymbolError
from app.feeds.qos import wire
from app.feeds.qos.exchange import QosExchange
from app.feeds.transport.ws import NotConnected


class QosMessages(QosExchange):
    """What arrives over the socket."""

    def _on_close(self) -> None:
        self._pending.fail(NotConnected("connection lost"))

    def _on_message(self, raw: str | bytes) -> None:
        msg = self.bad_messages.decode_push(wire.push_decoder, raw, self._on_reply)
        if msg is None:
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

    def _on_reply(self, data: bytes, push_error: msgspec.ValidationError) -> None:
        """Not a push: a reply (no ``tp``), or a push the decoder refused."""
        if b'"tp"' in data:
            self.bad_messages.record("push", data, push_error)
            return
        reply = self.bad_messages.decode(wire.reply_decoder, data, "reply")
        if reply is None or reply.type == "H":
            return  # (H: a heartbeat answer; the session already noted that the peer is alive)
        if self._pending.answer(reply.reqid, reply, reply.type):  # pre-reqid servers: matched by type
            return
        if reply.msg not in (None, "OK") and reply.type is None and self.session is not None:
            self.session.fail(self._refusal(Text(QT_TRANSLATE_NOOP("Feed", "the connection")), reply.msg))
        else:
            self.bad_messages.record("unexpected reply", data, "no request waits for it")
