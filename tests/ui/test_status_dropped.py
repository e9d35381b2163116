"""What a feed's validator dropped reaches the status bar's tooltip through the service, counted
per kind (issue 17 point 3: drops are counted, the count shows in the status bar's tooltip)."""

from __future__ import annotations

import math

from app.core.types import Quote, Side, Trade
from app.services.market_data import MarketDataService
from app.ui.shell.status_bar import TerminalStatusBar
from tests.support.qt_loop import run_task
from tests.services.test_market_data import T0, RecordingFeed


def test_the_rate_tooltip_counts_what_the_feed_dropped_per_kind(qloop, qtbot):
    feed = RecordingFeed()
    service = MarketDataService(feed)
    run_task(qtbot, service.start())
    status = TerminalStatusBar(feed.vendor)
    qtbot.addWidget(status)
    service.sig_dropped.connect(status.set_dropped)
    try:
        feed.emit(Quote("rec", "US:AAPL", T0, last=-4242.5))
        feed.emit(Trade("rec", "US:AAPL", T0, -33.33, -9.0, Side.BUY))
        feed.emit(Quote("rec", "US:AAPL", T0, last=math.nan))
        feed.emit(Quote("rec", "US:AAPL", T0, last=10.0))  # a good one: not counted
        qtbot.waitUntil(lambda: "Dropped as invalid: 3" in status.rate.toolTip(), timeout=3000)
        tip = status.rate.toolTip().splitlines()
        assert tip == ["Dropped as invalid: 3", "a price ≤ 0: 2", "a value that is not a finite number: 1"]
        status.set_vendor("sim")  # another vendor starts from nothing
        assert status.rate.toolTip() == ""
    finally:
        run_task(qtbot, service.aclose())
