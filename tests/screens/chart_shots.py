"""The chart's screenshots for the README and for a reviewer's eyes, on the simulator with its
real trading sessions (so a one-minute chart has Hong Kong's lunch break in it).

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.screens.chart_shots --out resources [--theme dark]``

Writes, for each theme asked for:

- ``chart-daily-<theme>.png``: the main window, HK:00700 daily bars with MA, BOLL, MACD (the
  Chinese DIF/DEA convention) and RSI;
- ``chart-lunch-<theme>.png``: the chart dock, HK:00700 one-minute bars across the last
  lunch break (11:59 → 13:00 HKT, one dotted separator, no empty stretch);
- ``chart-crosshair-<theme>.png``: the chart dock with the crosshair on a bar: the legend
  above the candles, the price and time labels on the axes;
- ``watchlist-<theme>.png``: the watchlist dock (tabs, bid/ask, market status, sparklines).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.periods import Period  # noqa: E402
from app.feeds.sim import SimFeed  # noqa: E402
from app.services.market_data import MarketDataService  # noqa: E402
from app.storage.settings import ChartSettings, ChartStudy, Settings  # noqa: E402
from app.ui.kit import theme  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from app.ui.watchlist.columns import WatchlistColumn  # noqa: E402
from tests.support.window_parts import window_parts  # noqa: E402
from tests.screens.shots import shoot_each_theme, until  # noqa: E402

SYMBOL = "HK:00700"
STUDIES = [ChartStudy(kind="MA"), ChartStudy(kind="BOLL"), ChartStudy(kind="MACD", chinese=True), ChartStudy(kind="RSI")]
LUNCH_MS = 61 * 60_000  # 11:59 → 13:00: the gap between two one-minute bars across the break


def _until(condition, timeout: float = 20.0):
    return until(condition, "the chart did not load", timeout)


async def _load(window: MainWindow, period: Period) -> None:
    chart = window.chart
    chart.set_symbol(SYMBOL, period)
    await _until(lambda: chart.symbol == SYMBOL and chart.period is period and chart._loaded
                 and len(chart.manager) > 100)
    await asyncio.sleep(0.5)  # a few frames of live data


async def _save(widget, path: Path) -> None:
    await asyncio.sleep(0.1)  # let the loop lay out and paint (never processEvents() in a coroutine)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


async def shoot(out: Path, name: str) -> None:
    palette = theme.theme_named(name)
    theme.apply(QApplication.instance(), palette)
    settings = Settings(watchlist=[SYMBOL, "HK:09988", "SH:600519", "US:AAPL", "CRYPTO:BTCUSDT"],
                        selected=SYMBOL, red_up=True, theme=palette.name,
                        chart=ChartSettings(studies=list(STUDIES)))
    service = MarketDataService(SimFeed())
    window = MainWindow(service, settings, **window_parts(service, settings))
    window.resize(1600, 900)
    await service.start()
    try:
        window.show()
        window.start()
        chart, view = window.chart, window.chart.view

        await _load(window, Period.D1)
        await _save(window, out / f"chart-daily-{name}.png")

        await _load(window, Period.M1)
        ts = view.manager.ts
        gaps = np.flatnonzero(np.diff(ts) == LUNCH_MS)
        if not len(gaps):
            raise RuntimeError("no lunch break in the one-minute history")
        after = int(gaps[-1]) + 1  # the first bar after the break
        view.price.vb.setXRange(after - 70, after + 70, padding=0)
        await _save(window.chart_dock, out / f"chart-lunch-{name}.png")

        i = after + 25
        y = float(view.scale.forward_one(float(view.manager.high[i])))
        scene = view.price.vb.mapViewToScene(QPointF(i, y))
        view._on_mouse_moved(scene)  # as the scene reports a mouse move
        await _save(window.chart_dock, out / f"chart-crosshair-{name}.png")
        view.hide_crosshair()
        chart.release()

        watchlist = window.watchlist  # three lists, the book and status columns, today's line
        watchlist.rename_list(0, "Asia")
        for other in ("US", "Crypto"):
            watchlist.new_list(other)
        watchlist.set_columns([WatchlistColumn.SYMBOL, WatchlistColumn.NAME, WatchlistColumn.LAST, WatchlistColumn.CHANGE, WatchlistColumn.CHANGE_PCT, WatchlistColumn.BID,
                               WatchlistColumn.ASK, WatchlistColumn.VOLUME, WatchlistColumn.STATUS, WatchlistColumn.SPARK])
        watchlist.tabs.setCurrentIndex(0)
        window.watchlist_dock.setFloating(True)  # as a user floats it, wide enough for every column
        window.watchlist_dock.resize(watchlist.content_width() + 8, 420)
        await asyncio.sleep(2)  # the sparklines' intraday history
        await _save(window.watchlist_dock, out / f"watchlist-{name}.png")
    finally:
        window.close()
        await service.aclose()


def main() -> int:
    return shoot_each_theme(__doc__.splitlines()[0], shoot)


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
