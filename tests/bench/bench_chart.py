"""The chart as a user waits for it, at 10k, 100k and 1M one-minute bars: the app's real path
against the axes-only floor (and finplot's build, for loading).

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_chart [--bars 10000,100000,1000000]
[--impl ours,floor[,finplot]] [--rounds R] [--clock wall|cpu]``

Each line printed is one JSON object
``{"bench":"chart","impl":…,"bars":N,"metric":…,"p50_ms":…,"p95_ms":…}``, then one ratio line per
metric ``{"bench":"chart","ratio":"ours/floor","bars":N,"metric":…,"p50":…}`` (and
``ours/finplot`` for ``load``). A *frame* is ``processEvents()`` plus a grab of the 1600×900
drawing surface (every pane, axis, legend and item painted, as a user's repaint), plus one more
``processEvents()`` so that whatever the paint left queued is paid by the impl that queued it.

Impls:

- ``ours``: the :class:`ChartWidget` as the window builds it (studies MA + VOL + MACD on), on a
  :class:`MarketDataService` and :class:`KlineHistory`. History is what the kline cache
  (``KlineStore`` on a SQLite file) returns; live bars and quotes go through the service's sink
  and its frame flush (``sig_bars``/``sig_quotes``), as the feed delivers them.
- ``floor``: axes only, the same panes (a pyqtgraph layout of three x-linked plots with the same
  axes and a title row each, no data item), put at the same x and y ranges as ``ours`` and
  marked for repaint before each frame (a tick repaints every pane of a chart: each holds an
  item that moved), so both impls paint the same number of times.
- ``finplot`` (``load`` only; needs ``finplot`` importable, e.g. ``pip install finplot``):
  ``create_plot(rows=3)``, candles, volume, the four MAs and MACD from the same bars as columns
  (the DataFrame made untimed), shown and grabbed once.

Metrics: ``load`` (from the cache's answer to the first painted frame), ``pan`` (30 bars),
``zoom_out`` (×1.25 from 120 bars wide), ``tick_frame`` (one live update of the last bar, with its
quote, and the frame), ``append_frame`` (a new bar and the frame), ``prepend_page`` (1000 older
bars from the cache, as scrolling back asks for them, and the frame). The impls take turns sample
by sample (the machine is noisy: a slow second hits both).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pyqtgraph as pg  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.bar_columns import front_room, live_room  # noqa: E402
from app.core.periods import Period  # noqa: E402
from app.core.types import Bar, Quote  # noqa: E402
from app.storage.klines import KlineStore  # noqa: E402
from app.storage.settings import ChartSettings, ChartStudy  # noqa: E402

WIDTH, HEIGHT = 1600, 900
MINUTE = 60_000
SYMBOL = "CRYPTO:BTCUSDT"  # the simulator's: trades around the clock, as 1m bars do here
VENDOR = "sim"
PAGE = 1000  # an older page, as the chart asks for it (app.ui.chart.loading.OLDER_PAGE)
COUNTS = {"pan": 30, "zoom_out": 24, "tick_frame": 60, "append_frame": 30}
PREPENDS = 7
PANES = 3  # price, VOL, MACD


# -- measuring ----------------------------------------------------------------------------------

class Samples:
    """Milliseconds per (impl, metric), on the wall clock or on the main thread's CPU clock (a
    machine shared with other work: time spent waiting for a core is not counted)."""

    def __init__(self, clock=time.perf_counter) -> None:
        self.ms: dict[tuple[str, str], list[float]] = {}
        self.clock = clock
        self.clock_note = {} if clock is time.perf_counter else {"clock": "cpu"}

    def time(self, impl: str, metric: str, fn) -> None:
        start = self.clock()
        fn()
        self.ms.setdefault((impl, metric), []).append((self.clock() - start) * 1000)

    def report(self, n: int) -> None:
        p50s: dict[tuple[str, str], float] = {}
        for (impl, metric), samples in self.ms.items():
            ordered = sorted(samples)
            p50 = statistics.median(ordered)
            p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
            p50s[(impl, metric)] = p50
            print(json.dumps({"bench": "chart", "impl": impl, "bars": n, "metric": metric,
                              "p50_ms": round(p50, 3), "p95_ms": round(p95, 3), **self.clock_note}), flush=True)
        for (impl, metric), p50 in p50s.items():
            if impl != "ours":
                continue
            for other in ("floor", "finplot"):
                base = p50s.get((other, metric))
                if base:
                    print(json.dumps({"bench": "chart", "ratio": f"ours/{other}", "bars": n, "metric": metric,
                                      "p50": round(p50 / base, 2)}), flush=True)


def frame(app: QApplication, surface) -> None:
    """What a user's repaint costs: the events queued (signals, layout, updates), every pane
    painted, then what that paint left queued (a second paint it asked for): counted in this
    impl's frame, not in the next sample's, which may be the other impl's."""
    app.processEvents()
    surface.grab()
    app.processEvents()


# -- the bars, in the kline cache ----------------------------------------------------------------

def make_columns(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """``n`` one-minute bars of a random walk, the newest one minute ago, as columns: the times
    (epoch ms) and a (5, n) array of open, high, low, close and volume."""
    rng = np.random.default_rng(seed)
    close = 95_000.0 * np.exp(np.cumsum(rng.normal(0, 0.0008, n)))
    open_ = np.r_[close[0], close[:-1]]
    wick = close * 0.0004 * rng.random(n)
    high = np.maximum(open_, close) + wick
    low = np.minimum(open_, close) - wick
    volume = np.round(rng.random(n) * 50, 5)
    end = (int(time.time() * 1000) // MINUTE - 1) * MINUTE
    ts = end - (n - 1 - np.arange(n, dtype=np.int64)) * MINUTE
    return ts, np.stack([open_, high, low, close, volume])


def make_bars(n: int, seed: int = 1) -> list[Bar]:
    """:func:`make_columns` as the cache's bars."""
    ts, cols = make_columns(n, seed)
    return [Bar(VENDOR, SYMBOL, "1m", int(t), float(o), float(h), float(lo), float(c), float(v))
            for t, o, h, lo, c, v in zip(ts, *cols, strict=True)]


def fill_cache(folder: Path, n: int) -> KlineStore:
    """A kline cache holding ``n`` bars and ``PREPENDS`` older pages before them."""
    store = KlineStore(folder / f"klines-{n}.sqlite")
    bars = make_bars(n + PREPENDS * PAGE)
    for k in range(0, len(bars), 200_000):
        store.upsert(bars[k:k + 200_000])
    return store


# -- ours: the chart pane on the service ---------------------------------------------------------

class Ours:
    """The ChartWidget, its service and history, fed as the window feeds it."""

    def __init__(self, app: QApplication, answer) -> None:
        from app.feeds.sim import SimFeed
        from app.services.history import KlineHistory
        from app.services.market_data import MarketDataService
        from app.ui.chart.widget import ChartWidget
        from app.ui.kit.theme import RED_UP

        self.app = app
        self.service = MarketDataService(SimFeed(always_open=True))  # never started: only our events
        self.history = KlineHistory(self.service, None)
        settings = ChartSettings(studies=[ChartStudy(kind="MA"), ChartStudy(kind="VOL"), ChartStudy(kind="MACD")])
        self.chart = ChartWidget(self.service, RED_UP, self.history, settings)
        self.chart.resize(WIDTH, HEIGHT)
        self.chart.show()
        self.prepare()
        self.load(answer[-2000:])  # a first page, untimed: the surface shows and is sized
        view = self.chart.view  # the drawing surface at 1600×900, the tool bars around it
        for _ in range(5):
            self.chart.resize(self.chart.width() + WIDTH - view.width(), self.chart.height() + HEIGHT - view.height())
            app.processEvents()
        if (view.width(), view.height()) != (WIDTH, HEIGHT):
            raise SystemExit(f"bench_chart: the chart's surface is {view.width()}×{view.height()}, "
                             f"not {WIDTH}×{HEIGHT}")
        self.rng = np.random.default_rng(7)

    @property
    def view(self):
        return self.chart.view

    def prepare(self) -> None:
        """The symbol chosen, its page asked for (the answers from the simulator dropped: the
        cache's answer is the one timed)."""
        self.chart.set_symbol(SYMBOL, Period.M1)
        self.chart._cancel_loads()
        self.service._frame.stop()
        gc.collect()

    def load(self, answer) -> None:
        self.chart._on_cached(answer)
        frame(self.app, self.view)

    def ranges(self) -> list[tuple[tuple[float, float], tuple[float, float]]]:
        return [tuple(tuple(map(float, r)) for r in pane.vb.viewRange()) for pane in self.view.panes]

    def pan(self, bars: float) -> None:
        self.view.pan(bars)
        frame(self.app, self.view)

    def zoom_out(self) -> None:
        self.view.zoom(1.25)
        frame(self.app, self.view)

    def _deliver(self, bar: Bar) -> None:
        """The feed's events into the service's sink, then its frame's flush (sig_quotes, sig_bars)."""
        sink = self.service._on_event
        sink(bar)
        sink(Quote(VENDOR, SYMBOL, bar.ts + 30_000, last=bar.close, prev_close=self.prev_close, open=bar.open,
                   high=bar.high, low=bar.low, volume=bar.volume))
        self.service._frame.stop()
        self.service.flush()

    def tick_bar(self) -> Bar:
        ts, o, h, lo, c, v = self.view.manager.bar(len(self.view.manager) - 1)
        price = round(c * (1 + self.rng.normal(0, 0.0004)), 2)
        return Bar(VENDOR, SYMBOL, "1m", ts, o, max(h, price), min(lo, price), price, round(v + 0.01, 5))

    def new_bar(self) -> Bar:
        ts, _o, _h, _lo, c, _v = self.view.manager.bar(len(self.view.manager) - 1)
        return Bar(VENDOR, SYMBOL, "1m", ts + MINUTE, c, c, c, c, 0.01)

    def live(self, bar: Bar) -> None:
        self._deliver(bar)
        frame(self.app, self.view)

    def prepend(self, page) -> None:
        self.chart._on_older(page)
        frame(self.app, self.view)

    prev_close = None

    def close(self) -> None:
        self.chart.release()
        self.chart.close()
        self.chart.deleteLater()
        self.app.processEvents()


# -- the floor: axes only, the same panes --------------------------------------------------------

class Floor:
    """Three x-linked plots with the chart's axes (right price axis, the time axis at the
    bottom), no data item: what any pyqtgraph chart of these panes costs at the least."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.widget = pg.GraphicsLayoutWidget()
        self.widget.resize(WIDTH, HEIGHT)
        self.plots = []
        for row in range(PANES):
            plot = self.widget.addPlot(row=row, col=0)
            plot.hideButtons()
            plot.setMenuEnabled(False)
            plot.showAxis("right")
            plot.hideAxis("left")
            plot.getAxis("right").setWidth(78)
            plot.setTitle(" ")  # the legend row each pane has
            if row < PANES - 1:
                plot.hideAxis("bottom")
            if self.plots:
                plot.setXLink(self.plots[0])
            self.widget.ci.layout.setRowStretchFactor(row, 5 if row == 0 else 2)
            self.plots.append(plot)
        self.widget.show()
        app.processEvents()
        if (self.widget.width(), self.widget.height()) != (WIDTH, HEIGHT):
            raise SystemExit("bench_chart: the floor is not 1600×900")

    def show(self, ranges) -> None:
        """``ours``' ranges, pane by pane, the panes repainted (as a chart's are when a bar
        changes: every pane holds an item that moved) and the frame."""
        for plot, (xr, yr) in zip(self.plots, ranges, strict=False):
            plot.vb.setRange(xRange=xr, yRange=yr, padding=0)
        self.widget.viewport().update()
        frame(self.app, self.widget)

    def close(self) -> None:
        self.widget.close()
        self.widget.deleteLater()
        self.app.processEvents()


# -- finplot's build, for loading ----------------------------------------------------------------

def finplot_load(app: QApplication, df) -> None:
    """finplot's candles, volume, four MAs and MACD from a DataFrame, shown and painted once."""
    import finplot as fplt

    ax0, ax1, ax2 = fplt.create_plot("bench", rows=3, init_zoom_periods=120, maximize=False)
    fplt.candlestick_ochl(df[["time", "open", "close", "high", "low"]], ax=ax0)
    for k in (5, 10, 20, 60):
        fplt.plot(df["time"], df["close"].rolling(k).mean(), ax=ax0)
    fplt.volume_ocv(df[["time", "open", "close", "volume"]], ax=ax1)
    for k in (5, 10):
        fplt.plot(df["time"], df["volume"].rolling(k).mean(), ax=ax1)
    fast = df["close"].ewm(span=12, adjust=False).mean()
    slow = df["close"].ewm(span=26, adjust=False).mean()
    macd = fast - slow
    signal = macd.ewm(span=9, adjust=False).mean()
    fplt.volume_ocv(df[["time", "open", "close"]].assign(v=macd - signal), ax=ax2, colorfunc=fplt.strength_colorfilter)
    fplt.plot(df["time"], macd, ax=ax2)
    fplt.plot(df["time"], signal, ax=ax2)
    win = fplt.windows[-1]
    win.resize(WIDTH, HEIGHT)
    fplt.show(qt_exec=False)
    frame(app, win)


def finplot_done(app: QApplication) -> None:
    import finplot as fplt

    for win in list(fplt.windows):
        win.close()
        win.deleteLater()
    fplt.windows.clear()
    fplt.overlay_axs.clear()
    fplt.master_data.clear()
    app.processEvents()
    gc.collect()


def frame_of(answer):
    """The cache's answer as finplot's DataFrame (made untimed: finplot is given columns)."""
    import pandas as pd

    return pd.DataFrame({"time": np.array([b.ts for b in answer], dtype=np.int64),
                         "open": [b.open for b in answer], "close": [b.close for b in answer],
                         "high": [b.high for b in answer], "low": [b.low for b in answer],
                         "volume": [b.volume or 0.0 for b in answer]})


# -- one history length --------------------------------------------------------------------------

def bench(app: QApplication, n: int, impls: list[str], rounds: int, folder: Path, clock) -> None:
    store = fill_cache(folder, n)
    answer = store.latest(VENDOR, SYMBOL, "1m", n)  # what the cache returns: the chart's input
    samples = Samples(clock)
    ours, floor = Ours(app, answer), Floor(app)
    ours.prev_close = answer[-1440].close if len(answer) > 1440 else answer[0].close
    df = frame_of(answer) if "finplot" in impls else None
    for _ in range(rounds):  # load: the impls take turns
        ours.prepare()
        # the app's path: the cache's read as columns (on the cache's thread, before the load:
        # untimed, as finplot's DataFrame is), whose buffers the chart takes as its own
        columns = store.latest_columns(VENDOR, SYMBOL, "1m", n, room=live_room(n), front=front_room(n))
        samples.time("ours", "load", lambda: ours.load(columns))
        del columns
        floor.plots[0].vb.setRange(xRange=(0, 1), yRange=(0, 1))
        target = ours.ranges()
        samples.time("floor", "load", lambda: floor.show(target))
        if df is not None:
            samples.time("finplot", "load", lambda: finplot_load(app, df))
            finplot_done(app)
    df = None  # (memory back before the frames)

    def turn(metric: str, change) -> None:
        samples.time("ours", metric, change)
        target = ours.ranges()
        samples.time("floor", metric, lambda: floor.show(target))

    view = ours.view
    view.reset_view()
    frame(app, view)
    step = [-30.0]
    for _ in range(COUNTS["pan"]):
        x0, _x1 = view.x_range()
        if x0 < n - 1000:  # back and forth near the end: never reaching the first bar (older pages)
            step[0] = 30.0
        elif view.following:
            step[0] = -30.0
        turn("pan", lambda: ours.pan(step[0]))
    for k in range(COUNTS["zoom_out"]):
        if k % 8 == 0:
            view.reset_view()  # 120 bars wide again
            frame(app, view)
        turn("zoom_out", ours.zoom_out)
    view.reset_view()
    frame(app, view)
    for _ in range(COUNTS["tick_frame"]):
        bar = ours.tick_bar()
        turn("tick_frame", lambda: ours.live(bar))
    for _ in range(COUNTS["append_frame"]):
        bar = ours.new_bar()
        turn("append_frame", lambda: ours.live(bar))
    for _ in range(PREPENDS):
        page = store.latest(VENDOR, SYMBOL, "1m", PAGE, before=int(view.manager.ts[0]))
        turn("prepend_page", lambda: ours.prepend(page))
    samples.report(n)
    ours.close()
    floor.close()
    store.close()
    gc.collect()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bars", default="10000,100000,1000000",
                        help="comma-separated history lengths (default: 10000,100000,1000000)")
    parser.add_argument("--impl", default="ours,floor",
                        help="ours,floor (always both: the ratios need them) and optionally finplot (load)")
    parser.add_argument("--rounds", type=int, default=7, help="loads per impl (default 7)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall (default) or cpu: the main thread's CPU time, for a machine busy with other work")
    args = parser.parse_args(argv)
    try:
        sizes = [int(v) for v in args.bars.split(",") if v.strip()]
    except ValueError:
        print("bench_chart: --bars takes whole numbers separated by commas", file=sys.stderr)
        return 2
    impls = [v.strip() for v in args.impl.split(",") if v.strip()]
    unknown = set(impls) - {"ours", "floor", "finplot"}
    if unknown:
        print(f"bench_chart: unknown impl {', '.join(sorted(unknown))} (ours, floor, finplot)", file=sys.stderr)
        return 2
    if "finplot" in impls:
        if importlib.util.find_spec("finplot") is None:
            print("bench_chart: finplot is not installed (pip install finplot)", file=sys.stderr)
            return 2
    logging.getLogger("app.services.market_data").setLevel(logging.CRITICAL)  # the feed is never started
    app = QApplication.instance() or QApplication([])
    from tests.support.qt_loop import running_qasync_loop

    with tempfile.TemporaryDirectory(prefix="bench-chart-") as folder, running_qasync_loop(app):
        for n in sizes:
            bench(app, n, impls, max(1, args.rounds), Path(folder),
                  time.thread_time if args.clock == "cpu" else time.perf_counter)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip Qt's teardown of half-closed views at interpreter exit
