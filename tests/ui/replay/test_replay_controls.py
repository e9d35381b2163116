"""File → Open recording turns the window into a replay, and every transport control does what it
says: play moves the position and pause stops it, the speed changes the pace, one step is one
event (a print: one more row on the tape), a click on the slider puts the book of that moment in
the ladder, and Close replay brings the vendor back."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.ui.replay.transport import REPLAY
from tests.support.qt_loop import run_task
from tests.support.windows import window_on_sim
from tests.ui.replay.support import SYMBOL, T0, bid_at, events_of_second, make_recording, window_settings


def _open(qtbot, window, path):
    replay = window.replay
    run_task(qtbot, replay.open_recording(path), timeout=8000)
    assert replay.mode == REPLAY and replay.toolbar.isVisible()
    assert window.watchlist_model.symbols == [SYMBOL]
    qtbot.waitUntil(lambda: window.ladder.symbol == SYMBOL and window.tape.symbol == SYMBOL, timeout=3000)
    return replay


def test_step_play_pause_speed_seek_and_close(qtbot, qloop, tmp_path):
    path = make_recording(tmp_path / "demo.qtrec")
    with window_on_sim(qtbot, window_settings()) as window:
        replay = _open(qtbot, window, path)
        bar, feed = replay.bar, replay.feed
        assert feed is not None and feed.paused and window.tape.model.rowCount() == 0
        assert bar.time.text() == "2025-03-11 03:00:00.000 UTC"  # in BTC's zone, as its tape

        # one step is one event: the book, the quote, then the print that fills one tape row
        times = [at for i in range(2) for at, _event in events_of_second(i)]
        for n, at in enumerate(times, start=1):
            qtbot.mouseClick(bar.step, Qt.MouseButton.LeftButton)
            assert feed.position_ms == at
            qtbot.waitUntil(lambda n=n: window.tape.model.rowCount() == n // 3, timeout=2000)
        qtbot.waitUntil(lambda: window.ladder.model.best_bid == bid_at(1), timeout=2000)

        # play moves the position on; pause stops it where it is
        qtbot.mouseClick(bar.play, Qt.MouseButton.LeftButton)
        assert not feed.paused and bar.playing
        qtbot.waitUntil(lambda: feed.position_ms >= T0 + 1_600, timeout=3000)
        qtbot.waitUntil(lambda: window.tape.model.rowCount() >= 3, timeout=3000)
        qtbot.mouseClick(bar.play, Qt.MouseButton.LeftButton)
        assert feed.paused and not bar.playing
        stopped, polls = feed.position_ms, replay._polls
        qtbot.waitUntil(lambda: replay._polls >= polls + 4, timeout=3000)  # four looks later
        assert feed.position_ms == stopped and bar.timeline.value() == stopped

        # 100×: ten recorded seconds pass in a fraction of one (at 1× they would take ten)
        QTest.keyClick(bar.speed, Qt.Key.Key_End)  # the last speed, as a user picks it
        assert bar.speed.currentText() == "100×" and feed.speed == 100.0
        qtbot.mouseClick(bar.play, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: feed.position_ms >= stopped + 10_000, timeout=2500)
        qtbot.mouseClick(bar.play, Qt.MouseButton.LeftButton)

        # a click on the slider: the book of that second in the ladder
        target = T0 + 30_500
        x = round(bar.timeline.x_of(target))
        qtbot.mouseClick(bar.timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, 15))
        landed = bar.timeline.value()
        second = (landed - T0) // 1000
        assert abs(landed - target) < 1000
        qtbot.waitUntil(lambda: window.ladder.model.best_bid == bid_at(second), timeout=2000)
        assert abs(feed.position_ms - landed) < 1000

        # Close replay: the simulator again, and its live quotes
        qtbot.mouseClick(bar.back, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.service.vendor == "sim" and replay.mode == "live", timeout=8000)
        qtbot.waitUntil(lambda: (q := window.service.latest_quote(SYMBOL)) is not None and q.last > 1000,
                        timeout=5000)
