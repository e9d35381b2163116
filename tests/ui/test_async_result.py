"""One way to drop stale answers in every pane (``app.ui.kit.async_result``): an answer after a
renew is dropped, an error goes to the error slot, a released pane's tasks are cancelled, and
the chart, the browser and the watchlist use it."""

from __future__ import annotations

import asyncio
import gc

import pytest

from app.ui.kit.async_result import AsyncResults
from tests.support.qt_loop import run_task


@pytest.fixture
def results(qloop, qapp):
    return AsyncResults()


def _later(value=None, error: BaseException | None = None, wait: asyncio.Event | None = None):
    async def job():
        if wait is not None:
            await wait.wait()
        if error is not None:
            raise error
        return value
    return asyncio.ensure_future(job())


def test_a_result_reaches_its_slot_and_busy_says_when_work_is_in_flight(results, qtbot):
    got, busy = [], []
    results.sig_busy.connect(busy.append)
    task = results.track(_later(7), got.append)
    assert results.busy
    qtbot.waitUntil(task.done)
    qtbot.waitUntil(lambda: got == [7])
    assert busy == [True, False] and not results.busy


def test_an_answer_after_a_renew_is_dropped_and_the_new_one_delivered(results, qtbot):
    got, errors = [], []
    go = asyncio.Event()
    old = results.track(_later("AAPL bars", wait=go), got.append, errors.append)
    results.renew()  # another symbol
    new = results.track(_later("TSLA bars"), got.append, errors.append)
    qtbot.waitUntil(new.done)
    qtbot.waitUntil(lambda: got == ["TSLA bars"])
    go.set()
    qtbot.waitUntil(old.done)
    assert old.cancelled() and got == ["TSLA bars"] and errors == []


def test_an_answer_already_on_its_way_when_renewed_is_dropped(results, qtbot):
    """The task has finished but the loop has not yet run its callbacks when the pane moves on:
    cancelling it is too late, and its answer must still not be delivered."""
    got, errors = [], []
    done = asyncio.get_event_loop().create_future()
    results.track(done, got.append, errors.append)
    done.set_result("old symbol's bars")  # its callbacks are now queued on the loop
    results.renew()
    run_task(qtbot, asyncio.sleep(0.01))
    assert got == [] and errors == [] and not results.busy


def test_an_error_goes_to_the_error_slot_and_is_read(results, qtbot, caplog):
    got, errors = [], []
    boom = ValueError("vendor said no")
    task = results.track(_later(error=boom), got.append, errors.append)
    qtbot.waitUntil(task.done)
    qtbot.waitUntil(lambda: errors == [boom])
    assert got == []
    silent = results.track(_later(error=ValueError("dropped")), got.append)  # no error slot: dropped
    qtbot.waitUntil(silent.done)
    del task, silent
    gc.collect()
    assert "never retrieved" not in caplog.text


def test_release_cancels_what_is_in_flight(results, qtbot, caplog):
    got, errors = [], []
    tasks = [results.track(_later(n, wait=asyncio.Event()), got.append, errors.append) for n in range(3)]
    failing = results.track(_later(error=RuntimeError("stale error")), got.append, errors.append)
    results.release()
    assert not results.busy
    qtbot.waitUntil(lambda: all(t.done() for t in (*tasks, failing)))
    run_task(qtbot, asyncio.sleep(0))
    assert all(t.cancelled() for t in tasks) and got == [] and errors == []
    del tasks, failing
    gc.collect()
    assert "never retrieved" not in caplog.text


def test_the_chart_the_browser_and_the_watchlist_drop_stale_answers_the_same_way():
    from app.ui.browser.model import BrowserModel
    from app.ui.chart.widget import ChartWidget
    from app.ui.watchlist.model import WatchlistModel

    import inspect

    import app.ui.chart.loading as loading
    import app.ui.watchlist.spark as spark

    for source in (inspect.getsource(ChartWidget), inspect.getsource(loading), inspect.getsource(BrowserModel),
                   inspect.getsource(WatchlistModel), inspect.getsource(spark)):
        assert "add_done_callback" not in source and "_generation" not in source
    assert "AsyncResults(self)" in inspect.getsource(ChartWidget.__init__)
    assert "AsyncResults(self)" in inspect.getsource(BrowserModel.__init__)
    assert "AsyncResults(self)" in inspect.getsource(WatchlistModel.__init__)
