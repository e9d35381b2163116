"""Cost of feed-health tracking on the hot path: ``Feed.emit`` with it, against the same path
without it (Feed.emit's dispatch, the validator's checks and the sink, the health's lines left
out), per event; and, for reference, the whole path as it was before issue 21.

Run: ``python -m tests.bench.bench_health [--events 200000] [--rounds 9]``

The events are bench_alerts' mixes over 20 symbols (quotes and trades; and 35 % quotes, 35 %
trades, 25 % books of 5+5 levels, 5 % bars), emitted through a feed whose sink does nothing (so
only the feed's own path is timed), on a feed with timed quotes and trades. They arrive one to a
WebSocket frame (QOS, iTick: the dearest case), five to a frame (脉动数据's pushes: a quote, a
book, prints), or twenty to a REST poll (脉动数据's fallback: one answer per product, stamped
once when the poll's answers are in), each frame's or poll's arrival stamped on the feed as
``WsSession._read`` stamps it (from the loop time it reads for every frame anyway; the stamp is
part of the cost timed). The paths run the same blocks of about 2,000 events back to
back, which goes first rotating, ``--rounds`` times over, each block timed in this process's
CPU time (``time.process_time_ns``); one JSON object per line: ``{"bench":"health","events":…,
"arrival":…,"count":N,"without_ns":…,"with_ns":…,"overhead_ns":…,"overhead_q1_ns":…,
"overhead_q3_ns":…,"historical_ns":…}``: each path's median block, and the median and quartiles
of the blocks' paired differences, with minus without: the machine is shared and noisy, and a
burst of other work spoils a few blocks, which the median leaves out. A
last line gives one ``snapshot`` (once a second, off the hot path) over 1,000 watched symbols,
which now includes turning the arrivals noted since the previous one (monotonic seconds, as
stamped) into epoch ms: per symbol that delivered, not per event.
The issue's budget is 0.2 µs (200 ns) of overhead per event.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time

from app.core.health import FeedHealth
from app.core.types import Bar, Book, Event, Quote, Status, Trade
from app.core.validate import check_bar, check_book, check_quote, check_trade
from app.feeds.sim import SimFeed
from tests.bench.bench_alerts import make_events

CLOCK_MS = 1_741_381_200_000.0
BLOCK = 2_000  # events timed at a go (see compare)


class _Timed(SimFeed):
    """The simulator's feed (never started), with a vendor's timed events."""

    timed_events = frozenset({Quote, Trade})


class _Before(_Timed):
    """The same feed with ``emit`` as it is without health tracking: Feed.emit's own lines with
    the health's per-event lines left out (the dispatch, the validator's checks, a status's state
    call and the sink kept), so that the difference is the health's and nothing else.
    tests/feeds/test_feed_base.py checks that it is Feed.emit without those lines."""

    def emit(self, event: Event) -> None:
        cls = type(event)
        if cls is Quote:
            problem = check_quote(event, self.validator.limit)
        elif cls is Trade:
            problem = check_trade(event, self.validator.limit)
        elif cls is Book:
            checked, problem = check_book(event, self.validator.limit)
            if problem is None:
                event = checked
        elif cls is Bar:
            problem = check_bar(event, self.validator.limit)
        else:
            if cls is Status:
                self.health.on_state(event.state)
            self._sink(event)
            return
        if problem is not None:
            event = self.validator.judge(event)
            if event is None:
                return
        self._sink(event)


class _Historical(_Timed):
    """``emit`` as it was before issue 21 (the validator called through Validator.check, no
    health): what the whole path cost then, printed beside the two for reference."""

    def emit(self, event: Event) -> None:
        if type(event) is not Status:
            event = self._check(event)
            if event is None:
                return
        self._sink(event)


def _sink(_event: Event) -> None:
    return None


def _block_ns(emit, frames: list, feed, stamped: bool, count: int) -> float:
    """One block of frames: each handled as WsSession._read handles one (the arrival stamped on
    the feed, in the same words, then the decoder emitting the frame's events), or, ``stamped``
    off, the events emitted as before. CPU ns per event."""
    rx, stamp = 12_345.678, feed  # rx: the loop time read for the frame anyway
    start = time.process_time_ns()
    if stamped:
        for frame in frames:
            if stamp is not None:
                stamp.arrival = rx
            for event in frame:
                emit(event)
    else:
        for frame in frames:
            for event in frame:
                emit(event)
    return (time.process_time_ns() - start) / count


def compare(events: list, rounds: int, per_frame: int, block: int = BLOCK) -> dict[str, float]:
    """The paths over the same events, cut into blocks of about ``block`` events: every block
    run by each path in turn (which goes first rotates), ``rounds`` times over. The overhead
    is the median of the blocks' paired differences (with health minus without), with its
    quartiles: a burst of the machine's other work spoils a few blocks, not a whole round.
    ``historical_ns`` is the median block of the path as it was before issue 21, for reference.
    ``per_frame``: events to a WebSocket frame (or a poll). ns per event."""
    feeds = {"without": _Before(always_open=True), "with": _Timed(always_open=True),
             "historical": _Historical(always_open=True)}
    frames = [events[i:i + per_frame] for i in range(0, len(events), per_frame)]
    per_block = max(1, block // per_frame)
    blocks = [frames[i:i + per_block] for i in range(0, len(frames), per_block)]
    for feed in feeds.values():
        feed.set_sink(_sink)
    paths = tuple((name, feed.emit, feed, name == "with") for name, feed in feeds.items())
    for _name, emit, feed, stamped in paths:  # warm-up, untimed
        _block_ns(emit, frames, feed, stamped, len(events))
    timed: dict[str, list[float]] = {name: [] for name in feeds}
    gc.collect()
    gc.disable()  # as timeit does: a collection lands in whichever path happens to allocate next
    try:
        _timed_blocks(rounds, blocks, paths, timed)
    finally:
        gc.enable()
    overhead = [w - wo for w, wo in zip(timed["with"], timed["without"])]
    q1, median, q3 = statistics.quantiles(overhead, n=4)
    return {"without_ns": statistics.median(timed["without"]), "with_ns": statistics.median(timed["with"]),
            "overhead_ns": median, "overhead_q1_ns": q1, "overhead_q3_ns": q3,
            "historical_ns": statistics.median(timed["historical"])}


def _timed_blocks(rounds: int, blocks: list, paths: tuple, timed: dict[str, list[float]]) -> None:
    for r in range(rounds):
        for b, frames_of_block in enumerate(blocks):
            count = sum(len(frame) for frame in frames_of_block)
            first = (r + b) % len(paths)
            for name, emit, feed, stamped in paths[first:] + paths[:first]:
                timed[name].append(_block_ns(emit, frames_of_block, feed, stamped, count))


def snapshot_us(symbols: int = 1000, calls: int = 200) -> float:
    """CPU µs of one ``snapshot`` over ``symbols`` watched crypto symbols, two thirds of which
    delivered since the previous one (their gaps learned), noted as Feed.emit notes them (on the
    monotonic clock: the snapshot folds them into epoch ms, a cost it did not have before)."""
    health = FeedHealth("bench", timed=[Trade], clock=lambda: CLOCK_MS)
    health.watch._offset_ms = lambda: CLOCK_MS - 10_000_000.0  # (the arrivals below in epoch ms)
    names = [f"CRYPTO:C{i:04d}USDT" for i in range(symbols)]
    health.subscribed(names, ["trade"], CLOCK_MS)
    spent = 0
    for n in range(calls):
        now = CLOCK_MS + n * 1000
        for i, name in enumerate(names):
            if (i + n) % 3:
                health.watch.fresh[name] = 10_000.0 + n - 0.05
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
        for per_frame, arrival in ((1, "1 a frame"), (5, "5 a frame"), (20, "20 a poll")):
            figures = compare(events, args.rounds, per_frame)
            print(json.dumps({"bench": "health", "events": name, "count": args.events,
                              "arrival": arrival, **{k: round(v, 1) for k, v in figures.items()}}),
                  flush=True)
    print(json.dumps({"bench": "health", "snapshot_us_per_call_1000_symbols": round(snapshot_us(), 1)}))


if __name__ == "__main__":
    main()
