"""Test plumbing for feeds: a sink that waits on conditions over what arrived (never on time),
and a runner for a scenario against a fake server."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

from app.core.types import ConnectionState, Status


class Sink:
    """Collects events; lets a test wait until a condition over them holds."""

    def __init__(self) -> None:
        self.events: list = []
        self._changed = asyncio.Event()

    def __call__(self, event) -> None:
        self.events.append(event)
        self._changed.set()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        async with asyncio.timeout(timeout):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

    def of(self, kind) -> list:
        return [e for e in self.events if type(e) is kind]

    def symbols(self, kind, since: int = 0) -> set[str]:
        return {e.symbol for e in self.events[since:] if type(e) is kind}

    def statuses(self, state: ConnectionState) -> list[Status]:
        return [e for e in self.of(Status) if e.state is state]


def run_against(fake, scenario: Callable[[object], Awaitable[object]], timeout: float = 30):
    """Start ``fake``, run ``scenario(fake)`` bounded in time, always shut the fake down."""
    async def main():
        await fake.start()
        try:
            async with asyncio.timeout(timeout):
                return await scenario(fake)
        finally:
            await fake.aclose()

    return asyncio.run(main())


@contextlib.asynccontextmanager
async def running_feed(made: tuple) -> AsyncIterator[tuple]:
    """A started feed and its sink (``made`` is ``(feed, sink)``), closed however the
    scenario ends."""
    feed, sink = made
    await feed.start()
    try:
        yield feed, sink
    finally:
        await feed.aclose()
