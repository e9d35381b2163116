"""The Alerts pane's screenshot for the README: the main window on the simulator with four
rules (two fired, two armed), the log of what fired, the moment of an alert marked on the chart
and the toasts in the corner.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.screens.alertgui_shots --out DIR
[--theme dark|light] [--language en|zh_CN]``; writes ``alerts-<theme>[-zh].png`` (1400×800).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.alerts import ABOVE, BELOW, CHANGE_PCT  # noqa: E402
from app.storage.settings import Settings  # noqa: E402
from app.ui.kit import i18n, theme  # noqa: E402
from tests.screens.shots import sim_window, until  # noqa: E402

WATCH = ["CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "HK:00700", "US:AAPL", "PERP:BTCUSDT"]


def _until(condition, timeout: float = 20.0):
    return until(condition, "the alerts did not fire", timeout)


async def shoot(out: Path, name: str, language: str) -> Path:
    palette = theme.theme_named(name)
    theme.apply(QApplication.instance(), palette)
    settings = Settings(watchlist=list(WATCH), selected="CRYPTO:BTCUSDT", red_up=language == "zh_CN",
                        theme=palette.name)
    async with sim_window(settings) as window:
        service = window.service
        alerts = window.alerts
        alerts.sound.play = lambda: None  # (a screenshot makes no noise)
        await _until(lambda: all(service.latest_quote(s) for s in WATCH[:4]) and len(window.chart.manager) > 100)
        btc = service.latest_quote("CRYPTO:BTCUSDT").last
        eth = service.latest_quote("CRYPTO:ETHUSDT").last
        hk = service.latest_quote("HK:00700").last
        note = "突破前高" if language == "zh_CN" else "breakout: take profit"
        alerts.monitor.add("CRYPTO:BTCUSDT", ABOVE, round(btc * 0.9995, 2), note)
        alerts.monitor.add("CRYPTO:ETHUSDT", BELOW, round(eth * 1.0005, 2))
        alerts.monitor.add("HK:00700", BELOW, round(hk * 0.9, 1), "support")
        alerts.monitor.add("US:AAPL", CHANGE_PCT, 5)
        await _until(lambda: alerts.pane.log_model.rowCount() >= 2)
        alerts.dock.raise_()
        window.resizeDocks([window.watchlist_dock, window.browser_dock], [300, 420], Qt.Orientation.Vertical)
        btc_row = next(i for i, e in enumerate(alerts.pane.log_model.entries) if e.alert.symbol == "CRYPTO:BTCUSDT")
        alerts.pane.log_view.selectRow(btc_row)
        entry = alerts.pane.log_model.entries[btc_row]
        alerts.show_moment(entry.alert.symbol, entry.alert.ts)
        await asyncio.sleep(1.0)  # the toasts are fresh (they fade after six seconds)
        suffix = "-zh" if language == "zh_CN" else ""
        path = out / f"alerts-{name}{suffix}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        print(path)
        return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--theme", choices=["dark", "light"], default="dark")
    parser.add_argument("--language", choices=["en", "zh_CN"], default="en")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    i18n.install(app, args.language)
    qasync.run(shoot(args.out, args.theme, args.language))
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # Qt's teardown at interpreter exit is not worth waiting for
