"""A desk on one relay for the relay's tests: the QOS fake recording every push it sends, the
relay over a QOS adapter pointed at it (compressed timings), and terminals (RelayFeeds) with
their sinks. Everything is torn down however the scenario ends."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter
from dataclasses import dataclass, field

from app.core.types import Book, Channel, Quote, Trade
from app.feeds.qos import QosPlan
from app.feeds.relay.connect import NatsAuth
from app.feeds.relay.feed import RelayClientTimings, RelayFeed
from app.feeds.relay.server import Relay, RelayTimings
from tests.fakes.qos import FakeQosServer
from tests.support.events import Sink
from tests.support.feed_cases import qos_feed

FAST_RELAY = RelayTimings(status_every=0.2, kv_flush=0.05, lock_ttl=2.0, lock_renew=0.25, standby_poll=0.1,
                          expire_every=0.1, upstream_timeout=5.0, reply_wait=5.0, nats_timeout=1.0)
FAST_TERMINAL = RelayClientTimings(lease_ttl=1.5, renew_every=0.3, request_timeout=5.0, lease_timeout=3.0,
                                   relay_silence=0.8, watch_every=0.1, close_timeout=0.5)
CHANNELS = [Channel.QUOTE, Channel.TRADE, Channel.DEPTH]


class RecordingQos(FakeQosServer):
    """The QOS fake, keeping every market push it puts on a connection, in order."""

    def __init__(self, **options) -> None:
        super().__init__(**({"min_interval": None, "http_limit": None, "max_products": None} | options))
        self.pushed: list[dict] = []

    def _start_writer(self, conn):
        put = conn.outbox.put_nowait

        def recording(frame) -> None:
            put(frame)
            if isinstance(frame, str) and frame.startswith('{"tp":'):
                self.pushed.append(json.loads(frame))

        conn.outbox.put_nowait = recording
        return super()._start_writer(conn)

    def subscriptions(self) -> Counter:
        """(command, code) → how many times some connection asked for it."""
        counts: Counter = Counter()
        for conn in self.connections:
            for cmd in conn.commands:
                if cmd.get("type") in ("S", "T", "D", "K"):
                    for code in cmd.get("codes") or []:
                        market, _, rest = code.partition(":")
                        for one in rest.split(","):
                            counts[(cmd["type"], f"{market}:{one}")] += 1
        return counts


def pushed_key(frame: dict) -> tuple:
    """A push as (symbol code, kind, time in s, price) — what a terminal's event must match."""
    tp = frame["tp"]
    if tp == "S":
        return frame["c"], "quote", frame["ts"], float(frame["lp"])
    if tp == "T":
        return frame["c"], "trade", frame["ts"], float(frame["p"]), float(frame["v"])
    if tp == "D":
        return frame["c"], "depth", frame["ts"], tuple(float(level["p"]) for level in frame["b"])
    return frame["c"], tp, frame["ts"]


def event_key(event, code_of) -> tuple | None:
    kind = type(event)
    if kind is Quote:
        return code_of(event.symbol), "quote", event.ts // 1000, event.last
    if kind is Trade:
        return code_of(event.symbol), "trade", event.ts // 1000, event.price, event.size
    if kind is Book:
        return code_of(event.symbol), "depth", event.ts // 1000, tuple(p for p, _ in event.bids)
    return None


@dataclass
class Desk:
    fake: RecordingQos
    url: str
    relays: list[tuple[Relay, asyncio.Event, asyncio.Task]] = field(default_factory=list)
    terminals: list[tuple[RelayFeed, Sink]] = field(default_factory=list)
    relay_auth: NatsAuth | None = None  # the relays' NATS credentials

    async def active_relay(self, **options) -> Relay:
        """A relay started, once it holds the vendor."""
        relay = self.start_relay(**options)
        await asyncio.wait_for(relay.active.wait(), 10)
        return relay

    def start_relay(self, *, cap: int | None = None, name: str | None = None,
                    timings: RelayTimings = FAST_RELAY, cache=None) -> Relay:
        def make():
            return qos_feed(self.fake, plan=QosPlan(ws_min_interval=0.0, heartbeat=0.5, http_period=0.5,
                                                    http_requests=1000, products=cap or 10))[0]

        relay = Relay("qos", self.url, self.relay_auth, make, cap=cap, timings=timings, name=name,
                      cache=cache)
        stop = asyncio.Event()
        self.relays.append((relay, stop, asyncio.ensure_future(relay.run(stop))))
        return relay

    async def kill_relay(self, relay: Relay) -> None:
        """As a kill: the task cancelled, the lock left to expire."""
        for item in self.relays:
            if item[0] is relay:
                item[2].cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await asyncio.wait_for(item[2], 5)
                self.relays.remove(item)
                return

    def history_requests(self) -> int:
        """K-line requests the fake answered, over HTTP and the WebSocket."""
        http = sum(1 for path, _ in self.fake.http_log if path in ("/kline", "/history"))
        return http + sum(1 for conn in self.fake.connections for cmd in conn.commands
                          if cmd.get("type") in ("RK", "RH"))

    async def terminal(self, **options) -> tuple[RelayFeed, Sink]:
        feed = RelayFeed(self.url, relay_vendor="qos", timings=options.pop("timings", FAST_TERMINAL), **options)
        sink = Sink()
        feed.set_sink(sink)
        await feed.start()
        self.terminals.append((feed, sink))
        return feed, sink

    async def aclose(self) -> None:
        await asyncio.gather(*(feed.aclose() for feed, _ in self.terminals), return_exceptions=True)
        for _, stop, task in self.relays:
            stop.set()
        for _, _, task in self.relays:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, 5)
            task.cancel()


def run_desk(nats_url: str, scenario, timeout: float = 25.0, relay_auth: NatsAuth | None = None):
    """Start the fake, run ``scenario(desk)`` bounded in time, tear everything down."""
    async def main():
        fake = RecordingQos()
        await fake.start()
        desk = Desk(fake, nats_url, relay_auth=relay_auth)
        try:
            async with asyncio.timeout(timeout):
                return await scenario(desk)
        except TimeoutError:
            dump_tasks("scenario")
            raise
        finally:
            try:
                async with asyncio.timeout(15):
                    await desk.aclose()
                    await fake.aclose()
            except TimeoutError:
                dump_tasks("teardown")
                raise

    return asyncio.run(main())


def dump_tasks(when: str) -> None:
    """What was still waiting when a bound ran out (stderr: pytest shows it with the failure)."""
    import sys

    print(f"--- {when} timed out; tasks:", file=sys.stderr)
    for task in asyncio.all_tasks(asyncio.get_event_loop()):
        task.print_stack(limit=6, file=sys.stderr)
