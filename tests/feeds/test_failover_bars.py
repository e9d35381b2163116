"""Bars stitched across a failover: the primary's wherever it has them, the backup's only in the
minutes the primary missed while failed over; no minute twice, none missing; the primary's
history wins once it has those minutes again; live bars from the backup only while it serves."""

from __future__ import annotations

import asyncio
import time

from app.core.periods import Period
from app.core.types import Bar, Channel, ConnectionState, Failover, Quote, Status
from app.feeds.failover import FailoverFeed
from app.feeds.stitch import stitch
from tests.support.events import Sink
from tests.support.hand_feed import HandFeed

SYMBOL = "CRYPTO:BTCUSDT"
MINUTE = 60_000


def bar(vendor: str, ts: int, close: float) -> Bar:
    return Bar(vendor, SYMBOL, "1m", ts, close, close + 1, close - 1, close, 1.0)


def test_stitch_fills_only_the_failover_window_and_keeps_the_primary():
    t0 = 1_760_000_040_000 // MINUTE * MINUTE
    primary = [bar("maidong", t0 + i * MINUTE, 100 + i) for i in range(20) if not 10 <= i < 15 and i != 3]
    backup = [bar("itick", t0 + i * MINUTE, 200 + i) for i in range(-5, 20)]
    window = [(t0 + 10 * MINUTE + 5_000, t0 + 14 * MINUTE + 30_000)]
    out = stitch(primary, backup, window, MINUTE, t0 + 20 * MINUTE, 100)
    minutes = [(b.ts - t0) // MINUTE for b in out]
    assert minutes == [i for i in range(20) if i != 3]  # minute 3 (no trades on the primary) stays out
    assert [b.vendor for b in out if 10 <= (b.ts - t0) // MINUTE < 15] == ["itick"] * 5
    assert all(b.vendor == "maidong" for b in out if not 10 <= (b.ts - t0) // MINUTE < 15)
    assert len(stitch(primary, backup, window, MINUTE, t0, 4)) == 4


def test_klines_across_a_failover_have_no_seam_and_the_primary_wins_when_back():
    async def main():
        now = int(time.time() * 1000) // MINUTE * MINUTE
        primary = HandFeed("maidong", [bar("maidong", now - i * MINUTE, 100.0 + i) for i in range(5, 30)])
        backup = HandFeed("itick", [bar("itick", now - i * MINUTE, 300.0 + i) for i in range(0, 30)])
        feed = FailoverFeed(primary, backup, down_grace_ms=0, check_interval=0.01)
        sink = Sink()
        feed.set_sink(sink)
        await feed.start()
        try:
            await feed.subscribe([SYMBOL], [Channel.QUOTE, Channel.BAR], Period.M1)
            # the primary went down 5 minutes ago (its window, as the review would have opened it)
            primary.emit(Status("maidong", ConnectionState.RECONNECTING))
            await sink.wait_for(lambda: sink.of(Failover))
            feed._windows[SYMBOL][-1][0] = now - 5 * MINUTE + 1_000
            assert backup.subscribed[SYMBOL] == {Channel.QUOTE, Channel.BAR}

            live = bar("itick", now, 999.0)
            backup.emit(live)
            assert sink.events[-1] is live  # the backup's live bar while it serves

            bars = await feed.klines(SYMBOL, Period.M1, 30)
            ts = [b.ts for b in bars]
            assert ts == sorted(set(ts)) and all(b - a == MINUTE for a, b in zip(ts, ts[1:]))
            assert ts[-1] == now
            assert [b.vendor for b in bars[-5:]] == ["itick"] * 5
            assert {b.vendor for b in bars[:-5]} == {"maidong"}

            # back: the primary has those minutes now, and its history wins
            primary.bars += [bar("maidong", now - i * MINUTE, 100.0 + i) for i in range(0, 5)]
            primary.bars.sort(key=lambda b: b.ts)
            again = await feed.klines(SYMBOL, Period.M1, 30)
            assert {b.vendor for b in again} == {"maidong"} and len(again) == 30

            primary.down = True  # the primary cannot answer at all: the backup's history
            assert {b.vendor for b in await feed.klines(SYMBOL, Period.M1, 10)} == {"itick"}
        finally:
            await feed.aclose()

    asyncio.run(main())


def test_a_symbol_the_backup_does_not_serve_stays_and_the_rest_move():
    async def main():
        primary = HandFeed("maidong")
        backup = HandFeed("itick", serves={SYMBOL})
        feed = FailoverFeed(primary, backup, down_grace_ms=0, check_interval=0.01)
        sink = Sink()
        feed.set_sink(sink)
        await feed.start()
        try:
            await feed.subscribe([SYMBOL, "MD:HX_HSI"], [Channel.QUOTE])
            primary.emit(Status("maidong", ConnectionState.RECONNECTING))
            await sink.wait_for(lambda: sink.of(Failover))
            await asyncio.sleep(0.05)  # more reviews: no second event for the unserved symbol
            (event,) = sink.of(Failover)
            assert event.symbols == [SYMBOL]
            assert feed.serving("MD:HX_HSI") == "maidong" and feed.serving(SYMBOL) == "itick"
            # the statuses are the primary's (the backup's is in its own health)
            assert {e.vendor for e in sink.of(Status)} == {"maidong"}
            assert backup.health.state == "connected"
        finally:
            await feed.aclose()

    asyncio.run(main())


def test_within_the_backup_cap_only():
    async def main():
        primary, backup = HandFeed("maidong"), HandFeed("itick")
        feed = FailoverFeed(primary, backup, down_grace_ms=0, check_interval=0.01, backup_cap=1)
        sink = Sink()
        feed.set_sink(sink)
        await feed.start()
        try:
            await feed.subscribe([SYMBOL, "FX:GBPUSD"], [Channel.QUOTE])
            primary.emit(Status("maidong", ConnectionState.RECONNECTING))
            await sink.wait_for(lambda: sink.of(Failover))
            assert sink.of(Failover)[0].symbols == [SYMBOL] and list(backup.subscribed) == [SYMBOL]
            mark = len(sink.events)
            backup.emit(Quote("itick", "FX:GBPUSD", int(time.time() * 1000), last=1.26))  # not its to serve
            backup.emit(Quote("itick", SYMBOL, int(time.time() * 1000), last=95_000.0))
            assert [e.symbol for e in sink.events[mark:]] == [SYMBOL]
        finally:
            await feed.aclose()

    asyncio.run(main())


def test_the_backups_cap_comes_from_its_plan():
    from dataclasses import dataclass

    from app.feeds.failover import plan_cap

    @dataclass
    class Qos:
        products: int = 10

    @dataclass
    class Itick:
        symbols_per_connection: int = 500
        max_connections: int | None = None

    def with_plan(plan):
        feed = HandFeed("x")
        feed.plan = plan
        return feed

    assert plan_cap(with_plan(Qos())) == 10
    assert plan_cap(with_plan(Itick())) is None  # connections not known: no cap of ours
    assert plan_cap(with_plan(Itick(max_connections=2))) == 1000
    assert plan_cap(HandFeed("x")) is None
    assert FailoverFeed(HandFeed("a"), with_plan(Qos(products=3)))._cap == 3
