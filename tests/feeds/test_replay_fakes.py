"""Recorded from each vendor's fake over real sockets (QOS, iTick, 脉动数据), played back at
max speed: the same market events, in order, each with the vendor it came from."""

from __future__ import annotations

import asyncio

import msgspec
import pytest

from app.core.types import Bar, Book, Quote, Status, Trade
from app.feeds.replay import ReplayFeed
from app.storage.recording import RecordingWriter, opener
from tests.support.events import Sink
from tests.support.vendor_cases import CASES

WANTED = 60  # market events recorded from each fake


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_recording_of_a_vendor_replays_its_events_in_order(case, tmp_path):
    path = tmp_path / f"{case.name}.qtrec"
    recorded: list = []

    async def record(fake):
        feed, sink = case.feed(fake)
        writer = RecordingWriter(path)

        def both(event):
            sink(event)
            if type(event) is not Status:  # a live bar as it was then (its builder changes it)
                recorded.append(msgspec.structs.replace(event) if type(event) is Bar else event)
                writer.write(event)
        feed.set_sink(both)
        await feed.start()
        try:
            await feed.subscribe(case.streams.symbols, case.streams.channels)
            await sink.wait_for(lambda: len(recorded) >= WANTED and {Quote, Trade, Book} <= {type(e) for e in recorded},
                                timeout=15)
        finally:
            await feed.aclose()
            writer.close()

    case.run(record)

    async def replay():
        feed, sink = ReplayFeed(opener(path), speed=None, everything=True), Sink()
        feed.set_sink(sink)
        await feed.start()
        await sink.wait_for(lambda: feed.ended)
        await feed.aclose()
        return [e for e in sink.events if type(e) is not Status]

    played = asyncio.run(replay())
    assert played == recorded
    assert {e.vendor for e in played} == {case.name}
