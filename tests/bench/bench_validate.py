"""Cost of the validator (app.core.validate) per event, which every feed pays once per message.

Run: ``python -m tests.bench.bench_validate``. CPU time (``time.process_time``), best of
several rounds, minus the cost of calling an empty function: the machine is shared and noisy.
"""

from __future__ import annotations

import time

from app.core.types import Bar, Book, Quote, Side, Trade
from app.core.validate import Validator

ROUNDS = 7
CALLS = 200_000


def per_call_ns(fn, event) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.process_time()
        for _ in range(CALLS):
            fn(event)
        best = min(best, (time.process_time() - start) / CALLS * 1e9)
    return best


def main() -> None:
    ts = int(time.time() * 1000) - 1000
    events = {
        "quote": Quote("b", "US:AAPL", ts, 231.5, 229.9, 230.1, 231.7, 229.6, 1e6, 2.5e8, False),
        "trade": Trade("b", "US:AAPL", ts, 231.5, 100.0, Side.BUY),
        "bar": Bar("b", "US:AAPL", "1m", ts - ts % 60_000, 231.0, 231.7, 230.9, 231.5, 1e4),
        "book 5+5": Book("b", "US:AAPL", ts, [(231.5 - i / 100, 100.0) for i in range(5)],
                         [(231.51 + i / 100, 100.0) for i in range(5)]),
        "book 20+20": Book("b", "US:AAPL", ts, [(231.5 - i / 100, 100.0) for i in range(20)],
                           [(231.51 + i / 100, 100.0) for i in range(20)]),
    }
    check = Validator().check
    empty = per_call_ns(lambda e: None, events["quote"])
    print("validator cost per valid event (ns, CPU time, best of rounds, call overhead removed)")
    for name, event in events.items():
        print(f"  {name:10s} {per_call_ns(check, event) - empty:7.0f} ns")


if __name__ == "__main__":
    main()
