"""The cache read straight into columns keeps exactly the bars ``latest`` keeps: the same
times and numbers, the same rows refused, a missing volume as 0, a page before a time."""

from __future__ import annotations

import asyncio
import math
import sqlite3

import numpy as np

from app.core.bar_columns import BarColumns, columns_ok
from app.core.types import Bar
from app.core.validate import bar_ok
from app.storage.klines import UPSERT, KlineCache, KlineStore

T0 = 1_764_460_800_000  # 2025-11-30 00:00 UTC


def bar(i: int, o=10.0, h=11.0, lo=9.0, c=10.5, vol: float | None = 5.0) -> Bar:
    return Bar("qos", "US:AAPL", "1m", T0 + i * 60_000, o + i * 0.01, h + i * 0.01, lo + i * 0.01, c + i * 0.01, vol)


def _raw(path, bars) -> None:
    """Rows as an older version (or another program) left them: no check on the way in."""
    with sqlite3.connect(path) as db:
        for b in bars:
            db.execute(UPSERT, (b.vendor, b.symbol, b.period, b.ts, b.open, b.high, b.low, b.close, b.volume))


def _same(columns: BarColumns, bars: list[Bar]) -> None:
    expected = BarColumns.of(bars)
    np.testing.assert_array_equal(columns.ts, expected.ts)
    np.testing.assert_array_equal(columns.ohlcv, expected.ohlcv)
    assert columns.ts.dtype == np.int64 and columns.ohlcv.dtype == np.float64


def test_columns_hold_what_latest_holds_bad_rows_refused_alike(tmp_path):
    path = tmp_path / "klines.sqlite"
    KlineStore(path).close()
    good = [bar(i) for i in range(0, 40, 3)] + [bar(41, vol=None), bar(42, vol=0.0)]
    bad = [bar(1, o=100.0, h=90.0, lo=110.0, c=100.0), bar(2, c=0.0), bar(4, vol=-9.0), bar(5, h=math.inf),
           Bar("qos", "US:AAPL", "1m", -5_000_000, 10, 11, 9, 10, 1),
           bar(60 * 24 * 365 * 30)]  # thirty years ahead
    _raw(path, good + bad)
    store = KlineStore(path)
    kept = store.latest("qos", "US:AAPL", "1m", 100)
    assert [b.ts for b in kept] == [b.ts for b in good]
    columns = store.latest_columns("qos", "US:AAPL", "1m", 100)
    _same(columns, kept)
    assert columns.ohlcv[4, -2] == 0.0  # no volume: 0, as the chart draws it
    for count, before in ((5, None), (4, bar(30).ts), (100, bar(10).ts), (3, T0)):
        _same(store.latest_columns("qos", "US:AAPL", "1m", count, before=before),
              store.latest("qos", "US:AAPL", "1m", count, before=before))
    assert len(store.latest_columns("qos", "US:MSFT", "1m", 10)) == 0


def test_room_after_the_bars_is_handed_over_with_them(tmp_path):
    store = KlineStore(tmp_path / "klines.sqlite")
    store.upsert([bar(i) for i in range(50)])
    columns = store.latest_columns("qos", "US:AAPL", "1m", 20, room=1024)
    ts, cols = columns.buffers
    assert len(ts) == 20 + 1024 and cols.shape == (5, 20 + 1024)
    assert np.shares_memory(columns.ts, ts) and np.shares_memory(columns.ohlcv, cols)
    np.testing.assert_array_equal(ts[:20], columns.ts)
    assert columns.ts[0] == bar(30).ts and columns.ts[-1] == bar(49).ts and columns.front == 0


def test_room_before_the_bars_too(tmp_path):
    """With ``front``, the same bars, held from place ``front`` on (room for older pages); over
    several chunks (ROWS_AT_ONCE), and ignored without room after (nothing handed over)."""
    from app.storage import klines

    store = KlineStore(tmp_path / "klines.sqlite")
    store.upsert([bar(i) for i in range(50)])
    klines.ROWS_AT_ONCE, chunk = 7, klines.ROWS_AT_ONCE
    try:
        columns = store.latest_columns("qos", "US:AAPL", "1m", 20, room=1024, front=300)
    finally:
        klines.ROWS_AT_ONCE = chunk
    _same(columns, store.latest("qos", "US:AAPL", "1m", 20))
    ts, cols = columns.buffers
    assert columns.front == 300 and len(ts) == 300 + 20 + 1024 and cols.shape == (5, len(ts))
    np.testing.assert_array_equal(ts[300:320], columns.ts)
    np.testing.assert_array_equal(cols[:, 300:320], columns.ohlcv)
    plain = store.latest_columns("qos", "US:AAPL", "1m", 20, front=300)
    assert plain.buffers is None and plain.front == 0
    _same(plain, store.latest("qos", "US:AAPL", "1m", 20))


def test_text_in_a_number_column_falls_back_to_the_slow_read(tmp_path):
    path = tmp_path / "klines.sqlite"
    KlineStore(path).close()
    _raw(path, [bar(0), bar(1)])
    with sqlite3.connect(path) as db:  # SQLite keeps what it is given: another program's text
        db.execute("UPDATE klines SET volume='12.5' WHERE ts=?", (bar(1).ts,))
    store = KlineStore(path)
    _same(store.latest_columns("qos", "US:AAPL", "1m", 10), [bar(0), bar(1, vol=12.5)])


def test_columns_ok_is_bar_ok_over_columns():
    now = T0 + 10 * 60_000
    bars = [bar(0), bar(1, o=100.0, h=90.0, lo=110.0, c=100.0), bar(2, c=-1.0), bar(3, vol=-1.0),
            bar(4, h=math.inf), bar(5, lo=math.nan), bar(6, vol=None), bar(60 * 25), bar(60 * 23),
            Bar("qos", "US:AAPL", "1d", T0 + 3 * 86_400_000, 10, 11, 9, 10, 1),
            Bar("qos", "US:AAPL", "1m", 5, 10, 11, 9, 10, 1), bar(7, o=1e16, h=1e16)]
    for period in ("1m", "1d"):
        same = [Bar(b.vendor, b.symbol, period, b.ts, b.open, b.high, b.low, b.close, b.volume) for b in bars]
        columns = BarColumns.of(same)
        assert list(columns_ok(columns.ts, columns.ohlcv, period, now)) == [bar_ok(b, now) for b in same]


def test_the_cache_thread_reads_columns_too(tmp_path):
    cache = KlineCache(tmp_path / "klines.sqlite")
    try:
        asyncio.run(cache.upsert([bar(i) for i in range(10)]))
        columns = asyncio.run(cache.latest_columns("qos", "US:AAPL", "1m", 5))
        _same(columns, [bar(i) for i in range(5, 10)])
    finally:
        cache.close()
