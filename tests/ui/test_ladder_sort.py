"""The ladder sorts a book's levels best first itself (defence in depth: the feeds' validator
already does), so an unsorted book never shows a worse bid as the best one."""

from __future__ import annotations

from app.ui.orderbook.model import LadderColumn
from tests.ui.test_ladder import book, cells, ladder, service  # noqa: F401 (fixtures)


def test_unsorted_levels_are_shown_best_first(ladder, service):  # noqa: F811
    service.sig_books.emit({"HK:00700": book([(413.4, 300), (413.8, 500), (413.6, 1200)],
                                             [(414.4, 100), (414.0, 400), (414.2, 900)])})
    assert cells(ladder, LadderColumn.PRICE) == ["414.400", "414.200", "414.000", "413.800", "413.600", "413.400"]
    assert cells(ladder, LadderColumn.BID_TOTAL) == ["", "", "", "500", "1,700", "2,000"]
    assert ladder.model.best_bid == 413.8 and ladder.model.best_ask == 414.0
    assert not ladder.model.crossed
    assert ladder.spread.text().startswith("Spread 0.200")
