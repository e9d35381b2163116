"""Start-up time as a user waits for it: ``quote-terminal --screenshot x.png --after 0`` from the
process's start to its exit (imports, the holiday table, the simulator, the first painted frame),
interleaved with a baseline checkout so both see the same machine.

    python -m tests.bench.bench_startup --baseline /path/to/old/checkout --runs 15

Three cases: the baseline, this checkout with a cached holiday table (a usual start), and this
checkout on a fresh home (a first start: the shipped table, nothing built). Medians in seconds and
their ratios to the baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]


def one_start(checkout: Path, home: Path, shot: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(checkout), QUOTE_TERMINAL_HOME=str(home),
               QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program starts from its .pyc files
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app", "--screenshot", str(shot), "--after", "0"],
                   cwd=checkout, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, help="an older checkout to compare with")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shot = root / "shot.png"
        cases: dict[str, tuple[Path, Path | None]] = {"head (cached table)": (HERE, root / "head")}
        if args.baseline:
            cases["baseline"] = (args.baseline.resolve(), root / "base")
        cases["head (first start)"] = (HERE, None)
        for checkout, home in cases.values():  # warm-up: disk caches, the kline cache
            if home is not None:
                one_start(checkout, home, shot)
        cached = subprocess.run(  # a usual start finds the table built by an earlier session
            [sys.executable, "-c", "from app.storage.calendars import load_calendar_table as l; l()"],
            cwd=HERE, env=dict(os.environ, PYTHONPATH=str(HERE), QUOTE_TERMINAL_HOME=str(root / "head")),
            capture_output=True)
        if cached.returncode != 0:
            print("could not build the holiday table: 'head (cached table)' starts like a first start")
        times: dict[str, list[float]] = {name: [] for name in cases}
        for i in range(args.runs):
            for name, (checkout, home) in cases.items():
                times[name].append(one_start(checkout, home or root / f"fresh{i}", shot))
        base = statistics.median(times["baseline"]) if args.baseline else None
        for name, values in times.items():
            median = statistics.median(values)
            ratio = f"  ×{median / base:.2f} of the baseline" if base else ""
            print(f"{name:20} median {median:.3f} s  (min {min(values):.3f}, max {max(values):.3f}, "
                  f"n={len(values)}){ratio}")


if __name__ == "__main__":
    main()
