"""The relay: one vendor connection published on NATS for a whole desk.

While it holds the vendor's lock (:mod:`app.feeds.relay.lock`; a second relay waits as a
standby), it runs the vendor's adapter (the same feed code a terminal runs), subscribes upstream
to what the terminals' leases want (:mod:`app.feeds.relay.demand`), publishes every event on its
subject (:mod:`app.feeds.relay.subjects`), keeps the latest quote and book of each symbol in the
``last`` bucket, publishes the vendor's state on ``status`` every second and at each change, and
answers requests (:mod:`app.feeds.relay.answers`). Every await is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from app.core.periods import Period
from app.core.types import Book, Channel, ConnectionState, Event, Quote, Status
from app.feeds.base import Feed, FeedError
from app.feeds.relay.answers import Answers, BarCache, error_reply
from app.feeds.relay.connect import NatsAuth, bounded, connect
from app.feeds.relay.demand import DemandBook, Want
from app.feeds.relay.lock import KvLock
from app.feeds.relay.subjects import DISCOVERY, Subjects, decode_value, encode, encode_value, words_out

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RelayTimings:
    """How patient the relay is (tests compress these)."""

    status_every: float = 1.0  # the vendor's state is published this often (the relay's heartbeat)
    kv_flush: float = 0.2  # the latest quotes and books are written to the bucket this often
    lock_ttl: float = 6.0  # a dead relay's lock is free after this long
    lock_renew: float = 1.5
    standby_poll: float = 0.5  # a standby tries the lock this often
    expire_every: float = 1.0  # leases are checked this often
    upstream_timeout: float = 20.0  # a start, subscribe or unsubscribe of the vendor's
    reply_wait: float = 10.0  # a lease's reply waits at most this for the vendor's subscribe
    nats_timeout: float = 3.0  # one NATS operation (a bucket write, a lock renewal)


def symbol_cap(feed: Feed) -> int | None:
    """Symbols the vendor's plan serves at once (None: no documented cap)."""
    plan = getattr(feed, "plan", None)
    products = getattr(plan, "products", None)
    if isinstance(products, int):
        return products
    per, most = getattr(plan, "symbols_per_connection", None), getattr(plan, "max_connections", None)
    if isinstance(per, int) and isinstance(most, int):
        return per * most
    return None


class Relay:
    """``Relay(vendor, url, auth, make_feed).run(stop)``: serves until ``stop`` is set."""

    def __init__(self, vendor: str, url: str, auth: NatsAuth | None, make_feed: Callable[[], Feed], *,
                 cache: BarCache | None = None, timings: RelayTimings = RelayTimings(),
                 cap: int | None = None, name: str | None = None) -> None:
        self.vendor = vendor
        self.url = url
        self.auth = auth
        self.make_feed = make_feed
        self.cache = cache
        self.timings = timings
        self.cap = cap
        self.id = name or f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.subjects = Subjects(vendor)
        self.nc = None
        self.js = None
        self.feed: Feed | None = None
        self.active = asyncio.Event()  # set while this relay holds the vendor
        self.demand = DemandBook(vendor, cap)
        self.upstream: set[Want] = set()
        self.state = Status(vendor, ConnectionState.CONNECTING, "")
        self.published = 0  # events published (the benchmark reads it)
        self._out: deque[tuple[str, bytes]] = deque()
        self._wake = asyncio.Event()
        self._last: dict[str, bytes] = {}  # bucket key → latest encoded quote/book
        self._dirty: set[str] = set()
        self._settle: list[asyncio.Future[None]] = []
        self._reconcile_wake = asyncio.Event()
        self._subs: list = []
        self._tasks: set[asyncio.Task] = set()
        self._lock: KvLock | None = None

    # -- the whole life ---------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Connect, wait for the lock, serve while holding it; back to standby if it is lost."""
        self.nc = await connect(self.url, self.auth, name=f"relay {self.vendor} {self.id}")
        self.js = self.nc.jetstream(timeout=self.timings.nats_timeout)
        self._lock = KvLock(self.js, self.subjects.lock_bucket, self.id, self.timings.lock_ttl)
        discovery = await self.nc.subscribe(DISCOVERY, cb=self._on_discovery)
        try:
            while not stop.is_set():
                if await self._try_lock():
                    await self._serve(stop)
                else:
                    with contextlib.suppress(TimeoutError):
                        await bounded(stop.wait(), self.timings.standby_poll)
        finally:
            with contextlib.suppress(Exception):
                await bounded(discovery.unsubscribe(), self.timings.nats_timeout)
            with contextlib.suppress(Exception):
                await bounded(self.nc.drain(), self.timings.nats_timeout)
            with contextlib.suppress(Exception):
                await bounded(self.nc.close(), self.timings.nats_timeout)

    async def _try_lock(self) -> bool:
        try:
            async with asyncio.timeout(self.timings.nats_timeout):
                return await self._lock.acquire()
        except Exception as exc:  # NATS away, JetStream not ready: a standby tries again
            log.debug("relay %s: lock not taken: %s", self.id, exc)
            return False

    async def _serve(self, stop: asyncio.Event) -> None:
        """Hold the vendor until ``stop`` or the lock is lost."""
        log.info("relay %s: active for %s", self.id, self.vendor)
        self.feed = feed = self.make_feed()
        self.demand = DemandBook(self.vendor, self.cap if self.cap is not None else symbol_cap(feed))
        self.upstream = set()
        self.answers = Answers(feed, self.cache)
        feed.set_sink(self._on_event)
        lost = asyncio.Event()
        for coro in (self._publisher(), self._flush_last(), self._heartbeat(), self._keep_lock(lost)):
            self._spawn(coro)
        try:
            await self._start_upstream(feed)  # leases are taken once the vendor's feed is up
            for coro in (self._expire(), self._reconciler()):
                self._spawn(coro)
            wait = self.timings.nats_timeout
            self._subs = [
                await bounded(self.nc.subscribe(self.subjects.demand, cb=self._on_demand), wait),
                await bounded(self.nc.subscribe(f"{self.subjects.requests}.*", cb=self._on_request), wait),
            ]
            await bounded(self.nc.publish(self.subjects.hello, encode_value({"relay": self.id})), wait)
            self.active.set()
            stopping = asyncio.ensure_future(stop.wait())
            losing = asyncio.ensure_future(lost.wait())
            try:
                await asyncio.wait({stopping, losing}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                stopping.cancel()
                losing.cancel()
        finally:
            await self._step_down(feed, release=stop.is_set())

    async def _step_down(self, feed: Feed, *, release: bool) -> None:
        self.active.clear()
        for sub in self._subs:  # (bounded: nats-py may wait on its flusher while reconnecting)
            with contextlib.suppress(Exception):
                await bounded(sub.unsubscribe(), self.timings.nats_timeout)
        self._subs = []
        tasks, self._tasks = list(self._tasks), set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        with contextlib.suppress(Exception):
            await bounded(feed.aclose(), self.timings.upstream_timeout)
        self.feed = None
        if release:
            with contextlib.suppress(Exception):
                await bounded(self._lock.release(), self.timings.nats_timeout)
        log.info("relay %s: no longer active for %s", self.id, self.vendor)

    def _spawn(self, coro) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(_log_failure)
        return task

    async def _start_upstream(self, feed: Feed) -> None:
        try:
            await bounded(feed.start(), self.timings.upstream_timeout)
        except (FeedError, TimeoutError) as exc:
            self._on_event(Status(self.vendor, ConnectionState.ERROR, getattr(exc, "text", None) or str(exc)))

    async def _keep_lock(self, lost: asyncio.Event) -> None:
        held = time.monotonic()
        while True:
            await asyncio.sleep(self.timings.lock_renew)
            try:
                async with asyncio.timeout(self.timings.nats_timeout):
                    if not await self._lock.renew():
                        log.warning("relay %s: another relay holds %s now", self.id, self.vendor)
                        lost.set()
                        return
                held = time.monotonic()
            except Exception as exc:  # NATS away: the lock is ours until it expires
                log.debug("relay %s: lock not renewed: %s", self.id, exc)
                if time.monotonic() - held > self.timings.lock_ttl:
                    lost.set()
                    return

    # -- upstream events → NATS -------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        """The adapter's sink: queue the event for publication (cheap: one encode)."""
        kind = type(event)
        if kind is Status:
            if (event.state, event.detail) != (self.state.state, self.state.detail):
                log.info("relay %s: %s %s%s", self.id, self.vendor, event.state,
                         f": {event.detail}" if event.detail else "")
            self.state = event
            self._out.append((self.subjects.status, self._status_body()))
        else:
            data = encode(event)
            self._out.append((self.subjects.of_event(event), data))
            if kind is Quote or kind is Book:
                key = Subjects.last_key("quote" if kind is Quote else "depth", event.symbol)
                self._last[key] = data
                self._dirty.add(key)
        self._wake.set()

    def _status_body(self) -> bytes:
        return encode_value({"relay": self.id, "vendor": self.vendor, "state": str(self.state.state),
                             "detail": words_out(self.state.detail), "ts": int(time.time() * 1000),
                             "symbols": len(self.demand.symbols())})

    async def _publisher(self) -> None:
        out, publish = self._out, self.nc.publish
        while True:
            await self._wake.wait()
            self._wake.clear()
            while out:
                subject, data = out.popleft()
                try:
                    await publish(subject, data)
                    self.published += 1
                except Exception as exc:  # NATS away and its buffer full: this event is lost
                    log.debug("relay %s: publish failed: %s", self.id, exc)

    async def _flush_last(self) -> None:
        prefix = f"$KV.{self.subjects.last_bucket}."
        await self._ensure_bucket()
        while True:
            await asyncio.sleep(self.timings.kv_flush)
            dirty, self._dirty = self._dirty, set()
            for key in dirty:
                with contextlib.suppress(Exception):
                    await self.nc.publish(prefix + key, self._last[key])

    async def _ensure_bucket(self) -> None:
        from nats.js.errors import BucketNotFoundError

        for _ in range(100):
            try:
                async with asyncio.timeout(self.timings.nats_timeout):
                    try:
                        await self.js.key_value(self.subjects.last_bucket)
                    except BucketNotFoundError:
                        await self.js.create_key_value(bucket=self.subjects.last_bucket, history=1)
                return
            except Exception as exc:
                log.debug("relay %s: bucket not ready: %s", self.id, exc)
                await asyncio.sleep(self.timings.kv_flush)

    async def _heartbeat(self) -> None:
        while True:
            with contextlib.suppress(Exception):
                await self.nc.publish(self.subjects.status, self._status_body())
            await asyncio.sleep(self.timings.status_every)

    # -- demand -----------------------------------------------------------------------------

    async def _on_demand(self, msg) -> None:
        self._spawn(self._lease(msg))

    async def _lease(self, msg) -> None:
        try:
            body = decode_value(msg.data)
            terminal = str(body["terminal"])
            ttl = float(body.get("ttl", 0))
            if ttl <= 0:
                self.demand.release(terminal)
                granted_refused: dict[str, str] = {}
            else:
                wants = {Want(str(s), str(c), str(p or "")) for s, c, p in body.get("wants", ())}
                granted_refused = self.demand.lease(terminal, wants, ttl, time.monotonic()).refused
            await self._settled()
            refused = {**granted_refused, **{s: w for s, w in self.demand.refusals.items()
                                             if any(x[0] == s for x in body.get("wants", ()))}}
            reply = {"refused": {s: words_out(w) for s, w in refused.items()}, "relay": self.id,
                     "state": str(self.state.state)}
        except Exception as exc:
            reply = error_reply(exc)
        if msg.reply:  # behind the events queued so far (the initial state goes first)
            self._out.append((msg.reply, encode_value(reply)))
            self._wake.set()

    async def _settled(self) -> None:
        """Until the upstream subscriptions match the leases (at most ``reply_wait``)."""
        done = asyncio.get_running_loop().create_future()
        self._settle.append(done)
        self._reconcile_wake.set()
        with contextlib.suppress(TimeoutError):
            await bounded(asyncio.shield(done), self.timings.reply_wait)

    async def _expire(self) -> None:
        while True:
            await asyncio.sleep(self.timings.expire_every)
            if self.demand.expire(time.monotonic()):
                self._reconcile_wake.set()

    async def _reconciler(self) -> None:
        """The one task that changes the vendor's subscriptions, towards what the leases want."""
        while True:
            await self._reconcile_wake.wait()
            self._reconcile_wake.clear()
            waiting, self._settle = self._settle, []
            try:
                await self._reconcile()
            except Exception as exc:
                log.warning("relay %s: subscriptions not updated: %s", self.id, exc)
            for done in waiting:
                if not done.done():
                    done.set_result(None)

    async def _reconcile(self) -> None:
        feed = self.feed
        wanted = self.demand.wanted
        gone, new = self.upstream - wanted, wanted - self.upstream
        for (channel, period), symbols in _grouped(gone).items():
            with contextlib.suppress(FeedError, TimeoutError):
                await bounded(feed.unsubscribe(symbols, [Channel(channel)], _period(period)),
                                       self.timings.upstream_timeout)
            self.upstream -= {Want(s, channel, period) for s in symbols}
            for symbol in symbols:
                if not any(w.symbol == symbol for w in wanted):
                    for kind in ("quote", "depth"):
                        self._last.pop(Subjects.last_key(kind, symbol), None)
        for (channel, period), symbols in _grouped(new).items():
            try:
                await bounded(feed.subscribe(symbols, [Channel(channel)], _period(period)),
                                       self.timings.upstream_timeout)
                self.upstream |= {Want(s, channel, period) for s in symbols}
            except FeedError as exc:
                await self._refused(symbols, channel, period, exc)

    async def _refused(self, symbols: list[str], channel: str, period: str, exc: FeedError) -> None:
        """A refusal for a group: which symbols it was about, one at a time when several."""
        if len(symbols) == 1:
            self.demand.refuse(symbols, exc.text)
            return
        for symbol in symbols:
            try:
                await bounded(self.feed.subscribe([symbol], [Channel(channel)], _period(period)),
                                       self.timings.upstream_timeout)
                self.upstream.add(Want(symbol, channel, period))
            except FeedError as one:
                self.demand.refuse([symbol], one.text)

    # -- requests ---------------------------------------------------------------------------

    async def _on_request(self, msg) -> None:
        self._spawn(self._request(msg))

    async def _request(self, msg) -> None:
        what = msg.subject.rsplit(".", 1)[-1]
        try:
            body = decode_value(msg.data) if msg.data else {}
            reply = {"ok": await self.answers.answer(what, dict(body or {}))}
        except Exception as exc:
            reply = error_reply(exc)
        if msg.reply:
            with contextlib.suppress(Exception):
                await self.nc.publish(msg.reply, encode_value(reply))

    async def _on_discovery(self, msg) -> None:
        if self.active.is_set() and msg.reply:
            with contextlib.suppress(Exception):
                await self.nc.publish(msg.reply, encode_value({"vendor": self.vendor, "relay": self.id}))


def _grouped(wants: set[Want]) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for want in sorted(wants):
        out.setdefault((want.channel, want.period), []).append(want.symbol)
    return out


def _period(text: str) -> Period:
    return Period.parse(text) if text else Period.M1


def _log_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("relay task failed: %s", task.exception(), exc_info=task.exception())
