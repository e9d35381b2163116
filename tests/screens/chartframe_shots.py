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

import asyncio
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.periods import Period  # noqa: E402
from app.storage.settings import ChartSettings, ChartStudy, Settings  # noqa: E402
from app.ui.kit import formatting as fmt  # noqa: E402
from app.ui.kit import theme  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from tests.screens.shots import shoot_each_theme, sim_window, until  # noqa: E402

SYMBOL = "CRYPTO:BTCUSDT"  # trades around the clock: ticks whatever the hour
STUDIES = [ChartStudy(kind="MA"), ChartStudy(kind="VOL"), ChartStudy(kind="MACD")]


def _until(condition, timeout: float = 20.0):
    return until(condition, "the chart did not load", timeout)


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
    async with sim_window(settings) as window:
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


def main() -> int:
    return shoot_each_theme(__doc__.splitlines()[0], shoot)


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
