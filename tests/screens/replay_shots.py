"""The replay's screenshots: the transport bar for the README, and a rewind for a reviewer's eyes.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.screens.replay_shots --out DIR
[--theme dark|light] [--language en|zh_CN]``; writes (1400×800, the whole window):

- ``replay-<theme>[-zh].png``: a recording of the simulator opened with File → Open recording,
  played a few seconds and paused: the transport bar at the foot (play, step, speed, the slider
  with the recording's activity, the time with its zone, Close replay), the chart's bars built
  from the replayed prints after the cached history of before the recording;
- ``rewind-<theme>[-zh].png``: the live terminal rewound five seconds over its rolling
  recording: the book and the tape of then, "Live" to go back.

The kline cache is filled first with the simulator's history up to the recording's start (the
simulator's own bars are never cached), as a vendor's history would be.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.periods import Period  # noqa: E402
from app.feeds.sim import SimFeed  # noqa: E402
from app.services.history import KlineHistory  # noqa: E402
from app.services.market_data import MarketDataService  # noqa: E402
from app.storage.klines import KlineCache  # noqa: E402
from app.storage.settings import Settings  # noqa: E402
from app.ui.kit import i18n, theme  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from tests.support.window_parts import window_parts  # noqa: E402
from tests.screens.shots import until  # noqa: E402

WATCH = ["CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "HK:00700", "US:AAPL", "PERP:BTCUSDT"]
SYMBOL = "CRYPTO:BTCUSDT"
RECORD_S = 12.0
SIZE = (1400, 800)


def _until(condition, timeout: float = 20.0, what: str = "the window"):
    return until(condition, f"{what} did not get ready", timeout)


def _window(settings: Settings, cache: KlineCache | None) -> tuple[MainWindow, MarketDataService]:
    service = MarketDataService(SimFeed(always_open=True))
    window = MainWindow(service, settings, **window_parts(service, settings, history=KlineHistory(service, cache)))
    window.resize(*SIZE)
    return window, service


def _save(window: MainWindow, path: Path) -> Path:
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)
    return path


async def shoot_replay(out: Path, name: str, language: str, home: Path) -> Path:
    settings = Settings(watchlist=list(WATCH), selected=SYMBOL, red_up=language == "zh_CN", theme=name,
                        rolling_hours=0)
    cache = KlineCache(home / "klines.sqlite3")
    window, service = _window(settings, cache)
    await service.start()
    try:
        window.show()
        window.start()
        await _until(lambda: all(service.latest_quote(s) for s in WATCH[:4]), what="the quotes")
        # the simulator's own minute bars up to now stand for a vendor's cached history
        await cache.upsert(await service.feed.klines(SYMBOL, Period.M1, 240))
        replay = window.replay
        replay.record.start(home / "recordings" / "sim-demo.qtrec")
        await asyncio.sleep(RECORD_S)  # (the recording's length: real seconds of the simulator)
        path = replay.record.stop()
        assert path is not None
        await replay.open_recording(path)
        await _until(lambda: len(window.chart.manager) > 100, what="the chart")
        replay.play(True)
        await asyncio.sleep(RECORD_S * 0.6)
        replay.play(False)
        await asyncio.sleep(0.3)  # a frame or two
        suffix = "-zh" if language == "zh_CN" else ""
        return _save(window, out / f"replay-{name}{suffix}.png")
    finally:
        window.close()
        await service.aclose()
        cache.close()


async def shoot_rewind(out: Path, name: str, language: str) -> Path:
    settings = Settings(watchlist=list(WATCH), selected=SYMBOL, red_up=language == "zh_CN", theme=name,
                        rolling_hours=2)
    window, service = _window(settings, None)
    await service.start()
    try:
        window.show()
        window.start()
        replay = window.replay
        await _until(lambda: (span := replay._rolling_span()) is not None and span[1] - span[0] > 8000,
                     what="the rolling recording")
        replay.toolbar.show()
        replay._show_span()
        replay.rewind_to(replay._rolling_span()[1] - 5000)
        await _until(lambda: window.tape.model.rowCount() > 5, what="the rewound tape")
        await asyncio.sleep(1.5)  # the live feed runs on meanwhile (the slider's end moves)
        suffix = "-zh" if language == "zh_CN" else ""
        return _save(window, out / f"rewind-{name}{suffix}.png")
    finally:
        window.close()
        await service.aclose()


async def shoot(out: Path, name: str, language: str) -> None:
    theme.apply(QApplication.instance(), theme.theme_named(name))
    with tempfile.TemporaryDirectory() as home:
        os.environ["QUOTE_TERMINAL_HOME"] = home  # the rolling recording and the files: not the user's
        await shoot_replay(out, name, language, Path(home))
        await shoot_rewind(out, name, language)


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
