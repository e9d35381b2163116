"""CompareFeed's divergence rule, driven by hand on a clock the test moves: a planted offset
that lasts the hold is one event per episode; a momentary difference (noise, one vendor a beat
behind) never is; the default threshold is a few ticks of the instrument."""

from __future__ import annotations

import asyncio
import time

from app.core.types import Channel, Divergence, Quote, Status, Trade, encode_event
from app.feeds.compare import CompareFeed
from tests.support.events import Sink
from tests.support.hand_feed import HandFeed

SYMBOL = "CRYPTO:BTCUSDT"


class Clock:
    def __init__(self) -> None:
        self.ms = 1_000_000.0

    def __call__(self) -> float:
        return self.ms


def compared(scenario, **options):
    async def main():
        primary, other = HandFeed("maidong"), HandFeed("itick")
        clock = Clock()
        feed = CompareFeed(primary, other, clock=clock, check_interval=3600, **options)
        sink = Sink()
        feed.set_sink(sink)
        await feed.start()
        try:
            await feed.subscribe([SYMBOL], [Channel.QUOTE, Channel.TRADE])
            await scenario(feed, primary, other, clock, sink)
        finally:
            await feed.aclose()

    asyncio.run(main())


def quote(vendor: str, last: float) -> Quote:
    return Quote(vendor, SYMBOL, int(time.time() * 1000), last=last)


def test_a_planted_offset_lasting_the_hold_is_one_divergence_per_episode():
    async def scenario(feed, primary, other, clock, sink):
        primary.emit(quote("maidong", 97_012.5))
        other.emit(quote("itick", 97_150.0))
        clock.ms += 4_900
        feed.review()
        assert sink.of(Divergence) == []  # not yet the hold
        clock.ms += 200
        feed.review()
        (event,) = sink.of(Divergence)
        assert event.symbol == SYMBOL and event.vendors == ["maidong", "itick"]
        assert event.field == "last" and event.values == [97_012.5, 97_150.0] and event.bp == 14.2
        assert encode_event(event).startswith(b'{"type":"divergence","ts":')
        clock.ms += 10_000
        primary.emit(quote("maidong", 97_013.0))  # still apart: the same episode
        feed.review()
        assert len(sink.of(Divergence)) == 1
        assert [type(e) for e in sink.events].count(Quote) == 2  # the primary's passed, the other's not
        assert {e.vendor for e in sink.of(Status)} == {"maidong"}  # its statuses too
        other.emit(Trade("itick", SYMBOL, int(time.time() * 1000), 97_013.0, 1.0))  # they agree
        feed.review()
        other.emit(quote("itick", 96_000.0))  # apart anew: a new episode
        clock.ms += 5_100
        feed.review()
        assert [e.values for e in sink.of(Divergence)] == [[97_012.5, 97_150.0], [97_013.0, 96_000.0]]

    compared(scenario, bp=5.0)


def test_noise_and_a_vendor_a_beat_behind_are_not_divergences():
    async def scenario(feed, primary, other, clock, sink):
        price = 97_000.0
        for step in range(40):  # 20 s of a market moving 10 bp every half second
            price += 97.0 if step % 2 else -97.0
            primary.emit(quote("maidong", price))
            clock.ms += 500
            feed.review()
            other.emit(quote("itick", price))  # the other follows half a second (a beat) late
            feed.review()
        assert sink.of(Divergence) == []

    compared(scenario, bp=5.0)


def test_the_default_threshold_is_three_ticks_of_the_instrument():
    async def scenario(feed, primary, other, clock, sink):
        primary.emit(quote("maidong", 95_000.00))
        other.emit(quote("itick", 95_000.03))  # three ticks of 0.01: not beyond
        clock.ms += 60_000
        feed.review()
        assert sink.of(Divergence) == []
        other.emit(quote("itick", 95_000.04))  # four ticks
        clock.ms += 5_001
        feed.review()
        assert len(sink.of(Divergence)) == 1

    compared(scenario)
