"""Test set-up: offscreen Qt, a private settings folder, and an asyncio loop on Qt's loop.

Fixtures only: the helpers tests call live in ``tests/support/``."""

from __future__ import annotations

import gc
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


@pytest.fixture(autouse=True)
def cycles_collected_on_the_main_thread():
    """The app's rule (app/ui/shell/warm_up.py) in the suite: no automatic cyclic collection
    during a test, where a worker thread (a recording's encoder, the kline cache's writer) could
    run it and free a Qt object there, leaving its timers to fire on freed memory (a crash seen
    in CI); after each test, the main thread collects what the automatic collector would
    have, by the same thresholds (pyqtgraph's GarbageCollector.check)."""
    gc.disable()
    yield
    gc.disable()  # (a test may have turned it on)
    (gen0, gen1, gen2), (limit0, limit1, limit2) = gc.get_count(), gc.get_threshold()
    if gen0 > limit0:
        gc.collect(0)
        if gen1 > limit1:
            gc.collect(1)
            if gen2 > limit2:
                gc.collect(2)


@pytest.fixture
def qloop(qapp):
    """The running qasync loop for one test; tasks the test leaves behind are cancelled and
    awaited after it, and the thread is left with no loop (plain ``asyncio.run()`` tests may
    follow)."""
    from tests.support.qt_loop import running_qasync_loop

    with running_qasync_loop(qapp) as loop:
        yield loop
