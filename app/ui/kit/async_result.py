"""Answers of asyncio tasks delivered to a pane only while it still wants them, the same way in
every pane (in the spirit of napari's thread workers and their ``returned``/``errored``
signals, for coroutines on the qasync loop).

A pane hands each task it starts to :meth:`AsyncResults.track` with the slot for its result and
the slot for its error. :meth:`AsyncResults.renew` (another symbol, another vendor, a reload, the
pane released or deleted) cancels what is in flight: an answer that still comes is dropped
unread, never delivered to a pane that has moved on. Every task's exception is read, so asyncio
never reports one as "never retrieved"."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")


class AsyncResults(QObject):
    """Signals:

    - ``sig_busy(bool)``: the first task started (True) or the last one in flight ended
      (False); a :meth:`renew` says nothing (its caller starts over or is going away).
    """

    sig_busy = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: set[asyncio.Future[Any]] = set()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def track(self, task: asyncio.Future[T], returned: Callable[[T], None],
              errored: Callable[[BaseException], None] | None = None) -> asyncio.Future[T]:
        """Deliver ``task``'s result to ``returned`` (or its exception to ``errored``; without
        one an error is dropped) when it ends, unless :meth:`renew` came first."""
        self._pending.add(task)
        if len(self._pending) == 1:
            self.sig_busy.emit(True)
        task.add_done_callback(lambda t: self._finished(t, returned, errored))
        return task

    def cancel(self, task: asyncio.Future[Any] | None) -> None:
        """Cancel one task and drop its answer."""
        if task is not None and task in self._pending:
            self._pending.discard(task)
            task.cancel()

    def renew(self) -> None:
        """Cancel everything in flight; answers that still come are dropped unread."""
        pending, self._pending = list(self._pending), set()
        for task in pending:
            task.cancel()

    release = renew

    def _finished(self, task: asyncio.Future[T], returned: Callable[[T], None],
                  errored: Callable[[BaseException], None] | None) -> None:
        error = None if task.cancelled() else task.exception()  # read even when stale
        if task not in self._pending:
            return  # renewed or cancelled since: stale
        self._pending.discard(task)
        if not self._pending:
            self.sig_busy.emit(False)
        if task.cancelled():
            return
        if error is not None:
            if errored is not None:
                errored(error)
            return
        returned(task.result())
