"""The simulator opens a market when first asked for, and the rest a few a step from its
OPEN_ALL_AT_STEP-th step on (start-up, issue 24): no price path may change for it. A feed with every market opened at
start (as all were before) and one opened lazily, in a scrambled order and some markets late
(they replay the steps they missed), must give the same events and the same state of every
market, step after step. (The same paths as the code before the change:
``python -m tests.bench.sim_paths OUT`` under each checkout, then compare the two files.)"""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.core.periods import Period
from app.core.types import Channel
from app.feeds.sim import SimFeed
from app.feeds.sim.feed import OPEN_ALL_AT_STEP, OPEN_PER_STEP
from app.feeds.sim.universe import SPECS
from tests.bench.sim_paths import market_state

UTC = ZoneInfo("UTC")
HK_MORNING = int(datetime(2025, 3, 11, 2, 15, tzinfo=UTC).timestamp() * 1000)  # HK, SH open; US closed
SATURDAY = int(datetime(2025, 3, 8, 12, 0, tzinfo=UTC).timestamp() * 1000)
STEPS = 150


async def _run(now_ms: int, always_open: bool, eager: bool) -> tuple[list, list[str], int]:
    clock = [now_ms]
    feed = SimFeed(clock=lambda: clock[0], step_ms=3_600_000, always_open=always_open, seed=11)
    events: list = []
    feed.set_sink(events.append)
    await feed.start()
    opened_at_start = len(feed._markets)
    if eager:  # every market opened at start's instant, in stepping order: the former start()
        assert len(feed.markets) == len(feed._order)
    # a window's first asks, a perpetual before its spot
    await feed.subscribe(["PERP:BTCUSDT", "US:AAPL", "HK:00700"], [Channel.QUOTE, Channel.TRADE, Channel.DEPTH])
    await feed.subscribe(["CRYPTO:ETHUSDT"], [Channel.BAR], Period.M1)
    events.append(await feed.klines("SH:600519", Period.M5, 30))
    for i in range(STEPS):
        if i == 10:  # asked for late: a perpetual whose spot nobody asked for, a share, a history
            await feed.subscribe(["PERP:SOLUSDT", "SZ:300750"], [Channel.QUOTE, Channel.TRADE])
        if i == 20:
            events.append(await feed.klines("US:TSLA", Period.M1, 30))
        prev = clock[0]
        clock[0] += 50 + (i % 7) * 13
        feed.advance(prev, clock[0])
    states = [market_state(symbol, market) for symbol, market in feed.markets.items()]
    await feed.aclose()
    return events, states, opened_at_start


@pytest.mark.parametrize(("now_ms", "always_open"), [(HK_MORNING, False), (SATURDAY, True)])
def test_lazily_opened_markets_walk_the_same_paths(now_ms, always_open):
    eager_events, eager_states, _ = asyncio.run(_run(now_ms, always_open, eager=True))
    lazy_events, lazy_states, opened_at_start = asyncio.run(_run(now_ms, always_open, eager=False))
    assert opened_at_start == 0  # start() opens nothing: the first frame does not wait for 47 markets
    assert len(lazy_states) == len(eager_states) >= 40
    assert sum(1 for e in lazy_events if type(e).__name__ == "Trade") > 50  # the paths did move
    assert lazy_states == eager_states  # every market, subscribed or not: the same walk
    assert lazy_events == eager_events


def test_a_market_opens_with_its_spot_and_the_rest_only_later():
    async def scenario() -> tuple[list[str], list[int]]:
        feed = SimFeed(clock=lambda: HK_MORNING, step_ms=3_600_000, seed=11)
        feed.set_sink(lambda _event: None)
        await feed.start()
        await feed.snapshot(["PERP:ETHUSDT"])
        asked = list(feed._markets)
        counts = []
        for step in range(OPEN_ALL_AT_STEP + 20):
            feed.advance(HK_MORNING + 50 * step, HK_MORNING + 50 * (step + 1))
            counts.append(len(feed._markets))
        return asked, counts

    asked, counts = asyncio.run(scenario())
    assert asked == ["CRYPTO:ETHUSDT", "PERP:ETHUSDT"]  # the spot first: the perpetual reads its price
    assert counts[:OPEN_ALL_AT_STEP - 1] == [2] * (OPEN_ALL_AT_STEP - 1)  # a short run never opens the others
    # from the OPEN_ALL_AT_STEP-th step on, a few families a step (a perpetual with its spot), not
    # all 47 in one step (a hitch on the GUI thread), until every market is open
    opened = [b - a for a, b in zip(counts[OPEN_ALL_AT_STEP - 2:], counts[OPEN_ALL_AT_STEP - 1:])]
    assert 0 < opened[0] <= 2 * OPEN_PER_STEP and all(n <= 2 * OPEN_PER_STEP for n in opened)
    assert counts[-1] == len(SPECS)


def test_a_feed_started_again_opens_what_was_subscribed_at_once():
    async def scenario() -> list[str]:
        feed = SimFeed(clock=lambda: HK_MORNING, step_ms=3_600_000, seed=11)
        feed.set_sink(lambda _event: None)
        await feed.start()
        await feed.subscribe(["HK:00700"], [Channel.QUOTE])
        await feed.subscribe(["US:AAPL"], [Channel.BAR], Period.M1)
        await feed.aclose()
        await feed.start()
        opened = list(feed._markets)
        await feed.aclose()
        return opened

    assert asyncio.run(scenario()) == ["US:AAPL", "HK:00700"]  # in stepping order, no wait for step 40
