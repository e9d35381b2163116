"""The drawings' picture for the README: a chart with a trend line, a parallel channel, a
Fibonacci retracement and a horizontal line, on the simulator's daily bars.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.screens.draw_shots --out resources [--theme dark] [--lang en]``

Writes ``drawings-<theme>[-<lang>].png`` (the chart dock, floated at 1400×800), the lines placed
through the chart's own book as a user's clicks place them (anchored at bars' times and prices).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.drawings import Anchor, Drawing, Tool  # noqa: E402
from app.core.periods import Period  # noqa: E402
from app.feeds.sim import SimFeed  # noqa: E402
from app.services.market_data import MarketDataService  # noqa: E402
from app.storage.settings import ChartSettings, ChartStudy, Settings  # noqa: E402
from app.ui.kit import i18n, theme  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from tests.screens.chart_shots import _save, _until  # noqa: E402
from tests.support.window_parts import window_parts  # noqa: E402

SYMBOL = "HK:00700"
SPAN = 150  # bars in view


def drawings_for(chart) -> list[tuple[Tool, list[tuple[int, float]], int]]:
    """(tool, anchors as (bar index, price), colour) picked from the bars: a trend line under two
    lows, a channel over the last leg, a retracement of the biggest swing, the highest high."""
    m = chart.manager
    n = len(m)
    low, high = m.low, m.high
    first = n - SPAN + 5

    def lowest(a: int, b: int) -> int:
        return a + int(np.argmin(low[a:b]))

    def highest(a: int, b: int) -> int:
        return a + int(np.argmax(high[a:b]))

    top = highest(first, n - 5)
    bottom = lowest(first, top) if top - first > 10 else lowest(top, n - 5)
    swing = sorted((bottom, top))
    l1, l2 = lowest(first, first + 40), lowest(first + 45, first + 90)
    c1, c2 = lowest(n - 55, n - 30), lowest(n - 30, n - 3)
    c3 = highest(c1, c2 + 1)
    return [
        (Tool.TREND, [(l1, float(low[l1])), (l2, float(low[l2]))], 0),
        (Tool.CHANNEL, [(c1, float(low[c1])), (c2, float(low[c2])), (c3, float(high[c3]))], 2),
        (Tool.FIB, [(swing[0], float(low[swing[0]] if swing[0] == bottom else high[swing[0]])),
                    (swing[1], float(high[swing[1]] if swing[1] == top else low[swing[1]]))], 1),
        (Tool.HLINE, [(top, float(high[top]))], 3),
    ]


async def shoot(out: Path, name: str, lang: str) -> None:
    palette = theme.theme_named(name)
    theme.apply(QApplication.instance(), palette)
    settings = Settings(watchlist=[SYMBOL], selected=SYMBOL, red_up=True, theme=palette.name,
                        chart=ChartSettings(studies=[ChartStudy(kind="VOL")]))
    service = MarketDataService(SimFeed())
    window = MainWindow(service, settings, **window_parts(service, settings))
    window.resize(1600, 900)
    await service.start()
    try:
        window.show()
        window.start()
        chart = window.chart
        chart.set_symbol(SYMBOL, Period.D1)
        await _until(lambda: chart.symbol == SYMBOL and chart._loaded and len(chart.manager) > 200)
        n = len(chart.manager)
        chart.view.price.vb.setXRange(n - SPAN, n + 4, padding=0)
        book = window.drawings
        for tool, points, colour in drawings_for(chart):
            anchors = tuple(Anchor(int(chart.manager.ts[i]), round(p, 2)) for i, p in points)
            book.add(SYMBOL, Drawing(book.new_id(), tool, anchors, colour=colour,
                                     width=2.0 if tool is Tool.TREND else 1.0))
        window.chart_dock.setFloating(True)
        window.chart_dock.resize(1400, 800)
        await asyncio.sleep(0.3)
        suffix = "" if lang == "en" else f"-{lang}"
        await _save(window.chart_dock, out / f"drawings-{name}{suffix}.png")
    finally:
        window.close()
        await service.aclose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("."))
    parser.add_argument("--theme", choices=sorted(theme.THEMES), action="append")
    parser.add_argument("--lang", choices=["en", "zh_CN"], default="en")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    i18n.install(app, args.lang)

    async def run() -> None:
        for name in args.theme or ["dark"]:
            await shoot(args.out, name, args.lang)

    qasync.run(run())
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
