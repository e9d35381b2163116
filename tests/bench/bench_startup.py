"""Start-up time as a user waits for it: ``quote-terminal --screenshot x.png --after 0`` from the
process's start to its exit (imports, the holiday table, the simulator, the first painted frame),
interleaved with the floor app (tests/bench/floor_app.py: PySide6 + pyqtgraph + three tables, the
same --screenshot/--after 0 shape) and, optionally, a baseline checkout, so all see the same machine.

    python -m tests.bench.bench_startup [--baseline /path/to/old/checkout] [--runs 7]

Cases: this checkout with a cached holiday table (a usual start, ``ours``), the floor app
(``floor``), this checkout on a fresh home (a first start: the shipped table, nothing built,
``ours_first_start``) and the baseline. One JSON line per case: median, min, max of the wall
clock to the exit in seconds (``median_s``, the issue's measure), the median CPU seconds (user +
system, steadier on a shared machine) and the median seconds to the screenshot's file written
(``median_shot_s``: the first frame painted and saved, without the exit); then the ratios of
the medians to the floor (issue 24's target: ``ours`` ≤ 1.3× the floor) and to the baseline,
with the medians of the per-round ratios beside them (``paired_ratio``, ``paired_shot_ratio``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]
FLOOR = "floor"


def one_start(checkout: Path, home: Path, shot: Path, module: str = "app") -> tuple[float, float, float]:
    """Seconds from spawning ``python -m module --screenshot shot --after 0`` to its exit; the
    CPU seconds it used (user + system: steadier than the wall clock on a shared machine); and
    seconds from the spawn to the screenshot's file written (the first frame painted, grabbed
    and saved: what the user waits for, without the exit)."""
    env = dict(os.environ, PYTHONPATH=str(checkout), QUOTE_TERMINAL_HOME=str(home),
               QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program starts from its .pyc files
    shot.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    spawned = time.time()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", module, "--screenshot", str(shot), "--after", "0"],
                          cwd=checkout, env=env, capture_output=True, timeout=120)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{module} in {checkout} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    return (elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            shot.stat().st_mtime - spawned)


def paired(values: list[float], reference: list[float]) -> float:
    """The median of the per-round ratios: the two starts of a round ran back to back, on the
    same machine state (a steadier estimate than the ratio of the medians when the machine's
    speed drifts during the run)."""
    return round(statistics.median(v / r for v, r in zip(values, reference, strict=True)), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, help="an older checkout to compare with")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shot = root / "shot.png"
        # name -> (checkout, home (None: a fresh one per run), module)
        cases: dict[str, tuple[Path, Path | None, str]] = {
            "ours": (HERE, root / "head", "app"),
            FLOOR: (HERE, root / "floor", "tests.bench.floor_app"),
        }
        if args.baseline:
            cases["baseline"] = (args.baseline.resolve(), root / "base", "app")
        cases["ours_first_start"] = (HERE, None, "app")
        for checkout, home, module in cases.values():  # warm-up: disk caches, .pyc, the kline cache
            one_start(checkout, home or root / "warm", shot, module)
        cached = subprocess.run(  # a usual start finds the table built by an earlier session
            [sys.executable, "-c", "from app.storage.calendars import load_calendar_table as l; l()"],
            cwd=HERE, env=dict(os.environ, PYTHONPATH=str(HERE), QUOTE_TERMINAL_HOME=str(root / "head")),
            capture_output=True)
        if cached.returncode != 0:
            print("could not build the holiday table: 'ours' starts like a first start", file=sys.stderr)
        times: dict[str, list[float]] = {name: [] for name in cases}
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        frame: dict[str, list[float]] = {name: [] for name in cases}
        names = list(cases)
        for i in range(args.runs):  # interleaved: a busy moment costs every case alike
            for name in names[i % len(names):] + names[:i % len(names)]:  # each case first in turn
                checkout, home, module = cases[name]
                wall, used, shown = one_start(checkout, home or root / f"fresh{i}", shot, module)
                times[name].append(wall)
                cpu[name].append(used)
                frame[name].append(shown)
        medians = {name: statistics.median(values) for name, values in times.items()}
        cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
        frame_medians = {name: statistics.median(values) for name, values in frame.items()}
        for name, values in times.items():
            print(json.dumps({"bench": "startup", "impl": name, "runs": len(values),
                              "median_s": round(medians[name], 3), "min_s": round(min(values), 3),
                              "max_s": round(max(values), 3), "median_cpu_s": round(cpu_medians[name], 3),
                              "median_shot_s": round(frame_medians[name], 3)}))
        for reference in (FLOOR, "baseline"):
            if reference not in medians:
                continue
            for name, median in medians.items():
                if name != reference:
                    print(json.dumps({"bench": "startup", "impl": name, "metric": f"ratio_to_{reference}",
                                      "ratio": round(median / medians[reference], 2),
                                      "cpu_ratio": round(cpu_medians[name] / cpu_medians[reference], 2),
                                      "shot_ratio": round(frame_medians[name] / frame_medians[reference], 2),
                                      "paired_ratio": paired(times[name], times[reference]),
                                      "paired_shot_ratio": paired(frame[name], frame[reference])}))


if __name__ == "__main__":
    main()
