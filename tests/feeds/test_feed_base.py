"""The feed base checks every request that answers with market data, wherever a vendor defines
it: on its feed class or on a mixin (a vendor package split by concern)."""

from __future__ import annotations

import asyncio
import inspect
import re
from typing import get_args

from app.core.health import SAMPLE_EVERY
from app.core.periods import Period
from app.core.types import Bar, Book, ConnectionState, Event, Quote, Status, Trade
from app.core.validate import FUTURE, Validator, now_ms
from app.feeds.base import Feed
from tests.bench.bench_health import _Before
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



def _stream(base: int, now: int) -> list:
    """Every kind emit dispatches on, good and bad: what the validator lets out, repairs, drops.
    ``base``: a time long past; ``now``: the clock."""
    ahead = now + 30 * 86_400_000  # a month ahead
    return [
        Quote("t", "US:Q", base, last=10.0, prev_close=9.5),
        Quote("t", "US:Q", base, last=-5.0),  # a price ≤ 0: dropped
        Quote("t", "US:Q", ahead, last=10.0),  # dropped
        Trade("t", "US:T", base, 10.0, 1.0),
        Trade("t", "US:T", now - 1_000, 10.0, 1.0),  # past the validator's old limit: let out once judged
        Trade("t", "US:T", ahead, 10.0, 1.0),  # dropped
        Book("t", "US:B", base, [(10.0, 1.0), (9.9, 2.0)], [(10.1, 1.0)]),
        Book("t", "US:B", base, [(9.9, 2.0), (10.0, 1.0), (-1.0, 1.0)], [(10.1, 1.0)]),  # repaired
        Book("t", "US:X", base, [(10.2, 1.0)], [(10.1, 1.0)]),  # crossed: flagged
        Book("t", "US:B", base, [(float("nan"), 1.0)], []),  # not a number: dropped
        Book("t", "US:B", ahead, [(10.0, 1.0)], []),  # dropped
        Status("t", ConnectionState.CONNECTED, "up"),
        Bar("t", "US:R", "1m", base, 10.0, 11.0, 9.0, 10.5, 5.0),
        Bar("t", "US:R", "1m", base, 10.0, 9.0, 11.0, 10.5, 5.0),  # high < low: dropped
        Bar("t", "US:R", "1m", ahead, 10.0, 11.0, 9.0, 10.5, 5.0),  # dropped
    ]


def test_emit_lets_out_what_the_validator_lets_out_and_notes_only_those():
    """Feed.emit does the validator's type dispatch itself (for the health's symbol): every kind
    comes out as Validator.check lets it out, counted the same; the health notes the market
    events let out, never a dropped one or a status. The bench's baseline (Feed.emit without the
    health's lines) lets out the same, so bench_health's difference is the health's alone."""
    base, now = 1_741_381_200_000, now_ms()
    events = _stream(base, now)
    assert {type(e) for e in events} == set(get_args(Event))  # a new kind of event: cover it here
    stale_limit = now - 60_000  # a limit read a while ago: an event later than it is judged
    reference = Validator()
    reference.limit = stale_limit
    expected = [e if type(e) is Status else reference.check(e) for e in events]
    expected = [e for e in expected if e is not None]
    assert [e.crossed for e in expected if type(e) is Book] == [False, False, True]
    assert sum(type(e) is Trade for e in expected) == 2 and reference.counts[FUTURE] == 4
    for feed in (RecordingFeed(), _Before(always_open=True)):
        received = []
        feed.set_sink(received.append)
        feed.validator.limit = stale_limit
        for event in events:
            feed.emit(event)
        assert received == expected, type(feed).__name__
        assert feed.dropped == reference.counts, type(feed).__name__
        if type(feed) is RecordingFeed:
            assert feed.health.counted() == len(expected) - 1  # the status is no market event
            assert set(feed.health.watch.fresh) == {"US:Q", "US:T", "US:B", "US:X", "US:R"}
            assert feed.health.state is ConnectionState.CONNECTED
        else:
            assert feed.health.counted() == 0 and not feed.health.watch.fresh


# Feed.emit's lines that are the health's: bench_health's baseline is Feed.emit without them
_HEALTH_LINES = {
    "symbol = event.symbol", "self._fresh[symbol] = self.arrival or _clock()",
    "self._left = left = self._left - 1", "if not left:", "self._left = SAMPLE_EVERY",
    "self._target += SAMPLE_EVERY", "if cls in self.health.timed:",
    "arrived = (self.arrival or _clock()) * 1000.0 + self._stale_watch.wall_offset_ms",
    "self._latency.append(arrived - event.ts)",
}


def _code_lines(function) -> list[str]:
    """A function's statements, stripped, without its signature, docstring and comments."""
    source = inspect.getsource(function)
    body = source.split('"""', 2)[2] if '"""' in source else source.split(":\n", 1)[1]
    lines = (re.sub(r"\s+#.*$", "", line.strip()) for line in body.splitlines())
    return [line for line in lines if line and not line.startswith(("#", "def "))]


def test_the_bench_baseline_is_emit_without_the_health_lines():
    """bench_health times Feed.emit against its baseline: the baseline must do all the rest of
    emit's work, the same way, or the difference flatters (or blames) the health."""
    emit = _code_lines(Feed.emit)
    assert _HEALTH_LINES <= set(emit)
    assert [line for line in emit if line not in _HEALTH_LINES] == _code_lines(_Before.emit)


def test_emit_reads_slots_in_every_vendors_feed():
    """What emit reads lives in slots for every vendor's feed, however many attributes the
    vendor adds (脉动数据's feed has over 40: past 30, the attributes in its dict cost a probe
    each on the hot path)."""
    from app.feeds.registry import VENDORS, FeedOptions, create_feed

    hot = {"validator", "health", "arrival", "_sink", "_fresh", "_left", "_target", "_latency", "_stale_watch"}
    for vendor in VENDORS:
        feed = create_feed(vendor, FeedOptions(api_key="k"))
        assert hot <= set(Feed.__slots__), vendor
        assert not hot & set(feed.__dict__), vendor  # (in the slots, not the dict)
        assert all(getattr(feed, name) is not None or name == "arrival" for name in hot), vendor
