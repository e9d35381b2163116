"""QOS commands and requests: over the WebSocket (paced, matched by ``reqid``) when it is up,
else over HTTP, and how a refusal in either reads.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import msgspec

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.base import VendorRefusal
from app.feeds.live import LiveFeed
from app.feeds.qos import wire
from app.feeds.qos.codes import group_codes
from app.feeds.qos.errors import KEY_HINT, NAME
from app.feeds.transport.replies import Replies
from app.feeds.transport.ws import NotConnected

if TYPE_CHECKING:
    from app.feeds.transport.ws import WsSession

log = logging.getLogger(__name__)

_HTTP_TWIN = {
    "RS": "/snapshot", "RT": "/trade", "RD": "/depth", "RK": "/kline", "RH": "/history",
    "RI": "/instrument-info",
}


class QosExchange(LiveFeed):
    """Asking QOS and waiting for the answer (the base of the adapter's other parts)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.session: WsSession | None = None
        self._pending = Replies()  # reqid → (kind, its answer)

    def _refusal(self, what: str, msg: str | None) -> VendorRefusal:
        return VendorRefusal(Text(
            QT_TRANSLATE_NOOP("Feed", "%1 refused %2: “%3” (%4, and the plan's limits)"), NAME, what,
            msg or Text(QT_TRANSLATE_NOOP("Feed", "no reason given")), KEY_HINT))

    async def _exchange(self, kind: str, payload: dict[str, object]) -> wire.Reply:
        session = self.session
        if session is None or not session.connected:
            raise NotConnected(f"not connected to {NAME}")
        return await self._pending.ask(session, lambda reqid: wire.encode({"type": kind, **payload, "reqid": reqid}),
                                       self.timings.ack_timeout, kind)

    async def _command(self, command: str, codes: list[str], kt: int | None) -> None:
        payload: dict[str, object] = {"codes": group_codes(codes)}
        if kt is not None:
            payload["kt"] = kt
        try:
            reply = await self._exchange(command, payload)
        except TimeoutError:
            log.warning("%s: no answer to %s within %.0f s", NAME, command, self.timings.ack_timeout)
            return
        if reply.msg != "OK":
            raise self._refusal(Text(QT_TRANSLATE_NOOP("Feed", "the %1 command for %2"), command, ", ".join(codes)),
                                reply.msg)

    async def _fetch(self, kind: str, payload: dict[str, object], *, prefer_http: bool = False) -> bytes:
        """A request's ``data``, over the WebSocket when it is up, else over HTTP.

        ``prefer_http`` takes HTTP when the plan's HTTP budget has a request free right now,
        so an urgent answer does not queue behind the socket's one-message-a-second pacing.
        """
        session = self.session
        http_free = self._http is not None and (
            self._http.limiter is None or self._http.limiter.delay() == 0
        )
        if session is not None and session.connected and not (prefer_http and http_free):
            try:
                reply = await self._exchange(kind, payload)
            except (NotConnected, TimeoutError):
                pass
            else:
                if reply.msg != "OK":
                    raise self._refusal(Text(QT_TRANSLATE_NOOP("Feed", "the %1 request"), kind), reply.msg)
                return bytes(reply.data) or b"[]"
        return await self._post(_HTTP_TWIN[kind], payload)

    async def _for_codes(self, kind: str, codes: list[str], prefer_http: bool = False) -> list:
        """The snapshots (``RS``) or books (``RD``) of these QOS codes, decoded."""
        data = await self._fetch(kind, {"codes": group_codes(codes)}, prefer_http=prefer_http)
        return (wire.snapshots_decoder if kind == "RS" else wire.depths_decoder).decode(data)

    async def _post(self, path: str, body: dict[str, object]) -> bytes:
        response = await self.http.post_json(path, body)
        try:
            envelope = wire.envelope_decoder.decode(response.content)
        except (msgspec.ValidationError, msgspec.DecodeError):
            if response.status_code in (401, 403):
                raise VendorRefusal(Text(QT_TRANSLATE_NOOP("Feed", "%1 refused the request (HTTP %2); %3"),
                                         NAME, response.status_code, KEY_HINT)) from None
            raise self._unreadable(path, response) from None
        if envelope.msg != "OK":
            raise self._refusal(Text(QT_TRANSLATE_NOOP("Feed", "the request %1"), path), envelope.msg)
        return bytes(envelope.data) or b"[]"
