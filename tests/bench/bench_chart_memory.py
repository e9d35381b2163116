"""Memory of the main window with a million-bar chart (MA + VOL) and a 500-symbol watchlist.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_chart_memory [--bars 1000000] [--path columns|bars]``

The window is the real one on the simulator (1600×900, the default studies MA and VOL), its
watchlist 500 symbols (the simulator's, then made-up ones: rows all the same). The bars come
through the kline cache's read path: ``--path columns`` (``KlineStore.latest_columns``, what
the chart asks for) or ``--path bars`` (``latest``: a ``list[Bar]``, the path before columns).
A child process writes the cache file first, so its own memory is not counted.

Prints one JSON object: ``{"bench":"chart_memory","path":…,"bars":N,"before_load_mb":…,
"peak_mb":…,"steady_mb":…}``: RSS before the bars come, the peak RSS of the process
(``resource.getrusage``: everything, start-up included) and the RSS after the chart has shown
the bars, been painted and the event loop run on for a second.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SYMBOLS = 500
VENDOR, SYMBOL, PERIOD = "bench", "X", "1m"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cache_path(n: int) -> Path:
    return Path(tempfile.gettempdir()) / f"chartdata-bench-{n}.db"


def prepare(n: int) -> None:
    """Write ``n`` minutes of bars (ending an hour ago) into the cache file, once."""
    from tests.bench.bench_chart import MINUTE, make_columns
    from tests.bench.bench_chart_data import make_cache
    ts, cols = make_columns(n)
    make_cache(n, ts - MINUTE * n, cols)


def measure(n: int, path: str) -> dict:
    import qasync
    from PySide6.QtWidgets import QApplication

    from app.feeds.sim import SimFeed
    from app.services.market_data import MarketDataService
    from app.storage.klines import KlineStore
    from app.storage.settings import Settings
    from app.storage.watchlists import WatchlistStore
    from tests.support.window_parts import window_parts

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    service = MarketDataService(SimFeed(always_open=True, step_ms=200))
    settings = Settings()

    async def run() -> dict:
        from app.ui.shell.main_window import MainWindow
        known = [i.symbol for i in await service.feed.instruments()]
        symbols = (known + [f"US:S{i:03d}" for i in range(SYMBOLS)])[:SYMBOLS]
        watchlists = WatchlistStore(None, lambda _vendor: list(symbols), "Watchlist")
        window = MainWindow(service, settings, **window_parts(service, settings, watchlists=watchlists))
        window.resize(1600, 900)
        await service.start()
        window.show()
        window.start()
        await asyncio.sleep(1.0)
        gc.collect()
        before = rss_mb()
        store = KlineStore(cache_path(n))
        chart = window.chart
        chart._loads.renew()  # the simulator's own page must not replace the million bars
        if path == "bars":
            bars = store.latest(VENDOR, SYMBOL, PERIOD, n)
        elif hasattr(store, "latest_columns"):  # as KlineHistory.cached(columns=True) reads them
            from app.core.bar_columns import front_room, live_room
            bars = store.latest_columns(VENDOR, SYMBOL, PERIOD, n, room=live_room(n), front=front_room(n))
        else:  # (the code before columns: rows into arrays here, shown with set_arrays)
            bars = _rows_to_arrays(store, n)
        store.close()
        if isinstance(bars, tuple):
            chart.view.set_arrays(*bars)
        else:
            chart.view.show_first(bars)
        del bars
        chart.view.viewport().repaint()
        await asyncio.sleep(1.0)
        gc.collect()
        await asyncio.sleep(0.2)
        shown = len(chart.manager)
        result = {"bench": "chart_memory", "path": path, "bars": shown, "before_load_mb": round(before, 1),
                  "peak_mb": round(peak_mb(), 1), "steady_mb": round(rss_mb(), 1),
                  "watchlist_rows": len(watchlists.symbols(service.vendor)),
                  "symbol": chart.symbol, "decimals": chart.view.decimals,
                  "lines": {name: str(study.values(name).dtype) for study, _ in chart.view.overlays
                            for name in study.series}}
        await service.aclose()
        return result

    with loop:
        return loop.run_until_complete(run())


def _rows_to_arrays(store, n: int):
    import numpy as np
    rows = store._db.execute("SELECT ts, open, high, low, close, volume FROM klines WHERE vendor=? AND symbol=? "
                             "AND period=? ORDER BY ts DESC LIMIT ?", (VENDOR, SYMBOL, PERIOD, n)).fetchall()
    flat = np.array(rows[::-1], dtype=np.float64)
    del rows
    return flat[:, 0].astype(np.int64), np.ascontiguousarray(flat[:, 1:].T)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bars", type=int, default=1_000_000)
    parser.add_argument("--path", choices=("columns", "bars"), default="columns")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.child:
        subprocess.run([sys.executable, "-c", f"from tests.bench.bench_chart_memory import prepare; prepare({args.bars})"],
                       check=True)
        done = subprocess.run([sys.executable, "-m", "tests.bench.bench_chart_memory", "--bars", str(args.bars),
                               "--path", args.path, "--child"], check=False, capture_output=True, text=True)
        sys.stdout.write(done.stdout)
        if done.returncode:
            sys.stderr.write(done.stderr[-4000:])
        return done.returncode
    print(json.dumps(measure(args.bars, args.path)), flush=True)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)
