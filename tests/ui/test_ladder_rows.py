"""The order book shows whole levels only: at any height, and scrolled anywhere, no row is cut at
the top or the bottom of the table (half a level is a price without its size)."""

from __future__ import annotations

from app.storage.settings import Settings
from app.ui.kit.theme import RED_UP
from app.ui.orderbook.view import LadderWidget
from tests.support.windows import still_sim_window
from tests.ui.test_ladder import FakeService, book

HEIGHTS = (260, 301, 333, 377, 401, 457, 517, 640)


def _cut_rows(view) -> list[tuple[int, int, int]]:
    """(row, top, bottom) of each row partly inside the viewport."""
    height = view.viewport().height()
    cut = []
    for row in range(view.model().rowCount()):
        top = view.rowViewportPosition(row)
        bottom = top + view.rowHeight(row)
        if bottom > 0 and top < height and (top < 0 or bottom > height):
            cut.append((row, top, bottom))
    return cut


def test_no_level_is_cut_at_any_height_or_scroll(qapp, qtbot):
    service = FakeService()
    ladder = LadderWidget(service, RED_UP)
    qtbot.addWidget(ladder)
    ladder.resize(420, 500)
    ladder.show()
    ladder.set_symbol("HK:00700")
    service.sig_books.emit({"HK:00700": book([(413.8 - 0.2 * i, 100 + i) for i in range(20)],
                                             [(414.0 + 0.2 * i, 100 + i) for i in range(20)])})
    view = ladder.view
    for height in HEIGHTS:
        ladder.resize(420, height)
        qtbot.waitUntil(lambda: view.viewport().height() > 0 and not _cut_rows(view), timeout=1000)
        assert view.rowAt(0) >= 0 and view.rowAt(view.viewport().height() - 1) >= 0  # rows to the edges
        bar = view.verticalScrollBar()
        for value in (bar.minimum(), (bar.minimum() + bar.maximum()) // 2, bar.maximum()):
            bar.setValue(value)
            assert not _cut_rows(view), (height, value, _cut_rows(view))
        ladder._center_on_spread()
        assert not _cut_rows(view), (height, _cut_rows(view))


def test_no_level_is_cut_in_the_default_layout(qloop, qtbot):
    with still_sim_window(qtbot, Settings()) as window:
        view = window.ladder.view
        qtbot.waitUntil(lambda: view.isVisible() and view.model().rowCount() > 0, timeout=5000)
        qtbot.waitUntil(lambda: not _cut_rows(view), timeout=1000)
        for size in ((1920, 1080), (1280, 760), (1600, 900)):
            window.resize(*size)
            qtbot.waitUntil(lambda: not _cut_rows(view), timeout=1000)


def test_the_touch_stays_in_the_middle_when_the_book_is_resized(qapp, qtbot):
    """A window made smaller (or larger) keeps as many asks as bids in sight, give or take one:
    a book scrolled for another height showed seven asks over three bids."""
    service = FakeService()
    ladder = LadderWidget(service, RED_UP)
    qtbot.addWidget(ladder)
    ladder.resize(420, 640)
    ladder.show()
    ladder.set_symbol("HK:00700")
    service.sig_books.emit({"HK:00700": book([(413.8 - 0.2 * i, 100 + i) for i in range(20)],
                                             [(414.0 + 0.2 * i, 100 + i) for i in range(20)])})
    view, asks = ladder.view, ladder.model.ask_levels

    def balanced() -> bool:
        first, last = view.rowAt(0), view.rowAt(view.viewport().height() - 1)
        return first >= 0 and last >= 0 and abs((asks - first) - (last - asks + 1)) <= 1

    qtbot.waitUntil(balanced, timeout=1000)
    for height in (300, 640, 260, 517):
        ladder.resize(420, height)
        qtbot.waitUntil(balanced, timeout=1000)
