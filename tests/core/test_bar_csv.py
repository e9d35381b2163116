"""Bars as CSV: the header, ISO times with the zone's offset, the instrument's precision."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import numpy as np

from app.core.bar_csv import bars_csv
from app.core.types import Instrument

HK = Instrument("HK:00700", "Tencent", tick_table="HK", price_decimals=3)
US = Instrument("US:AAPL", "Apple", tick_table="US", price_decimals=2)


def _bars(prices: list[float]) -> tuple[np.ndarray, np.ndarray]:
    ts = np.array([1741654800000 + i * 60_000 for i in range(len(prices))], dtype=np.int64)  # 2025-03-11 01:00Z
    ohlcv = np.array([prices, [p + 1 for p in prices], [p - 1 for p in prices], prices,
                      [1000.0 * (i + 1) for i in range(len(prices))]])
    return ts, ohlcv


def test_header_time_zone_and_precision():
    ts, ohlcv = _bars([414.4, 415.0])
    lines = bars_csv(ts, ohlcv, ZoneInfo("Asia/Hong_Kong"), HK).splitlines()
    assert lines[0] == "time,open,high,low,close,volume"
    assert lines[1] == "2025-03-11T09:00:00+08:00,414.400,415.400,413.400,414.400,1000"  # HK's 3 decimals
    assert lines[2].startswith("2025-03-11T09:01:00+08:00,")


def test_a_zone_with_daylight_saving_writes_each_bar_its_own_offset():
    ts = np.array([1741503600000 - 3_600_000, 1741503600000 + 3_600_000], dtype=np.int64)  # around 2025-03-09 07:00Z
    ohlcv = np.ones((5, 2))
    lines = bars_csv(ts, ohlcv, ZoneInfo("America/New_York"), US).splitlines()
    assert lines[1].startswith("2025-03-09T01:00:00-05:00") and lines[2].startswith("2025-03-09T04:00:00-04:00")


def test_a_penny_stock_gets_the_sub_penny_decimals_and_turnover_its_column():
    ts, ohlcv = _bars([2.5])
    ohlcv[2, 0] = 0.5123
    text = bars_csv(ts, ohlcv, ZoneInfo("UTC"), US, turnover=np.array([123456.789]))
    assert text.splitlines() == ["time,open,high,low,close,volume,turnover",
                                 "2025-03-11T01:00:00+00:00,2.5000,3.5000,0.5123,2.5000,1000,123456.79"]


def test_times_read_as_datetime_writes_them_in_every_zone():
    """Against the standard library, bar by bar, across daylight-saving changes and odd offsets."""
    from datetime import datetime

    from app.core.bar_csv import iso_times

    rng = np.random.default_rng(7)
    ts = np.sort(rng.integers(946684800000, 1893456000000, 5000)) // 60_000 * 60_000
    ts[:3] += [0, 250, 999]  # a few with milliseconds
    for name in ("Asia/Hong_Kong", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"):
        zone = ZoneInfo(name)
        expected = [datetime.fromtimestamp(int(t) / 1000, zone).isoformat(timespec="milliseconds" if t % 1000 else "seconds")
                    for t in ts]
        got = iso_times(ts, zone)
        assert [g.replace(".000", "") for g in got] == [e.replace(".000", "") for e in expected], name
