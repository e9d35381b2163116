"""Test set-up: offscreen Qt, a private settings folder, and an asyncio loop on Qt's loop.

Fixtures only: the helpers tests call live in ``tests/support/``."""

from __future__ import annotations

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
    """The running qasync loop for one test; tasks the test leaves behind are cancelled and
    awaited after it, and the thread is left with no loop (plain ``asyncio.run()`` tests may
    follow)."""
    from tests.support.qt_loop import running_qasync_loop

    with running_qasync_loop(qapp) as loop:
        yield loop
