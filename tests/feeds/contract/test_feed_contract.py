"""The feed contract: what every live vendor adapter does, asked the same way of QOS, iTick and
脉动数据, each over real loopback sockets against its fake server (tests/fakes/).

Timings are compressed (reconnect delays of tens of milliseconds, a reconnect "minute" of
0.6 s, heartbeats of 0.1-0.2 s) so behaviours of minutes run in a fraction of a second; every
wait is on a condition, never a sleep. What differs per vendor (symbols, how its fake shows
what a connection carries, how it refuses, its wire details) is in tests/support/vendor_cases.py.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from app.core.periods import Period
from app.core.types import Bar, ConnectionState, Status
from app.feeds.base import AuthError
from app.feeds.transport.backoff import ReconnectPolicy
from tests.support.events import running_feed
from tests.support.feed_cases import SCALE
from tests.support.vendor_cases import CASES

vendors = pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
REFUSALS = [pytest.param(c, mode, id=f"{c.name}-{mode}") for c in CASES for mode in c.refusal_modes]


@vendors
def test_connects_and_streams_every_channel_for_every_symbol(case):
    streams = case.streams

    async def scenario(fake):
        async with running_feed(case.feed(fake)) as (feed, sink):
            await feed.subscribe(list(streams.symbols), list(streams.channels), Period.M1)
            await sink.wait_for(lambda: all(sink.symbols(k) == set(streams.symbols) for k in streams.kinds))
            assert sink.of(Status)[-1].state is ConnectionState.CONNECTED
        assert fake.refusals == []
        assert all(b.period == "1m" and b.ts % 60_000 == 0 for b in sink.of(Bar))
        case.check_every_channel(fake, sink)

    case.run(scenario)


@vendors
def test_after_a_drop_the_server_gets_exactly_the_active_set_again_and_data_resumes(case):
    async def scenario(fake):
        async with running_feed(case.feed(fake)) as (feed, sink):
            expected = await case.subscribe_active_set(feed, fake)
            fake.drop_all()
            await fake.wait_for(lambda: case.carried_again(fake, expected))
            mark = len(sink.events)
            await sink.wait_for(lambda: case.resumed(sink, mark))
            assert sink.statuses(ConnectionState.RECONNECTING)
            case.check_replay(fake)
        assert fake.refusals == []

    case.run(scenario)


@vendors
def test_a_flapping_server_sees_at_most_ten_handshakes_a_minute(case):
    async def scenario(fake):
        fake.flap = True
        minute = 60 * SCALE

        def spanned() -> bool:
            stamps = case.handshake_times(fake)
            return len(stamps) > 1 and stamps[-1] - stamps[0] >= minute

        async with running_feed(case.feed(fake)) as (feed, _sink):
            subscribing = asyncio.ensure_future(feed.subscribe([case.one], [case.one_channel]))
            await fake.wait_for(spanned, timeout=10)
            subscribing.cancel()
            await asyncio.gather(subscribing, return_exceptions=True)
        stamps = case.handshake_times(fake)
        busiest = max(sum(1 for t in stamps if s <= t < s + minute) for s in stamps)
        assert busiest <= 10, f"{busiest} handshakes in one (scaled) minute"
        gaps = [b - a for a, b in zip(stamps, stamps[1:])]
        assert gaps[-1] > gaps[0] * 3  # the delay kept growing: never reset by a handshake

    case.run(scenario)


@vendors
def test_a_dead_peer_is_detected_and_replaced(case):
    async def scenario(fake):
        async with running_feed(case.feed(fake, **case.dead_peer_timing)) as (feed, sink):
            await feed.subscribe([case.one], [case.one_channel])
            case.go_dead(fake)
            await sink.wait_for(lambda: any(case.dead_peer_said(s.detail) for s in
                                            sink.statuses(ConnectionState.RECONNECTING)), timeout=10)
            case.revive(fake)
            await fake.wait_for(lambda: len(fake.live) == 1 and len(fake.connections) >= 2)
            mark = len(sink.events)
            await sink.wait_for(lambda: case.one in sink.symbols(case.one_kind, mark))

    case.run(scenario)


@vendors
def test_malformed_frames_are_skipped_and_the_stream_goes_on(case):
    async def scenario(fake):
        async with running_feed(case.feed(fake)) as (feed, sink):
            await feed.subscribe([case.one], [case.one_channel])
            await sink.wait_for(lambda: sink.of(case.one_kind))
            for frame in case.bad_frames + case.harmless_frames:
                fake.inject(frame)
            await sink.wait_for(lambda: feed.bad_messages.total >= len(case.bad_frames))
            mark = len(sink.events)
            await sink.wait_for(lambda: len([e for e in sink.events[mark:] if type(e) is case.one_kind])
                                >= case.events_after_bad_frames)
            assert sink.symbols(case.one_kind, mark) == {case.one}
            assert feed.bad_messages.total == len(case.bad_frames)
            assert len(case.handshake_times(fake)) == 1 and len(fake.connections) == 1
            assert not sink.statuses(ConnectionState.RECONNECTING)

    case.run(scenario)


@pytest.mark.parametrize(("case", "mode"), REFUSALS)
def test_a_refusal_is_said_once_in_the_vendors_words_with_no_reconnect_storm(case, mode):
    async def scenario(fake):
        case.refuse(fake, mode)
        feed, sink = case.refused_feed(fake)
        try:
            caught = await case.provoke_refusal(feed, fake, mode)
            await sink.wait_for(lambda: sink.statuses(ConnectionState.ERROR))
            assert isinstance(caught, AuthError) and feed.failure is not None
            assert "wrong" not in str(caught)  # the key itself is never repeated
            assert len(sink.statuses(ConnectionState.ERROR)) == 1
            assert feed.health.snapshot().refusals == 1  # counted once, as it is said once
            assert len(case.handshake_times(fake)) <= 1
            case.check_refusal(fake, feed, sink, caught, mode)
        finally:
            await feed.aclose()

    case.run(scenario)


@pytest.mark.parametrize("case", [c for c in CASES if c.rate_limited], ids=lambda c: c.name)
def test_429_is_retried_after_the_servers_retry_after(case):
    async def scenario(fake):
        async with running_feed(case.feed(fake)) as (feed, _sink):
            fake.fail_next_http.extend(case.transient_http)
            started = time.monotonic()
            results = await asyncio.gather(*(request() for request in case.requests(feed)))
            assert all(results) and time.monotonic() - started >= case.least_wait
            await case.check_retried(feed, fake, list(results))

    case.run(scenario)


@vendors
def test_quitting_during_a_backoff_wait_takes_under_three_seconds(case):
    async def scenario(fake):
        fake.flap = True
        feed, sink = case.feed(fake, policy=ReconnectPolicy(initial=30.0))
        await feed.start()
        subscribing = asyncio.ensure_future(feed.subscribe([case.one], [case.one_channel]))
        await sink.wait_for(lambda: any("retrying in" in s.detail for s in sink.of(Status)))
        started = time.monotonic()
        await feed.aclose()
        took = time.monotonic() - started
        subscribing.cancel()  # a subscribe waiting for its first connection may outlive aclose
        await asyncio.gather(subscribing, return_exceptions=True)
        return took

    assert case.run(scenario) < 3.0


def test_the_contract_covers_every_live_vendor():
    from app.feeds.registry import SPECS

    live = {vendor for vendor, spec in SPECS.items() if spec.network}
    assert {c.name for c in CASES} == live
