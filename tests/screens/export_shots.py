"""Pictures of the export and keys features, for the README and a reviewer's eyes, on the simulator.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.screens.export_shots --out DIR [--theme dark]
[--language en] [--catalogue extra.qm]``

Writes, for each theme and language asked for (``<tag>`` is ``<theme>`` or ``<theme>-zh``):

- ``keys-<tag>.png``: Help ▸ Keyboard shortcuts over the window (1400×800);
- ``keys-filtered-<tag>.png``: the dialog alone, its filter narrowing the list to "ctrl";
- ``chart-export-<tag>.png``: the PNG the chart's "Export chart as PNG…" writes;
- ``file-menu-<tag>.png`` and ``watchlist-menu-<tag>.png``: the menus that hold the exports.

``--catalogue`` installs one more translation file (one built with strings not yet in the
shipped catalogue, to look at them in Chinese).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtCore import QPoint, QRect, QTranslator  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu  # noqa: E402

from app.core.periods import Period  # noqa: E402
from app.feeds.sim import SimFeed  # noqa: E402
from app.services.market_data import MarketDataService  # noqa: E402
from app.storage.settings import Settings  # noqa: E402
from app.ui.kit import i18n, theme  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from tests.support.window_parts import window_parts  # noqa: E402
from tests.screens.shots import until  # noqa: E402

SYMBOL = "HK:00700"


def _until(condition, timeout: float = 20.0):
    return until(condition, "the window did not get there", timeout)


async def _save(widget, path: Path) -> None:
    await asyncio.sleep(0.2)  # let the loop lay out and paint (never processEvents() in a coroutine)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


async def _menu(menu: QMenu, at: QPoint, path: Path) -> None:
    menu.aboutToShow.emit()
    menu.popup(at)
    await _save(menu, path)
    menu.hide()


async def shoot(out: Path, name: str, tag: str) -> None:
    palette = theme.theme_named(name)
    theme.apply(QApplication.instance(), palette)
    settings = Settings(watchlist=[SYMBOL, "HK:09988", "SH:600519", "US:AAPL", "CRYPTO:BTCUSDT"],
                        selected=SYMBOL, theme=palette.name)
    service = MarketDataService(SimFeed())
    window = MainWindow(service, settings, **window_parts(service, settings))
    window.resize(1400, 800)
    await service.start()
    try:
        window.show()
        window.start()
        chart = window.chart
        chart.set_symbol(SYMBOL, Period.D1)
        await _until(lambda: chart.symbol == SYMBOL and chart.period is Period.D1 and len(chart.manager) > 100)
        await asyncio.sleep(0.5)
        chart.export.save_png(out / f"chart-export-{tag}.png")
        print(out / f"chart-export-{tag}.png")

        file_menu = window.menuBar().actions()[0].menu()
        await _menu(file_menu, window.mapToGlobal(QPoint(0, 24)), out / f"file-menu-{tag}.png")
        tabs = window.watchlist.tabs
        tabs.customContextMenuRequested.emit(tabs.tabRect(0).center())
        await _save(window.watchlist.tab_menu, out / f"watchlist-menu-{tag}.png")
        window.watchlist.tab_menu.hide()

        dialog = window.keys_help.open()
        dialog.move(window.geometry().center() - dialog.rect().center())
        await asyncio.sleep(0.3)
        picture = window.grab()
        # the dialog is a window of its own: drawn where it stands over the main window, framed
        # as a window manager frames it
        at = dialog.geometry().topLeft() - window.geometry().topLeft()
        painter = QPainter(picture)
        painter.drawPixmap(at, dialog.grab())
        painter.setPen(palette.muted)
        painter.drawRect(QRect(at, dialog.size()).adjusted(-1, -1, 0, 0))
        painter.end()
        picture.save(str(out / f"keys-{tag}.png"))
        print(out / f"keys-{tag}.png")
        dialog.filter.setText("ctrl")  # (a word both languages write alike)
        await _save(dialog, out / f"keys-filtered-{tag}.png")
        dialog.close()
    finally:
        window.close()
        await service.aclose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("."))
    parser.add_argument("--theme", choices=sorted(theme.THEMES), action="append")
    parser.add_argument("--language", choices=["en", "zh_CN"], default="en")
    parser.add_argument("--catalogue", type=Path, help="one more .qm file to install")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    i18n.install(app, args.language)
    if args.catalogue is not None:
        extra = QTranslator(app)
        if not extra.load(str(args.catalogue)):
            raise SystemExit(f"could not load {args.catalogue}")
        app.installTranslator(extra)

    async def run() -> None:
        for name in args.theme or ["dark"]:
            await shoot(args.out, name, name if args.language == "en" else f"{name}-zh")

    qasync.run(run())
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
