"""The intraday view's screenshots for the README, on a still simulator keeping the real
sessions: its clock stands at Tuesday 2025-03-11 14:30 in Hong Kong, so the day has its morning,
the lunch break taken out, half its afternoon and the rest of it empty to the close.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.screens.intraday_shots --out resources [--theme dark]``

Writes, for each theme asked for (dark by default):

- ``intraday-<theme>.png``: the chart dock, HK:00700's 分时 with its average price line
  (成交均价), prices and % around the previous close, volume under it;
- ``intraday-5d-<theme>.png``: the same symbol's five days (五日) side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.feeds.sim import SimFeed  # noqa: E402
from app.services.market_data import MarketDataService  # noqa: E402
from app.storage.settings import ChartSettings, Settings  # noqa: E402
from app.ui.kit import theme  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from tests.support.window_parts import window_parts  # noqa: E402
from tests.screens.shots import until  # noqa: E402

SYMBOL = "HK:00700"
NOW = int(datetime(2025, 3, 11, 6, 30, tzinfo=UTC).timestamp() * 1000)  # 14:30 HKT


def _until(condition, timeout: float = 20.0):
    return until(condition, "the intraday view did not load", timeout)


async def _save(widget, path: Path) -> None:
    await asyncio.sleep(0.2)  # let the loop lay out and paint (never processEvents() in a coroutine)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


async def shoot(out: Path, name: str, red_up: bool) -> None:
    palette = theme.theme_named(name)
    theme.apply(QApplication.instance(), palette)
    settings = Settings(watchlist=[SYMBOL, "HK:09988", "SH:600519"], selected=SYMBOL, red_up=red_up,
                        theme=palette.name, chart=ChartSettings(intraday=1))
    service = MarketDataService(SimFeed(clock=lambda: NOW, step_ms=3_600_000))
    window = MainWindow(service, settings, **window_parts(service, settings))
    window.resize(1600, 900)
    await service.start()
    try:
        window.show()
        window.start()
        chart = window.chart
        dock = window.chart_dock
        dock.setFloating(True)  # the chart alone, at the README's size
        dock.resize(1400, 800)
        view = chart.intraday.view
        await _until(lambda: chart.intraday.symbol == SYMBOL and view.days and view.days[-1].traded > 0)
        slot = view.last_slot() - 40  # the hand on a minute: the crosshair and its legend
        view.hover, view.hover_y = slot, view.y_of(float(view.days[-1].price[slot]))  # as a mouse move sets them
        view.update()
        await _save(dock, out / f"intraday-{name}.png")
        chart.set_intraday(5)
        await _until(lambda: len(view.days) == 5)
        view.hover = None
        await _save(dock, out / f"intraday-5d-{name}.png")
    finally:
        window.close()
        await service.aclose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("."))
    parser.add_argument("--theme", choices=sorted(theme.THEMES), action="append")
    parser.add_argument("--red-up", action="store_true", help="red for rising prices (the Chinese way)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)

    async def run() -> None:
        for name in args.theme or ["dark"]:
            await shoot(args.out, name, args.red_up)

    qasync.run(run())
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
