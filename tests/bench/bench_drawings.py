"""What drawings cost a frame: 200 drawings on a 1M-bar chart against none.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_drawings [--bars 1000000] [--drawings 200]``

Two chart panes (1600×900, offscreen) hold the same 1M one-minute bars; one has no drawings, the
other ``--drawings`` of every tool (a ninth each: horizontal lines and rays, trend lines, rays,
vertical lines, rectangles, channels, retracements, notes). Two scenarios: ``spread``, the
drawings anywhere in the history (the levels and rays at their prices may cross the view, the
rest mostly lie elsewhere), and ``crowded``, one in ten of them where the view is (about twenty
in view, boxes, channels and retracements filling much of the pane).
A *frame* is a pan of 30 bars, then ``processEvents()`` and a ``grab()`` of the whole pane (tool
bars, axes, legends, every item); the two panes take turns, so the machine's drift hits both.
Each line printed is one JSON object ``{"bench":"drawings","scenario":S,"bars":N,"metric":"frame",
"drawings":D,"p50_ms":…,"p95_ms":…}``, then one with ``"metric":"difference"`` (200 minus none),
``"metric":"paint"``: the drawings item's own paint (p50, p95), which the machine's noise
hardly touches (a frame paints twice: the screen, then the grab), and ``"metric":"in_view"``:
how many drawings the frames painted (median, most).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from zoneinfo import ZoneInfo

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.drawings import ANCHORS, Anchor, Drawing, Tool  # noqa: E402
from app.core.periods import Period  # noqa: E402
from app.feeds.sim import SimFeed  # noqa: E402
from app.services.history import KlineHistory  # noqa: E402
from app.services.market_data import MarketDataService  # noqa: E402
from app.ui.chart.drawings.book import DrawingBook  # noqa: E402
from app.ui.chart.widget import ChartWidget  # noqa: E402
from app.ui.kit.theme import RED_UP  # noqa: E402
from tests.bench.bench_chart import make_bars, stats  # noqa: E402

WIDTH, HEIGHT = 1600, 900
FRAMES = 60
SYMBOL = "CRYPTO:BTCUSDT"  # (a real market: the chart names its zone)


class _BenchChart(ChartWidget):
    """A chart pane on bars given straight to its view (no feed): its symbol is fixed."""

    symbol = SYMBOL


def make_drawings(book: DrawingBook, ts: np.ndarray, close: np.ndarray, count: int, crowded: bool,
                  seed: int = 7) -> None:
    """``count`` drawings, every tool in turn, anywhere in the history; ``crowded``: one in ten
    near the live end, where the view is (about twenty in view, boxes and bands filling it)."""
    rng = np.random.default_rng(seed)
    tools = list(Tool)
    n = len(ts)
    for k in range(count):
        tool = tools[k % len(tools)]
        start = int(rng.integers(n - 400, n - 300) if crowded and k % 10 == 0 else rng.integers(0, n - 400))
        spans = np.sort(rng.integers(5, 300, size=ANCHORS[tool] - 1))
        points = [start, *(start + int(s) for s in spans)]
        anchors = tuple(Anchor(int(ts[i]), float(close[i]) * (1 + rng.normal(0, 0.002))) for i in points)
        book.store.put(SYMBOL, Drawing(book.new_id(), tool, anchors, colour=k % 6, text="note" if tool is Tool.TEXT else ""))


def chart_on(service: MarketDataService, history: KlineHistory, book: DrawingBook, ts, cols) -> ChartWidget:
    chart = _BenchChart(service, RED_UP, history, drawings=book)
    chart.resize(WIDTH, HEIGHT)
    chart.show()
    chart.view.configure(Period.M1, ZoneInfo("Asia/Shanghai"), 2)
    chart.view.set_arrays(ts, cols)
    chart._refresh_empty()
    return chart


def run(app: QApplication, bars: int, count: int, crowded: bool) -> None:
    ts, cols = make_bars(bars)
    service = MarketDataService(SimFeed())
    history = KlineHistory(service, None)
    with_book = DrawingBook(None)
    make_drawings(with_book, ts, cols[3], count, crowded)
    charts = {0: chart_on(service, history, DrawingBook(None), ts, cols),
              count: chart_on(service, history, with_book, ts, cols)}
    app.processEvents()
    item = charts[count].drawings.item
    paints: list[float] = []
    paint = item.paint

    def timed_paint(*paint_args) -> None:  # the drawings' own share of the frame
        begin = time.perf_counter()
        paint(*paint_args)
        paints.append((time.perf_counter() - begin) * 1000)

    item.paint = timed_paint
    samples: dict[int, list[float]] = {n: [] for n in charts}
    shown: list[int] = []
    step = [30.0]
    for k in range(FRAMES + 5):
        if k % 20 == 0:
            step[0] = -step[0]  # back and forth around the live end: the same bars for both
        for n, chart in charts.items():
            start = time.perf_counter()
            chart.view.pan(step[0])
            app.processEvents()
            chart.grab()
            if k >= 5:  # the first frames warm the caches
                samples[n].append((time.perf_counter() - start) * 1000)
        shown.append(len(item.in_view(item.sceneTransform())))
    scenario = "crowded" if crowded else "spread"

    def line(metric: str, **values) -> None:
        print(json.dumps({"bench": "drawings", "scenario": scenario, "bars": bars, "metric": metric, **values}),
              flush=True)

    p = {n: stats(values) for n, values in samples.items()}
    for n, (p50, p95) in p.items():
        line("frame", drawings=n, p50_ms=round(p50, 3), p95_ms=round(p95, 3))
    (a50, a95), (b50, b95) = p[0], p[count]
    line("difference", drawings=count, p50_ms=round(b50 - a50, 3), p95_ms=round(b95 - a95, 3))
    p50, p95 = stats(paints[10:])
    line("paint", drawings=count, p50_ms=round(p50, 3), p95_ms=round(p95, 3))
    line("in_view", drawings=count, p50=int(np.median(shown)), max=max(shown))
    for chart in charts.values():
        chart.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bars", type=int, default=1_000_000)
    parser.add_argument("--drawings", type=int, default=200)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    for crowded in (False, True):
        run(app, args.bars, args.drawings, crowded)
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
