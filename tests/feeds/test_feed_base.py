"""The feed base checks every request that answers with market data, wherever a vendor defines
it: on its feed class or on a mixin (a vendor package split by concern)."""

from __future__ import annotations

import asyncio

from app.core.periods import Period
from app.core.health import SAMPLE_EVERY
from app.core.types import Bar, Trade
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


class TimedFeed(RecordingFeed):
    timed_events = frozenset({Trade})


def test_emit_counts_every_event_notes_each_arrival_and_samples_the_first_and_one_in_eight():
    """The health's bookkeeping on the hot path (a countdown, not a running count): exact after
    every event, whatever the phase of the countdown; a snapshot counted but never sampled."""
    feed = TimedFeed()
    received = []
    feed.set_sink(received.append)
    base = 1_741_381_200_000
    watch = feed.health.watch
    watch._offset_ms = lambda: base - 5_000.0  # epoch ms at the monotonic clock's zero, for the test
    watch.fold()
    for n in range(1, 30):
        feed.arrival = 5.0 + n  # monotonic seconds, as a session stamps a frame: base + 1000 n ms
        feed.emit(Trade("t", f"US:S{n % 3}", base + 1000 * n - 40, 10.0, 1.0))
        assert feed.health.counted() == n
    feed.emit(Trade("t", "US:S0", base, -1.0, 1.0))  # dropped by the validator: not counted
    assert feed.health.counted() == 29 and len(received) == 29
    assert feed.health.arrival_ms("US:S0") == base + 27_000.0  # folded into epoch ms when read
    assert feed.health.seen == {"US:S0": base + 27_000.0, "US:S1": base + 28_000.0,
                                "US:S2": base + 29_000.0}
    assert len(feed.health.latency_samples) == 1 + (29 - 1) // SAMPLE_EVERY  # events 1, 9, 17, 25
    assert set(feed.health.latency_samples) == {40.0}
    feed.emit_snapshot(Trade("t", "US:S3", base, 10.0, 1.0))
    assert feed.health.counted() == 30 and feed.health.arrival_ms("US:S3") is not None
    assert len(feed.health.latency_samples) == 4
