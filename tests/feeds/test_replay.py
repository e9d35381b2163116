"""ReplayFeed (app/feeds/replay): a recording played back as a feed — the same events in order,
the subscribed ones only, pause/step/seek with the state rebuilt, pacing by recorded time,
every wait interruptible, klines to the play position, damage refused in words."""

from __future__ import annotations

import asyncio
import statistics
import time

import pytest

from app.core.alerts.engine import AlertEngine
from app.core.alerts.rules import AlertRule
from app.core.periods import Period
from app.core.types import Bar, Book, Channel, ConnectionState, Quote, Status, Trade
from app.feeds.base import FeedError
from app.feeds.replay import ReplayFeed
from app.storage.recording import RecordingWriter, RollingRecorder, opener
from tests.support.events import Sink
from tests.support.recordings import T0, sim_events, write_recording


@pytest.fixture(scope="module")
def timed():
    return sim_events(steps=300)


@pytest.fixture()
def recording(tmp_path, timed):
    return write_recording(tmp_path / "sim.qtrec", timed)


def run(scenario, timeout: float = 10.0):
    async def main():
        async with asyncio.timeout(timeout):
            return await scenario()
    return asyncio.run(main())


def ended(sink: Sink) -> bool:
    return any(type(e) is Status and e.detail == "replay ended" for e in sink.events)


def market(sink: Sink) -> list:
    return [e for e in sink.events if type(e) is not Status]


def test_at_max_speed_every_recorded_event_comes_back_in_order(recording, timed):
    async def scenario():
        feed, sink = ReplayFeed(opener(recording), speed=None, everything=True), Sink()
        feed.set_sink(sink)
        await feed.start()
        await sink.wait_for(lambda: ended(sink))
        assert feed.ended and feed.paused and feed.position_ms == timed[-1][0]
        await feed.aclose()
        assert market(sink) == [e for _t, e in timed]
        assert {e.vendor for e in market(sink)} == {"sim"}  # the recorded vendor, kept
        assert {e.vendor for e in sink.of(Status)} == {"replay"}
        assert feed.health.counted() == len(timed)  # counted in the health like a vendor's
        assert {i.symbol for i in await feed.instruments()} == {e.symbol for _t, e in timed}
    run(scenario)


def test_only_the_subscribed_symbols_and_channels_are_emitted(recording, timed):
    async def scenario():
        feed, sink = ReplayFeed(opener(recording), speed=None, paused=True), Sink()
        feed.set_sink(sink)
        await feed.start()
        await feed.subscribe(["US:AAPL"], [Channel.TRADE, Channel.DEPTH])
        await feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.BAR], Period.M1)
        feed.play()
        await sink.wait_for(lambda: ended(sink))
        await feed.aclose()
        expected = [e for _t, e in timed if (e.symbol == "US:AAPL" and type(e) in (Trade, Book))
                    or (e.symbol == "CRYPTO:BTCUSDT" and type(e) is Bar and e.period == "1m")]
        assert market(sink) == expected and expected
    run(scenario)


def test_pause_step_and_seek_rebuild_the_state_at_the_position(recording, timed):
    async def scenario():
        feed, sink = ReplayFeed(opener(recording), speed=None, paused=True), Sink()
        feed.set_sink(sink)
        await feed.start()
        await feed.subscribe(["US:AAPL", "HK:00700"], [Channel.QUOTE, Channel.DEPTH])
        assert feed.paused and feed.start_ms == timed[0][0] and feed.end_ms == timed[-1][0]
        wanted = [(t, e) for t, e in timed if e.symbol in ("US:AAPL", "HK:00700") and type(e) in (Quote, Book)]
        assert feed.step() == wanted[0][1] and feed.step() == wanted[1][1]
        assert feed.position_ms == wanted[1][0]
        middle = timed[len(timed) // 2][0]
        mark = len(sink.events)
        feed.seek(middle)
        before = [e for t, e in timed if t < middle]
        latest = {(type(e), e.symbol): e for e in before if e.symbol in ("US:AAPL", "HK:00700") and type(e) in (Quote, Book)}
        emitted = {(type(e), e.symbol): e for e in sink.events[mark:]}
        assert len(sink.events) - mark == len(latest) == 4 and emitted == latest  # said after the seek
        assert await feed.snapshot(["US:AAPL"]) == [latest[(Quote, "US:AAPL")]]
        assert await feed.depth(["HK:00700"]) == [latest[(Book, "HK:00700")]]
        trades = [e for e in before if type(e) is Trade and e.symbol == "US:AAPL"]
        assert (await feed.last_trades(["US:AAPL"], 5)) == trades[-5:]
        after = next(e for t, e in timed if t >= middle and e.symbol in ("US:AAPL", "HK:00700") and type(e) in (Quote, Book))
        assert feed.step() == after
        assert not sink.statuses(ConnectionState.ERROR)
        await feed.aclose()
    run(scenario)


def test_klines_are_the_recorded_bars_up_to_the_play_position(recording, timed):
    async def scenario():
        feed = ReplayFeed(opener(recording), speed=None, paused=True)
        await feed.start()
        middle = timed[len(timed) // 2][0]
        feed.seek(middle)
        bars = await feed.klines("US:AAPL", Period.M1, 10)
        recorded = {}
        for t, e in timed:
            if t < middle and type(e) is Bar and e.symbol == "US:AAPL" and e.period == "1m":
                recorded[e.ts] = e
        assert bars == [recorded[ts] for ts in sorted(recorded)] and bars
        built = await feed.klines("US:AAPL", Period.M5, 10)  # none recorded: built from the trades
        trades = [e for t, e in timed if t < middle and type(e) is Trade and e.symbol == "US:AAPL"]
        assert built and built[-1].close == trades[-1].price
        assert built[-1].high == max(e.price for e in trades if e.ts >= built[-1].ts)
        await feed.aclose()
    run(scenario)


def _evenly(tmp_path, span_ms: int, every_ms: int = 10):
    path = tmp_path / "even.qtrec"
    with RecordingWriter(path) as writer:
        for i, t in enumerate(range(T0, T0 + span_ms + 1, every_ms)):
            writer.write(Trade("sim", "US:AAPL", t, 100.0 + i % 7, 1.0), t)
    return path


def _played_span(path, speed) -> float:
    async def scenario():
        arrived: list[float] = []
        feed = ReplayFeed(opener(path), speed=speed, everything=True)
        sink = Sink()
        feed.set_sink(lambda e: (arrived.append(time.monotonic()) if type(e) is Trade else None, sink(e)))
        await feed.start()
        await sink.wait_for(lambda: ended(sink), timeout=10)
        await feed.aclose()
        return arrived[-1] - arrived[0]
    return run(scenario)


def test_speed_one_takes_the_recorded_time_and_speed_four_a_quarter(tmp_path):
    path = _evenly(tmp_path, 1000)
    assert abs(_played_span(path, 1.0) - 1.0) <= 0.02 * 1.0
    assert abs(_played_span(path, 4.0) - 0.25) <= 0.02 * 0.25 + 0.005


def test_every_wait_ends_at_once_on_pause_speed_and_close(tmp_path):
    path = tmp_path / "slow.qtrec"
    with RecordingWriter(path) as writer:
        writer.write(Trade("sim", "US:AAPL", T0, 1.0, 1.0), T0)
        writer.write(Trade("sim", "US:AAPL", T0 + 3_600_000, 2.0, 1.0), T0 + 3_600_000)  # an hour later

    async def scenario():
        feed, sink = ReplayFeed(opener(path), speed=0.25, everything=True), Sink()
        feed.set_sink(sink)
        await feed.start()
        await sink.wait_for(lambda: sink.of(Trade))
        feed.speed = None  # the four-hour wait gives way to the new speed
        await sink.wait_for(lambda: ended(sink), timeout=1)
        feed.seek(T0)
        feed.speed = 0.25
        feed.play()
        await sink.wait_for(lambda: len(sink.of(Trade)) == 2, timeout=1)
        await asyncio.sleep(0.05)  # now waiting for the hour-later trade
        feed.pause()
        assert feed.paused
        began = time.monotonic()
        await feed.aclose()
        assert time.monotonic() - began < 0.5
        with pytest.raises(FeedError, match="0.25 to 100"):
            feed.speed = 500
    run(scenario)


def test_an_alert_rule_fires_on_a_recording_as_on_live_data(recording, timed):
    prices = [e.price for _t, e in timed if type(e) is Trade and e.symbol == "US:AAPL"]
    level = statistics.median(prices)
    rules = [AlertRule("a1", "US:AAPL", "above", level), AlertRule("a2", "US:AAPL", "below", level),
             AlertRule("a3", "US:AAPL", "big-print", sorted(e.size for _t, e in timed if type(e) is Trade and e.symbol == "US:AAPL")[-3])]
    live = AlertEngine(rules)
    expected = [a for _t, e in timed for a in live.on_event(e)]
    assert expected  # the rules do fire on this data

    async def scenario():
        engine, fired = AlertEngine(rules), []
        feed, sink = ReplayFeed(opener(recording), speed=None), Sink()
        feed.set_sink(lambda e: (fired.extend(engine.on_event(e)), sink(e)))
        await feed.start()
        await feed.subscribe(engine.symbols, engine.channels)
        await sink.wait_for(lambda: ended(sink))
        await feed.aclose()
        return fired
    assert run(scenario) == expected


def test_a_damaged_recording_is_refused_in_words(tmp_path):
    bad = tmp_path / "bad.qtrec"
    bad.write_bytes(b"not a recording")

    async def scenario():
        feed, sink = ReplayFeed(opener(bad)), Sink()
        feed.set_sink(sink)
        with pytest.raises(FeedError, match="is not a Quote Terminal recording"):
            await feed.start()
        assert feed.failure is not None and sink.statuses(ConnectionState.ERROR)
    run(scenario)


def test_a_rewind_reads_the_rolling_recording_across_segments_and_follows_it(tmp_path, timed):
    rolling = RollingRecorder(tmp_path / "rolling", keep_hours=1 / 720, segment_minutes=0.1)  # 5 s, 6 s
    for t, e in timed:
        rolling.write(e, t)
    segments = rolling.segments()
    assert len(segments) == 2  # 15 s in 6 s segments: the first pruned at 12 s, ended 6 s before
    kept_from = int(segments[0].stem)
    kept = [(t, e) for t, e in timed if t >= kept_from]
    assert list(rolling.reader_from(kept_from)) == [e for _t, e in kept]
    assert rolling.start_ms == kept[0][0] and rolling.end_ms == timed[-1][0]
    assert sum(rolling.reader().activity(12)) == len(kept)  # the slider's drawing, across segments

    async def scenario():
        feed, sink = ReplayFeed(opener(rolling), speed=None, everything=True, follow=True), Sink()
        feed.set_sink(sink)
        await feed.start()
        await sink.wait_for(lambda: len(market(sink)) == len(kept))
        later = Trade("sim", "US:AAPL", timed[-1][0] + 5, 1.0, 1.0)
        rolling.write(later, timed[-1][0] + 5)  # live goes on: the rewind plays it too
        await sink.wait_for(lambda: market(sink)[-1] == later)
        assert not feed.ended
        await feed.aclose()
        assert market(sink) == [e for _t, e in kept] + [later]
    run(scenario)
    rolling.close()
