"""The main window on the simulator, as the window tests open it: started, shown, sized."""

from __future__ import annotations

import contextlib

from tests.support.qt_loop import run_task


@contextlib.contextmanager
def window_on_sim(qtbot, settings):
    """The main window started on the simulator (markets kept open), closed afterwards; the
    tests switch it to a vendor as a user would."""
    from app.feeds.sim import SimFeed
    from app.services.market_data import MarketDataService
    from app.ui.shell.main_window import MainWindow
    from tests.support.window_parts import window_parts

    service = MarketDataService(SimFeed(always_open=True, step_ms=20))
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


@contextlib.contextmanager
def still_sim_window(qtbot, settings, always_open: bool = True, **stores):
    """The main window on a simulator that never steps (its clock stands at a Tuesday 11:00 in
    Hong Kong, markets kept open unless asked otherwise), its chart loaded, at 1600×900: only what a test does changes
    the picture. Closed afterwards with any other window the test opened."""
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QApplication

    from app.feeds.sim import SimFeed
    from app.services.market_data import MarketDataService
    from app.ui.shell.main_window import MainWindow
    from tests.support.window_parts import window_parts

    now = int(datetime(2025, 3, 11, 3, 0, tzinfo=UTC).timestamp() * 1000)
    service = MarketDataService(SimFeed(always_open=always_open, clock=lambda: now, step_ms=3_600_000))
    window = MainWindow(service, settings, **window_parts(service, settings, **stores))
    qtbot.addWidget(window)
    window.resize(1600, 900)
    run_task(qtbot, service.start())
    window.show()
    window.start()
    qtbot.waitUntil(lambda: len(window.chart.manager) >= 100, timeout=10000)
    try:
        yield window
    finally:
        for widget in QApplication.topLevelWidgets():
            if widget is not window and widget.isVisible():
                widget.close()
        run_task(qtbot, service.aclose())


def open_sim_window(qtbot, settings, **stores):
    """The main window on the always-open simulator, started and shown at 1400×800, with
    the stores given (``watchlists=``, ``workspaces=``); the caller closes its service."""
    from app.feeds.sim import SimFeed
    from app.services.market_data import MarketDataService
    from app.ui.shell.main_window import MainWindow
    from tests.support.window_parts import window_parts

    service = MarketDataService(SimFeed(always_open=True, step_ms=20))
    window = MainWindow(service, settings, **window_parts(service, settings, **stores))
    qtbot.addWidget(window)
    run_task(qtbot, service.start())
    window.resize(1400, 800)
    window.show()
    window.start()
    return window


@contextlib.contextmanager
def still_window_with_studies(qtbot, symbol: str, kinds: tuple[str, ...] = ("MA", "VOL", "MACD")):
    """:func:`still_sim_window` charting ``symbol`` with these studies; what the simulator sent
    on subscribing delivered, then the simulator cut off: only the test's bars reach the chart."""
    from app.storage.settings import ChartSettings, ChartStudy, Settings

    settings = Settings(watchlist=[symbol], selected=symbol,
                        chart=ChartSettings(studies=[ChartStudy(kind=kind) for kind in kinds]))
    with still_sim_window(qtbot, settings) as window:
        window.service.flush()
        window.service.feed.set_sink(lambda _event: None)
        qtbot.waitUntil(lambda: not window.chart.view.pending.pending, timeout=2000)
        yield window
