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
from tests.support.qt_loop import run_task
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


class SlowStartFeed(RecordingFeed):
    """A feed whose start takes until the test lets it finish (a first connection)."""

    vendor = "slow"

    def __init__(self) -> None:
        super().__init__()
        self.may_start = asyncio.Event()
        self.events: list[str] = []

    async def start(self) -> None:
        self.events.append("start")
        await self.may_start.wait()
        self.events.append("started")
        await super().start()

    async def subscribe(self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1) -> None:
        self.events.append("subscribe")
        await super().subscribe(symbols, channels, period)


class SlowCloseFeed(RecordingFeed):
    """A feed whose close takes until the test lets it finish (a connection saying goodbye)."""

    def __init__(self) -> None:
        super().__init__()
        self.may_close = asyncio.Event()

    async def aclose(self) -> None:
        await self.may_close.wait()
        await super().aclose()


def test_a_change_made_during_a_vendor_switch_waits_for_the_new_feed_to_start(qloop, qtbot):
    service = MarketDataService(RecordingFeed())
    run_task(qtbot, service.start())
    new = SlowStartFeed()
    switching = asyncio.ensure_future(service.switch_feed(new))
    qtbot.waitUntil(lambda: new.events == ["start"], timeout=2000)
    service.acquire(["US:AAPL"], [Channel.QUOTE])  # a watchlist click while it connects
    new.may_start.set()
    qtbot.waitUntil(lambda: "subscribe" in new.events, timeout=2000)
    assert new.events == ["start", "started", "subscribe"]
    run_task(qtbot, switching)
    run_task(qtbot, service.aclose())


def test_a_cancelled_vendor_switch_still_closes_the_old_connection(qloop, qtbot):
    old = SlowCloseFeed()
    service = MarketDataService(old)
    run_task(qtbot, service.start())
    switching = asyncio.ensure_future(service.switch_feed(RecordingFeed()))
    qtbot.waitUntil(lambda: service.feed is not old, timeout=2000)
    switching.cancel()  # the user picked yet another vendor meanwhile
    qtbot.waitUntil(switching.done, timeout=2000)
    old.may_close.set()
    qtbot.waitUntil(lambda: old.closed, timeout=2000)  # QOS allows one connection per key
    run_task(qtbot, service.aclose())
