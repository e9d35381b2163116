"""Issue 17 point 3 against iTick: the hostile values of the issue, in iTick's own pushes
between good ones (on every asset class's connection), never reach the output; the stream goes
on; each is counted under its kind."""

from __future__ import annotations

from app.core import validate as v
from app.core.periods import Period
from app.core.types import Bar, Book, Quote, Trade
from tests.fakes import hostile
from tests.support.events import running_feed
from tests.support.hostile import crossed_books, expected_counts, problems
from tests.support.vendor_cases import ITICK

ALL, SYMBOLS = list(ITICK.streams.channels), list(ITICK.streams.symbols)
make_feed, run = ITICK.feed, ITICK.run


def test_hostile_values_never_reach_the_output_and_the_stream_goes_on():
    async def scenario(fake):
        fake.hostile = True
        async with running_feed(make_feed(fake)) as (feed, sink):
            await feed.subscribe(SYMBOLS, ALL, Period.M1)
            count = len(hostile.itick_frames(fake, "US:AAPL"))
            await fake.wait_for(lambda: len(fake.hostile_sent) == 3 * count, timeout=10)  # stock, forex, crypto
            kinds, bad = expected_counts(fake.hostile_sent)
            await sink.wait_for(lambda: feed.dropped == kinds and feed.bad_messages.total == bad)
            after = len(sink.events)  # the stream goes on: every kind of event again, every symbol
            await sink.wait_for(lambda: all(sink.symbols(k, after) == set(SYMBOLS) for k in (Quote, Trade, Book)))
            fake.hostile_history = True
            bars = await feed.klines("US:AAPL", Period.M1, 30)
            assert feed.dropped[v.BAR_RANGE] == kinds[v.BAR_RANGE] + 1  # history's bad bar, dropped
            assert len(bars) == 29 and not problems(bars)
            assert sink.of(Bar)  # the good live bars still came
            assert problems(sink.events) == []
            assert crossed_books(sink.events, *hostile.CROSSED)[0].crossed  # kept, flagged
            # a hostile previous close never stamps the later pushes (they carry none of their own)
            assert all(q.prev_close is not None for q in sink.of(Quote)[-3:] if q.symbol == "HK:00700")
        assert sorted(kinds) == sorted({v.LEVEL_PRICE, v.PRICE, v.HUGE, v.QUOTE_RANGE, v.BAR_RANGE,
                                        v.TOO_OLD, v.FUTURE, v.NON_FINITE})

    run(scenario)
