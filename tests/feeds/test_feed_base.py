"""The feed base checks every request that answers with market data, wherever a vendor defines
it: on its feed class or on a mixin (a vendor package split by concern)."""

from __future__ import annotations

import asyncio

from app.core.periods import Period
from app.core.types import Bar
from tests.services.test_market_data import RecordingFeed

GOOD = Bar("t", "US:AAPL", "1d", 1_741_000_000_000, 10.0, 11.0, 9.0, 10.5, 100.0)
BAD = Bar("t", "US:AAPL", "1d", 1_741_086_400_000, 10.0, 9.0, 11.0, 10.5, 100.0)  # high < low


class HistoryMixin:
    async def klines(self, symbol, period, count, end=None):
        return [GOOD, BAD]


class MixedFeed(HistoryMixin, RecordingFeed):
    pass


class OwnFeed(RecordingFeed):
    async def klines(self, symbol, period, count, end=None):
        return [GOOD, BAD]


def test_history_from_a_mixin_is_validated_like_the_feeds_own():
    for feed in (MixedFeed(), OwnFeed()):
        bars = asyncio.run(feed.klines("US:AAPL", Period.D1, 2))
        assert bars == [GOOD] and sum(feed.dropped.values()) == 1, type(feed).__name__
