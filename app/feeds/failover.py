"""A feed made of two: a primary vendor, and a backup that serves the symbols the primary has
gone down or silent on, until the primary has been healthy again for a while.

Modelled on what a data engine does with redundant venues (nautilus_trader's ``DataEngine``
routes each subscription to one client; vn.py's gateways each own one connection): the
composite owns the routing, never the connections. It takes two built :class:`Feed` objects, so
it knows no vendor (no vendor package is imported), and implements the :class:`Feed` interface,
so ``stream`` and the GUI's service use it unchanged.

Routing, per symbol, reviewed every ``check_interval`` seconds and at once when the primary's
connection state changes (one task; no lock; every request to a vendor bounded by a timeout):

- to the backup when the primary is down (not connected for ``down_grace_ms``, 10 s for its
  first connection: a reconnect blip moves nothing) or the symbol is stale on it (its
  :class:`~app.core.health.FeedHealth`: market open, silent beyond its learned gap). The backup
  subscribes on demand, within ``backup_cap`` symbols (default: its plan's cap,
  :func:`plan_cap`); a symbol the backup does not serve (脉动数据's ``MD:`` futures on iTick)
  stays on the primary, where its health reports it stale.
- back to the primary once, for that symbol, the primary is connected, the symbol is not stale
  on it and data arrived after the switch, without a break for ``healthy_for_ms`` (30 s by
  default, on the injected ``clock``: tests scale it); symbols healthy for 80 % of it join
  the batch, so a primary back from an outage takes its symbols back in one switch.

Each switch is one :class:`~app.core.types.Failover` event per review and direction. Events keep
the vendor that delivered them. A symbol's quotes, trades and books come from the vendor serving
it; bars from both (the primary's replace the backup's of the same start, as a service's bar
builder keys them). :meth:`klines` stitches the backup's bars into the minutes the primary
missed while failed over (:mod:`app.feeds.stitch`). Statuses are the primary's (its ``error``
passed as ``disconnected`` while the backup can serve, so the stream goes on); the backup's state
is in its own health. The composite fails (``failure``) only when both have.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from app.core.health import wall_ms
from app.core.periods import Period
from app.core.types import (
    Bar,
    Channel,
    ConnectionState,
    Event,
    Failover,
    Quote,
    Status,
)
from app.feeds.base import Feed, FeedError, UnknownSymbolError
from app.feeds.pair import VendorPair
from app.feeds.stitch import Window, period_ms, stitch

log = logging.getLogger(__name__)

HEALTHY_FOR_MS = 30_000  # the primary serves a symbol again after this long healthy
CHECK_INTERVAL = 0.25  # seconds between reviews of the primary's health
DOWN_GRACE_MS = 1_000  # not connected for this long (wall time) counts as down
BATCH_SHARE = 0.8  # going back, symbols healthy for this share of the hold join the batch
START_GRACE_MS = 10_000  # before its first connection, the primary gets this long
REQUEST_TIMEOUT = 10.0  # seconds any subscribe, unsubscribe or request to a vendor may take


def plan_cap(feed: Feed) -> int | None:
    """How many symbols ``feed``'s plan lets it carry at once, read from the plan's own numbers
    (QOS ``products``; iTick ``symbols_per_connection`` × ``max_connections`` when the user said
    how many connections); None when the plan sets no known cap (it refuses what it must)."""
    plan = getattr(feed, "plan", None)
    products = getattr(plan, "products", None)
    if isinstance(products, int):
        return products
    per, connections = (getattr(plan, "symbols_per_connection", None), getattr(plan, "max_connections", None))
    if isinstance(per, int) and isinstance(connections, int) and connections > 0:
        return per * connections
    return None


class FailoverFeed(VendorPair):
    """``primary`` with ``backup`` standing by (see the module's words). ``clock`` (epoch ms)
    times the healthy hold; staleness is judged on the primary's own health clock."""

    def __init__(self, primary: Feed, backup: Feed, *, clock: Callable[[], float] = wall_ms,
                 healthy_for_ms: float = HEALTHY_FOR_MS, check_interval: float = CHECK_INTERVAL,
                 down_grace_ms: float = DOWN_GRACE_MS, backup_cap: int | None = None,
                 request_timeout: float = REQUEST_TIMEOUT, stale_floor_ms: float | None = None) -> None:
        super().__init__(primary, backup, request_timeout=request_timeout)
        if stale_floor_ms is not None:
            primary.health.watch.floor_ms = stale_floor_ms
        self._clock = clock
        self._healthy_for = healthy_for_ms
        self._interval = check_interval
        self._grace = down_grace_ms
        self._cap = backup_cap if backup_cap is not None else plan_cap(backup)
        self._subs: dict[str, dict[Period, set[Channel]]] = {}  # symbol → period → channels
        self._on_backup: dict[str, float] = {}  # symbol → when it moved (wall ms)
        self._healthy_since: dict[str, float] = {}  # symbol on the backup → healthy since (clock)
        self._windows: dict[str, list[list[float | None]]] = {}  # symbol → [from, until] wall ms
        self._unserved: set[str] = set()  # the backup does not serve these (or refused them)
        self._down_since: float | None = None  # wall ms the primary left "connected"
        self._ever_connected = False
        self._wake = asyncio.Event()
        self._closed = False
        self._wire()

    # -- what others ask -------------------------------------------------------------------------

    @property
    def backup(self) -> Feed:
        """The vendor standing by."""
        return self.second

    def serving(self, symbol: str) -> str:
        """The vendor id now serving ``symbol``'s quotes, trades and books."""
        return self.backup.vendor if symbol in self._on_backup else self.primary.vendor

    @property
    def failed_over(self) -> dict[str, str]:
        """Symbol → the backup's vendor id, for every symbol the backup serves now."""
        return {symbol: self.backup.vendor for symbol in self._on_backup}

    @property
    def failure(self) -> FeedError | None:  # type: ignore[override]
        """Set only when both vendors have given up: then the primary's reason."""
        if self.primary.failure is not None and (self.backup.failure or self._second_failed):
            return self.primary.failure
        return None

    @failure.setter
    def failure(self, value: FeedError | None) -> None:
        return None  # the base's initial None; the vendors own their failures

    # -- lifecycle -------------------------------------------------------------------------------

    async def aclose(self) -> None:
        self._closed = True
        await super().aclose()

    # -- events ----------------------------------------------------------------------------------

    def _wire(self) -> None:
        """The vendors' sinks: closures over the final sink and the routing table (once per
        event, each attribute read is a cost; rebuilt when the final sink changes)."""
        sink, on_backup, status = self._sink, self._on_backup, self._status
        primary, backup = self.primary, self.backup

        def from_primary(event: Event) -> None:
            kind = type(event)
            if kind is Status:
                status(event, backup)
            elif kind is Bar or event.symbol not in on_backup:
                sink(event)

        def from_backup(event: Event) -> None:
            if type(event) is Status:
                status(event, primary)
            elif event.symbol in on_backup:
                sink(event)

        self._from_primary, self._from_backup = from_primary, from_backup
        if self._started:
            primary.set_sink(from_primary)
            backup.set_sink(from_backup)

    def _status(self, event: Status, other: Feed) -> None:
        """The primary's state is the composite's (what the status bar and a book's "connection
        lost" show), its ``error`` passed as ``disconnected`` while the backup can serve; the
        backup's states are its own health's (``stream --health``, the Feeds pane), passed on
        only as the end: an ``error`` once the primary has failed too."""
        if other is self.backup:
            if event.state is ConnectionState.CONNECTED:
                self._down_since = None
                self._ever_connected = True
            elif self._down_since is None:
                self._down_since = wall_ms()
            self._wake.set()
            if (event.state is ConnectionState.ERROR and self.backup.failure is None
                    and self._second_failed is None):
                event = Status(event.vendor, ConnectionState.DISCONNECTED, event.detail)  # the backup goes on
            self._sink(event)
        elif event.state is ConnectionState.ERROR and self.primary.failure is not None:
            self._sink(event)

    # -- subscriptions -------------------------------------------------------------------------

    async def subscribe(self, symbols: Iterable[str], channels: Iterable[Channel],
                        period: Period = Period.M1) -> None:
        symbols, channels = list(symbols), set(channels)
        for symbol in symbols:
            self._subs.setdefault(symbol, {}).setdefault(period, set()).update(channels)
        moved = [s for s in symbols if s in self._on_backup]
        if moved:
            await self._ask_backup(moved, channels, period)
        await self.primary.subscribe(symbols, channels, period)
        self._wake.set()

    async def unsubscribe(self, symbols: Iterable[str], channels: Iterable[Channel],
                          period: Period = Period.M1) -> None:
        symbols, channels = list(symbols), set(channels)
        moved = [s for s in symbols if s in self._on_backup]
        for symbol in symbols:
            held = self._subs.get(symbol, {}).get(period)
            if held is not None:
                held -= channels
                if not held:
                    del self._subs[symbol][period]
                if not self._subs[symbol]:
                    del self._subs[symbol]
                    self._on_backup.pop(symbol, None)
                    self._healthy_since.pop(symbol, None)
        await self.primary.unsubscribe(symbols, channels, period)
        if moved:
            await self._bounded(self.backup.unsubscribe(moved, channels, period))

    async def _bounded(self, request) -> bool:
        """Await a request to the backup within the timeout; False (logged) when it failed."""
        try:
            async with asyncio.timeout(self._timeout):
                await request
            return True
        except (FeedError, TimeoutError) as exc:
            log.warning("%s: %s", self.backup.vendor, exc or "timed out")
            return False

    async def _ask_backup(self, symbols: list[str], channels: set[Channel], period: Period) -> list[str]:
        """Subscribe ``symbols`` on the backup (the channels it has); those it took. A batch the
        backup refuses for an unknown symbol is asked one by one, so the others still move."""
        wanted = channels & set(self.backup.channels)
        if not wanted:
            return []
        try:
            async with asyncio.timeout(self._timeout):
                await self.backup.subscribe(symbols, wanted, period)
            return list(symbols)
        except UnknownSymbolError:
            pass
        except (FeedError, TimeoutError) as exc:
            log.warning("%s refused %s: %s", self.backup.vendor, ",".join(symbols), exc or "timed out")
            return []
        taken = []
        for symbol in symbols:
            try:
                async with asyncio.timeout(self._timeout):
                    await self.backup.subscribe([symbol], wanted, period)
                taken.append(symbol)
            except (FeedError, TimeoutError):
                continue
        return taken

    # -- the review --------------------------------------------------------------------------------

    async def _watch(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._interval):
                    await self._wake.wait()
            self._wake.clear()
            try:
                await self._review()
            except asyncio.CancelledError:
                raise
            except Exception:  # a review's bug must not end failover for the session
                log.exception("failover review failed")

    async def _review(self) -> None:
        """Move the symbols whose primary is down or stale to the backup, and back those on
        which the primary has been healthy long enough."""
        health = self.primary.health
        now_wall = wall_ms()
        connected = health.state is ConnectionState.CONNECTED
        grace = self._grace if self._ever_connected else max(self._grace, START_GRACE_MS)
        down = not connected and self._down_since is not None and now_wall - self._down_since >= grace
        stale = set(health.stale(now_wall)) if self._subs else set()
        if self._second_failed is None and self.backup.failure is None:
            leaving = [s for s in self._subs if s not in self._on_backup and s not in self._unserved
                       and (down or s in stale)]
            if leaving:
                reason = (f"{self.primary.vendor} {health.state}" if down
                          else f"stale on {self.primary.vendor}: market open, no data beyond its usual gap")
                await self._to_backup(leaving, reason, now_wall)
        now = self._clock()
        healthy = {}
        for symbol, moved_at in self._on_backup.items():
            arrived = health.arrival_ms(symbol)
            if not connected or symbol in stale or arrived is None or arrived <= moved_at:
                self._healthy_since.pop(symbol, None)
                continue
            healthy[symbol] = now - self._healthy_since.setdefault(symbol, now)
        if any(held >= self._healthy_for for held in healthy.values()):
            # those nearly there join (their first data came a moment later): one switch back
            back = [s for s, held in healthy.items() if held >= BATCH_SHARE * self._healthy_for]
            await self._to_primary(back, now_wall)

    async def _to_backup(self, symbols: list[str], reason: str, now_wall: float) -> None:
        if self._cap is not None:
            symbols = symbols[:max(0, self._cap - len(self._on_backup))]
        for symbol in symbols:
            self._on_backup[symbol] = now_wall  # before the subscribe: its snapshot is passed on
        groups: dict[tuple[Period, frozenset[Channel]], list[str]] = {}
        for symbol in symbols:
            for period, channels in self._subs.get(symbol, {}).items():
                groups.setdefault((period, frozenset(channels)), []).append(symbol)
        taken: set[str] = set()
        for (period, channels), group in groups.items():
            taken.update(await self._ask_backup(group, set(channels), period))
        for symbol in symbols:
            if symbol not in taken:
                self._on_backup.pop(symbol, None)
                self._unserved.add(symbol)
                log.warning("%s does not serve %s: it stays on %s", self.backup.vendor, symbol,
                            self.primary.vendor)
        dropped = [s for s in taken if s not in self._subs]  # unsubscribed meanwhile
        for (period, channels), group in groups.items():
            gone = [s for s in group if s in dropped]
            if gone:
                await self._bounded(self.backup.unsubscribe(gone, channels & set(self.backup.channels), period))
        moved = sorted(s for s in symbols if s in taken and s in self._on_backup)
        for symbol in moved:
            self._windows.setdefault(symbol, []).append([now_wall, None])
        if moved and not self._closed:
            self._sink(Failover(int(now_wall), self.primary.vendor, self.backup.vendor, moved, reason))

    async def _to_primary(self, symbols: list[str], now_wall: float) -> None:
        for symbol in symbols:
            self._on_backup.pop(symbol, None)
            self._healthy_since.pop(symbol, None)
            windows = self._windows.get(symbol)
            if windows and windows[-1][1] is None:
                windows[-1][1] = now_wall
        seconds = round(self._healthy_for / 1000)
        self._sink(Failover(int(now_wall), self.backup.vendor, self.primary.vendor, sorted(symbols),
                            f"{self.primary.vendor} healthy for {seconds} s"))
        groups: dict[tuple[Period, frozenset[Channel]], list[str]] = {}
        for symbol in symbols:
            for period, channels in self._subs.get(symbol, {}).items():
                groups.setdefault((period, frozenset(channels)), []).append(symbol)
        for (period, channels), group in groups.items():
            await self._bounded(self.backup.unsubscribe(group, channels & set(self.backup.channels), period))

    # -- requests ------------------------------------------------------------------------------

    async def snapshot(self, symbols: Iterable[str]) -> list[Quote]:
        symbols = list(symbols)
        moved = [s for s in symbols if s in self._on_backup]
        own = [s for s in symbols if s not in self._on_backup]
        out: list[Quote] = []
        if own:
            try:
                async with asyncio.timeout(self._timeout):
                    out += await self.primary.snapshot(own)
            except UnknownSymbolError:
                raise
            except (FeedError, TimeoutError):
                moved += own  # the primary cannot answer: the backup does
        if moved and self._second_failed is None:
            with contextlib.suppress(FeedError, TimeoutError):
                async with asyncio.timeout(self._timeout):
                    out += await self.backup.snapshot(moved)
        return out

    async def klines(self, symbol: str, period: Period, count: int, end: datetime | None = None) -> list[Bar]:
        """The primary's bars, with the backup's in the bars it missed while ``symbol`` was
        failed over; all the backup's when the primary cannot answer at all."""
        try:
            async with asyncio.timeout(self._timeout):
                bars = await self.primary.klines(symbol, period, count, end)
        except UnknownSymbolError:
            raise
        except (FeedError, TimeoutError):
            if self._second_failed is not None:
                raise
            async with asyncio.timeout(self._timeout):
                return await self.backup.klines(symbol, period, count, end)
        windows: list[Window] = [(w[0], w[1]) for w in self._windows.get(symbol, ())]  # type: ignore[misc]
        length = period_ms(period)
        if not windows or length is None or self._second_failed is not None:
            return bars
        try:
            async with asyncio.timeout(self._timeout):
                extra = await self.backup.klines(symbol, period, count, end)
        except (FeedError, TimeoutError):
            return bars
        return stitch(bars, extra, windows, length, wall_ms(), count)
