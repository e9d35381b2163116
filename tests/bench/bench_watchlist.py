"""How much quote traffic the watchlist keeps up with: 500 symbols pushed through the real
service into the real watchlist (tabs, table, cached cells) under qasync.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_watchlist [--seconds 2] [--rates 10000,50000]``

Each line printed is one JSON object ``{"bench":"watchlist", …}``:

- ``metric":"rate"``, one per rate tried: the rate asked for and the rate the pusher reached
  (it runs on the same event loop as the GUI, so a blocked GUI slows it), the p50/p95/max
  ``behind_ms``, and ``sustained`` (reached ≥ 95 % of the rate, p95 behind ≤ 50 ms).
  *Behind* is the age of the oldest quote of a frame's batch when the watchlist takes it,
  plus the table's repaint (measured apart, below): how stale the screen is.
- ``metric":"frame_interval"``: p50/p95 ms between the service's frames at 50,000 msg/s.
- ``metric":"repaint"``: p50/p95 ms of the table's repaint after a batch that changed all 500
  rows (the rows a 1000×900 window shows, each cell formatted once), ours (``QuoteTable``
  paints rows itself) and the baseline (Qt's item delegate asking the model per cell).
- ``metric":"max_sustained"``: the highest rate that was sustained.

The pusher sends quotes round-robin over the symbols, each a random step of the last price,
stamped with the wall clock (ms) when sent.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Iterable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.periods import Period  # noqa: E402
from app.core.types import Channel, Quote  # noqa: E402
from app.feeds.base import Feed  # noqa: E402
from app.services.market_data import MarketDataService  # noqa: E402
from app.storage.watchlists import WatchlistStore  # noqa: E402
from app.ui.kit.tables import data_table  # noqa: E402
from app.ui.kit.theme import RED_UP  # noqa: E402
from app.ui.watchlist.widget import WatchlistModel, WatchlistWidget  # noqa: E402

SYMBOLS = [f"US:S{i:03d}" for i in range(500)]
RATES = (10_000, 25_000, 50_000, 75_000, 100_000, 150_000, 200_000)
BEHIND_LIMIT_MS = 50.0
WIDTH, HEIGHT = 1000, 900


class PushFeed(Feed):
    """A feed whose events the benchmark pushes itself."""

    vendor = "bench"
    lists_cheaply = False

    async def start(self) -> None: ...
    async def aclose(self) -> None: ...
    async def subscribe(self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1) -> None: ...
    async def unsubscribe(self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1) -> None: ...
    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        return []
    async def klines(self, symbol, period, count, end=None):
        return []
    async def categories(self):
        return []
    async def instruments(self, category=None):
        return []


def report(**fields) -> None:
    print(json.dumps({"bench": "watchlist", **fields}), flush=True)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def main(seconds: float, rates: list[int]) -> None:
    feed = PushFeed()
    service = MarketDataService(feed)
    model = WatchlistModel(service, RED_UP)
    widget = WatchlistWidget(model, WatchlistStore(None, lambda v: SYMBOLS, "Bench"))
    widget.resize(WIDTH, HEIGHT)
    widget.show()
    widget.show_lists("bench")
    await service.start()
    await asyncio.sleep(0.2)  # laid out and exposed, as a window on screen
    rng = random.Random(7)
    last = {s: 100.0 + rng.random() * 50 for s in SYMBOLS}

    # the table's repaint after every row changed (cells formatted on this first paint)
    def repaint_times(view) -> list[float]:
        times = []
        for _ in range(30):
            now = int(time.time() * 1000)
            model.on_quotes({s: Quote("bench", s, now, last=last[s] + rng.random(), prev_close=100.0,
                                      volume=1e6) for s in SYMBOLS})
            start = time.perf_counter()
            view.viewport().repaint()
            times.append((time.perf_counter() - start) * 1000)
        return times

    repaints = repaint_times(widget.view)
    repaint_p50 = statistics.median(repaints)
    report(metric="repaint", impl="ours", rows=len(SYMBOLS), p50_ms=round(repaint_p50, 3),
           p95_ms=round(pct(repaints, 0.95), 3))
    # baseline: a plain QTableView on the same model and columns, painted by Qt's own item
    # delegate (which asks the model for seven roles of every cell)
    plain = data_table(None, 24, selectable=True)
    plain.setModel(model)
    plain.setAlternatingRowColors(True)
    for col in range(model.columnCount()):
        plain.setColumnHidden(col, widget.view.isColumnHidden(col))
        plain.setColumnWidth(col, widget.view.columnWidth(col))
    plain.resize(widget.view.size())
    plain.show()
    await asyncio.sleep(0.2)
    baseline = repaint_times(plain)
    plain.close()
    report(metric="repaint", impl="qt-delegate", rows=len(SYMBOLS), p50_ms=round(statistics.median(baseline), 3),
           p95_ms=round(pct(baseline, 0.95), 3))

    behind: list[float] = []
    flushes: list[float] = []

    def on_batch(batch: dict[str, Quote]) -> None:
        now = time.time() * 1000
        behind.append(now - min(q.ts for q in batch.values()) + repaint_p50)

    real_flush = service.flush

    def timed_flush() -> None:
        flushes.append(time.perf_counter())
        real_flush()

    service._frame.timeout.disconnect()
    service._frame.timeout.connect(timed_flush)
    service.sig_quotes.connect(on_batch)

    best = 0
    loop = asyncio.get_running_loop()
    for rate in rates:
        behind.clear()
        flushes.clear()
        sent = 0
        start = loop.time()
        i = 0
        n = len(SYMBOLS)
        while (elapsed := loop.time() - start) < seconds:
            due = int(rate * elapsed) - sent
            now = int(time.time() * 1000)
            emit = feed.emit
            for _ in range(due):
                s = SYMBOLS[i % n]
                i += 1
                price = last[s] = last[s] + (rng.random() - 0.5) * 0.1
                emit(Quote("bench", s, now, last=price, prev_close=100.0, volume=1e6))
            sent += due
            await asyncio.sleep(0.001)
        reached = sent / (loop.time() - start)
        await asyncio.sleep(0.1)  # the last frame
        p95 = pct(behind, 0.95)
        sustained = reached >= 0.95 * rate and p95 <= BEHIND_LIMIT_MS
        report(metric="rate", asked=rate, reached=round(reached), frames=len(behind),
               behind_p50_ms=round(statistics.median(behind), 2) if behind else None,
               behind_p95_ms=round(p95, 2), behind_max_ms=round(max(behind, default=float("nan")), 2),
               sustained=sustained)
        if rate == 50_000 or (rate == rates[-1] and not any(r == 50_000 for r in rates)):
            gaps = [(b - a) * 1000 for a, b in zip(flushes, flushes[1:], strict=False)]
            report(metric="frame_interval", at_rate=rate, p50_ms=round(statistics.median(gaps), 2),
                   p95_ms=round(pct(gaps, 0.95), 2))
        if sustained:
            best = rate
    report(metric="max_sustained", rate=best)
    widget.close()
    await service.aclose()


def run() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--rates", default=",".join(str(r) for r in RATES))
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    qasync.run(main(args.seconds, [int(r) for r in args.rates.split(",")]))
    return 0


if __name__ == "__main__":
    code = run()
    os._exit(code)
