"""A symbol's calendar: an index keeps its exchange's hours even where no instrument is known
(the vendors' idle watchdogs and live bars, the watchlist's status and the ladder's note ask)."""

from __future__ import annotations

from datetime import UTC, datetime

from app.core.instruments import symbol_calendar
from app.feeds.qos.feed import QosFeed


def _ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


def test_an_index_trades_by_its_exchange_not_new_york():
    assert symbol_calendar("IDX:HSI").name == "HK"
    assert symbol_calendar("IDX:000001").name == "CN"
    assert symbol_calendar("IDX:JPN225").name == "JP"
    assert symbol_calendar("IDX:SPX").name == "US_REGULAR"
    assert symbol_calendar("IDX:HSI", "US_REGULAR").name == "US_REGULAR"  # the instrument's own wins
    hk_morning = _ms("2025-03-04T02:00:00")  # Tuesday 10:00 in Hong Kong, 21:00 in New York
    assert symbol_calendar("IDX:HSI").is_open(hk_morning)


def test_a_vendor_feed_answers_with_the_same_calendar():
    feed = QosFeed(api_key="k" * 16)
    assert feed.calendar("IDX:HSI").name == "HK"
    assert feed.calendar("HK:00700").name == "HK" and feed.calendar("US:AAPL").name == "US"
