"""Requests on a WebSocket that wait for the vendor's answer: matched by an id the request
carries (QOS's ``reqid``) or, for a vendor whose answers carry none, by kind in the order the
requests went out (iTick's acks); all failed at once when the connection drops."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.feeds.transport.ws import Message, WsSession


class NoAnswer(TimeoutError):
    """The request went out and no answer came in time."""


class Replies(dict[int, tuple[str, "asyncio.Future[Any]"]]):
    """id → (the request's kind, the future its answer completes), oldest first."""

    def __init__(self) -> None:
        super().__init__()
        self._ids = itertools.count(1)

    async def ask(self, session: WsSession, message: Callable[[int], Message], timeout: float,
                  kind: str = "") -> Any:
        """Send ``message(id)`` for a new id and wait for its answer (:class:`NoAnswer` after
        ``timeout``; the session's errors as they come)."""
        rid = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self[rid] = (kind, future)
        try:
            await session.send(message(rid))
            try:
                return await asyncio.wait_for(future, timeout)
            except TimeoutError:
                raise NoAnswer(f"no answer within {timeout:.0f} s") from None
        finally:
            self.pop(rid, None)

    def answer(self, rid: int | None, value: Any, kind: str | None = None) -> bool:
        """Complete request ``rid``, else the oldest of ``kind`` (None: no such fallback);
        False when no request waits for it."""
        if rid not in self:
            rid = next((r for r, (k, _f) in self.items() if k == kind), None) if kind is not None else None
            if rid is None:
                return False
        _kind, future = self.pop(rid)
        if not future.done():
            future.set_result(value)
        return True

    def fail(self, error: BaseException) -> None:
        """The connection is gone: every waiting request fails with ``error``."""
        for _kind, future in self.values():
            if not future.done():
                future.set_exception(error)
            else:
                with contextlib.suppress(BaseException):
                    future.exception()  # read, so an unread failure is not logged
        self.clear()
