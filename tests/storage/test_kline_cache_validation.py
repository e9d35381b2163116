"""The kline cache never stores an invalid bar and never reads one back (issue 17 point 3: a
live bar went into SQLite unchecked, so a bad bar survived a restart)."""

from __future__ import annotations

import math
import sqlite3

from app.core.types import Bar
from app.storage.klines import UPSERT, KlineStore

T0 = 1_764_460_800_000  # 2025-11-30 00:00 UTC


def bar(i: int, o=10.0, h=11.0, lo=9.0, c=10.5, vol=5.0) -> Bar:
    return Bar("qos", "US:AAPL", "1m", T0 + i * 60_000, o, h, lo, c, vol)


def test_invalid_bars_are_not_stored_and_the_good_ones_are(tmp_path):
    store = KlineStore(tmp_path / "klines.sqlite")
    bad = [bar(1, o=100.0, h=90.0, lo=110.0, c=100.0), bar(2, c=-4242.5), bar(3, vol=-9.0),
           bar(4, h=math.inf), bar(5, lo=math.nan), Bar("qos", "US:AAPL", "1m", -5_000_000, 10, 11, 9, 10, 1)]
    store.upsert([bar(0), *bad, bar(6)])
    assert store.count("qos", "US:AAPL", "1m") == 2
    store.close()
    reopened = KlineStore(tmp_path / "klines.sqlite")  # a restart
    assert [b.ts for b in reopened.latest("qos", "US:AAPL", "1m", 10)] == [bar(0).ts, bar(6).ts]


def test_a_bad_row_already_stored_is_skipped_when_read(tmp_path):
    path = tmp_path / "klines.sqlite"
    KlineStore(path).close()
    with sqlite3.connect(path) as db:  # as an older version (or another program) left it
        for b in (bar(0), bar(1, o=100.0, h=90.0, lo=110.0, c=100.0), bar(2, c=0.0), bar(3)):
            db.execute(UPSERT, (b.vendor, b.symbol, b.period, b.ts, b.open, b.high, b.low, b.close, b.volume))
    store = KlineStore(path)
    assert [b.ts for b in store.latest("qos", "US:AAPL", "1m", 10)] == [bar(0).ts, bar(3).ts]
    assert [b.ts for b in store.latest("qos", "US:AAPL", "1m", 10, before=bar(3).ts)] == [bar(0).ts]
