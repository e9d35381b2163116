"""What the picture scripts share: waiting on the running loop, and the command line that shoots
each theme in turn on a qasync loop."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication

from app.ui.kit import theme


async def until(condition: Callable[[], object], what: str, timeout: float = 20.0) -> None:
    """Wait on the running loop until ``condition()`` holds; ``TimeoutError(what)`` after
    ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError(what)
        await asyncio.sleep(0.05)


def shoot_each_theme(description: str, shoot: Callable[[Path, str], Awaitable[None]]) -> int:
    """``--out DIR [--theme NAME ...]``: ``shoot(out, theme_name)`` for each theme asked (dark
    and light by default), one after the other on a qasync loop."""
    parser = argparse.ArgumentParser(description=description)
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


@contextlib.asynccontextmanager
async def sim_window(settings, size: tuple[int, int] = (1400, 800), always_open: bool = True):
    """The main window on the simulator (markets kept open unless asked otherwise), started,
    shown at ``size``; closed and its service stopped afterwards. Its service is
    ``window.service``."""
    from app.feeds.sim import SimFeed
    from app.services.market_data import MarketDataService
    from app.ui.shell.main_window import MainWindow
    from tests.support.window_parts import window_parts

    service = MarketDataService(SimFeed(always_open=always_open))
    window = MainWindow(service, settings, **window_parts(service, settings))
    window.resize(*size)
    await service.start()
    try:
        window.show()
        window.start()
        yield window
    finally:
        window.close()
        await service.aclose()
