"""A terminal's feed from the relay on NATS: ``--vendor relay --nats URL [--relay-vendor V]``.

Subscribing leases the symbols from the relay (renewed every few seconds and at once when a
relay becomes active or NATS comes back), subscribes ``qt.<v>.s.<symbol>.>`` once per symbol
and starts each symbol from the ``last`` bucket (so a quiet market shows at once). Requests go
to the relay by request/reply with a timeout. The status says both states, the relay's and the
vendor's as the relay publishes it; while NATS or the relay is away it says "relay
reconnecting" and the terminal keeps what it shows. No lock is held across an await.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text, joined
from app.core.types import (
    Bar,
    Book,
    Category,
    Channel,
    ConnectionState,
    Instrument,
    InstrumentPage,
    Quote,
    Status,
    Trade,
)
from app.feeds.base import Feed, FeedError, UnreachableError, VendorRefusal
from app.feeds.relay.answers import ERRORS
from app.feeds.relay.connect import NatsAuth, bounded, connect
from app.feeds.relay.demand import Want
from app.feeds.relay.subjects import DISCOVERY, Subjects, decode_event, decode_value, encode_value, words_in

log = logging.getLogger(__name__)

_KIND_OF: dict[type, str] = {Quote: "quote", Trade: "trade", Book: "depth", Bar: "bar"}


@dataclass(frozen=True)
class RelayClientTimings:
    lease_ttl: float = 15.0  # the relay forgets a terminal this long after its last renewal
    renew_every: float = 4.0
    request_timeout: float = 25.0  # klines, symbols … (the relay waits 20 s for the vendor)
    lease_timeout: float = 12.0  # a lease's reply (the relay subscribes upstream first)
    relay_silence: float = 3.5  # no status from the relay this long: "relay reconnecting"
    watch_every: float = 0.5
    close_timeout: float = 1.0


class RelayFeed(Feed):
    """``RelayFeed(url, relay_vendor="qos")``: the vendor's events as the relay publishes them."""

    def __init__(self, url: str, *, relay_vendor: str | None = None, auth: NatsAuth | None = None,
                 timings: RelayClientTimings = RelayClientTimings(), give_up_after: int | None = None,
                 terminal: str | None = None) -> None:
        self.vendor = relay_vendor or "relay"
        super().__init__()
        self.url = url
        self.auth = auth
        self.timings = timings
        self.give_up_after = give_up_after
        self.terminal = terminal or uuid.uuid4().hex
        self.subjects = Subjects(self.vendor)
        self.nc = None
        self._kv = None
        self.wants: set[Want] = set()
        self._wanted_keys: set[tuple] = set()
        self._subs: dict[str, Any] = {}  # symbol → its NATS subscription
        self._seen_live: set[tuple[str, str]] = set()  # (kind, symbol) with a live event already
        self._tasks: set[asyncio.Task] = set()
        self._nats_up = False
        self._relay_at = 0.0  # monotonic time of the relay's latest status
        self._relay: dict = {}
        self._said: tuple | None = None
        self.refusals: dict[str, str] = {}
        self._closed = False
        self._started = False
        self._traits_known = False

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect to NATS (one bounded attempt) and to the relay. With ``give_up_after``
        (the command line) a NATS that does not answer is retried that many times, then an
        :class:`UnreachableError`; without (the GUI) the feed says "relay reconnecting" and goes
        on trying in the background, what is subscribed meanwhile served once it is back."""
        self._started = True
        self._say(ConnectionState.CONNECTING, Text(QT_TRANSLATE_NOOP("Feed", "relay: connecting to %1"), self.url))
        attempts = 0
        while True:
            attempts += 1
            try:
                await self._connect()
                break
            except UnreachableError as exc:
                if self.give_up_after is not None and attempts >= self.give_up_after:
                    raise self._fail(exc) from None
                self._say(ConnectionState.RECONNECTING, Text(QT_TRANSLATE_NOOP(
                    "Feed", "relay reconnecting: %1"), exc.text))
                if self.give_up_after is None:
                    self._spawn(self._connect_later(attempts))
                    return
                await asyncio.sleep(min(0.5 * attempts, 3.0))
            except FeedError as exc:
                raise self._fail(exc) from None
        await self._connected()

    async def _connect(self) -> None:
        self.nc = await connect(self.url, self.auth, name=f"terminal {self.terminal}",
                                disconnected=self._on_disconnected, reconnected=self._on_reconnected)

    async def _connect_later(self, attempts: int) -> None:
        while True:
            await asyncio.sleep(min(0.5 * attempts, 3.0))
            attempts += 1
            try:
                await self._connect()
            except UnreachableError:
                continue
            except FeedError as exc:  # refused credentials: said once, no retry storm
                self._fail(exc)
                return
            await self._connected()
            return

    async def _connected(self) -> None:
        """Once NATS answers: the relay's vendor, its status, its traits, what we want."""
        self._nats_up = True
        if self.vendor == "relay":
            await self._discover()
        await self.nc.subscribe(self.subjects.status, cb=self._on_status)
        await self.nc.subscribe(self.subjects.hello, cb=self._on_hello)
        await self._learn_traits()
        self._spawn(self._renewer())
        self._spawn(self._watch())
        if self.wants:  # subscribed while NATS was away
            for symbol in {w.symbol for w in self.wants} - set(self._subs):
                self._subs[symbol] = await self.nc.subscribe(self.subjects.of_symbol(symbol), cb=self._on_event)
            await self._lease_quietly()
            await self._initial(set(self.wants))

    async def _learn_traits(self) -> None:
        if not self._traits_known:
            with contextlib.suppress(FeedError):
                self._traits(await self._ask("traits", {}, timeout=self.timings.lease_timeout))
                self._traits_known = True

    async def _discover(self) -> None:
        """No ``--relay-vendor``: the vendor of the (first) active relay on this NATS."""
        try:
            vendor = await _ask_vendor(self.nc, self.url, self.timings.lease_timeout)
        except FeedError as exc:
            raise self._fail(exc) from None
        self.vendor = self.health.vendor = vendor
        self.subjects = Subjects(vendor)

    def _away(self) -> FeedError:
        return UnreachableError(Text(QT_TRANSLATE_NOOP("Feed", "relay reconnecting: NATS at %1 lost"), self.url))

    def _fail(self, exc: FeedError) -> FeedError:
        self.failure = exc
        self._say(ConnectionState.ERROR, str(exc))
        return exc

    def _traits(self, traits: dict) -> None:
        """The vendor's own traits, as the relay reports them (periods, cheap lists …)."""
        self.periods = frozenset(Period(p) for p in traits.get("periods", ()) if p in Period._value2member_map_) \
            or self.periods
        self.channels = frozenset(Channel(c) for c in traits.get("channels", ())) or self.channels
        for name in ("lists_cheaply", "trade_times_ms", "persistent_history", "history_is_cheap"):
            if name in traits:
                setattr(self, name, bool(traits[name]))
        # the vendor's own sending times: the health's latency is then vendor → this terminal
        timed = {kind.__name__: kind for kind in _KIND_OF}
        self.timed_events = frozenset(timed[n] for n in traits.get("timed", ()) if n in timed)
        self.time_resolution_ms = int(traits.get("resolution_ms") or 1)
        self.health.timed, self.health.resolution_ms = self.timed_events, self.time_resolution_ms

    async def aclose(self) -> None:
        """Stop our tasks, release the lease (so the relay lets go at once) and close NATS:
        each step bounded, for a dead or congested connection."""
        if self._closed:
            return
        self._closed = True
        tasks, self._tasks = list(self._tasks), set()
        for task in tasks:
            task.cancel()
        wait = self.timings.close_timeout
        with contextlib.suppress(TimeoutError):
            await bounded(asyncio.gather(*tasks, return_exceptions=True), wait)
        nc, self.nc = self.nc, None
        if nc is not None:
            if nc.is_connected and self.wants:
                with contextlib.suppress(Exception):
                    await bounded(nc.publish(self.subjects.demand,
                                             encode_value({"terminal": self.terminal, "ttl": 0})), wait)
            with contextlib.suppress(Exception):
                await bounded(nc.close(), wait)
        self._say(ConnectionState.DISCONNECTED, "")

    def _spawn(self, coro) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- state: NATS, the relay, the vendor behind it ---------------------------------------

    async def _on_disconnected(self) -> None:
        self._nats_up = False
        self._update_state()

    async def _on_reconnected(self) -> None:
        self._nats_up = True
        self._update_state()
        self._spawn(self._lease_quietly())  # the relay may have forgotten us meanwhile

    async def _on_hello(self, msg) -> None:
        self._spawn(self._lease_quietly())  # a relay became active: tell it what we want
        self._spawn(self._learn_traits())

    async def _on_status(self, msg) -> None:
        try:
            self._relay = dict(decode_value(msg.data))
        except (msgspec.DecodeError, TypeError, ValueError):
            return
        self._relay_at = time.monotonic()
        self._update_state()

    def _update_state(self) -> None:
        if self._closed:
            return
        if not self._nats_up:
            self._say(ConnectionState.RECONNECTING, Text(QT_TRANSLATE_NOOP(
                "Feed", "relay reconnecting: NATS at %1 lost"), self.url))
        elif not self._relay_at:
            self._say(ConnectionState.CONNECTING, Text(QT_TRANSLATE_NOOP(
                "Feed", "relay: waiting for a relay for %1 on %2"), self.vendor, self.url))
        elif time.monotonic() - self._relay_at > self.timings.relay_silence:
            self._say(ConnectionState.RECONNECTING, Text(QT_TRANSLATE_NOOP(
                "Feed", "relay reconnecting: no relay for %1 on %2"), self.vendor, self.url))
        else:
            state = self._relay.get("state", "connecting")
            try:
                upstream = ConnectionState(state)
            except ValueError:
                upstream = ConnectionState.CONNECTING
            detail = words_in(self._relay.get("detail"))
            if detail:
                said = Text(QT_TRANSLATE_NOOP("Feed", "relay connected · %1 %2: %3"), self.vendor, str(upstream), detail)
            else:
                said = Text(QT_TRANSLATE_NOOP("Feed", "relay connected · %1 %2"), self.vendor, str(upstream))
            self._say(upstream, said)

    def _say(self, state: ConnectionState, detail: str) -> None:
        if (state, str(detail)) != self._said:
            self._said = (state, str(detail))
            self.emit(Status(self.vendor, state, detail))

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.timings.watch_every)
            self._update_state()

    # -- demand -----------------------------------------------------------------------------

    async def _renewer(self) -> None:
        while True:
            await asyncio.sleep(self.timings.renew_every)
            await self._lease_quietly()

    async def _lease_quietly(self) -> None:
        with contextlib.suppress(FeedError, TimeoutError):
            await self._lease()

    async def _lease(self) -> dict[str, str]:
        """Send our whole lease; the symbols the relay refused (symbol → its words)."""
        if self.nc is None:
            raise self._away()
        wants = [list(w) for w in sorted(self.wants)]
        body = {"terminal": self.terminal, "wants": wants, "ttl": self.timings.lease_ttl if wants else 0}
        reply = await self._request(self.subjects.demand, body, self.timings.lease_timeout)
        refused = {s: words_in(w) for s, w in (reply.get("refused") or {}).items()}
        for symbol, words in refused.items():
            if self.refusals.get(symbol) != words:
                self.refusals[symbol] = words
                self.refused(words)
        return refused

    async def subscribe(self, symbols: Iterable[str], channels: Iterable[Channel],
                        period: Period = Period.M1) -> None:
        if not self._started:
            raise self.not_started("subscribe")
        fresh = {Want(s, str(c), period.value if c == Channel.BAR else "") for s in symbols for c in channels}
        fresh -= self.wants
        if not fresh:
            return
        self.wants |= fresh
        self._wanted_keys |= {_key(w) for w in fresh}
        if self.nc is None:
            return  # NATS not reached yet: subscribed when it is (_connected)
        for symbol in {w.symbol for w in fresh}:
            if symbol not in self._subs:
                self._subs[symbol] = await self.nc.subscribe(self.subjects.of_symbol(symbol), cb=self._on_event)
        try:
            refused = await self._lease()
        except FeedError:
            refused = {}  # no relay now: the lease goes out when one answers (hello)
        mine = {w.symbol for w in fresh}
        said = {s: w for s, w in refused.items() if s in mine}
        if said:
            await self._drop({w for w in fresh if w.symbol in said})
        await self._initial({w for w in fresh if w.symbol not in said})
        if said:
            words = list(dict.fromkeys(said.values()))
            raise VendorRefusal(functools.reduce(joined, words) if len(words) > 1 else words[0])

    async def unsubscribe(self, symbols: Iterable[str], channels: Iterable[Channel],
                          period: Period = Period.M1) -> None:
        gone = {Want(s, str(c), period.value if c == Channel.BAR else "") for s in symbols for c in channels}
        await self._drop(gone & self.wants)
        with contextlib.suppress(FeedError, TimeoutError):
            await self._lease()

    async def _drop(self, gone: set[Want]) -> None:
        self.wants -= gone
        self._wanted_keys = {_key(w) for w in self.wants}
        still = {w.symbol for w in self.wants}
        self._seen_live -= {(w.channel, w.symbol) for w in gone}  # a new subscription starts from the bucket
        for symbol in {w.symbol for w in gone} - still:
            sub = self._subs.pop(symbol, None)
            if sub is not None:
                with contextlib.suppress(Exception):
                    await bounded(sub.unsubscribe(), self.timings.close_timeout)

    async def _initial(self, fresh: set[Want]) -> None:
        """Each new symbol's latest quote and book from the bucket, unless a live one came first."""
        kv = await self._last_bucket()
        if kv is None:
            return
        for want in sorted(fresh):
            if want.channel not in ("quote", "depth") or (want.channel, want.symbol) in self._seen_live:
                continue
            try:
                entry = await bounded(kv.get(Subjects.last_key(want.channel, want.symbol)),
                                               self.timings.lease_timeout)
            except Exception:  # none yet (a symbol nobody watched), or NATS away
                continue
            if entry.value and (want.channel, want.symbol) not in self._seen_live:
                with contextlib.suppress(msgspec.DecodeError):
                    self.emit_snapshot(decode_event(entry.value))

    async def _last_bucket(self):
        if self._kv is None:
            with contextlib.suppress(Exception):
                js = self.nc.jetstream(timeout=self.timings.lease_timeout)
                self._kv = await bounded(js.key_value(self.subjects.last_bucket),
                                                  self.timings.lease_timeout)
        return self._kv

    async def _on_event(self, msg) -> None:
        try:
            event = decode_event(msg.data)
        except msgspec.DecodeError:
            self.drop("undecodable relay message", msg.subject)
            return
        kind = _KIND_OF.get(type(event))
        if kind is None:
            return
        key = (kind, event.symbol, event.period) if kind == "bar" else (kind, event.symbol)
        if key in self._wanted_keys:
            self._seen_live.add((kind, event.symbol))
            self.emit(event)

    # -- requests ---------------------------------------------------------------------------

    async def _request(self, subject: str, body: dict, timeout: float) -> dict:
        from nats import errors

        if self.nc is None:
            raise self._away() if self._started else self.not_started(subject.rsplit(".", 1)[-1])
        try:
            msg = await self.nc.request(subject, encode_value(body), timeout=timeout)
        except errors.NoRespondersError:
            raise UnreachableError(Text(QT_TRANSLATE_NOOP(
                "Feed", "no relay for %1 answers on %2"), self.vendor, self.url)) from None
        except (errors.TimeoutError, TimeoutError):
            raise UnreachableError(Text(QT_TRANSLATE_NOOP(
                "Feed", "the relay for %1 did not answer in %2 s"), self.vendor, f"{timeout:g}")) from None
        except errors.Error as exc:
            raise UnreachableError(Text(QT_TRANSLATE_NOOP(
                "Feed", "relay reconnecting: %1"), type(exc).__name__)) from None
        reply = decode_value(msg.data)
        if isinstance(reply, dict) and "error" in reply:
            raise ERRORS.get(str(reply.get("kind")), FeedError)(words_in(reply["error"]))
        return reply

    async def _ask(self, what: str, body: dict, timeout: float | None = None) -> Any:
        reply = await self._request(self.subjects.request(what), body, timeout or self.timings.request_timeout)
        return reply.get("ok")

    async def klines(self, symbol: str, period: Period, count: int, end: datetime | None = None) -> list[Bar]:
        body = {"symbol": symbol, "period": period.value, "count": count,
                "end": None if end is None else int(end.timestamp() * 1000)}
        return msgspec.convert(await self._ask("klines", body), list[Bar])

    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        return msgspec.convert(await self._ask("snapshot", {"symbols": list(symbols)}), list[Quote])

    async def categories(self) -> list[Category]:
        return msgspec.convert(await self._ask("categories", {}), list[Category])

    async def instruments(self, category: str | None = None) -> list[Instrument]:
        return msgspec.convert(await self._ask("symbols", {"category": category}), list[Instrument])

    async def instruments_page(self, category: str, page: int, page_size: int) -> InstrumentPage:
        body = {"category": category, "page": page, "size": page_size}
        return msgspec.convert(await self._ask("page", body), InstrumentPage)

    async def describe(self, symbols: Iterable[str]) -> list[Instrument]:
        return msgspec.convert(await self._ask("describe", {"symbols": list(symbols)}), list[Instrument])


async def _ask_vendor(nc, url: str, timeout: float) -> str:
    """The vendor of the first active relay that answers on ``nc`` within ``timeout`` s."""
    from nats import errors

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # a relay starting meanwhile counts
        try:
            # a short wait per attempt: a relay still in standby hears the question and keeps quiet
            msg = await nc.request(DISCOVERY, b"", timeout=min(max(deadline - time.monotonic(), 0.1), 0.5))
            return str(decode_value(msg.data)["vendor"])
        except (errors.NoRespondersError, errors.TimeoutError, TimeoutError):
            await asyncio.sleep(0.2)
    raise UnreachableError(Text(QT_TRANSLATE_NOOP(
        "Feed", "no relay answers on %1: start one with `quote-terminal relay --vendor V --nats %1`, "
        "or name its vendor with --relay-vendor"), url))


async def discover(url: str, auth: NatsAuth | None, timeout: float = 5.0) -> str:
    """The vendor of the relay on ``url`` (one connection, opened and closed)."""
    nc = await connect(url, auth, name="terminal discovery")
    try:
        return await _ask_vendor(nc, url, timeout)
    finally:
        with contextlib.suppress(Exception):
            await bounded(nc.close(), 1.0)


def _key(want: Want) -> tuple:
    return (want.channel, want.symbol, want.period) if want.channel == "bar" else (want.channel, want.symbol)
