"""Cost of feed-health tracking on the hot path: ``Feed.emit`` with it, against the same path
without it (the validator and the sink, as before issue 21), per event.

Run: ``python -m tests.bench.bench_health [--events 200000] [--rounds 9]``

The events are bench_alerts' mixes over 20 symbols (quotes and trades; and 35 % quotes, 35 %
trades, 25 % books of 5+5 levels, 5 % bars), emitted through a feed whose sink does nothing (so
only the feed's own path is timed), on a feed with timed quotes and trades (the latency sample
is taken: the dearer case). The two paths alternate round by round, each round timed in this
process's CPU time (``time.process_time_ns``); one JSON object per line per mix:
``{"bench":"health","events":…,"count":N,"without_ns":…,"with_ns":…,"overhead_ns":…}``: the
medians of the rounds, and the median of the rounds' paired differences (the machine is shared
and noisy). Each mix twice: ``"arrival":"frame"``, the events of a WebSocket frame whose arrival
the live feed stamped once (its cost per frame on a line of its own), and ``"clock per event"``
(the simulator, a REST answer: emit reads the clock itself). A last line gives one ``snapshot``
(once a second, off the hot path) over 1,000 watched symbols. The issue's budget is 0.2 µs
(200 ns) of overhead per event.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from app.core.health import FeedHealth
from app.core.types import Event, Quote, Status, Trade
from app.feeds.sim import SimFeed
from tests.bench.bench_alerts import make_events

CLOCK_MS = 1_741_381_200_000.0


class _Timed(SimFeed):
    """The simulator's feed (never started), with a vendor's timed events."""

    timed_events = frozenset({Quote, Trade})


class _Before(_Timed):
    """The same feed with ``emit`` as it was before health tracking."""

    def emit(self, event: Event) -> None:
        if type(event) is not Status:
            event = self._check(event)
            if event is None:
                return
        self._sink(event)


def _sink(_event: Event) -> None:
    return None


def _round_ns(emit, events) -> float:
    start = time.process_time_ns()
    for event in events:
        emit(event)
    return (time.process_time_ns() - start) / len(events)


def compare(events: list, rounds: int, stamped: bool) -> tuple[float, float, float]:
    """(without, with, overhead) ns per event: medians over alternating rounds. ``stamped``: the
    events are decoded from a WebSocket frame, whose arrival the live feed stamped (else emit
    reads the clock for each event: the simulator, a REST answer)."""
    with_health, without = _Timed(always_open=True), _Before(always_open=True)
    with_health.arrival_ms = CLOCK_MS if stamped else 0.0
    for feed in (with_health, without):
        feed.set_sink(_sink)
    _round_ns(with_health.emit, events)  # warm-up, untimed
    _round_ns(without.emit, events)
    a, b = [], []
    for _ in range(rounds):
        a.append(_round_ns(without.emit, events))
        b.append(_round_ns(with_health.emit, events))
    return statistics.median(a), statistics.median(b), statistics.median(y - x for x, y in zip(a, b))


def frame_stamp_ns(calls: int = 200_000, rounds: int = 9) -> float:
    """What stamping a frame's arrival adds per WebSocket frame (LiveFeed._stamped: a clock
    read and a wrapper call), against calling the frame's handler directly."""
    from app.feeds.qos import QosFeed

    def handler(_raw: object) -> None:
        return None

    stamped = QosFeed(api_key="bench")._stamped(handler)
    frames = range(calls)

    def run(call) -> float:
        start = time.process_time_ns()
        for raw in frames:
            call(raw)
        return (time.process_time_ns() - start) / calls

    diffs = [run(stamped) - run(handler) for _ in range(rounds)]
    return statistics.median(diffs)


def snapshot_us(symbols: int = 1000, calls: int = 200) -> float:
    """CPU µs of one ``snapshot`` over ``symbols`` watched crypto symbols, two thirds of which
    delivered since the previous one (their gaps learned, a latency sample each)."""
    health = FeedHealth("bench", timed=[Trade], clock=lambda: CLOCK_MS)
    names = [f"CRYPTO:C{i:04d}USDT" for i in range(symbols)]
    health.subscribed(names, ["trade"], CLOCK_MS)
    spent = 0
    for n in range(calls):
        now = CLOCK_MS + n * 1000
        for i, name in enumerate(names):
            if (i + n) % 3:
                health.on_event(Trade("bench", name, int(now) - 50, 1.0, 1.0), now)
        start = time.process_time_ns()
        health.snapshot(now + 500)
        spent += time.process_time_ns() - start
    return spent / calls / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    streams = {"quote+trade": make_events(args.events),
               "quote+trade+depth+bar": make_events(args.events, mixed=True)}
    for name, events in streams.items():
        for stamped in (True, False):
            without, with_health, overhead = compare(events, args.rounds, stamped)
            print(json.dumps({"bench": "health", "events": name, "count": args.events,
                              "arrival": "frame" if stamped else "clock per event",
                              "without_ns": round(without, 1), "with_ns": round(with_health, 1),
                              "overhead_ns": round(overhead, 1)}), flush=True)
    print(json.dumps({"bench": "health", "frame_stamp_ns_per_frame": round(frame_stamp_ns(), 1)}))
    print(json.dumps({"bench": "health", "snapshot_us_per_call_1000_symbols": round(snapshot_us(), 1)}))


if __name__ == "__main__":
    main()
