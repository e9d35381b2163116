"""Test set-up: offscreen Qt, a private settings folder, and an asyncio loop on Qt's loop."""

from __future__ import annotations

import asyncio
import contextlib
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """No test reads or writes the user's real settings or keyring."""
    home = tmp_path / "qt-home"
    monkeypatch.setenv("QUOTE_TERMINAL_HOME", str(home))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    return home


@pytest.fixture(scope="session")
def _session_loop(qapp):
    """One qasync loop for the whole run: qasync loops cannot be re-created cleanly in-process."""
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)


@pytest.fixture
def qloop(_session_loop, qapp):
    """The running qasync loop; tasks a test leaves behind are cancelled and awaited after it."""
    asyncio.events._set_running_loop(_session_loop)
    yield _session_loop
    pending = [t for t in asyncio.all_tasks(_session_loop) if not t.done()]
    for task in pending:
        task.cancel()
    deadline = _session_loop.time() + 2
    while any(not t.done() for t in pending) and _session_loop.time() < deadline:
        qapp.processEvents()
    asyncio.events._set_running_loop(None)  # plain asyncio.run() tests may follow


def run_task(qtbot, coro, timeout: int = 5000):
    """Run a coroutine on the qasync loop, waiting on its completion (not on time)."""
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


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
