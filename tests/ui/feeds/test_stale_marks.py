"""A symbol silenced for real (its events never leave the simulator, so the feed's health sees
the silence): the watchlist greys its row and says how long it has been silent, the chart and
the order book say "no data for N s" in their corner, the Feeds pane lists it, the status light
turns amber; all of it clears when the symbol's data comes back."""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt

from app.storage.settings import Settings
from app.ui.feeds.indicator import AMBER, OK
from app.ui.kit import theme
from app.ui.watchlist.columns import WatchlistColumn
from tests.ui.feeds.support import muted_window

SILENCED = "CRYPTO:ETHUSDT"
LIVE = "CRYPTO:BTCUSDT"


def _cell_colours(window, symbol: str, column: WatchlistColumn) -> set[tuple[int, int, int]]:
    """The colours painted in the watchlist's cell (the table paints it itself)."""
    view = window.watchlist.view
    row = window.watchlist_model.row_of(symbol)
    rect = QRect(view.columnViewportPosition(column), view.rowViewportPosition(row),
                 view.columnWidth(column), view.rowHeight(row))
    image = view.viewport().grab(rect).toImage()
    return {image.pixelColor(x, y).getRgb()[:3] for x in range(image.width()) for y in range(image.height())}


def _near(colours: set[tuple[int, int, int]], colour, tolerance: int = 40) -> bool:
    target = colour.getRgb()[:3]
    return any(sum(abs(a - b) for a, b in zip(c, target, strict=True)) <= tolerance for c in colours)


def test_a_silenced_symbol_is_marked_everywhere_and_clears_when_it_speaks_again(qloop, qtbot):
    settings = Settings(watchlist=[LIVE, SILENCED], selected=SILENCED)
    with muted_window(qtbot, settings) as window:
        service, model = window.service, window.watchlist_model
        feeds = window.feeds
        qtbot.waitUntil(lambda: service.latest_quote(SILENCED) is not None and service.latest_book(SILENCED) is not None,
                        timeout=5000)
        qtbot.waitUntil(lambda: feeds.indicator.level == OK, timeout=3000)
        palette = theme.current()
        row = model.row_of(SILENCED)
        time_cell = model.index(row, WatchlistColumn.TIME)
        assert re.fullmatch(r"\d\d:\d\d:\d\d UTC", model.data(time_cell))
        assert not window.chart.stale_corner.isVisible() and not window.ladder.stale_corner.isVisible()

        service.feed.muted.add(SILENCED)
        qtbot.waitUntil(lambda: SILENCED in feeds.stale.ages, timeout=4000)
        age_s = feeds.stale.ages[SILENCED] // 1000
        # the watchlist: the time column says the silence, the prices are greyed (painted so)
        assert model.data(time_cell) == f"{age_s} s ago"
        assert model.data(model.index(row, WatchlistColumn.LAST), Qt.ItemDataRole.ForegroundRole) == palette.muted
        window.watchlist.view.selectionModel().clearSelection()  # (a selected row is painted in its own colours)
        last = _cell_colours(window, SILENCED, WatchlistColumn.LAST)
        assert _near(last, palette.muted, 60)
        direction = model.direction
        assert not _near(last, direction.up, 30) and not _near(last, direction.down, 30)
        assert "No data for" in model.data(time_cell, Qt.ItemDataRole.ToolTipRole)
        assert LIVE not in model.stale_ages()
        # the chart and the book say it in their corner
        for corner in (window.chart.stale_corner, window.ladder.stale_corner):
            qtbot.waitUntil(corner.isVisible, timeout=2000)
            assert re.fullmatch(r"no data for \d+ s", corner.text())
        window.chart.set_intraday(1)  # the intraday view says it too, in its own corner
        qtbot.waitUntil(window.chart.intraday_stale_corner.isVisible, timeout=3000)
        assert re.fullmatch(r"no data for \d+ s", window.chart.intraday_stale_corner.text())
        window.chart.set_intraday(0)
        qtbot.waitUntil(window.chart.stale_corner.isVisible, timeout=3000)
        # the Feeds pane lists it, the light is amber and says why
        pane = feeds.pane
        assert pane.stale_model.symbols == [SILENCED]
        assert re.fullmatch(r"\d+ s", pane.stale_model.data(pane.stale_model.index(0, 1)))
        assert feeds.indicator.level == AMBER
        assert SILENCED in feeds.indicator.toolTip() and "stale" in feeds.indicator.toolTip()
        # the age grows with the next health tick
        qtbot.waitUntil(lambda: (feeds.stale.ages.get(SILENCED) or 0) // 1000 > age_s, timeout=3000)
        assert model.data(time_cell) == f"{feeds.stale.ages[SILENCED] // 1000} s ago"

        service.feed.muted.discard(SILENCED)
        with qtbot.waitSignal(service.sig_quotes, timeout=2000, check_params_cb=lambda batch: SILENCED in batch):
            pass
        # cleared by the data itself, not by the next health tick
        assert SILENCED not in feeds.stale.ages and SILENCED not in model.stale_ages()
        assert re.fullmatch(r"\d\d:\d\d:\d\d UTC", model.data(time_cell))
        assert not window.chart.stale_corner.isVisible() and not window.ladder.stale_corner.isVisible()
        assert pane.stale_model.symbols == [] and pane.none_stale.isVisibleTo(pane)
        qtbot.waitUntil(lambda: feeds.indicator.level == OK, timeout=2500)
