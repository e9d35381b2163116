"""What :class:`~app.feeds.live.LiveFeed` owns, the same in every live vendor, over real
loopback sockets against the fakes: once the WebSocket refused the key (or the computer), a
later subscribe is refused in the same words without opening another connection."""

from __future__ import annotations

import pytest

from app.core.types import Channel, ConnectionState, Quote
from app.feeds.base import AuthError
from app.feeds.itick import ItickFeed, ItickTimings
from app.feeds.maidong import MaidongFeed, MaidongTimings
from app.feeds.qos import QosFeed, QosPlan, QosTimings
from app.feeds.transport.backoff import ReconnectPolicy
from tests.fakes.itick import FakeItickServer
from tests.fakes.maidong import FakeMaidongServer
from tests.fakes.qos import FakeQosServer
from tests.support.events import Sink, run_against, running_feed

FAST = ReconnectPolicy().scaled(0.01)


def qos(fake: FakeQosServer) -> QosFeed:
    return QosFeed(api_key="wrong", base_url=fake.http_url, ws_url=fake.ws_url,
                   plan=QosPlan(ws_min_interval=0.05, heartbeat=0.2, http_period=0.5),
                   timings=QosTimings(policy=FAST, first_connect_timeout=3.0, http_backoff=0.01))


def itick(fake: FakeItickServer) -> ItickFeed:
    fake.bad_key_mode = "http"  # 401 on the handshake
    return ItickFeed(api_key="wrong", base_url=fake.http_url, ws_url=fake.ws_url,
                     timings=ItickTimings(policy=FAST, heartbeat=0.1, auth_wait=0.2,
                                          first_connect_timeout=3.0, http_backoff=0.01))


def maidong(fake: FakeMaidongServer) -> MaidongFeed:
    return MaidongFeed(base_url=fake.http_url, ws_url=fake.ws_url,
                       timings=MaidongTimings(policy=FAST, heartbeat=0.1, first_connect_timeout=3.0,
                                              fallback_after=60, http_backoff=0.01))


async def refused_first(vendor: str, feed, sink: Sink, fake) -> None:
    """The WebSocket refuses: QOS and iTick a wrong key at once, 脉动数据 this computer's IP
    after it was allowed (the vendor withdrew it)."""
    if vendor != "maidong":
        with pytest.raises(AuthError):
            await feed.subscribe(["US:AAPL"], [Channel.QUOTE])
        return
    await feed.subscribe(["CRYPTO:BTCUSDT"], [Channel.QUOTE])
    await sink.wait_for(lambda: sink.of(Quote))
    fake.allowed_ips = set()
    fake.drop_all()
    await sink.wait_for(lambda: sink.statuses(ConnectionState.ERROR))


@pytest.mark.parametrize("vendor, make, server, later", [
    ("qos", qos, FakeQosServer, ["HK:00700", "PERP:BTCUSDT"]),
    ("itick", itick, FakeItickServer, ["CRYPTO:BTCUSDT", "FX:EURUSD"]),  # other asset classes
    ("maidong", maidong, FakeMaidongServer, ["FX:GBPUSD"]),
])
def test_after_an_auth_failure_subscribe_is_refused_without_a_new_connection(vendor, make, server, later):
    async def scenario(fake):
        sink = Sink()
        feed = make(fake)
        feed.set_sink(sink)
        async with running_feed((feed, sink)):
            await refused_first(vendor, feed, sink, fake)
            assert isinstance(feed.failure, AuthError)
            handshakes = len(fake.handshakes)
            with pytest.raises(AuthError) as caught:  # other symbols: no connection carries them yet
                await feed.subscribe(later, [Channel.QUOTE, Channel.TRADE])
            assert caught.value is feed.failure  # the same words, not a new refusal
            assert len(fake.handshakes) == handshakes  # no connection was tried for it

    run_against(server(), scenario)
