"""A chart opened from the kline cache gets its bars as columns: no bar object on the way, the
arrays read from SQLite become the chart's own (no copy), and it shows what the cache holds."""

from __future__ import annotations

import asyncio

import numpy as np

from app.core.types import Bar
from app.core.validate import now_ms
from app.feeds.sim import SimFeed
from app.services.history import KlineHistory
from app.services.market_data import MarketDataService
from app.storage.klines import KlineCache, KlineStore
from app.storage.settings import Settings
from app.ui.shell.main_window import MainWindow
from tests.support.qt_loop import run_task
from tests.support.window_parts import window_parts

MINUTE = 60_000


def test_the_cached_page_comes_as_columns_and_becomes_the_charts_own(qloop, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "klines.sqlite3"
    last = now_ms() // MINUTE * MINUTE - 60 * MINUTE
    stored = [Bar("sim", "HK:00700", "1m", last - i * MINUTE, 400.0 + i % 7, 401.0 + i % 7, 399.5 + i % 7,
                  400.2 + i % 7, 1000.0 + i) for i in range(300)][::-1]
    store = KlineStore(path)
    store.upsert(stored)
    store.close()
    read: list = []
    objects: list = []
    columns_of = KlineStore.latest_columns
    monkeypatch.setattr(KlineStore, "latest_columns", lambda *a, **k: read.append(columns_of(*a, **k)) or read[-1])
    monkeypatch.setattr(KlineStore, "latest", lambda *a, **k: objects.append(a) or [])

    cache = KlineCache(path)
    feed = SimFeed(always_open=True, step_ms=20)
    feed.persistent_history = True  # as a real vendor's: its bars are read from the disk first

    async def never(*_args, **_kwargs):  # the vendor's fresh page never comes: the cache is all there is
        await asyncio.Event().wait()

    feed.klines = never
    service = MarketDataService(feed)
    settings = Settings(watchlist=["HK:00700"], selected="HK:00700")
    window = MainWindow(service, settings, **window_parts(service, settings, history=KlineHistory(service, cache)))
    qtbot.addWidget(window)
    run_task(qtbot, service.start())
    window.show()
    window.start()
    try:
        chart = window.chart
        qtbot.waitUntil(lambda: len(chart.manager) >= len(stored), timeout=10000)
        n = len(stored)  # (the simulator's live bar may follow them)
        np.testing.assert_array_equal(chart.manager.ts[:n], [b.ts for b in stored])
        np.testing.assert_array_equal(chart.manager.close[:n], [b.close for b in stored])
        np.testing.assert_array_equal(chart.manager.volume[:n], [b.volume for b in stored])
        assert objects == []  # no list of bars read for the first page
        assert read and np.shares_memory(chart.manager.ts, read[0].ts)  # taken, not copied
        assert np.shares_memory(chart.manager.close, read[0].ohlcv)
        assert "Cached bars" in chart.notice.text()
        assert chart.empty.isHidden() and not chart.view.grab().isNull()
    finally:
        run_task(qtbot, service.aclose())
        cache.close()
