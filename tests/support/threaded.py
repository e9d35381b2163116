"""A fake vendor server on its own thread and loop, for tests that run the CLI in a subprocess."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from typing import TypeVar

Server = TypeVar("Server")


@contextlib.contextmanager
def serving_in_thread(server: Server) -> Iterator[Server]:
    """``server.start()`` on a private loop in a daemon thread; ``aclose()`` on the way out."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start())  # type: ignore[attr-defined]
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    server.thread_loop = loop  # type: ignore[attr-defined]  # for call_soon_threadsafe(server.inject, …)
    try:
        yield server
    finally:
        asyncio.run_coroutine_threadsafe(server.aclose(), loop).result(10)  # type: ignore[attr-defined]
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
