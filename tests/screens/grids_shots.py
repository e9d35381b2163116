"""The chart grid's screenshots for the README and for a reviewer's eyes, on the simulator: a
2 × 2 grid of four symbols on four periods, the pointer on the one-minute chart and the same
moment marked in the three others (the synced crosshair).

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.screens.grids_shots --out resources``
[``--theme dark|light``] [``--language en|zh_CN``] [``--size 1400x800``]

Writes ``grid-<theme>[-zh].png`` (the whole window) for each theme asked for (dark by default),
in the language asked for (English by default), at the size asked for.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.periods import Period  # noqa: E402
from app.storage.settings import ChartSettings, ChartStudy, Settings  # noqa: E402
from app.ui.chart.grid.layouts import GridLayout  # noqa: E402
from app.ui.kit import i18n, theme  # noqa: E402
from tests.screens.shots import sim_window, until  # noqa: E402

CELLS = [("CRYPTO:BTCUSDT", Period.M1), ("CRYPTO:ETHUSDT", Period.M5), ("US:AAPL", Period.H1), ("HK:00700", Period.D1)]
HOVER_BACK = 60  # the one-minute bar hovered: this many before the last (mid-chart)


def _until(condition, timeout: float = 20.0):
    return until(condition, "the grid did not load", timeout)


async def shoot(out: Path, name: str, language: str, size: tuple[int, int]) -> Path:
    palette = theme.theme_named(name)
    theme.apply(QApplication.instance(), palette)
    symbols = [symbol for symbol, _ in CELLS]
    settings = Settings(watchlist=symbols + ["HK:09988", "SH:600519"], selected=symbols[0], theme=palette.name,
                        language=language, chart=ChartSettings(studies=[ChartStudy(kind="MA"), ChartStudy(kind="VOL")]))
    async with sim_window(settings, size, always_open=False) as window:
        grid = window.chart_grid
        await asyncio.sleep(0.5)  # shown and laid out, as a user finds it
        grid.set_layout(GridLayout.FOUR)
        for chart, (symbol, period) in zip(grid.cells, CELLS, strict=True):
            if chart is not grid.cells[0]:
                chart.set_linked(False)
            chart.set_symbol(symbol, period)
        await _until(lambda: all(c.symbol == s and c.period is p and c._loaded and len(c.manager) > HOVER_BACK
                                 for c, (s, p) in zip(grid.cells, CELLS, strict=True)))
        await asyncio.sleep(1.0)  # a few frames of live data, the layout settled
        view = grid.cells[0].view
        view.go_live()
        await asyncio.sleep(0.2)
        i = len(view.manager) - HOVER_BACK
        y = float(view.scale.forward_one(float(view.manager.high[i])))
        view._on_mouse_moved(view.price.vb.mapViewToScene(QPointF(i, y)))  # as the scene reports a move
        await asyncio.sleep(0.2)
        suffix = "" if language == "en" else "-zh"
        path = out / f"grid-{name}{suffix}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        print(path)
        return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("."))
    parser.add_argument("--theme", choices=sorted(theme.THEMES), action="append")
    parser.add_argument("--language", choices=("en", "zh_CN"), default="en")
    parser.add_argument("--size", default="1400x800")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    width, height = (int(v) for v in args.size.split("x"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    i18n.install(app, args.language)

    async def run() -> None:
        for name in args.theme or ["dark"]:
            await shoot(args.out, name, args.language, (width, height))

    qasync.run(run())
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
