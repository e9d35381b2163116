"""Rewind from the live terminal: the slider dragged back over the rolling recording puts the
book of that moment in the ladder and holds it there while the live feed runs on and keeps
recording; "Live" shows the live book and tape again, with the prints that arrived meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from app.core.types import Book
from app.ui.replay.transport import LIVE, REWIND
from tests.support.windows import window_on_sim
from tests.ui.replay.support import window_settings

SYMBOL = "CRYPTO:BTCUSDT"


def _book_at(rolling, ms: int) -> Book:
    """The latest book of SYMBOL recorded at or before ``ms``, read back from the files."""
    found = None
    for at, event in rolling.reader().timed():
        if at > ms:
            break
        if type(event) is Book and event.symbol == SYMBOL:
            found = event
    assert found is not None
    return found


def test_drag_back_then_live(qtbot, qloop):
    with window_on_sim(qtbot, window_settings(2)) as window:
        replay = window.replay
        service = window.service
        rolling = replay.recording.rolling
        assert rolling is not None and rolling.folder == replay.folder / "rolling"
        qtbot.waitUntil(lambda: (span := replay._rolling_span()) is not None and span[1] - span[0] >= 3000,
                        timeout=8000)
        view_menu = window.menuBar().actions()[1].menu()
        bar_action = replay.toolbar.toggleViewAction()
        assert bar_action in view_menu.actions()
        bar_action.trigger()
        assert replay.toolbar.isVisible()
        bar = replay.bar
        start, end = bar.timeline.start_ms, bar.timeline.end_ms
        assert bar.mode == LIVE and bar.timeline.value() == end and not bar.play.isEnabled()

        # drag the handle from the live end two seconds back
        target = end - 2000
        timeline = bar.timeline
        qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.x_of(end)), 15))
        qtbot.mouseMove(timeline, QPoint(round(timeline.x_of(target)), 15))
        qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.x_of(target)), 15))
        qtbot.waitUntil(lambda: replay.mode == REWIND and bar.mode == REWIND, timeout=3000)
        at = timeline.value()
        assert start <= at < end - 1000
        assert service.showing_other
        then = _book_at(rolling, at)
        qtbot.waitUntil(lambda: window.ladder.model.book is not None
                        and window.ladder.model.book.ts == then.ts, timeout=3000)
        assert window.ladder.model.best_bid == then.bids[0][0]
        chart = window.chart  # live still, the moment shown marked on it
        qtbot.waitUntil(lambda: chart.moment.line.ts == at and chart.moment.x() is not None, timeout=3000)
        assert chart.manager.ts[int(chart.moment.x())] <= at  # the bar that holds it: the last or the one before
        assert int(chart.moment.x()) >= len(chart.manager) - 2

        # the live feed runs on and is recorded meanwhile, unseen by the panes
        recorded_end = rolling.end_ms
        qtbot.waitUntil(lambda: len(service.live_trades(SYMBOL)) >= 3 and rolling.end_ms > recorded_end + 500,
                        timeout=5000)
        assert window.ladder.model.book.ts == then.ts  # paused: the book of then, still
        newest_live = service.live_trades(SYMBOL)[-1]

        # Live: the live book and tape again, the prints of the meantime on top
        assert bar.back.text() == "Live"
        qtbot.mouseClick(bar.back, Qt.MouseButton.LeftButton)
        assert replay.mode == LIVE and not service.showing_other and chart.moment.x() is None
        qtbot.waitUntil(lambda: window.ladder.model.book is not None
                        and window.ladder.model.book.ts > then.ts, timeout=3000)
        qtbot.waitUntil(lambda: window.tape.model.rowCount() > 0
                        and window.tape.model.trade_at(0).ts >= newest_live.ts, timeout=3000)
        shown = [window.tape.model.trade_at(r) for r in range(window.tape.model.rowCount())]
        assert newest_live in shown
