"""The failover picture for the README: the main window on the fake 脉动数据 (maidong) with the
fake iTick as its backup (Settings.backup); CRYPTO:BTCUSDT is muted on maidong for real, goes
stale there and continues from iTick: its watchlist row says "via itick", the chart's corner
too, the status bar names the failover, and the Feeds pane shows both vendors' rows.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.screens.fogui_shots --out DIR
[--theme dark|light] [--language en|zh_CN]``; writes ``failover-<theme>[-zh].png`` (1400×800).
``--catalogue QM`` adds a compiled catalogue (to look at strings not yet merged).
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
from app.services.vendors import build_feed  # noqa: E402
from app.storage.settings import Settings, VendorHosts  # noqa: E402
from app.ui.kit import i18n, theme  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from tests.fakes.itick import FakeItickServer  # noqa: E402
from tests.fakes.maidong import FakeMaidongServer  # noqa: E402
from tests.support.window_parts import window_parts  # noqa: E402
from tests.screens.shots import until  # noqa: E402

MOVED = "CRYPTO:BTCUSDT"
WATCH = [MOVED, "FX:GBPUSD", "FX:EURUSD", "CRYPTO:ETHUSDT"]
COLUMNS = ["SYMBOL", "NAME", "LAST", "CHANGE_PCT", "TIME"]
TOKEN = "shots-token"


def _until(condition, what: str, timeout: float = 60.0):
    return until(condition, what, timeout)


async def shoot(out: Path, name: str, language: str) -> Path:
    palette = theme.theme_named(name)
    theme.apply(QApplication.instance(), palette)
    maidong, itick = FakeMaidongServer(), FakeItickServer(token=TOKEN)
    await maidong.start()
    await itick.start()
    os.environ["ITICK_TOKEN"] = TOKEN
    settings = Settings(vendor="maidong", selected=MOVED, red_up=language == "zh_CN", theme=palette.name,
                        watchlist_columns=COLUMNS, backup={"maidong": "itick"})
    settings.watchlists["maidong"] = list(WATCH)
    settings.hosts["maidong"] = VendorHosts(base_url=maidong.http_url, ws_url=maidong.ws_url)
    settings.hosts["itick"] = VendorHosts(base_url=itick.http_url, ws_url=itick.ws_url)
    service = MarketDataService(build_feed("maidong", settings))
    window = MainWindow(service, settings, **window_parts(service, settings))
    window.resize(1400, 800)
    await service.start()
    try:
        window.show()
        window.start()
        window.feeds.show_pane()
        window.resizeDocks([window.watchlist_dock, window.browser_dock], [330, 390], Qt.Orientation.Vertical)
        window.resizeDocks([window.watchlist_dock, window.chart_dock], [600, 500], Qt.Orientation.Horizontal)
        await _until(lambda: service.latest_quote(MOVED) is not None and len(window.chart.manager) > 50, "no data")
        await asyncio.sleep(8)  # the symbols' usual gaps learned
        maidong.muted.add(MOVED)
        await _until(lambda: MOVED in window.failover.via, "no failover")
        await asyncio.sleep(3)
        window.watchlist.view.selectionModel().clearSelection()
        suffix = "-zh" if language == "zh_CN" else ""
        path = out / f"failover-{name}{suffix}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        print(path)
        return path
    finally:
        window.close()
        await service.aclose()
        await maidong.aclose()
        await itick.aclose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--theme", choices=["dark", "light"], default="dark")
    parser.add_argument("--language", choices=["en", "zh_CN"], default="en")
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
    qasync.run(shoot(args.out, args.theme, args.language))
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
