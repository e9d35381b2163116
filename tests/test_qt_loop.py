"""The tests' asyncio loop on Qt's loop (tests/support/qt_loop.py): made again for each test, it
runs tasks while pytest-qt waits and leaves the thread as it found it."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QTimer

from tests.support.qt_loop import run_task, running_qasync_loop


async def _running_loop_after_a_sleep() -> asyncio.AbstractEventLoop:
    await asyncio.sleep(0.01)  # a timer on Qt's loop: it fires while qtbot waits
    return asyncio.get_running_loop()


def test_one_loop_after_another_runs_tasks_and_leaves_no_loop_behind(qapp, qtbot):
    for _ in range(2):  # a second loop in the same process works as the first did
        with running_qasync_loop(qapp) as loop:
            assert asyncio.get_event_loop() is loop
            assert run_task(qtbot, _running_loop_after_a_sleep()) is loop
        assert loop.is_closed()
        with pytest.raises(RuntimeError):
            asyncio.get_running_loop()
        assert asyncio.run(asyncio.sleep(0, "plain")) == "plain"  # a plain asyncio test may follow
        timer = QTimer()
        timer.setSingleShot(True)
        timer.start(20)
        with qtbot.waitSignal(timer.timeout, timeout=2000):  # Qt's nested loops wait again
            pass


def test_the_tasks_a_test_leaves_behind_are_cancelled_and_awaited(qapp):
    ended: list[str] = []

    async def left_behind() -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            await asyncio.sleep(0.01)  # its own clean-up takes a moment, and is waited for
            ended.append("cleaned up")

    with running_qasync_loop(qapp):
        task = asyncio.ensure_future(left_behind())
    assert task.cancelled() and ended == ["cleaned up"]
