"""Health tracking's cost on the hot path counted in machine instructions (valgrind's callgrind),
which this shared VM's noise does not move: bench_health's nanoseconds swing by ±60 ns between
blocks, an instruction count is the same run after run (hash seed fixed).

Run: ``python -m tests.bench.bench_health_instructions [--events 20000] [--passes 3]
[--arrival 1,5,20] [--mix quote+trade,quote+trade+depth+bar]``

Each path (``Feed.emit`` without the health's lines, bench_health's baseline; with health: the
frame's stamp, the symbol's arrival, the count and the latency sample; and the whole path as it
was before issue 21, for reference) runs bench_health's own loop (``_block_ns``) over the same
events in a child process under callgrind, once with one pass and once with ``--passes`` passes
after the same warm-up; the difference, divided by the extra events, is the path's
instructions per event with the interpreter's start-up, the imports and the event building left
out. One JSON object per line: ``{"bench":"health_instructions","events":…,"arrival":…,
"without_ir":…,"with_ir":…,"overhead_ir":…,"overhead_share":…,"historical_ir":…}``. Each child
takes ~20–40 s.
Instructions are not time (a dict store's cache misses cost more than its count says), so the
issue's figure stays bench_health's; this one shows where the time goes and whether a change
cut work, on a machine too noisy to tell 10 ns apart.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import subprocess
import sys

ARRIVALS = {1: "1 a frame", 5: "5 a frame", 20: "20 a poll"}
MIXES = ("quote+trade", "quote+trade+depth+bar")


def child(path: str, passes: int, per_frame: int, mix: str, count: int) -> None:
    """Run one path ``passes`` times over the events after one warm-up pass (callgrind counts)."""
    from tests.bench.bench_alerts import make_events
    from tests.bench.bench_health import _Before, _block_ns, _Historical, _sink, _Timed

    events = make_events(count, mixed=mix == MIXES[1])
    stamped = path == "with"
    feed = {"with": _Timed, "without": _Before, "historical": _Historical}[path](always_open=True)
    feed.set_sink(_sink)
    frames = [events[i:i + per_frame] for i in range(0, len(events), per_frame)]
    gc.disable()  # as bench_health times it
    for _ in range(1 + passes):
        _block_ns(feed.emit, frames, feed, stamped, len(events))


def instructions(args: list[str]) -> int:
    """Instructions callgrind counted for one child run."""
    # the same dict layouts every run; NumPy's BLAS threads idle-spin into the count otherwise
    env = dict(os.environ, PYTHONHASHSEED="0", OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, "-m", "tests.bench.bench_health_instructions", "--child", *args],
                          capture_output=True, text=True, env=env, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode or not found:
        raise SystemExit(f"callgrind did not finish ({done.returncode}): {done.stderr[-400:]}")
    return int(found.group(1))


def per_event(path: str, per_frame: int, mix: str, count: int, passes: int) -> float:
    one = instructions([path, "1", str(per_frame), mix, str(count)])
    more = instructions([path, str(passes), str(per_frame), mix, str(count)])
    return (more - one) / ((passes - 1) * count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--passes", type=int, default=3, help="passes in the longer run (at least 2)")
    parser.add_argument("--arrival", default="1,5,20", help="events to a frame or poll: 1, 5 and/or 20")
    parser.add_argument("--mix", default=",".join(MIXES))
    parser.add_argument("--child", nargs=5, metavar=("PATH", "PASSES", "PER_FRAME", "MIX", "EVENTS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        path, passes, per_frame, mix, count = args.child
        child(path, int(passes), int(per_frame), mix, int(count))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: apt-get install valgrind")
    if args.passes < 2:
        raise SystemExit("--passes must be at least 2")
    for mix in args.mix.split(","):
        for per_frame in (int(n) for n in args.arrival.split(",")):
            without = per_event("without", per_frame, mix, args.events, args.passes)
            with_health = per_event("with", per_frame, mix, args.events, args.passes)
            historical = per_event("historical", per_frame, mix, args.events, args.passes)
            print(json.dumps({"bench": "health_instructions", "events": mix,
                              "arrival": ARRIVALS.get(per_frame, f"{per_frame} a frame"),
                              "without_ir": round(without), "with_ir": round(with_health),
                              "overhead_ir": round(with_health - without),
                              "overhead_share": round((with_health - without) / without, 3),
                              "historical_ir": round(historical)}), flush=True)


if __name__ == "__main__":
    main()
