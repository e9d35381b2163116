"""Issue 17 point 3 against 脉动数据: the hostile values of the issue, in the vendor's own
bodies (numbers or text, ``LastTime`` stamping quote, book and prints at once) between good
pushes, never reach the output, nor the live bar; the stream goes on; each is counted."""

from __future__ import annotations

from app.core import validate as v
from app.core.periods import Period
from app.core.types import Bar, Book, Quote, Trade
from tests.fakes import hostile
from tests.support.events import running_feed
from tests.support.hostile import crossed_books, expected_counts, problems
from tests.support.vendor_cases import MAIDONG

ALL, SYMBOLS = list(MAIDONG.streams.channels), list(MAIDONG.streams.symbols)
make_feed, run = MAIDONG.feed, MAIDONG.run


def test_hostile_values_never_reach_the_output_nor_the_live_bar_and_the_stream_goes_on():
    async def scenario(fake):
        fake.hostile = True
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(SYMBOLS, ALL, Period.M1)
            count = len(hostile.maidong_frames(fake._body("btcusdt", 5), "btcusdt"))
            await fake.wait_for(lambda: len(fake.hostile_sent) >= count, timeout=10)
            assert len(fake.connections) == 1
            kinds, bad = expected_counts(fake.hostile_sent)
            await sink.wait_for(lambda: feed.dropped == kinds)
            assert feed.bad_messages.total == bad == 0  # garbage is a NaN here: counted above
            after = len(sink.events)  # the stream goes on: every kind of event again, every symbol
            await sink.wait_for(lambda: all(sink.symbols(k, after) == set(SYMBOLS)
                                            for k in (Quote, Trade, Book, Bar)), timeout=10)
            fake.hostile_history = True
            bars = await feed.klines("CRYPTO:BTCUSDT", Period.M1, 30)
            assert feed.dropped[v.BAR_RANGE] == 1  # history's bad bar, dropped
            assert len(bars) == 29 and not problems(bars)
            assert problems(sink.events) == []  # the live bars (built here) included
            assert crossed_books(sink.events, *hostile.CROSSED)[0].crossed  # kept, flagged
        assert sorted(kinds) == sorted({v.LEVEL_PRICE, v.PRICE, v.HUGE, v.QUOTE_RANGE,
                                        v.TOO_OLD, v.FUTURE, v.NON_FINITE})

    run(scenario)
