"""Failover and comparison in the window: the settings dialog's backup vendor makes the feed a
failover; a failed-over symbol says "via itick" in its row, the chart's corner and the status
bar (never marked stale) until it comes back; a divergence puts "≠" before the row's last price
with both vendors' prices in its tooltip until a quote agrees again; the Feeds pane shows both
vendors. Events planted through the service's signals on a still simulator window."""

from __future__ import annotations

import time

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.core.health import Health
from app.core.types import Divergence, Failover, Quote
from app.feeds.failover import FailoverFeed
from app.storage.settings import Settings, VendorHosts
from app.ui.kit import theme
from app.ui.kit.stale import StaleSymbols
from app.ui.watchlist.columns import WatchlistColumn
from tests.support.windows import still_sim_window

SYMBOL = "CRYPTO:BTCUSDT"
OTHER = "CRYPTO:ETHUSDT"
NOWHERE = VendorHosts(base_url="http://127.0.0.1:9", ws_url="ws://127.0.0.1:9")  # no request leaves the machine


def _settings() -> Settings:
    return Settings(watchlist=[SYMBOL, OTHER], selected=SYMBOL, hosts={"itick": NOWHERE, "maidong": NOWHERE})


def _painted(window, symbol: str, column: WatchlistColumn) -> set[tuple[int, int, int]]:
    view = window.watchlist.view
    row = window.watchlist_model.row_of(symbol)
    rect = QRect(view.columnViewportPosition(column), view.rowViewportPosition(row),
                 view.columnWidth(column), view.rowHeight(row))
    image = view.viewport().grab(rect).toImage()
    return {image.pixelColor(x, y).getRgb()[:3] for x in range(image.width()) for y in range(image.height())}


def _near(colours, colour, tolerance: int = 60) -> bool:
    target = colour.getRgb()[:3]
    return any(sum(abs(a - b) for a, b in zip(c, target, strict=True)) <= tolerance for c in colours)


def test_a_backup_chosen_in_settings_makes_the_feed_a_failover_with_both_vendors_in_the_feeds_pane(qloop, qtbot):
    settings = _settings()
    with still_sim_window(qtbot, settings) as window:
        window.open_settings()
        dialog = window.settings_dialog
        assert dialog.backup.currentData() is None and dialog.backup.findData("sim") == -1  # not itself
        dialog.backup.setFocus()
        while dialog.backup.currentData() != "itick":
            qtbot.keyClick(dialog.backup, Qt.Key.Key_Down)
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
        assert settings.backup == {"sim": "itick"}
        qtbot.waitUntil(lambda: isinstance(window.service.feed, FailoverFeed), timeout=5000)
        assert [f.vendor for f in window.service.vendor_feeds()] == ["sim", "itick"]
        model = window.feeds.model  # gathered by the health table while the pane is not built
        qtbot.waitUntil(lambda: model.vendors == ["sim", "itick"], timeout=4000)
        assert not window.feeds.lazy.built  # the backup's rows did not build the pane (start-up)
        assert window.feeds.pane.model is model

        window.open_settings()  # the saved backup shown again; None takes it away
        dialog = window.settings_dialog
        assert dialog.backup.currentData() == "itick"
        dialog.backup.setFocus()
        while dialog.backup.currentData() is not None:
            qtbot.keyClick(dialog.backup, Qt.Key.Key_Up)
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
        assert settings.backup == {}
        qtbot.waitUntil(lambda: not isinstance(window.service.feed, FailoverFeed), timeout=5000)


def test_a_vendor_to_compare_with_chosen_in_settings_reads_both(qloop, qtbot):
    """Settings ▸ Compare with: the window reads the second vendor beside the first (a
    CompareFeed), the Feeds pane has both; None reads one again."""
    from app.feeds.compare import CompareFeed

    settings = _settings()
    with still_sim_window(qtbot, settings) as window:
        window.open_settings()
        dialog = window.settings_dialog
        assert dialog.compare.currentData() is None and dialog.compare.findData("sim") == -1
        dialog.compare.setFocus()
        while dialog.compare.currentData() != "itick":
            qtbot.keyClick(dialog.compare, Qt.Key.Key_Down)
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
        assert settings.compare == {"sim": "itick"} and settings.backup == {}
        qtbot.waitUntil(lambda: isinstance(window.service.feed, CompareFeed), timeout=5000)
        assert [f.vendor for f in window.service.vendor_feeds()] == ["sim", "itick"]
        window.open_settings()
        dialog = window.settings_dialog
        assert dialog.compare.currentData() == "itick"
        dialog.compare.setFocus()
        while dialog.compare.currentData() is not None:
            qtbot.keyClick(dialog.compare, Qt.Key.Key_Up)
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
        assert settings.compare == {}
        qtbot.waitUntil(lambda: not isinstance(window.service.feed, CompareFeed), timeout=5000)


def test_a_failed_over_symbol_says_via_itick_everywhere_is_not_stale_and_clears_when_back(qloop, qtbot):
    with still_sim_window(qtbot, _settings()) as window:
        service, model = window.service, window.watchlist_model
        label, corner = window.failover.label, window.chart.stale_corner
        qtbot.waitUntil(lambda: service.latest_quote(SYMBOL) is not None, timeout=5000)
        time_cell = model.index(model.row_of(SYMBOL), WatchlistColumn.TIME)
        clock = model.data(time_cell)
        assert not label.isVisible() and not corner.isVisible()
        window.watchlist.view.selectionModel().clearSelection()  # (a selected row has its own colours)

        service.sig_failover.emit(Failover(1, from_="sim", to="itick", symbols=[SYMBOL], reason="stale on sim"))
        assert model.data(time_cell) == "via itick" and "via itick" in model.texts(WatchlistColumn.TIME)
        assert "Served by itick instead of sim (stale on sim)" in model.data(time_cell, Qt.ItemDataRole.ToolTipRole)
        assert model.data(model.index(model.row_of(OTHER), WatchlistColumn.TIME)) != "via itick"
        assert _near(_painted(window, SYMBOL, WatchlistColumn.TIME), theme.current().accent)
        assert label.isVisible() and label.text() == "sim → itick: 1 symbol"
        assert "itick serves CRYPTO:BTCUSDT instead of sim" in label.toolTip()
        assert corner.isVisible() and corner.text() == "via itick"
        book_corner = window.ladder.stale_corner
        assert not book_corner.isHidden() and book_corner.text() == "via itick"  # (the book's table waits for a book)
        # the primary's health lists it stale: it is not marked (the backup serves it)
        stale = StaleSymbols.of(service)
        stale.on_health(Health("sim", 1, "connected", 0, None, 1.0, 0, 0, [SYMBOL, OTHER]))
        assert list(stale.ages) == [OTHER]

        service.sig_failover.emit(Failover(2, from_="sim", to="itick", symbols=[OTHER], reason="sim down"))
        assert label.text() == "sim → itick: 2 symbols"
        service.sig_failover.emit(Failover(3, from_="itick", to="sim", symbols=[SYMBOL, OTHER], reason="sim healthy again"))
        assert model.data(time_cell) == clock
        assert not label.isVisible() and not corner.isVisible() and book_corner.isHidden()
        stale.on_health(Health("sim", 2, "connected", 0, None, 1.0, 0, 0, [SYMBOL]))
        assert list(stale.ages) == [SYMBOL]  # back on the primary: stale again if it is


def test_a_divergence_badges_the_row_with_both_prices_until_a_quote_agrees(qloop, qtbot):
    with still_sim_window(qtbot, _settings()) as window:
        service, model = window.service, window.watchlist_model
        qtbot.waitUntil(lambda: service.latest_quote(SYMBOL) is not None, timeout=5000)
        last_cell = model.index(model.row_of(SYMBOL), WatchlistColumn.LAST)
        shown = model.data(last_cell)
        price = service.latest_quote(SYMBOL).last
        window.watchlist.view.selectionModel().clearSelection()

        other = round(price * 1.01, 2)
        service.sig_divergence.emit(Divergence(1, SYMBOL, ["sim", "itick"], "last", [price, other], 100.0))
        assert model.data(last_cell) == "≠ " + shown
        assert "≠ " + shown in model.texts(WatchlistColumn.LAST)  # the column is sized to the mark (never "≠ 1…")
        tip = model.data(last_cell, Qt.ItemDataRole.ToolTipRole)
        assert f"sim {shown}" in tip and f"itick {other:,.2f}" in tip and "100 bp apart" in tip
        assert _near(_painted(window, SYMBOL, WatchlistColumn.LAST), theme.current().amber)

        service.sig_quotes.emit({SYMBOL: Quote("sim", SYMBOL, 2, last=price)})  # still apart
        assert model.data(last_cell).startswith("≠ ")
        service.sig_quotes.emit({SYMBOL: Quote("sim", SYMBOL, 3, last=other)})  # they agree
        assert not model.data(last_cell).startswith("≠")
        assert "bp apart" not in (model.data(last_cell, Qt.ItemDataRole.ToolTipRole) or "")


def test_a_real_failover_of_two_hand_driven_vendors_marks_the_row_and_the_status_bar(qloop, qtbot):
    from app.core.types import ConnectionState, Status
    from tests.support.hand_feed import HandFeed
    from tests.support.qt_loop import run_task

    primary, backup = HandFeed("maidong"), HandFeed("itick")
    feed = FailoverFeed(primary, backup, down_grace_ms=0, check_interval=0.01)
    with still_sim_window(qtbot, _settings(), feeds=lambda _vendor, _settings, **_kw: feed) as window:
        run_task(qtbot, window.switch_vendor("maidong"))
        model = window.watchlist_model
        qtbot.waitUntil(lambda: SYMBOL in primary.subscribed and model.row_of(SYMBOL) is not None, timeout=5000)
        primary.emit(Status("maidong", ConnectionState.RECONNECTING))
        time_cell = model.index(model.row_of(SYMBOL), WatchlistColumn.TIME)
        qtbot.waitUntil(lambda: model.data(time_cell) == "via itick", timeout=3000)
        assert window.service.serving(SYMBOL) == "itick"
        moved = len(feed.failed_over)  # (every symbol the window subscribed: the primary is down)
        assert moved > 1 and window.failover.label.text() == f"maidong → itick: {moved} symbols"
        backup.emit(Quote("itick", SYMBOL, int(time.time() * 1000), last=97000.5))
        last_cell = model.index(model.row_of(SYMBOL), WatchlistColumn.LAST)
        qtbot.waitUntil(lambda: model.data(last_cell) == "97,000.50", timeout=3000)
