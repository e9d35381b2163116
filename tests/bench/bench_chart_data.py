"""The chart's data path at 100k and 1M bars: an older page, and a load through the real path.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_chart_data [--bars 100000,1000000]``

Each line printed is one JSON object ``{"bench":"chart_data","impl":…,"bars":N,"metric":…,
"p50_ms":…,"p95_ms":…}``; the view is 1600×900 offscreen with MA + VOL + MACD on.

- ``prepend_page`` (impl ``ours``): 1000 older bars (a ``list[Bar]``, as ``history.older``
  hands them) into the view, then one painted frame (``viewport().repaint()``): what a user
  waits for when scrolling back. ``prepend_data`` is the same without the frame's paint, the
  studies and the pyramid brought up to date by hand.
- ``load_bars`` (impl ``ours``): from what the cache's ``latest`` returns (a ``list[Bar]``, the
  path before columns) into ``show_first``, studies and pyramid computed, first frame painted.
- ``load_cached`` (impl ``ours``): from what ``KlineHistory.cached(columns=True)`` returns (the
  cache's ``latest_columns`` with room for live bars, taken by the chart without a copy) into
  ``show_first``, studies, pyramid, first frame: the app's real path.
- ``load_columns`` (impl ``ours``): NumPy columns into ``set_arrays`` (copied), studies, first frame.
- ``read_bars`` / ``read_columns`` (impl ``sqlite``): the cache's query itself, ``latest`` and
  ``latest_columns``, of the same bars (run in the cache's thread in the app, before ``load``).
- ``load`` (impl ``finplot``): finplot's candles + volume + one moving average from a
  DataFrame, to its first painted frame (when finplot is installed).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.periods import Period  # noqa: E402
from app.core.types import Bar  # noqa: E402
from app.ui.chart.studies import StudyKind, StudySpec  # noqa: E402
from app.ui.chart.view import ChartView  # noqa: E402
from app.ui.kit.theme import RED_UP  # noqa: E402
from tests.bench.bench_chart import MINUTE, make_columns  # noqa: E402

WIDTH, HEIGHT = 1600, 900
PAGE = 1000
PAGES = 15
LOADS = 5
STUDIES = (StudyKind.MA, StudyKind.VOL, StudyKind.MACD)


def report(impl: str, bars: int, metric: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    print(json.dumps({"bench": "chart_data", "impl": impl, "bars": bars, "metric": metric,
                      "p50_ms": round(statistics.median(ordered), 3), "p95_ms": round(p95, 3)}), flush=True)


def new_view(app: QApplication) -> ChartView:
    view = ChartView(RED_UP)
    view.resize(WIDTH, HEIGHT)
    view.show()
    view.configure(Period.M1, ZoneInfo("Asia/Shanghai"), 2)
    for kind in STUDIES:
        view.add_study(StudySpec(kind))
    app.processEvents()
    return view


def dispose(app: QApplication, view: ChartView) -> None:
    view.close()
    view.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()


def refresh_all(view: ChartView) -> None:
    for study, _items in view.overlays:
        study.refresh()
    for pane in view.panes[1:]:
        pane.study.refresh()


def to_bars(ts: np.ndarray, cols: np.ndarray) -> list[Bar]:
    rows = zip(ts.tolist(), *cols.tolist(), strict=True)
    return [Bar("bench", "X", "1m", *row) for row in rows]


def bench_prepend(app: QApplication, n: int) -> None:
    total = n + PAGE * (2 * PAGES + 1)
    ts, cols = make_columns(total, seed=3)
    view = new_view(app)
    cut = total - n
    view.set_arrays(ts[cut:], cols[:, cut:])
    refresh_all(view)
    view.viewport().repaint()
    pages = [to_bars(ts[cut - (k + 1) * PAGE:cut - k * PAGE], cols[:, cut - (k + 1) * PAGE:cut - k * PAGE])
             for k in range(2 * PAGES)]
    with_frame, data_only = [], []
    for k, page in enumerate(pages):
        start = time.perf_counter()
        view.prepend_bars(page)
        if k % 2:
            refresh_all(view)
            view.lod.build(5)
            data_only.append((time.perf_counter() - start) * 1000)
        else:
            view.viewport().repaint()
            with_frame.append((time.perf_counter() - start) * 1000)
    report("ours", n, "prepend_page", with_frame)
    report("ours", n, "prepend_data", data_only)
    dispose(app, view)


def _timed_load(app: QApplication, load) -> float:
    view = new_view(app)
    gc.collect()
    start = time.perf_counter()
    load(view)
    refresh_all(view)
    view.viewport().repaint()
    took = (time.perf_counter() - start) * 1000
    dispose(app, view)
    return took


def make_cache(n: int, ts: np.ndarray, cols: np.ndarray) -> Path:
    from app.storage.klines import KlineStore
    path = Path(tempfile.gettempdir()) / f"chartdata-bench-{n}.db"
    if path.exists():
        store = KlineStore(path)
        ok = store.count("bench", "X", "1m") == n
        store.close()
        if ok:
            return path
        path.unlink()
    store = KlineStore(path)
    store.upsert(to_bars(ts, cols))
    store.close()
    return path


def bench_load(app: QApplication, n: int) -> None:
    from app.storage.klines import KlineStore
    ts, cols = make_columns(n)
    ts = ts - MINUTE * n  # in the past: the cache refuses bars from the future
    bars = to_bars(ts, cols)
    path = make_cache(n, ts, cols)
    store = KlineStore(path)
    report("ours", n, "load_columns", [_timed_load(app, lambda v: v.set_arrays(ts, cols)) for _ in range(LOADS)])
    report("ours", n, "load_bars", [_timed_load(app, lambda v, bars=bars: v.show_first(bars)) for _ in range(LOADS)])
    bars = None  # (its million objects freed before the next loads)
    if hasattr(store, "latest_columns"):
        from app.core.bar_columns import live_room
        samples, reads = [], []
        for _ in range(LOADS):
            start = time.perf_counter()
            read = store.latest_columns("bench", "X", "1m", n, room=live_room(n))
            reads.append((time.perf_counter() - start) * 1000)
            samples.append(_timed_load(app, lambda v, read=read: v.show_first(read)))
            del read
        report("ours", n, "load_cached", samples)
        report("sqlite", n, "read_columns", reads)
    reads = []
    for _ in range(2):
        start = time.perf_counter()
        store.latest("bench", "X", "1m", n)
        reads.append((time.perf_counter() - start) * 1000)
    report("sqlite", n, "read_bars", reads)
    store.close()
    bench_finplot(app, n, ts, cols)


def bench_finplot(app: QApplication, n: int, ts: np.ndarray, cols: np.ndarray) -> None:
    try:
        import finplot as fplt
        import pandas as pd
    except ImportError:
        print("bench_chart_data: finplot not installed, no finplot line", file=sys.stderr)
        return
    df = pd.DataFrame({"time": ts, "open": cols[0], "close": cols[3], "high": cols[1], "low": cols[2],
                       "volume": cols[4]})
    samples = []
    for _ in range(LOADS):
        gc.collect()
        start = time.perf_counter()
        ax, ax2 = fplt.create_plot("bench", rows=2, init_zoom_periods=120)
        fplt.candlestick_ochl(df[["time", "open", "close", "high", "low"]], ax=ax)
        fplt.plot(df["time"], df["close"].rolling(20).mean(), ax=ax)
        fplt.volume_ocv(df[["time", "open", "close", "volume"]], ax=ax2)
        fplt.show(qt_exec=False)
        win = fplt.windows[-1]
        win.resize(WIDTH, HEIGHT)
        app.processEvents()
        win.repaint()
        samples.append((time.perf_counter() - start) * 1000)
        win.close()
        fplt.windows.clear()
        fplt.timers.clear() if hasattr(fplt, "timers") else None
        win.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    report("finplot", n, "load", samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bars", default="100000,1000000")
    parser.add_argument("--only", default="prepend,load")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    only = args.only.split(",")
    for n in (int(v) for v in args.bars.split(",")):
        if "prepend" in only:
            bench_prepend(app, n)
        if "load" in only:
            bench_load(app, n)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)
