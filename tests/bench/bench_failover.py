"""Cost of the composite feeds per event: the bare feed's ``emit`` against the same feed inside a
:class:`~app.feeds.failover.FailoverFeed` (the primary serving every symbol; then half of them
failed over, so the primary's events for those are held back and the backup's passed) and
inside a :class:`~app.feeds.compare.CompareFeed` (each primary event noted for the comparison).

Run: ``python -m tests.bench.bench_failover [--events 200000] [--rounds 9]``

Events are bench_alerts' mixes over 20 symbols (quotes and trades; and quotes, trades, books
and bars), emitted one at a time through feeds whose final sink does nothing, each round timed in
this process's CPU time, the paths alternating round by round. One JSON line per mix and path:
``{"bench":"failover","events":…,"path":…,"bare_ns":…,"with_ns":…,"overhead_ns":…}``: medians of
the rounds and the median of the paired differences, in ns per event.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from app.core.types import Event
from app.feeds.compare import CompareFeed, _Pair
from app.feeds.failover import FailoverFeed
from app.feeds.sim import SimFeed
from tests.bench.bench_alerts import SYMBOLS, make_events


def _sink(_event: Event) -> None:
    return None


def _round_ns(emit, events: list) -> float:
    start = time.process_time_ns()
    for event in events:
        emit(event)
    return (time.process_time_ns() - start) / len(events)


def paths() -> dict[str, object]:
    """Each path's ``emit`` (the vendor feed's, wired as the composite wires it at start)."""
    bare = SimFeed(always_open=True)
    bare.set_sink(_sink)

    def failover(moved: int):
        primary, backup = SimFeed(always_open=True), SimFeed(always_open=True)
        feed = FailoverFeed(primary, backup)
        feed.set_sink(_sink)
        primary.set_sink(feed._from_primary)  # as start() wires them
        backup.set_sink(feed._from_backup)
        for symbol in SYMBOLS[:moved]:
            feed._on_backup[symbol] = 0.0
        return primary.emit

    primary, other = SimFeed(always_open=True), SimFeed(always_open=True)
    compare = CompareFeed(primary, other, bp=5.0)
    primary.set_sink(compare._from_primary)
    compare.set_sink(_sink)
    for symbol in SYMBOLS:  # as subscribe registers them
        compare._pairs[symbol] = _Pair()
    return {"bare": bare.emit, "failover, all on the primary": failover(0),
            "failover, half failed over": failover(len(SYMBOLS) // 2), "compare": primary.emit}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    for name, events in {"quote+trade": make_events(args.events),
                         "quote+trade+depth+bar": make_events(args.events, mixed=True)}.items():
        emits = paths()
        bare = emits.pop("bare")
        for path, emit in emits.items():
            _round_ns(bare, events)  # warm-up, untimed
            _round_ns(emit, events)
            a, b = [], []
            for _ in range(args.rounds):
                a.append(_round_ns(bare, events))
                b.append(_round_ns(emit, events))
            print(json.dumps({"bench": "failover", "events": name, "path": path, "count": args.events,
                              "bare_ns": round(statistics.median(a), 1), "with_ns": round(statistics.median(b), 1),
                              "overhead_ns": round(statistics.median(y - x for x, y in zip(a, b)), 1)}),
                  flush=True)


if __name__ == "__main__":
    main()
