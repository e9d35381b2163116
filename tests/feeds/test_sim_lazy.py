"""The simulator opens a market when first asked for, and the rest at its first step (start-up,
issue 24): no price path may change for it. A feed with every market opened at start (as all
were before) and one opened lazily, in a scrambled order, must give the same events and the
same state of every market, step after step. (The same paths as the code before the change:
``python -m tests.bench.sim_paths OUT`` under each checkout, then compare the two files.)"""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.core.periods import Period
from app.core.types import Channel
from app.feeds.sim import SimFeed
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


def test_a_market_opens_when_asked_for_its_spot_first():
    async def scenario() -> tuple[list[str], list[str]]:
        feed = SimFeed(clock=lambda: HK_MORNING, step_ms=3_600_000, seed=11)
        feed.set_sink(lambda _event: None)
        await feed.start()
        await feed.snapshot(["PERP:ETHUSDT"])
        asked = list(feed._markets)
        feed.advance(HK_MORNING, HK_MORNING + 50)
        return asked, list(feed._markets)

    asked, after_step = asyncio.run(scenario())
    assert asked == ["CRYPTO:ETHUSDT", "PERP:ETHUSDT"]
    assert len(after_step) == len(SimFeed()._order)  # all, at the first step
    assert after_step.index("CRYPTO:ETHUSDT") < after_step.index("PERP:ETHUSDT")  # spot steps first
