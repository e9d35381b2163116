"""An asyncio loop on Qt's loop for one test, and a way to run a coroutine on it.

Widget tests are synchronous: pytest-qt spins Qt's event loop (``qtbot.waitUntil``) and the
qasync loop's callbacks run inside it. qasync's public ``QEventLoop(app, already_running=True)``
is made for exactly this, an application whose Qt loop is already spinning: it becomes the
thread's running asyncio loop at once.

Leaving it needs care, because plain ``asyncio.run()`` tests may follow in the same thread and
refuse to start while a loop is marked running: ``stop()`` alone leaves the loop marked running
and, through ``QApplication.exit()``, makes every later nested Qt loop (``qtbot.waitSignal``)
return at once. So the loop is closed the way ``asyncio.run()`` closes its own: one last real
run (``run_until_complete``) that cancels and awaits what the test left behind. That run goes
through ``QApplication.exec()``, which clears Qt's quit flag, and asyncio unmarks the loop when
it returns. Only public asyncio and qasync API is used.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

import qasync
from PySide6.QtWidgets import QApplication

T = TypeVar("T")

LEFTOVER_TIMEOUT_S = 2.0  # a task the test left behind gets this long to finish its cancellation


@contextlib.contextmanager
def running_qasync_loop(app: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop marked running on the already spinning Qt loop; on the way out the tasks
    left behind are cancelled and awaited, and the thread is left with no asyncio loop."""
    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        loop.stop()  # no longer "already running": it may now be run once more, to close
        try:
            loop.run_until_complete(_cancel_leftovers())
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()
            asyncio.set_event_loop(None)


async def _cancel_leftovers() -> None:
    """Cancel every other task of the running loop and wait (a bounded time) until they end."""
    leftovers = asyncio.all_tasks() - {asyncio.current_task()}
    for task in leftovers:
        task.cancel()
    if leftovers:
        await asyncio.wait(leftovers, timeout=LEFTOVER_TIMEOUT_S)


def run_task(qtbot: Any, coro: Coroutine[Any, Any, T], timeout: int = 5000) -> T:
    """Run a coroutine on the qasync loop, waiting on its completion (not on time)."""
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()
