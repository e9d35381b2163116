"""The feed-health pictures for the README: the main window on the simulator with one symbol
silenced for real (CRYPTO:ETHUSDT): its watchlist row greyed with its silence, the chart and the
book saying "no data for N s", the Feeds pane in front with the vendor's row, its sparklines and
the stale symbol, and the status bar's light amber.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.screens.feedsgui_shots --out DIR
[--theme dark|light] [--language en|zh_CN] [--seconds S]``; writes ``feeds-<theme>[-zh].png``
(1400×800). ``--catalogue QM`` adds a compiled catalogue (to look at strings not yet merged).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtCore import Qt, QTranslator  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.services.market_data import MarketDataService  # noqa: E402
from app.storage.settings import Settings  # noqa: E402
from app.ui.kit import i18n, theme  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from tests.support.muted_sim import MutedSim  # noqa: E402
from tests.support.window_parts import window_parts  # noqa: E402
from tests.screens.shots import until  # noqa: E402

SILENCED = "CRYPTO:ETHUSDT"
COLUMNS = ["SYMBOL", "NAME", "LAST", "CHANGE_PCT", "VOLUME", "TIME"]
WATCH = ["CRYPTO:BTCUSDT", SILENCED, "CRYPTO:SOLUSDT", "PERP:BTCUSDT", "FX:EURUSD", "CMDTY:XAUUSD"]


def _until(condition, timeout: float = 30.0):
    return until(condition, "the symbol did not go stale", timeout)


async def shoot(out: Path, name: str, language: str, seconds: float) -> Path:
    palette = theme.theme_named(name)
    theme.apply(QApplication.instance(), palette)
    settings = Settings(watchlist=list(WATCH), selected=SILENCED, red_up=language == "zh_CN", theme=palette.name,
                        watchlist_columns=COLUMNS)
    feed = MutedSim(step_ms=50)
    service = MarketDataService(feed)
    window = MainWindow(service, settings, **window_parts(service, settings))
    window.resize(1400, 800)
    await service.start()
    try:
        window.show()
        window.start()
        feeds = window.feeds
        feeds.show_pane()
        window.resizeDocks([window.watchlist_dock, window.browser_dock], [330, 390], Qt.Orientation.Vertical)
        window.resizeDocks([window.watchlist_dock, window.chart_dock], [640, 460], Qt.Orientation.Horizontal)
        await _until(lambda: all(service.latest_quote(s) for s in WATCH) and len(window.chart.manager) > 100)
        await asyncio.sleep(seconds)  # the sparklines fill a sample a second
        feed.muted.add(SILENCED)
        await _until(lambda: SILENCED in feeds.stale.ages)
        await asyncio.sleep(3.2)  # a few seconds of silence on screen
        window.watchlist.view.selectionModel().clearSelection()  # (the greyed row, not the selection's colours)
        suffix = "-zh" if language == "zh_CN" else ""
        path = out / f"feeds-{name}{suffix}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        print(path)
        return path
    finally:
        window.close()
        await service.aclose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--theme", choices=["dark", "light"], default="dark")
    parser.add_argument("--language", choices=["en", "zh_CN"], default="en")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the feed runs before the silence")
    parser.add_argument("--catalogue", type=Path, help="an extra compiled catalogue (.qm)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    if args.catalogue is not None:
        extra = QTranslator(app)
        if extra.load(str(args.catalogue)):
            app.installTranslator(extra)
    i18n.install(app, args.language)
    qasync.run(shoot(args.out, args.theme, args.language, args.seconds))
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
