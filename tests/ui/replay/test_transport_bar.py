"""The transport bar on its own: each control clicked says what it should, and the slider draws
the activity it is given (in the theme's colours) and seeks where it is clicked or let go."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.ui.kit import theme
from app.ui.replay.transport import LIVE, REPLAY, REWIND, SPEEDS, TransportBar

START, END = 1_741_662_000_000, 1_741_662_000_000 + 600_000  # ten minutes


def _bar(qtbot) -> TransportBar:
    bar = TransportBar()
    qtbot.addWidget(bar)
    bar.resize(900, 34)
    bar.set_mode(REPLAY, "demo.qtrec")
    bar.set_span(START, END)
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def test_play_pause_step_speed_back_say_what_was_pressed(qtbot):
    bar = _bar(qtbot)
    with qtbot.waitSignal(bar.sig_play) as play:
        qtbot.mouseClick(bar.play, Qt.MouseButton.LeftButton)
    assert play.args == [True]
    bar.set_playing(True)
    with qtbot.waitSignal(bar.sig_play) as pause:
        qtbot.mouseClick(bar.play, Qt.MouseButton.LeftButton)
    assert pause.args == [False]
    with qtbot.waitSignal(bar.sig_step):
        qtbot.mouseClick(bar.step, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(bar.sig_speed) as speed:
        QTest.keyClick(bar.speed, Qt.Key.Key_Down)  # 1× → 2×, as a user picks it
    assert speed.args == [2.0]
    assert [bar.speed.itemData(i) for i in range(bar.speed.count())] == list(SPEEDS)
    assert (SPEEDS[0], SPEEDS[-1]) == (0.25, 100.0)
    assert bar.back.text() == "Close replay" and bar.back.isEnabled()
    with qtbot.waitSignal(bar.sig_back):
        qtbot.mouseClick(bar.back, Qt.MouseButton.LeftButton)


def test_modes_show_the_right_controls(qtbot):
    bar = _bar(qtbot)
    assert bar.rewind.isHidden()  # a recording opened: no rewind of the live market
    bar.set_mode(LIVE)
    assert not bar.play.isEnabled() and not bar.step.isEnabled() and not bar.back.isEnabled()
    assert bar.rewind.isVisibleTo(bar) and bar.rewind.isEnabled()
    with qtbot.waitSignal(bar.sig_rewind):
        qtbot.mouseClick(bar.rewind, Qt.MouseButton.LeftButton)
    bar.set_mode(REWIND, "Rewind")
    assert bar.back.text() == "Live" and bar.back.isEnabled() and bar.play.isEnabled()


def test_slider_click_and_drag_seek_to_the_time_under_the_mouse(qtbot):
    bar = _bar(qtbot)
    timeline = bar.timeline
    x = round(timeline.x_of(START + 150_000))  # a quarter of the way
    with qtbot.waitSignal(bar.sig_seek) as seek:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, 15))
    assert abs(seek.args[0] - (START + 150_000)) <= 2 * 600_000 / timeline.width()
    scrubbed: list[int] = []
    timeline.sig_scrubbed.connect(scrubbed.append)
    x2 = round(timeline.x_of(START + 450_000))
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, 15))
    qtbot.mouseMove(timeline, QPoint(x2, 15))
    assert scrubbed and abs(scrubbed[-1] - (START + 450_000)) <= 2 * 600_000 / timeline.width()
    with qtbot.waitSignal(bar.sig_seek) as let_go:
        qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x2, 15))
    assert let_go.args[0] == scrubbed[-1]
    assert bar.time.text().startswith("2025-03-11")  # the time shown follows the handle, with its day
    with qtbot.waitSignal(bar.sig_seek) as key:
        QTest.keyClick(timeline, Qt.Key.Key_Home)
    assert key.args == [START]


def test_slider_draws_the_activity_it_is_given(qtbot):
    bar = _bar(qtbot)
    timeline = bar.timeline
    buckets = timeline.buckets()
    counts = [0] * buckets
    busy = buckets * 3 // 4
    counts[busy] = 100  # one burst three quarters in
    bar.set_position(START)
    before = timeline.grab().toImage()
    bar.set_activity(counts)
    after = timeline.grab().toImage()
    x = round(timeline.x_of(START + int(600_000 * (busy + 0.5) / buckets)))
    y = timeline.height() - 6
    background = theme.current().background
    assert before.pixelColor(x, y) == background  # nothing drawn where nothing happened
    drawn = after.pixelColor(x, y)
    assert drawn != background
    quiet_x = round(timeline.x_of(START + int(600_000 * (buckets // 4 + 0.5) / buckets)))
    assert after.pixelColor(quiet_x, y) == background
