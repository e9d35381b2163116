"""The three live vendors as the feed contract suite (tests/feeds/contract/) sees them: how to
build each one's fake and adapter with compressed timings, and the few facts that differ
(symbols, how its fake shows what a connection carries, how it refuses, its wire details).

A case answers the contract's questions; the contract asks them the same way for every vendor.
The per-vendor test files build their feeds with the same functions (``qos_feed`` …).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from app.core.types import Book, Channel, Quote, Trade
from app.feeds.itick import ItickFeed, ItickPlan, ItickTimings
from app.feeds.maidong import MaidongFeed, MaidongTimings
from app.feeds.qos import QosFeed, QosPlan, QosTimings
from app.feeds.transport.backoff import ReconnectPolicy
from tests.fakes.itick import FakeItickServer
from tests.fakes.maidong import FakeMaidongServer
from tests.fakes.qos import FakeQosServer
from tests.support.events import Sink, run_against

SCALE = 0.01  # reconnect timings: 2 s → 20 ms, 30 s → 300 ms, a "minute" of handshakes → 0.6 s
QOS_PACE = 0.05
# The QOS fake stamps a command when its loop gets to it, so on a loaded machine two commands sent
# QOS_PACE apart can be read closer together; unpaced ones arrive ~0 ms apart, well under this.
QOS_SERVER_MIN_GAP = QOS_PACE * 0.3


# -- building the adapters (shared with the per-vendor files) ------------------------------------

def _sinked(feed: Any) -> tuple[Any, Sink]:
    sink = Sink()
    feed.set_sink(sink)
    return feed, sink


def qos_fake(**options: Any) -> FakeQosServer:
    return FakeQosServer(**({"min_interval": QOS_SERVER_MIN_GAP, "http_limit": (10, 0.5)} | options))


def qos_feed(fake: FakeQosServer, *, key: str = "test-key", plan: QosPlan | None = None,
             policy: ReconnectPolicy | None = None, **timing: Any) -> tuple[QosFeed, Sink]:
    return _sinked(QosFeed(
        api_key=key, base_url=fake.http_url, ws_url=fake.ws_url,
        plan=plan or QosPlan(ws_min_interval=QOS_PACE, heartbeat=0.2, http_period=0.5),
        timings=QosTimings(policy=policy or ReconnectPolicy().scaled(SCALE), ack_timeout=2.0,
                           first_connect_timeout=3.0, http_backoff=0.01, **timing)))


def itick_feed(fake: FakeItickServer, *, token: str = "test-token", plan: ItickPlan | None = None,
               **timing: Any) -> tuple[ItickFeed, Sink]:
    options = {"policy": ReconnectPolicy().scaled(SCALE), "heartbeat": 0.1, "ack_timeout": 2.0,
               "auth_wait": 0.2, "first_connect_timeout": 3.0, "resubscribe_delay": 0.05,
               "http_backoff": 0.01} | timing
    return _sinked(ItickFeed(api_key=token, base_url=fake.http_url, ws_url=fake.ws_url,
                             plan=plan or ItickPlan(http_requests=50, http_period=1.0),
                             timings=ItickTimings(**options)))


def maidong_feed(fake: FakeMaidongServer, **timing: Any) -> tuple[MaidongFeed, Sink]:
    options = {"policy": ReconnectPolicy().scaled(SCALE), "heartbeat": 0.1,
               "resubscribe_delay": 0.05, "first_connect_timeout": 3.0, "fallback_after": 0.2,
               "poll_interval": 0.4, "http_backoff": 0.01} | timing
    return _sinked(MaidongFeed(base_url=fake.http_url, ws_url=fake.ws_url,
                               timings=MaidongTimings(**options)))


def maidong_keys_sent(fake: FakeMaidongServer) -> list[list[str]]:
    return [k for conn in fake.connections for k in conn.keys]


def itick_live_on(fake: FakeItickServer, asset: str) -> list:
    return [c for c in fake.live if c.asset == asset]


# -- what the contract asks of a vendor -------------------------------------------------------

@dataclass(frozen=True)
class Streams:
    """What "every channel" means for a vendor: the symbols, channels and event kinds."""

    symbols: tuple[str, ...]
    channels: tuple[Channel, ...] = (Channel.QUOTE, Channel.TRADE, Channel.DEPTH, Channel.BAR)
    kinds: tuple[type, ...] = (Quote, Trade, Book)  # plus Bar when BAR is among the channels


class VendorCase:
    """One vendor under the contract. Subclasses fill in the facts; names say what each is."""

    name: str
    streams: Streams
    one: str  # a symbol that streams at any hour (crypto)
    one_kind: type  # the kind of event it streams most (for "the stream goes on")
    one_channel: Channel
    refusal_modes: tuple[str, ...]
    rate_limited: bool = True  # the vendor has a request rate: its 429 is retried

    def fake(self, **options: Any) -> Any:
        raise NotImplementedError

    def feed(self, fake: Any, **timing: Any) -> tuple[Any, Sink]:
        raise NotImplementedError

    def run(self, scenario: Callable[[Any], Awaitable[Any]], **fake_options: Any) -> Any:
        """Start the vendor's fake, run ``scenario(fake)``, always shut both down; bounded in time."""
        return run_against(self.fake(**fake_options), scenario)

    def handshake_times(self, fake: Any) -> list[float]:
        raise NotImplementedError

    def check_every_channel(self, fake: Any, sink: Sink) -> None:
        """The vendor's own wire details after streaming :attr:`streams`."""

    # resubscribe after a drop
    async def subscribe_active_set(self, feed: Any, fake: Any) -> object:
        """Subscribe, change the set, and return what the server then carries (checked)."""
        raise NotImplementedError

    def carried_again(self, fake: Any, expected: object) -> bool:
        """A second connection carries exactly ``expected``."""
        raise NotImplementedError

    def resumed(self, sink: Sink, mark: int) -> bool:
        raise NotImplementedError

    def check_replay(self, fake: Any) -> None:
        """What the new connection was sent: the active set once, nothing else."""

    # dead peer
    dead_peer_timing: dict[str, Any] = {}

    def go_dead(self, fake: Any) -> None:
        fake.silent = True

    def revive(self, fake: Any) -> None:
        fake.silent = False

    def dead_peer_said(self, detail: str) -> bool:
        return "dead peer" in detail

    # malformed frames
    bad_frames: tuple[str | bytes, ...] = ()
    harmless_frames: tuple[str | bytes, ...] = ()  # documented frames that are no data and no fault
    events_after_bad_frames = 1  # how many good events show the stream went on

    # refusal said once
    def refuse(self, fake: Any, mode: str) -> None:
        raise NotImplementedError

    def refused_feed(self, fake: Any) -> tuple[Any, Sink]:
        raise NotImplementedError

    async def provoke_refusal(self, feed: Any, fake: Any, mode: str) -> BaseException:
        """Meet the refusal the way a user would; returns what was raised (checked here)."""
        raise NotImplementedError

    def check_refusal(self, fake: Any, feed: Any, sink: Sink, caught: BaseException, mode: str) -> None:
        """The vendor's own words and counts."""

    # 429
    transient_http: tuple[tuple[int, dict[str, str]], ...] = ((429, {"Retry-After": "0.3"}),)
    least_wait = 0.25  # every queued request waited out the Retry-After (a little slack)

    def requests(self, feed: Any) -> list[Callable[[], Awaitable[list]]]:
        """Concurrent HTTP requests that each come back with one or more items."""
        raise NotImplementedError

    async def check_retried(self, feed: Any, fake: Any, results: list[list]) -> None:
        """What the server saw (the refused request once, then the retry); what follows."""

