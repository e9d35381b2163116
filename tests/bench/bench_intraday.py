"""The intraday view's cost: one frame (a synchronous repaint of the whole view) and one live
minute (the day's series placed again, then the frame), for one day and five days of Hong Kong
minutes (330 a day), at 1400×800 offscreen.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_intraday``

Each line printed is one JSON object
``{"bench":"intraday","days":N,"metric":…,"p50_ms":…,"p95_ms":…}``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from datetime import date

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.intraday import day_grid, last_days, place  # noqa: E402
from app.core.sessions import calendar_for  # noqa: E402
from app.core.symbols import Market  # noqa: E402
from app.core.types import Bar  # noqa: E402
from app.ui.chart.intraday.view import IntradayView  # noqa: E402
from app.ui.kit.theme import RED_UP  # noqa: E402

FRAMES = 40


def _bars(grids, seed: int = 3) -> list[list[Bar]]:
    rng = np.random.default_rng(seed)
    out, price = [], 400.0
    for grid in grids:
        day = []
        for ts in grid.slots.tolist():
            price *= float(np.exp(rng.normal(0, 0.0008)))
            day.append(Bar("bench", "HK:00700", "1m", ts, price, price * 1.0005, price * 0.9995, price,
                           float(rng.integers(100, 50_000))))
        out.append(day)
    return out


def _p(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _report(days: int, metric: str, samples: list[float]) -> None:
    p50, p95 = _p(samples)
    print(json.dumps({"bench": "intraday", "days": days, "metric": metric, "p50_ms": round(p50, 3),
                      "p95_ms": round(p95, 3)}), flush=True)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    calendar = calendar_for(Market.HK)
    for count in (1, 5):
        grids = [day_grid(calendar, d) for d in last_days(calendar, date(2025, 3, 11), count)]
        bars = _bars(grids)
        series = [place(g, b) for g, b in zip(grids, bars, strict=True)]
        view = IntradayView(RED_UP)
        view.resize(1400, 800)
        view.show()
        view.set_days(series, bars[0][0].open)
        view.hover, view.hover_y = len(grids[0]) // 2, 300.0
        app.processEvents()
        frames = []
        for _ in range(FRAMES):
            start = time.perf_counter()
            view.repaint()
            frames.append((time.perf_counter() - start) * 1000)
        _report(count, "frame", frames)
        minutes = []
        for _ in range(FRAMES):
            start = time.perf_counter()
            series[-1] = place(grids[-1], bars[-1])  # a live minute: today placed again
            view.set_days(series, view.centre)
            view.repaint()
            minutes.append((time.perf_counter() - start) * 1000)
        _report(count, "live_minute", minutes)
        view.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
