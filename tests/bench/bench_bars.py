"""Per-trade cost of ``BarBuilder.add_price``, the live bar's hot path.

Run: ``python -m tests.bench.bench_bars [--trades 300000] [--rounds 7]``

Trades are a steady stream (a print every ~0.9 s on average, in time order; 300,000 of them span
about three days from Sunday 17:00 New York), so the stream crosses the FX 17:00 roll, the US
20:00 roll, midnight and bar edges like a live feed does. Each line printed is one JSON object
``{"bench":"bars","period":…,"calendar":…,"trades":N,"p50_ns_per_trade":…}``: the median of
``rounds`` timed runs, each a fresh builder fed every trade, timed in this process's CPU time
(``time.process_time_ns``) so that other programs sharing the cores do not inflate it.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from app.core.bars import BarBuilder
from app.core.periods import Period
from app.core.sessions import CALENDARS

NY = ZoneInfo("America/New_York")


def make_trades(n: int, seed: int = 7) -> list[tuple[int, float, float]]:
    rng = random.Random(seed)
    ts = int(datetime(2025, 3, 2, 17, 0, tzinfo=NY).timestamp() * 1000)  # a Sunday evening
    price = 100.0
    out = []
    for _ in range(n):
        ts += int(rng.expovariate(1 / 900))
        price = max(0.01, price + rng.choice((-0.01, 0.0, 0.01)))
        out.append((ts, price, float(rng.randint(1, 500))))
    return out


def per_trade_ns(period: Period, calendar_name: str, trades, rounds: int) -> float:
    calendar = CALENDARS[calendar_name]

    def run() -> None:
        add = BarBuilder("bench", "FX:EURUSD", period, calendar).add_price
        for ts, price, size in trades:
            add(ts, price, size)

    run()  # warm-up, untimed
    times = []
    for _ in range(rounds):
        start = time.process_time_ns()
        run()
        times.append((time.process_time_ns() - start) / len(trades))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trades", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    trades = make_trades(args.trades)
    for period in (Period.M1, Period.H1, Period.D1, Period.W1):
        for name in ("FX", "US"):
            ns = per_trade_ns(period, name, trades, args.rounds)
            print(json.dumps({"bench": "bars", "period": period.value, "calendar": name,
                              "trades": len(trades), "p50_ns_per_trade": round(ns, 1)}))


if __name__ == "__main__":
    main()
