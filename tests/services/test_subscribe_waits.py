"""A subscribe stuck on a dead connection holds up only its own symbol (issue 17, point 4):
the service holds no lock over the network, yet each symbol's changes reach the feed in the
order they were made."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import pytest

from app.core.periods import Period
from app.core.types import Channel
from app.services.market_data import MarketDataService
from tests.conftest import run_task
from tests.services.test_market_data import RecordingFeed

STUCK = "US:STUCK"


class DeadConnectionFeed(RecordingFeed):
    """A subscribe of ``STUCK`` waits, as on a connection that died under it, until the test
    lets it go; everything else answers at once."""

    def __init__(self) -> None:
        super().__init__()
        self.release_stuck = asyncio.Event()

    async def subscribe(self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1) -> None:
        symbols = tuple(symbols)
        if STUCK in symbols:
            await self.release_stuck.wait()
        await super().subscribe(symbols, channels, period)


@pytest.fixture
def service(qloop, qtbot):
    svc = MarketDataService(DeadConnectionFeed())
    run_task(qtbot, svc.start())
    yield svc
    svc.feed.release_stuck.set()
    run_task(qtbot, svc.aclose())


def test_a_second_subscribe_is_not_stuck_behind_one_waiting_on_a_dead_connection(service, qtbot):
    feed = service.feed
    service.acquire([STUCK], [Channel.QUOTE])
    service.acquire(["US:AAPL"], [Channel.QUOTE])
    service.acquire(["HK:00700"], [Channel.DEPTH])
    service.release(["US:AAPL"], [Channel.QUOTE])
    qtbot.waitUntil(lambda: len(feed.calls) == 3, timeout=2000)
    assert feed.calls == [("sub", ("US:AAPL",), ("quote",)), ("sub", ("HK:00700",), ("depth",)),
                          ("unsub", ("US:AAPL",), ("quote",))]


def test_a_symbols_changes_reach_the_feed_in_call_order_even_when_the_first_is_slow(service, qtbot):
    feed = service.feed
    service.acquire([STUCK], [Channel.QUOTE])
    service.release([STUCK], [Channel.QUOTE])
    service.acquire(["US:AAPL"], [Channel.QUOTE])
    qtbot.waitUntil(lambda: len(feed.calls) == 1, timeout=2000)
    assert feed.calls == [("sub", ("US:AAPL",), ("quote",))]  # the stuck symbol's release waits
    feed.release_stuck.set()
    qtbot.waitUntil(lambda: len(feed.calls) == 3, timeout=2000)
    assert feed.calls[1:] == [("sub", (STUCK,), ("quote",)), ("unsub", (STUCK,), ("quote",))]
