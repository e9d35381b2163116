"""Per-event cost of ``AlertEngine.on_event``: 50 rules over 20 symbols, on the hot path.

Run: ``python -m tests.bench.bench_alerts [--events 1000000] [--rounds 5]``

The rules are those a trader keeps: per symbol an ``above`` and a ``below`` a few percent from
the price, a ``change-pct`` on ten of them and a ``big-print`` on the others (50 in all). The
events are quotes and trades (half each) of a random walk over the 20 symbols, so rules fire
and re-arm as prices cross their levels; the alerts made are counted (the work is real).
Prints one JSON object ``{"bench":"alerts","rules":50,"symbols":20,"events":N,
"p50_ns_per_event":…,"alerts":…}``: the median of ``rounds`` timed runs over every event, in
this process's CPU time (``time.process_time_ns``). The issue's budget is 2,000 ns per event.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from app.core.alerts import AlertEngine, AlertRule
from app.core.types import Quote, Trade

SYMBOLS = [f"US:S{i:02d}" for i in range(20)]


def make_rules() -> list[AlertRule]:
    rules = []
    for i, symbol in enumerate(SYMBOLS):
        rules += [AlertRule(f"a{len(rules) + 1}", symbol, "above", 101.0),
                  AlertRule(f"a{len(rules) + 2}", symbol, "below", 99.0)]
        if i < 10:
            rules.append(AlertRule(f"a{len(rules) + 1}", symbol, "change-pct", 1.5))
        else:
            rules.append(AlertRule(f"a{len(rules) + 1}", symbol, "big-print", 450.0))
    return rules[:50]


def make_events(n: int, seed: int = 11) -> list[object]:
    rng = random.Random(seed)
    prices = dict.fromkeys(SYMBOLS, 100.0)
    events: list[object] = []
    for ts in range(n):
        symbol = rng.choice(SYMBOLS)
        price = prices[symbol] = min(103.0, max(97.0, prices[symbol] + rng.choice((-0.05, 0.0, 0.05))))
        if ts % 2:
            events.append(Quote("bench", symbol, ts, last=price, prev_close=100.0))
        else:
            events.append(Trade("bench", symbol, ts, price, float(rng.randint(1, 500))))
    return events


def per_event_ns(events: list[object], rounds: int) -> tuple[float, int]:
    rules = make_rules()

    def run() -> int:
        evaluate = AlertEngine(rules).on_event
        fired = 0
        for event in events:
            fired += len(evaluate(event))
        return fired

    fired = run()  # warm-up, untimed
    times = []
    for _ in range(rounds):
        start = time.process_time_ns()
        run()
        times.append((time.process_time_ns() - start) / len(events))
    return statistics.median(times), fired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    ns, fired = per_event_ns(make_events(args.events), args.rounds)
    print(json.dumps({"bench": "alerts", "rules": len(make_rules()), "symbols": len(SYMBOLS),
                      "events": args.events, "p50_ns_per_event": round(ns, 1), "alerts": fired}))


if __name__ == "__main__":
    main()
