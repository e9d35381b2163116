"""A window on a simulator one symbol of which can be silenced for real (its events never leave
the feed, so the feed's health sees the silence as it would a vendor's), with the stale floor
lowered so that a test waits about a second, not five."""

from __future__ import annotations

import contextlib

from tests.support.muted_sim import MutedSim
from tests.support.qt_loop import run_task

FLOOR_MS = 800  # stale after this much silence (the feed's health: 5 s)


@contextlib.contextmanager
def muted_window(qtbot, settings):
    """The main window on a :class:`MutedSim`, started and shown at 1600×900."""
    from app.services.market_data import MarketDataService
    from app.ui.shell.main_window import MainWindow
    from tests.support.window_parts import window_parts

    service = MarketDataService(MutedSim(FLOOR_MS))
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
