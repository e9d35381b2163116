"""Test set-up: offscreen Qt, a private settings folder, and an asyncio loop on Qt's loop."""

from __future__ import annotations

import asyncio
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


@pytest.fixture
def qloop(qapp):
    """A qasync loop marked running, so tasks advance while qtbot waits on signals."""
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    deadline = loop.time() + 2
    while any(not t.done() for t in pending) and loop.time() < deadline:
        qapp.processEvents()
    loop.stop()
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)


def run_task(qtbot, coro, timeout: int = 5000):
    """Run a coroutine on the qasync loop, waiting on its completion (not on time)."""
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()
