"""What drawings cost a frame: 200 drawings on a 1M-bar chart against none.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_drawings [--bars 1000000] [--drawings 200]``

Two chart panes (1600×900, offscreen) hold the same 1M one-minute bars; one has no drawings, the
other ``--drawings`` of every tool (a ninth each: horizontal lines and rays, trend lines, rays,
vertical lines, rectangles, channels, retracements, notes) spread over the whole history, so that
as on a trader's chart the levels and rays cross the view and the rest mostly lie elsewhere.
A *frame* is a pan of 30 bars, then ``processEvents()`` and a ``grab()`` of the whole pane (tool
bars, axes, legends, every item); the two panes take turns, so the machine's drift hits both.
Each line printed is one JSON object ``{"bench":"drawings","bars":N,"drawings":D,"metric":"frame",
"p50_ms":…,"p95_ms":…}``, then one with ``"metric":"difference"`` (200 minus none, p50 and p95),
``"metric":"paint"``: the drawings item's own paint (p50, p95), which the machine's noise
hardly touches, and ``"metric":"in_view"``: how many drawings the last frame painted.
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
SYMBOL = "BENCH:X"


class _BenchChart(ChartWidget):
    """A chart pane on bars given straight to its view (no feed): its symbol is fixed."""

    symbol = SYMBOL


def make_drawings(book: DrawingBook, ts: np.ndarray, close: np.ndarray, count: int, seed: int = 7) -> None:
    """``count`` drawings, every tool in turn; one in ten near the live end (where the view is),
    the others anywhere in the history."""
    rng = np.random.default_rng(seed)
    tools = list(Tool)
    n = len(ts)
    for k in range(count):
        tool = tools[k % len(tools)]
        start = int(rng.integers(n - 400, n - 300) if k % 10 == 0 else rng.integers(0, n - 400))
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bars", type=int, default=1_000_000)
    parser.add_argument("--drawings", type=int, default=200)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    ts, cols = make_bars(args.bars)
    service = MarketDataService(SimFeed())
    history = KlineHistory(service, None)
    with_book = DrawingBook(None)
    make_drawings(with_book, ts, cols[3], args.drawings)
    charts = {0: chart_on(service, history, DrawingBook(None), ts, cols),
              args.drawings: chart_on(service, history, with_book, ts, cols)}
    app.processEvents()
    item = charts[args.drawings].drawings.item
    paints: list[float] = []
    paint = item.paint

    def timed_paint(*paint_args) -> None:  # the drawings' own share of the frame
        begin = time.perf_counter()
        paint(*paint_args)
        paints.append((time.perf_counter() - begin) * 1000)

    item.paint = timed_paint
    samples: dict[int, list[float]] = {count: [] for count in charts}
    step = [30.0]
    for k in range(FRAMES + 5):
        if k % 20 == 0:
            step[0] = -step[0]  # back and forth around the live end: the same bars for both
        for count, chart in charts.items():
            start = time.perf_counter()
            chart.view.pan(step[0])
            app.processEvents()
            chart.grab()
            if k >= 5:  # the first frames warm the caches
                samples[count].append((time.perf_counter() - start) * 1000)
    p = {count: stats(values) for count, values in samples.items()}
    for count, (p50, p95) in p.items():
        print(json.dumps({"bench": "drawings", "bars": args.bars, "drawings": count, "metric": "frame",
                          "p50_ms": round(p50, 3), "p95_ms": round(p95, 3)}), flush=True)
    (a50, a95), (b50, b95) = p[0], p[args.drawings]
    print(json.dumps({"bench": "drawings", "bars": args.bars, "drawings": args.drawings, "metric": "difference",
                      "p50_ms": round(b50 - a50, 3), "p95_ms": round(b95 - a95, 3)}), flush=True)
    p50, p95 = stats(paints[10:])
    print(json.dumps({"bench": "drawings", "bars": args.bars, "drawings": args.drawings, "metric": "paint",
                      "p50_ms": round(p50, 3), "p95_ms": round(p95, 3)}), flush=True)
    shown = len(item.in_view(item.sceneTransform()))
    print(json.dumps({"bench": "drawings", "bars": args.bars, "drawings": args.drawings, "metric": "in_view",
                      "count": shown}), flush=True)
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
