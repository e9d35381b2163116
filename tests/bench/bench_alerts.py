"""Per-event cost of ``AlertEngine.on_event``: 50 rules over 20 symbols, on the hot path.

Run: ``python -m tests.bench.bench_alerts [--events 1000000] [--rounds 5]``

Two rule mixes, side by side. ``4-kind``: the rules a trader kept before — per symbol an
``above`` and a ``below`` a few percent from the price, a ``change-pct`` on ten of them and a
``big-print`` on the others — over quotes and trades (half each), as this bench always measured.
``all-kinds``: 50 rules cycling through every kind (above, below, change-pct, big-print, line,
big-notional, volume-spike, sweep, iceberg, spread-ticks, stale) and every mode (a third with a
cooldown, a hysteresis on others, an expiry far ahead on some), over quotes, trades, books (5
levels a side, now and then swept through several) and 1-minute bars — measured on both event
streams. The prices random-walk so rules fire and re-arm; the alerts made are counted (the work is
real). One JSON object per line: ``{"bench":"alerts","mix":…,"events":…,"rules":50,"symbols":20,
"count":N,"p50_ns_per_event":…,"alerts":…}`` — the median of ``rounds`` timed runs over every event,
in this process's CPU time (``time.process_time_ns``) — and a last line with the cost of one
``on_clock`` (once a second, off the hot path). The issue's budget is 2,000 ns per event.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from app.core.alerts import KINDS, AlertEngine, AlertRule, checked_rule
from app.core.types import Bar, Book, Quote, Trade

SYMBOLS = [f"US:S{i:02d}" for i in range(20)]
START = 1_741_381_200_000  # event times from here, one ms apart
FAR = START + 10 ** 12  # an expiry that never comes during the run


def make_rules() -> list[AlertRule]:
    """The 4-kind mix (the bench's first figures)."""
    rules = []
    for i, symbol in enumerate(SYMBOLS):
        rules += [AlertRule(f"a{len(rules) + 1}", symbol, "above", 101.0),
                  AlertRule(f"a{len(rules) + 2}", symbol, "below", 99.0)]
        if i < 10:
            rules.append(AlertRule(f"a{len(rules) + 1}", symbol, "change-pct", 1.5))
        else:
            rules.append(AlertRule(f"a{len(rules) + 1}", symbol, "big-print", 450.0))
    return rules[:50]


_LEVELS = {"above": 101.0, "below": 99.0, "change-pct": 1.5, "big-print": 450.0,
           "big-notional": 45_000.0, "volume-spike": 2.0, "sweep": 3.0, "iceberg": 3.0,
           "spread-ticks": 3.0, "stale": 30.0}


def make_mixed_rules() -> list[AlertRule]:
    """50 rules of every kind and mode over the 20 symbols."""
    rules = []
    for i in range(50):
        kind, symbol = KINDS[i % len(KINDS)], SYMBOLS[i % len(SYMBOLS)]
        parts: dict[str, object] = {}
        if i % 3 == 0:
            parts["every"] = 5
        elif kind in ("above", "below", "line", "spread-ticks") and i % 3 == 1:
            parts["hysteresis"] = 0.1 if kind != "spread-ticks" else 1
        if i % 4 == 0:
            parts["expires"] = FAR
        if kind == "line":
            parts["line"] = (START, 99.0, START + 1_000_000, 101.0)
        if kind == "volume-spike":
            parts["bars"] = 10
        rules.append(checked_rule(f"a{i + 1}", symbol, kind, _LEVELS.get(kind, 1.0), **parts))
    return rules


def make_events(n: int, seed: int = 11, mixed: bool = False) -> list[object]:
    """Quotes and trades (half each); ``mixed``: 35 % quotes, 35 % trades, 25 % books, 5 % bars."""
    rng = random.Random(seed)
    prices = dict.fromkeys(SYMBOLS, 100.0)
    volumes = dict.fromkeys(SYMBOLS, 0.0)
    events: list[object] = []
    for i in range(n):
        ts = START + i
        symbol = rng.choice(SYMBOLS)
        price = prices[symbol] = min(103.0, max(97.0, prices[symbol] + rng.choice((-0.05, 0.0, 0.05))))
        pick = rng.random() if mixed else (0.0 if i % 2 else 0.5)  # as before: odd quotes, even trades
        if pick < 0.35:
            events.append(Quote("bench", symbol, ts, last=price, prev_close=100.0))
        elif pick < 0.70:
            size = float(rng.randint(1, 500))
            volumes[symbol] += size
            events.append(Trade("bench", symbol, ts, price, size))
        elif pick < 0.95:
            gap = rng.choice((0, 0, 0, 0, 1, 4))  # now and then a sweep through several levels
            bid, ask = round(price - 0.01 * (1 + gap), 2), round(price + 0.01, 2)
            events.append(Book("bench", symbol, ts,
                               [(round(bid - 0.01 * k, 2), float(rng.randint(1, 9) * 100)) for k in range(5)],
                               [(round(ask + 0.01 * k, 2), float(rng.randint(1, 9) * 100)) for k in range(5)]))
        else:
            minute = ts // 60_000 * 60_000
            events.append(Bar("bench", symbol, "1m", minute, price, price, price, price, volumes[symbol]))
            if rng.random() < 0.3:
                volumes[symbol] = 0.0
    return events


def per_event_ns(events: list[object], rules: list[AlertRule], rounds: int) -> tuple[float, int]:
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


def clock_ns(rules: list[AlertRule], calls: int = 2000) -> float:
    engine = AlertEngine(rules)
    start = time.process_time_ns()
    for n in range(calls):
        engine.on_clock(START + n * 1000)
    return (time.process_time_ns() - start) / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    streams = {"quote+trade": make_events(args.events),
               "quote+trade+depth+bar": make_events(args.events, mixed=True)}
    runs = [("4-kind", make_rules(), "quote+trade"), ("all-kinds", make_mixed_rules(), "quote+trade"),
            ("4-kind", make_rules(), "quote+trade+depth+bar"),
            ("all-kinds", make_mixed_rules(), "quote+trade+depth+bar")]
    for mix, rules, stream in runs:
        ns, fired = per_event_ns(streams[stream], rules, args.rounds)
        print(json.dumps({"bench": "alerts", "mix": mix, "events": stream, "rules": len(rules),
                          "symbols": len(SYMBOLS), "count": args.events,
                          "p50_ns_per_event": round(ns, 1), "alerts": fired}), flush=True)
    print(json.dumps({"bench": "alerts", "mix": "all-kinds", "on_clock_ns_per_call":
                      round(clock_ns(make_mixed_rules()), 1)}))


if __name__ == "__main__":
    main()
