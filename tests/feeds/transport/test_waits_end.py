"""Every wait ends and no connected feed surrenders (issue 17, points 4 and 11), over real
loopback sockets against the fakes, on compressed clocks; waits are on conditions."""

from __future__ import annotations

import asyncio

import pytest

from app.core.types import Book, Channel, ConnectionState, Quote, Status, Trade
from app.feeds.base import UnreachableError
from app.feeds.itick import ItickFeed, ItickPlan, ItickTimings
from app.feeds.maidong import MaidongFeed, MaidongTimings
from app.feeds.qos import QosFeed, QosPlan, QosTimings
from app.feeds.transport.backoff import ReconnectPolicy
from app.feeds.transport.ws import SessionConfig, WsSession
from tests.fakes.itick import FakeItickServer
from tests.fakes.maidong import FakeMaidongServer
from tests.fakes.qos import FakeQosServer
from tests.support.events import Sink, run_against, running_feed

FAST = ReconnectPolicy().scaled(0.01)  # 20 ms … 300 ms between attempts
GIVE_UP_AFTER = 4  # as the command line's CONNECT_ATTEMPTS


def qos_feed(fake: FakeQosServer, **options) -> tuple[QosFeed, Sink]:
    feed = QosFeed(
        api_key="test-key", base_url=fake.http_url, ws_url=fake.ws_url,
        plan=QosPlan(ws_min_interval=0.05, heartbeat=0.2, http_period=0.5),
        timings=QosTimings(policy=FAST, ack_timeout=2.0, first_connect_timeout=3.0,
                           http_backoff=0.01),
        **options,
    )
    sink = Sink()
    feed.set_sink(sink)
    return feed, sink


def maidong_feed(fake: FakeMaidongServer) -> tuple[MaidongFeed, Sink]:
    timings = MaidongTimings(policy=FAST, heartbeat=0.1, resubscribe_delay=0.05,
                             first_connect_timeout=3.0, fallback_after=0.2, poll_interval=0.4,
                             http_backoff=0.01)
    feed = MaidongFeed(base_url=fake.http_url, ws_url=fake.ws_url, timings=timings,
                       give_up_after=GIVE_UP_AFTER)
    sink = Sink()
    feed.set_sink(sink)
    return feed, sink


def itick_feed(fake: FakeItickServer) -> tuple[ItickFeed, Sink]:
    timings = ItickTimings(policy=FAST, heartbeat=0.1, ack_timeout=2.0, auth_wait=0.2,
                           first_connect_timeout=3.0, resubscribe_delay=0.05, http_backoff=0.01)
    feed = ItickFeed(api_key="test-token", base_url=fake.http_url, ws_url=fake.ws_url,
                     plan=ItickPlan(http_requests=50, http_period=1.0), timings=timings,
                     give_up_after=GIVE_UP_AFTER)
    sink = Sink()
    feed.set_sink(sink)
    return feed, sink


# -- point 4: a message taken off the queue is failed when its connection dies -----------------

def test_a_subscribe_ends_while_every_connection_drops_and_the_set_arrives_once_it_stops():
    """The server cuts each connection after its first answer: the T command then waits for
    the pacer when the connection dies. The subscribe still returns; once the fault clears,
    one connection carries S, T and D and trades and books arrive."""
    symbols = ["US:AAPL", "HK:00700"]

    async def scenario(fake: FakeQosServer):
        fake.drop_after = 1
        async with running_feed(qos_feed(fake)) as (feed, sink):
            async with asyncio.timeout(5):  # on the old code this waited forever
                await feed.subscribe(symbols, [Channel.QUOTE, Channel.TRADE, Channel.DEPTH])
            await fake.wait_for(lambda: len(fake.connections) >= 3)  # still flapping
            assert not any({"T", "D"} & {c["type"] for c in conn.commands}
                           for conn in fake.connections)  # the fault: only S ever got through
            fake.drop_after = None
            await fake.wait_for(lambda: any({"S", "T", "D"} <= {c["type"] for c in conn.commands}
                                            for conn in fake.live), timeout=10)
            mark = len(sink.events)
            await sink.wait_for(lambda: sink.symbols(Trade, mark) == set(symbols)
                                and sink.symbols(Book, mark) == set(symbols), timeout=10)
            assert feed.failure is None

    run_against(FakeQosServer(min_interval=0.05, http_limit=(10, 0.5)), scenario)


def test_a_send_that_cannot_reach_the_wire_ends_in_time():
    """A send on a connection that stays up but never gets its turn times out."""
    async def scenario(fake: FakeQosServer):
        async with running_feed(qos_feed(fake)) as (feed, _sink):
            await feed.subscribe(["US:AAPL"], [Channel.QUOTE])
            session = feed.session
            session._pacer.interval = 3600.0  # the next turn is an hour away
            session._pacer.reset()
            await session.send(b'{"type":"H"}')  # the first goes at once
            with pytest.raises(TimeoutError):
                await session.send(b'{"type":"H"}', timeout=0.2)
            assert session.connected

    run_against(FakeQosServer(min_interval=None, http_limit=None), scenario)


# -- point 11: a feed that has connected keeps reconnecting ------------------------------------

async def _outage_outlives_the_attempts(fake, feed, sink, symbols, channels) -> None:
    """Connected, then the server is away for well over GIVE_UP_AFTER attempts: the feed keeps
    trying and data resumes when the server returns."""
    await feed.subscribe(symbols, channels)
    await sink.wait_for(lambda: sink.symbols(Quote) == set(symbols))
    handshakes = len(fake.handshakes)
    await fake.go_away()
    mark = len(sink.events)
    # every attempt in the outage is said as "retrying"; wait for twice the give-up count
    await sink.wait_for(lambda: sum(
        1 for e in sink.events[mark:] if type(e) is Status and "retrying" in e.detail
    ) >= 2 * GIVE_UP_AFTER, timeout=10)
    assert feed.failure is None
    assert not [e for e in sink.events[mark:] if type(e) is Status and e.state is ConnectionState.ERROR]
    await fake.come_back()
    await fake.wait_for(lambda: len(fake.handshakes) > handshakes, timeout=10)
    mark = len(sink.events)
    await sink.wait_for(lambda: sink.symbols(Quote, mark) == set(symbols), timeout=10)
    assert feed.failure is None


def test_maidong_survives_an_outage_longer_than_the_first_connection_attempts():
    async def scenario(fake):
        async with running_feed(maidong_feed(fake)) as (feed, sink):
            await _outage_outlives_the_attempts(fake, feed, sink, ["CRYPTO:BTCUSDT"],
                                                [Channel.QUOTE])

    run_against(FakeMaidongServer(), scenario)


def test_qos_survives_an_outage_longer_than_the_first_connection_attempts():
    async def scenario(fake):
        async with running_feed(qos_feed(fake, give_up_after=GIVE_UP_AFTER)) as (feed, sink):
            await _outage_outlives_the_attempts(fake, feed, sink, ["PERP:BTCUSDT"],
                                                [Channel.QUOTE])

    run_against(FakeQosServer(min_interval=0.05, http_limit=None), scenario)


def test_itick_survives_an_outage_longer_than_the_first_connection_attempts():
    async def scenario(fake):
        async with running_feed(itick_feed(fake)) as (feed, sink):
            await _outage_outlives_the_attempts(fake, feed, sink, ["CRYPTO:BTCUSDT"],
                                                [Channel.QUOTE])

    run_against(FakeItickServer(), scenario)


def test_a_first_connection_that_never_succeeds_still_gives_up():
    """The 4-attempt rule stands for a script pointed at a host that is not there."""
    async def scenario(fake):
        url = fake.ws_url
        await fake.go_away()
        session = WsSession(SessionConfig(url=url, name="Test", policy=FAST,
                                          give_up_after=GIVE_UP_AFTER), on_message=lambda m: None)
        session.start()
        try:
            with pytest.raises(UnreachableError, match="after 4 attempts"):
                await session.wait_connected(10)
        finally:
            await session.aclose()
            await fake.come_back()

    run_against(FakeMaidongServer(), scenario)


def test_maidong_hang_ups_after_it_had_answered_are_an_outage_not_a_refusal():
    """A server that hangs up on every request and handshake while it is down (a proxy in
    front of a stopped service): once the vendor has answered, this is an outage. The HTTP
    polling that stands in keeps going, nothing is said as a refusal, data resumes."""
    symbols = ["CRYPTO:BTCUSDT"]

    async def scenario(fake):
        async with running_feed(maidong_feed(fake)) as (feed, sink):
            await feed.subscribe(symbols, [Channel.QUOTE])
            await sink.wait_for(lambda: sink.symbols(Quote) == set(symbols))
            fake.unauthorised_mode = "close"
            fake.allowed_ips = set()
            fake.drop_all()
            mark = len(sink.events)
            polls = feed.polls
            await fake.wait_for(lambda: feed.polls >= polls + 3, timeout=10)
            await sink.wait_for(lambda: sum(
                1 for e in sink.events[mark:] if type(e) is Status and "retrying" in e.detail
            ) >= 2 * GIVE_UP_AFTER, timeout=10)
            assert not [e for e in sink.events[mark:]
                        if type(e) is Status and e.state is ConnectionState.ERROR]
            assert feed.failure is None
            fake.allowed_ips = {"127.0.0.1"}
            mark = len(sink.events)
            await sink.wait_for(lambda: sink.symbols(Quote, mark) == set(symbols), timeout=10)
            assert feed.failure is None

    run_against(FakeMaidongServer(), scenario)
