"""The README's picture of comparisons and the volume studies: HK:00700 one-minute bars with
two compared symbols (HK:09988 and SH:600519, in percent from the first bar in view), the VWAP
and the volume profile of the visible range, on the simulator.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.screens.compare_shots --out resources
[--theme dark|light] [--language en|zh_CN]``

Writes ``chart-compare-<theme>[-zh_CN].png`` (the chart dock, about 1400×800; the README's is
dark and English).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.periods import Period  # noqa: E402
from app.feeds.sim import SimFeed  # noqa: E402
from app.services.market_data import MarketDataService  # noqa: E402
from app.storage.settings import ChartSettings, ChartStudy, Settings  # noqa: E402
from app.ui.kit import i18n, theme  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from tests.screens.chart_shots import _save, _until  # noqa: E402
from tests.support.window_parts import window_parts  # noqa: E402

SYMBOL = "HK:00700"
COMPARED = ("HK:09988", "SH:600519")
STUDIES = [ChartStudy(kind="MA"), ChartStudy(kind="VWAP"), ChartStudy(kind="VPVR"), ChartStudy(kind="VOL")]


async def shoot(out: Path, name: str, language: str) -> Path:
    palette = theme.theme_named(name)
    theme.apply(QApplication.instance(), palette)
    settings = Settings(watchlist=[SYMBOL, *COMPARED], selected=SYMBOL, red_up=True, theme=palette.name,
                        chart=ChartSettings(studies=list(STUDIES)))
    service = MarketDataService(SimFeed())
    window = MainWindow(service, settings, **window_parts(service, settings))
    window.resize(1400, 800)
    await service.start()
    try:
        window.show()
        window.start()
        chart = window.chart
        chart.set_symbol(SYMBOL, Period.M1)
        await _until(lambda: chart.symbol == SYMBOL and chart._loaded and len(chart.manager) > 100)
        for symbol in COMPARED:  # as picked in the palette
            chart.compare.add(symbol)
        await _until(lambda: all(e.series.loaded for e in chart.compare.entries.values()))
        n = len(chart.manager)
        chart.view.price.vb.setXRange(n - 180, n + 2, padding=0)
        chart.view._set_following(False)
        await asyncio.sleep(0.8)
        suffix = "" if language == "en" else f"-{language}"
        path = out / f"chart-compare-{name}{suffix}.png"
        window.chart_dock.setFloating(True)
        window.chart_dock.resize(1400, 800)
        await asyncio.sleep(0.3)
        await _save(window.chart_dock, path)
        return path
    finally:
        window.close()
        await service.aclose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("."))
    parser.add_argument("--theme", choices=sorted(theme.THEMES), default="dark")
    parser.add_argument("--language", choices=("en", "zh_CN"), default="en")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    i18n.install(app, args.language)
    qasync.run(shoot(args.out, args.theme, args.language))
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
