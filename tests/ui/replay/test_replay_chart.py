"""The chart in a replay: the kline cache's bars from before the recording, then a bar built from
the replayed prints, growing as they play (its close the last print, its volume their sum)."""

from __future__ import annotations

from app.core.types import Bar
from app.services.history import KlineHistory
from app.storage.klines import KlineCache
from tests.support import window_parts as module
from tests.support.qt_loop import run_task
from tests.support.windows import window_on_sim
from tests.ui.replay.support import SYMBOL, T0, bid_at, make_recording, window_settings

CACHED = 30  # minute bars before the recording


def _cached_bars() -> list[Bar]:
    return [Bar("sim", SYMBOL, "1m", T0 - (CACHED - k) * 60_000, 99.0, 101.0, 98.0, 100.0, 10.0)
            for k in range(CACHED)]


def test_chart_continues_the_cache_with_bars_of_the_replayed_prints(qtbot, qloop, tmp_path, monkeypatch):
    path = make_recording(tmp_path / "demo.qtrec")
    cache = KlineCache(tmp_path / "klines.sqlite3")
    run_task(qtbot, cache.upsert(_cached_bars()))
    original = module.window_parts  # (window_on_sim asks it for its parts: a history with the cache)

    def with_cache(service, settings, **given):
        given.setdefault("history", KlineHistory(service, cache))
        return original(service, settings, **given)

    monkeypatch.setattr(module, "window_parts", with_cache)
    try:
        with window_on_sim(qtbot, window_settings()) as window:
            replay = window.replay
            run_task(qtbot, replay.open_recording(path), timeout=8000)
            chart = window.chart
            qtbot.waitUntil(lambda: chart.symbol == SYMBOL and len(chart.manager) == CACHED, timeout=5000)
            assert chart.manager.ts[-1] == T0 - 60_000  # the cache's, up to the recording's start
            played = 12
            for _ in range(played * 3):  # twelve seconds of book, quote and print
                replay.step()
            manager = chart.manager
            qtbot.waitUntil(lambda: len(manager) == CACHED + 1 and manager.ts[-1] == T0
                            and manager.close[-1] == bid_at(played - 1) + 0.25, timeout=3000)
            assert manager.open[-1] == bid_at(0) + 0.25
            assert manager.volume[-1] == sum(1.0 + i for i in range(played))
            assert manager.high[-1] == bid_at(played - 1) + 0.25 and manager.low[-1] == bid_at(0) + 0.25
    finally:
        cache.close()
