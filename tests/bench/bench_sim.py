"""Does the simulator agree with itself? Live minutes against generated history minutes (mean
volume, minute-return volatility) and a coin's spot against its perpetual, on the simulator's own
clock (no waiting). Run: ``python -m tests.bench.bench_sim [SYMBOLS] [MINUTES]``; a ratio of
1.00 is a chart with no seam where history ends.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from app.core.periods import Period
from app.feeds.sim import SimFeed
from app.feeds.sim.universe import SPECS

START = int(datetime(2025, 3, 11, 9, 30, tzinfo=ZoneInfo("Asia/Hong_Kong")).timestamp() * 1000)
STEP_MS = 50  # the GUI's step
DEFAULT = "HK:00700,SH:600519,US:AAPL,CRYPTO:BTCUSDT,FX:EURUSD,IDX:HSI"


def _volatility(bars) -> float:
    return statistics.pstdev(math.log(b.close / a.close) for a, b in zip(bars, bars[1:]))


async def live_against_history(symbol: str, minutes: int) -> str:
    now = [START]
    feed = SimFeed(clock=lambda: now[0], step_ms=3_600_000,
                   specs=[s for s in SPECS if s.instrument.symbol == symbol])
    await feed.start()
    history = (await feed.klines(symbol, Period.M1, 600))[:-1]
    for _ in range(minutes * 60_000 // STEP_MS):
        feed.advance(now[0], now[0] + STEP_MS)
        now[0] += STEP_MS
    live = (await feed.klines(symbol, Period.M1, minutes + 1))[1:-1]
    await feed.aclose()
    line = f"{symbol:16} volatility live/history {_volatility(live) / _volatility(history):5.2f}"
    if history[0].volume is not None:
        ratio = statistics.mean(b.volume for b in live) / statistics.mean(b.volume for b in history)
        line += f"   mean minute volume live/history {ratio:5.2f}"
    return line


async def spot_and_perpetual() -> list[str]:
    feed = SimFeed(clock=lambda: START)
    await feed.start()
    quotes = {q.symbol: q for q in await feed.snapshot([s.instrument.symbol for s in SPECS])}
    await feed.aclose()
    lines = []
    for symbol, perp in quotes.items():
        spot = quotes.get("CRYPTO:" + symbol.partition(":")[2]) if symbol.startswith("PERP:") else None
        if spot is not None:
            lines.append(f"{symbol:16} day {perp.change_pct:+6.2f} %, spot {spot.change_pct:+6.2f} %, "
                         f"basis {(perp.last / spot.last - 1) * 1e4:+6.1f} bp")
    return lines


def main() -> None:
    symbols = (sys.argv[1] if len(sys.argv) > 1 else DEFAULT).split(",")
    minutes = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    for symbol in symbols:
        print(asyncio.run(live_against_history(symbol, minutes)), flush=True)
    for line in asyncio.run(spot_and_perpetual()):
        print(line)


if __name__ == "__main__":
    main()
