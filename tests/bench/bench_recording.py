"""Recordings at scale (issue 22): bytes per event, the writer's hot-path cost, read speed and
seek time on a generated 10-million-event, six-hour recording.

Run: ``python -m tests.bench.bench_recording [--events 10000000] [--rounds 7] [--read-rounds 3] [--keep FILE] [--flush-ms 1000]``

The events are :mod:`tests.bench.recording_mix` (20 symbols across markets: 40 % trades, 25 %
quotes, 25 % books of 5+5 levels, 10 % 1-minute bars, ~463 a second), written one by one with
their recorded times by :class:`RecordingWriter` (one block a recorded second, as live). One JSON
object per line:

- ``build``: the file, its size and ``bytes_per_event`` (headers, index and all), the time it took
  (the generator's Python included) and the encoder's own cost per event (the encoder the writer
  uses, off the hot path, the median of encoding 200 one-second blocks, CPU time).
- ``write``: the hot path, ``write(event, at_ms)`` (and ``write(event)``, which reads the clock)
  against a loop calling an empty sink the same way, CPU ns per event, the median of the rounds'
  paired differences (the writer's blocks are not due during a round: only the hot path is timed).
- ``read``: every event of the file decoded into canonical events (``timed_blocks``), events per
  second of wall time and per CPU second (one core), and the index's opening time: the median of
  ``--read-rounds`` whole readings (each round's figures listed too: the machine's speed drifts).
- ``seek``: 20 random moments: ``seek_index(ms)`` and the event there decoded (no block cached),
  median and worst ms.
The machine is shared (the load average is printed): CPU time is the fairer figure per core.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import zstandard

from app.storage.recording import RecordingReader, RecordingWriter
from app.storage.recording.writer import encode_block  # the one the writer uses (its format's)
from tests.bench.recording_mix import generate


def out(line: dict) -> None:
    print(json.dumps(line), flush=True)


def build(path: Path, count: int, flush_ms: int = 1000) -> dict:
    wall, cpu = time.perf_counter(), time.process_time()
    with RecordingWriter(path, flush_ms=flush_ms) as writer:
        write = writer.write
        for t, event in generate(count):
            write(event, t)
    size = path.stat().st_size
    return {"bench": "recording", "step": "build", "events": count, "flush_ms": flush_ms, "bytes": size,
            "bytes_per_event": round(size / count, 2), "seconds": round(time.perf_counter() - wall, 1),
            "cpu_seconds": round(time.process_time() - cpu, 1)}


def encode_cost(blocks: int = 200) -> float:
    """CPU µs per event to encode and compress one-second blocks (the writer's flush)."""
    timed = list(generate(blocks * 463, seed=5))
    compress = zstandard.ZstdCompressor(level=3).compress
    costs = []
    for i in range(blocks):
        chunk = timed[i * 463:(i + 1) * 463]
        events, times = [e for _t, e in chunk], np.array([t for t, _e in chunk], np.int64)
        start = time.process_time_ns()
        compress(encode_block(events, times))
        costs.append((time.process_time_ns() - start) / len(chunk))
    return statistics.median(costs) / 1000


def hot_path(rounds: int, n: int = 200_000) -> dict:
    timed = list(generate(n, seed=9))
    events, times = [e for _t, e in timed], [t for t, _e in timed]
    path = Path(tempfile.mkdtemp()) / "hot.qtrec"
    writer = RecordingWriter(path, flush_ms=10**12)  # no block falls due: the hot path alone

    def empty(event, at_ms=None):
        return None

    def loop(write, with_time: bool) -> int:
        start = time.process_time_ns()
        if with_time:
            for event, t in zip(events, times):
                write(event, t)
        else:
            for event in events:
                write(event)
        spent = time.process_time_ns() - start
        writer._events.clear()
        writer._times.clear()
        return spent

    result = {"bench": "recording", "step": "write", "events": n, "rounds": rounds}
    for label, with_time in (("at_ms", True), ("clock", False)):
        loop(writer.write, with_time)  # warm-up
        diffs, bare = [], []
        for _ in range(rounds):
            sink = loop(empty, with_time)
            wrote = loop(writer.write, with_time)
            diffs.append((wrote - sink) / n)
            bare.append(wrote / n)
        result[f"{label}_ns"] = round(statistics.median(diffs), 1)
        result[f"{label}_with_loop_ns"] = round(statistics.median(bare), 1)
    writer.close()
    return result


def read(path: Path, rounds: int = 3) -> dict:
    per_wall, per_cpu, opens = [], [], []
    for _ in range(rounds):
        wall = time.perf_counter()
        reader = RecordingReader(path)
        opens.append(time.perf_counter() - wall)
        wall, cpu = time.perf_counter(), time.process_time()
        n = 0
        for _times, events in reader.timed_blocks():
            n += len(events)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        per_wall.append(n / wall)
        per_cpu.append(n / cpu)
    return {"bench": "recording", "step": "read", "events": n, "version": reader.version,
            "open_ms": round(statistics.median(opens) * 1000, 1), "events_per_s": round(statistics.median(per_wall)),
            "events_per_cpu_s": round(statistics.median(per_cpu)), "rounds_per_cpu_s": [round(x) for x in per_cpu],
            "span_hours": round((reader.end_ms - reader.start_ms) / 3_600_000, 2), "blocks": reader.blocks}


def seek(path: Path, tries: int = 20) -> dict:
    reader = RecordingReader(path)
    rng = random.Random(22)
    costs = []
    for _ in range(tries):
        ms = rng.randint(reader.start_ms, reader.end_ms)
        reader._cache = None  # each seek decodes its block
        start = time.perf_counter()
        ordinal = reader.seek_index(ms)
        t, _event = reader.event_at(ordinal)
        costs.append((time.perf_counter() - start) * 1000)
        assert t >= ms
    return {"bench": "recording", "step": "seek", "tries": tries, "median_ms": round(statistics.median(costs), 2),
            "worst_ms": round(max(costs), 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--read-rounds", type=int, default=3, help="whole readings of the file (their median)")
    parser.add_argument("--keep", type=Path, help="write the recording here (default: a temp file, removed)")
    parser.add_argument("--flush-ms", type=int, default=1000,
                        help="the writer's block span (default 1000: a kill loses at most a second)")
    args = parser.parse_args()
    path = args.keep or Path(tempfile.mkdtemp()) / "bench.qtrec"
    out({"bench": "recording", "step": "machine", "cpus": os.cpu_count(),
         "load": [round(x, 2) for x in os.getloadavg()]})
    try:
        line = build(path, args.events, args.flush_ms)
        line["encode_cpu_us_per_event"] = round(encode_cost(), 2)
        out(line)
        out(hot_path(args.rounds))
        out(read(path, args.read_rounds))
        out(seek(path))
    finally:
        if args.keep is None:
            path.unlink(missing_ok=True)
    out({"bench": "recording", "step": "machine", "load": [round(x, 2) for x in os.getloadavg()]})


if __name__ == "__main__":
    main()
