"""``stream --health``: one ``{"type":"health",…}`` line per vendor per second, among the events.

Each feed keeps its own figures (:attr:`app.feeds.base.Feed.health`, an
:class:`app.core.health.FeedHealth`); this only reads them on the second and writes the lines
through the stream's writer, so they interleave with the events and count towards ``--count``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from app.core.health import Health
from app.feeds.base import Feed

HEALTH_INTERVAL_S = 1.0


async def health_lines(feeds: Sequence[Feed], write: Callable[[Health], None],
                       interval: float = HEALTH_INTERVAL_S) -> None:
    """Until cancelled: every ``interval`` seconds (on the loop's clock, without drift), each
    feed's health snapshot handed to ``write``, in the order of ``feeds``."""
    loop = asyncio.get_running_loop()
    due = loop.time()
    while True:
        due += interval
        await asyncio.sleep(max(0.0, due - loop.time()))
        for feed in feeds:
            write(feed.health.snapshot())
