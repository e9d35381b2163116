"""The chart during live ticks with MA + VOL + MACD on, for a reviewer's eyes: the legend, the
last-price line and its axis label and each pane's y fit follow the ticks (they are worked out
once per frame, app/ui/chart/frame.py).

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.screens.chartframe_shots --out DIR [--theme dark]``

Writes, for each theme, ``chart-live-<theme>-<k>.png`` (k = 1, 2, 3: the chart dock a second
apart on the live simulator, one-minute bars of CRYPTO:BTCUSDT, the view zoomed in so that a
tick moves the candle visibly) and prints, for each picture, the last bar's close, the legend's
close and the price label: they must agree.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.periods import Period  # noqa: E402
from app.feeds.sim import SimFeed  # noqa: E402
from app.services.market_data import MarketDataService  # noqa: E402
from app.storage.settings import ChartSettings, ChartStudy, Settings  # noqa: E402
from app.ui.kit import formatting as fmt  # noqa: E402
from app.ui.kit import theme  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from tests.support.window_parts import window_parts  # noqa: E402

SYMBOL = "CRYPTO:BTCUSDT"  # trades around the clock: ticks whatever the hour
STUDIES = [ChartStudy(kind="MA"), ChartStudy(kind="VOL"), ChartStudy(kind="MACD")]


async def _until(condition, timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError("the chart did not load")
        await asyncio.sleep(0.05)


def _agreement(window: MainWindow) -> str:
    """The last close, the legend's close and the price label, as a reader compares them."""
    view = window.chart.view
    close = fmt.price(float(view.manager.close[-1]), view.decimals)
    label = QCoreApplication.translate("ChartView", "C")
    legend = next((item[1][0] for item in view.price.plot.titleLabel.items
                   if len(item) == 2 and item[0][0].strip() == label), None)
    marker = view.price.price_axis.markers.get("last")
    return f"close {close} legend {legend} label {marker.text if marker else None}"


async def shoot(out: Path, name: str) -> None:
    palette = theme.theme_named(name)
    theme.apply(QApplication.instance(), palette)
    settings = Settings(watchlist=[SYMBOL, "HK:00700"], selected=SYMBOL, theme=palette.name,
                        chart=ChartSettings(studies=list(STUDIES)))
    service = MarketDataService(SimFeed(always_open=True))
    window = MainWindow(service, settings, **window_parts(service, settings))
    window.resize(1400, 800)
    await service.start()
    try:
        window.show()
        window.start()
        chart = window.chart
        chart.set_symbol(SYMBOL, Period.M1)
        await _until(lambda: chart.symbol == SYMBOL and chart._loaded and len(chart.manager) > 100)
        chart.view.zoom(0.5)  # 60 bars: a tick moves its candle by pixels
        for k in (1, 2, 3):
            await asyncio.sleep(1.0)  # a second of live ticks
            path = out / f"chart-live-{name}-{k}.png"
            if not window.chart_dock.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            print(path, _agreement(window))
    finally:
        window.close()
        await service.aclose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("."))
    parser.add_argument("--theme", choices=sorted(theme.THEMES), action="append")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)

    async def run() -> None:
        for name in args.theme or ["dark", "light"]:
            await shoot(args.out, name)

    qasync.run(run())
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
