"""The simulator's price paths, written out to compare two checkouts (issue 24: opening markets
lazily must not change any path).

    PYTHONPATH=/old/checkout python -m tests.bench.sim_paths /tmp/old.txt
    PYTHONPATH=/new/checkout python -m tests.bench.sim_paths /tmp/new.txt && cmp /tmp/old.txt /tmp/new.txt

Six starts (an HK morning, a Saturday, a US afternoon; exchange hours and kept open), each: a
window's first asks (quotes, trades, depth of three symbols, live bars of a fourth, history of
a fifth), then 400 steps of a scaled clock; every event, then every market's state (price,
last trade, day, book sizes, live minute bars), one line each.
"""

from __future__ import annotations

import asyncio
import hashlib
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from app.core.periods import Period
from app.core.types import Channel
from app.feeds.sim import SimFeed

UTC = ZoneInfo("UTC")
STARTS = (datetime(2025, 3, 11, 2, 15, tzinfo=UTC), datetime(2025, 3, 8, 12, 0, tzinfo=UTC),
          datetime(2025, 3, 11, 15, 0, tzinfo=UTC))
STEPS = 400


def market_state(symbol: str, market) -> str:
    """One market's state as a line: what its path has been so far."""
    minutes = [(b.ts, b.open, b.high, b.low, b.close, b.volume) for b in market.live_minutes()]
    return (f"{symbol} {market.mid!r} {market.last!r} {market.last_ts} {market.day} "
            f"{market.bid_sizes} {market.ask_sizes} {minutes}")


def _markets(feed: SimFeed) -> dict:
    """Every market (a checkout from before lazy opening has them all in ``_markets``)."""
    return feed.markets if hasattr(type(feed), "markets") else feed._markets


async def _one(now_ms: int, always_open: bool, out: list[str]) -> None:
    clock = [now_ms]
    feed = SimFeed(clock=lambda: clock[0], step_ms=3_600_000, always_open=always_open, seed=7)
    events: list = []
    feed.set_sink(events.append)
    await feed.start()
    await feed.subscribe(["PERP:BTCUSDT", "US:AAPL", "HK:00700"], [Channel.QUOTE, Channel.TRADE, Channel.DEPTH])
    await feed.subscribe(["CRYPTO:ETHUSDT"], [Channel.BAR], Period.M1)
    out.append(repr(await feed.klines("SH:600519", Period.M5, 50)))
    for i in range(STEPS):
        if i == 10:  # asked for later: a perpetual whose spot nobody asked for, a share, a history
            await feed.subscribe(["PERP:SOLUSDT", "SZ:300750"], [Channel.QUOTE, Channel.TRADE])
        if i == 25:
            out.append(repr(await feed.klines("US:TSLA", Period.M1, 40)))
        prev = clock[0]
        clock[0] += 50 + (i % 7) * 13
        feed.advance(prev, clock[0])
    out.extend(repr(e) for e in events)
    out.extend(market_state(symbol, market) for symbol, market in _markets(feed).items())
    await feed.aclose()


def main() -> None:
    out: list[str] = []
    for start in STARTS:
        for always_open in (False, True):
            asyncio.run(_one(int(start.timestamp() * 1000), always_open, out))
    text = "\n".join(out) + "\n"
    with open(sys.argv[1], "w", encoding="utf-8") as file:
        file.write(text)
    print(len(out), "lines, sha256", hashlib.sha256(text.encode()).hexdigest()[:16])


if __name__ == "__main__":
    main()
