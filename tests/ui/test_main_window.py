"""The real window on the simulator, checked through the widgets' models."""

from __future__ import annotations

import asyncio
import time

import pytest

from app.core.types import Channel
from app.feeds.sim import SimFeed
from app.storage.settings import Settings
from app.ui.kit.theme import DARK
from app.ui.watchlist.widget import WatchlistColumn
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window

WATCH = ["US:AAPL", "HK:00700", "CRYPTO:BTCUSDT", "SH:600519", "IDX:HSI"]


@pytest.fixture
def window(qloop, qtbot):
    win = open_sim_window(qtbot, Settings(watchlist=list(WATCH), selected="US:AAPL", red_up=True))
    service = win.service
    yield win
    if service.feed._task is not None:
        run_task(qtbot, service.aclose())


def test_quotes_reach_the_watchlist(window, qtbot):
    model = window.watchlist_model
    assert model.rowCount() == len(WATCH)
    qtbot.waitUntil(lambda: all(model.quote(s) is not None for s in WATCH), timeout=5000)
    first = {s: model.quote(s).ts for s in WATCH}
    qtbot.waitUntil(lambda: model.quote("CRYPTO:BTCUSDT").ts > first["CRYPTO:BTCUSDT"], timeout=5000)
    row = model.row_of("HK:00700")
    last = model.index(row, WatchlistColumn.LAST).data()
    assert last.count(".") == 1 and len(last.split(".")[1]) == 3, "HK prices show 3 decimals"
    assert model.index(row, WatchlistColumn.NAME).data() in ("Tencent", "腾讯控股")
    assert model.index(row, WatchlistColumn.TIME).data().endswith("HKT")
    q = model.quote("HK:00700")
    colour = model.index(row, WatchlistColumn.CHANGE).data(role=9)  # ForegroundRole
    if q.change:
        assert colour == (DARK.red if q.change > 0 else DARK.green), "red is up when red_up is set"


def test_selecting_a_row_fills_ladder_tape_and_chart(window, qtbot):
    symbol = "CRYPTO:BTCUSDT"
    with qtbot.waitSignal(window.sig_symbol_selected, timeout=2000) as blocker:
        window.watchlist.view.selectRow(window.watchlist_model.row_of(symbol))
    assert blocker.args == [symbol]
    assert window.ladder.symbol == window.tape.symbol == window.chart.symbol == symbol
    qtbot.waitUntil(lambda: window.ladder.model.rowCount() >= 10, timeout=5000)
    qtbot.waitUntil(lambda: window.tape.model.rowCount() >= 5, timeout=5000)
    qtbot.waitUntil(lambda: len(window.chart.manager) >= 100, timeout=5000)
    ladder = window.ladder.model
    assert ladder.best_bid < ladder.best_ask
    assert window.ladder.spread.text().startswith("Spread")
    trades = [window.tape.model.trade_at(i) for i in range(window.tape.model.rowCount())]
    assert all(t.symbol == symbol for t in trades)
    assert [t.ts for t in trades] == sorted((t.ts for t in trades), reverse=True), "newest on top"
    # the chart's live bar follows the trades
    chart = window.chart.manager
    qtbot.waitUntil(lambda: chart.close[-1] == window.tape.model.trade_at(0).price, timeout=5000)
    assert window.chart.graphics.isVisible() and not window.chart.empty.isVisible()


def test_switching_symbols_releases_the_old_subscriptions(window, qtbot):
    feed: SimFeed = window.service.feed
    window.select_symbol("CRYPTO:BTCUSDT")
    window.select_symbol("HK:00700")
    # each pane releases on its own (no service-wide lock): wait for both
    qtbot.waitUntil(lambda: feed._subs[Channel.DEPTH] == feed._subs[Channel.TRADE] == {"HK:00700"},
                    timeout=3000)
    assert "CRYPTO:BTCUSDT" in feed._subs[Channel.QUOTE], "the watchlist still holds its quotes"


def test_index_has_no_order_book_and_says_so(window, qtbot):
    window.select_symbol("IDX:HSI")
    assert window.ladder.empty.isVisible()
    assert "no depth" in window.ladder.empty.text()


def test_quitting_cancels_and_awaits_everything_within_two_seconds(window, qtbot):
    service = window.service
    window.select_symbol("CRYPTO:BTCUSDT")
    qtbot.waitUntil(lambda: len(window.chart.manager) > 0, timeout=5000)
    with qtbot.waitSignal(window.sig_closed, timeout=1000):
        window.close()
    started = time.monotonic()
    run_task(qtbot, service.aclose(), timeout=3000)
    assert time.monotonic() - started < 2.0
    assert service.feed._task is None
    leftovers = [t for t in asyncio.all_tasks() if not t.done() and t is not asyncio.current_task()]
    assert not [t for t in leftovers if "sim" in t.get_name()]


@pytest.fixture
def dark_again(qapp):
    """A theme is the application's: give the next test the dark one back."""
    yield
    from app.ui.kit import theme

    theme.apply(qapp, theme.DARK)


def test_the_light_theme_repaints_every_dock_and_is_remembered(window, qtbot, qapp, dark_again):
    from PySide6.QtGui import QPalette

    from app.ui.kit.theme import LIGHT

    model = window.watchlist_model
    qtbot.waitUntil(lambda: any(model.quote(s) is not None and model.quote(s).change for s in WATCH), timeout=5000)
    window.chart.set_notice("a notice")
    window.theme_actions["light"].trigger()
    assert window.settings.theme == "light" and window.theme_actions["light"].isChecked()
    assert qapp.palette().color(QPalette.ColorRole.Base) == LIGHT.background
    # the models answer in the light theme's shades (red up, as set)
    symbol = next(s for s in WATCH if model.quote(s) is not None and model.quote(s).change)
    row = model.row_of(symbol)
    colour = model.index(row, WatchlistColumn.CHANGE).data(role=9)
    assert colour == (LIGHT.red if model.quote(symbol).change > 0 else LIGHT.green)
    assert model.index(row, WatchlistColumn.NAME).data(role=9) == LIGHT.muted
    # the chart: background, grid, axes, candles and legends
    view = window.chart.view
    assert view.backgroundBrush().color() == LIGHT.background
    assert view.price.grid.colour == LIGHT.grid_line
    assert view.price.price_axis.textPen().color() == LIGHT.text
    assert view.candles.direction.up == LIGHT.red
    assert LIGHT.muted.name() in view.price.plot.titleLabel.text
    assert LIGHT.muted.name() in window.chart.notice.styleSheet()
    assert LIGHT.green.name() in window.status.connection.text() or "connecting" in window.status.connection.text()
    # and back
    window.theme_actions["dark"].trigger()
    assert qapp.palette().color(QPalette.ColorRole.Base) == DARK.background
    assert view.backgroundBrush().color() == DARK.background and window.settings.theme == "dark"
