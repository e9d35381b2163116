"""Timing shared by the benchmarks: medians over rounds, after an untimed warm-up."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence


def median_rate(run: Callable[[Sequence[bytes]], None], frames: Sequence[bytes],
                rounds: int = 7) -> float:
    """Frames per second, the median of ``rounds`` timed runs (the machine is noisy)."""
    run(frames)  # warm-up round, untimed (caches, CPU clock)
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        run(frames)
        rates.append(len(frames) / (time.perf_counter() - start))
    return statistics.median(rates)
