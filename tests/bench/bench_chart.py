"""Chart speed at 10k, 100k and 1M bars, ours against pyqtgraph's classic candlestick item.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_chart [--bars 10000,100000,1000000]``

Each line printed is one JSON object
``{"bench":"chart","impl":…,"bars":N,"metric":…,"p50_ms":…,"p95_ms":…}``. The window is
1600×900 offscreen. A *frame* is the range change plus one synchronous repaint of the whole
view (``viewport().repaint()``: axes, legends, every item), which is what a user waits for.

- ``load``: bars (NumPy columns) into the chart, ready to draw (ours: columns + level-of-detail
  pyramid + the default MA and VOL studies; baseline: its QPicture of every bar).
- ``first_frame``: the first paint after loading.
- ``pan``, ``zoom_in``, ``zoom_out``: one frame each, 120 → ~1600 bars wide around the end
  and, for ``pan_all``, the whole history in view.
- ``tick``: the live bar's update without a redraw (ours: columns + dirty marks; baseline:
  the QPicture regenerated, as that item must).
- ``append``: a new bar, without a redraw.

Baseline: the ``CandlestickItem`` of pyqtgraph's examples (one QPicture holding every bar,
built once and replayed on every paint), up to 100k bars: beyond that it takes minutes.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from zoneinfo import ZoneInfo

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QEvent, QPointF, QRectF  # noqa: E402
from PySide6.QtGui import QPainter, QPicture  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.periods import Period  # noqa: E402
from app.core.types import Bar  # noqa: E402
from app.ui.chart.studies import StudyKind, StudySpec  # noqa: E402
from app.ui.chart.view import ChartView  # noqa: E402
from app.ui.kit.theme import RED_UP  # noqa: E402

WIDTH, HEIGHT = 1600, 900
LOAD_RUNS = 7  # the first load in a process touches fresh memory: p95 shows that one
FRAMES = 30
TICKS = 2000
BASELINE_MAX = 100_000
MINUTE = 60_000


def make_bars(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    close = 100.0 * np.exp(np.cumsum(rng.normal(0, 0.002, n)))
    open_ = np.r_[close[0], close[:-1]]
    wick = close * 0.001 * rng.random(n)
    high = np.maximum(open_, close) + wick
    low = np.minimum(open_, close) - wick
    volume = rng.random(n) * 1000
    ts = 1_600_000_000_000 + np.arange(n, dtype=np.int64) * MINUTE
    return ts, np.vstack((open_, high, low, close, volume))


def stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def report(impl: str, bars: int, metric: str, samples_ms: list[float]) -> None:
    p50, p95 = stats(samples_ms)
    print(json.dumps({"bench": "chart", "impl": impl, "bars": bars, "metric": metric,
                      "p50_ms": round(p50, 4), "p95_ms": round(p95, 4)}), flush=True)


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


# -- ours ---------------------------------------------------------------------------------------

def bench_ours(app: QApplication, n: int) -> None:
    ts, cols = make_bars(n)
    loads = []
    view = None
    for _ in range(LOAD_RUNS):
        if view is not None:
            _dispose(app, view)
        view = ChartView(RED_UP)
        view.resize(WIDTH, HEIGHT)
        view.show()
        view.configure(Period.M1, ZoneInfo("Asia/Shanghai"), 2)
        for spec in (StudySpec(StudyKind.MA), StudySpec(StudyKind.VOL)):
            view.add_study(spec)
        app.processEvents()
        start = time.perf_counter()
        view.set_arrays(ts, cols)
        for study, _items in view.overlays:
            study.refresh()
        for pane in view.panes[1:]:
            pane.study.refresh()
        loads.append((time.perf_counter() - start) * 1000)
        first = timed(view.viewport().repaint, 1)
    report("ours", n, "load", loads)
    report("ours", n, "first_frame", first)
    frames(app, view, "ours", n)
    _dispose(app, view)


def _dispose(app: QApplication, view: ChartView) -> None:
    """Free a view before the next run: processEvents() alone leaves deferred deletes pending,
    so every run would load into fresh memory with the last run's arrays still held."""
    view.close()
    view.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()


def frames(app: QApplication, view: ChartView, impl: str, n: int) -> None:
    def frame(change):
        def run():
            change()
            view.viewport().repaint()
        return run

    view.reset_view()
    app.processEvents()
    step = [30.0]

    def pan():
        view.pan(-step[0])
        step[0] = -step[0] if abs(view.x_range()[0]) < 200 else step[0]

    report(impl, n, "pan", timed(frame(pan), FRAMES))
    view.price.vb.setXRange(n - 1600, n, padding=0)
    app.processEvents()
    zoom = [0.8]

    def zoom_in():
        view.zoom(zoom[0])

    report(impl, n, "zoom_in", timed(frame(zoom_in), FRAMES // 3) + _reset(view, n, zoom_in, FRAMES // 3))
    view.price.vb.setXRange(n - 120, n, padding=0)
    app.processEvents()

    def zoom_out():
        view.zoom(1.25)

    report(impl, n, "zoom_out", timed(frame(zoom_out), FRAMES // 3) + _reset(view, n, zoom_out, FRAMES // 3, 120))
    view.price.vb.setXRange(-1, n + 1, padding=0)
    app.processEvents()
    sign = [1.0]

    def pan_all():
        view.pan(sign[0] * n * 0.01)
        sign[0] = -sign[0]

    report(impl, n, "pan_all", timed(frame(pan_all), FRAMES))
    view.reset_view()
    last = view.manager.bar(len(view.manager) - 1)
    bars = [Bar("bench", "X", "1m", last[0], last[1], last[2] + i * 1e-4, last[3], last[4] + i * 1e-5, last[5] + i)
            for i in range(TICKS)]
    it = iter(bars)
    report(impl, n, "tick", timed(lambda: view.manager.update(next(it)), TICKS))
    new = [Bar("bench", "X", "1m", last[0] + (i + 1) * MINUTE, last[4], last[4], last[4], last[4], 1.0)
           for i in range(TICKS)]
    it2 = iter(new)
    report(impl, n, "append", timed(lambda: view.manager.update(next(it2)), TICKS))
    # after the ticks, the next frame brings the pyramid and studies up to date: one frame
    report(impl, n, "frame_after_ticks", timed(view.viewport().repaint, 1))


def _reset(view: ChartView, n: int, change, count: int, width: int = 1600) -> list[float]:
    view.price.vb.setXRange(n - width, n, padding=0)

    def run():
        change()
        view.viewport().repaint()

    return timed(run, count)


# -- the baseline: pyqtgraph's example item -----------------------------------------------------

class ClassicCandlestickItem(pg.GraphicsObject):
    """pyqtgraph's examples/customGraphicsItem.py: every bar drawn once into a QPicture."""

    def __init__(self, data):
        super().__init__()
        self.data = data  # [(t, open, close, min, max)]
        self.generatePicture()

    def generatePicture(self):
        self.picture = QPicture()
        p = QPainter(self.picture)
        p.setPen(pg.mkPen("w"))
        w = (self.data[1][0] - self.data[0][0]) / 3.0
        for (t, open_, close, low, high) in self.data:
            p.drawLine(QPointF(t, low), QPointF(t, high))
            p.setBrush(pg.mkBrush("r" if open_ > close else "g"))
            p.drawRect(QRectF(t - w, open_, w * 2, close - open_))
        p.end()

    def paint(self, p, *args):
        p.drawPicture(0, 0, self.picture)

    def boundingRect(self):
        return QRectF(self.picture.boundingRect())


def bench_baseline(app: QApplication, n: int) -> None:
    _ts, cols = make_bars(n)
    data = [(float(i), cols[0, i], cols[3, i], cols[2, i], cols[1, i]) for i in range(n)]
    start = time.perf_counter()
    widget = pg.PlotWidget()
    widget.resize(WIDTH, HEIGHT)
    item = ClassicCandlestickItem(data)
    widget.addItem(item)
    widget.show()
    load = (time.perf_counter() - start) * 1000
    app.processEvents()
    report("pyqtgraph-qpicture", n, "load", [load])
    report("pyqtgraph-qpicture", n, "first_frame", timed(widget.viewport().repaint, 1))
    vb = widget.getViewBox()
    lows, highs = cols[2], cols[1]

    def show(x0, x1):
        a, b = max(0, int(x0)), min(n, int(x1) + 1)
        vb.setRange(xRange=(x0, x1), yRange=(float(lows[a:b].min()), float(highs[a:b].max())), padding=0)

    def frame(change):
        def run():
            change()
            widget.viewport().repaint()
        return run

    rng = [n - 120.0, n + 3.0]
    show(*rng)

    def pan():
        rng[0] -= 30
        rng[1] -= 30
        show(*rng)

    report("pyqtgraph-qpicture", n, "pan", timed(frame(pan), FRAMES))
    rng[:] = [n - 1600.0, n]

    def zoom_in():
        rng[0] = rng[1] - (rng[1] - rng[0]) * 0.8
        show(*rng)

    report("pyqtgraph-qpicture", n, "zoom_in", timed(frame(zoom_in), FRAMES // 3))
    rng[:] = [n - 120.0, n]

    def zoom_out():
        rng[0] = rng[1] - (rng[1] - rng[0]) * 1.25
        show(*rng)

    report("pyqtgraph-qpicture", n, "zoom_out", timed(frame(zoom_out), FRAMES // 3))
    rng[:] = [-1.0, n + 1.0]
    report("pyqtgraph-qpicture", n, "pan_all", timed(frame(lambda: show(*rng)), max(3, FRAMES // 10)))

    def tick():
        t, o, c, lo, h = data[-1]
        data[-1] = (t, o, c + 1e-5, lo, h)
        item.generatePicture()

    report("pyqtgraph-qpicture", n, "tick", timed(tick, 3))

    def append():
        t, o, c, lo, h = data[-1]
        data.append((t + 1, c, c, c, c))
        item.generatePicture()

    report("pyqtgraph-qpicture", n, "append", timed(append, 3))
    widget.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bars", default="10000,100000,1000000",
                        help="comma-separated history lengths (default: 10000,100000,1000000)")
    parser.add_argument("--no-baseline", action="store_true", help="skip pyqtgraph's QPicture item")
    args = parser.parse_args(argv)
    try:
        sizes = [int(v) for v in args.bars.split(",") if v.strip()]
    except ValueError:
        print("bench_chart: --bars takes whole numbers separated by commas", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication([])
    for n in sizes:
        bench_ours(app, n)
        if not args.no_baseline and n <= BASELINE_MAX:
            bench_baseline(app, n)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip Qt's teardown of half-closed views at interpreter exit
