"""A window on a simulator one symbol of which can be silenced for real (its events never leave
the feed, so the feed's health sees the silence as it would a vendor's), with the stale floor
lowered so that a test waits about a second, not five."""

from __future__ import annotations

import contextlib

from app.core.types import Status
from app.feeds.sim import SimFeed
from tests.support.qt_loop import run_task

FLOOR_MS = 800  # stale after this much silence (the feed's health: 5 s)


class MutedSim(SimFeed):
    """The always-open simulator; the symbols in ``muted`` send nothing while muted."""

    def __init__(self, **kwargs) -> None:
        super().__init__(always_open=True, step_ms=20, **kwargs)
        self.muted: set[str] = set()
        self.health.watch.floor_ms = FLOOR_MS

    def emit(self, event) -> None:
        if type(event) is not Status and event.symbol in self.muted:
            return
        super().emit(event)


@contextlib.contextmanager
def muted_window(qtbot, settings):
    """The main window on a :class:`MutedSim`, started and shown at 1600×900."""
    from app.services.market_data import MarketDataService
    from app.ui.shell.main_window import MainWindow
    from tests.support.window_parts import window_parts

    service = MarketDataService(MutedSim())
    window = MainWindow(service, settings, **window_parts(service, settings))
    qtbot.addWidget(window)
    window.resize(1600, 900)
    run_task(qtbot, service.start())
    window.show()
    window.start()
    try:
        yield window
    finally:
        run_task(qtbot, service.aclose())
