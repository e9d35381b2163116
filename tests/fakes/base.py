"""What every fake vendor server shares: one loopback port (HTTP and WebSocket through
:class:`~tests.fakes.loopback.FrontDoor`), the simulator that moves its prices, a condition
tests wait on, and the fault switches that act on connections (drop, silence, inject).

A vendor fake subclasses :class:`FakeVendorServer` and supplies the protocol: its HTTP handler,
its WebSocket handler and handshake check, and what a simulator event becomes on the wire.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from app.feeds.sim import SimFeed
from tests.fakes.loopback import FrontDoor, HttpHandler


class WireConnection(Protocol):
    ws: ServerConnection
    outbox: asyncio.Queue[str | bytes]
    sent: int


class FakeVendorServer:
    ws_path = ""  # appended to ws_url (QOS: "/ws"; iTick's per-class paths are the client's)

    def __init__(self, *, seed: int = 7, specs=None) -> None:
        self.drop_after: int | None = None  # messages per connection, then the socket is cut
        self.flap = False  # accept the handshake, then drop at once
        self.silent = False  # read, answer nothing, push nothing
        self.mute_pushes = False  # answer commands and heartbeats, push no market data
        self.muted: set[str] = set()  # canonical symbols whose pushes are withheld (socket kept)
        self.fail_next_http: deque[tuple[int, dict[str, str]]] = deque()
        # interleave the hostile frames of issue 17 (tests/fakes/hostile.py) between good pushes,
        # once through per connection; ``hostile_history``: K-line answers carry a bad oldest bar
        self.hostile = False
        self.hostile_history = False
        self.hostile_sent: list = []  # the Hostile frames sent, in order
        self._hostile_next: dict[int, int] = {}  # id(connection) → index of its next one
        self.connections: list = []
        self.refusals: list[str] = []
        self.changed = asyncio.Condition()
        self._sim = SimFeed(always_open=True, seed=seed, specs=specs)
        self._ws_server = None
        self._front: FrontDoor | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._front is not None
        return self._front.port

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}{self.ws_path}"

    async def _listen(self, port: int, http: HttpHandler, ws_handler, check_handshake) -> None:
        """Start the simulator feeding ``_on_sim_event`` and open the front door."""
        self._sim.set_sink(self._on_sim_event)
        await self._sim.start()
        self._ws_server = await serve(
            ws_handler, "127.0.0.1", 0, process_request=check_handshake,
            ping_interval=None, max_size=2**20,
        )
        self._front = FrontDoor(http, self._ws_server.sockets[0].getsockname()[1])
        await self._front.start(port)

    def _on_sim_event(self, event) -> None:
        raise NotImplementedError

    async def aclose(self) -> None:
        self.drop_all()
        if self._front is not None:
            await self._front.aclose()
        if self._ws_server is not None:
            self._ws_server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._ws_server.wait_closed(), 2)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._sim.aclose()

    async def serve_forever(self, port: int, banner: str) -> None:
        """Run by hand: listen on ``port``, print ``banner`` (``{http}`` and ``{ws}`` filled in),
        serve until interrupted, then close."""
        await self.start(port)  # type: ignore[attr-defined]
        print(banner.format(http=self.http_url, ws=self.ws_url), flush=True)
        try:
            await asyncio.Event().wait()
        finally:
            await self.aclose()

    def run_by_hand(self, port: int, banner: str) -> None:
        """:meth:`serve_forever` from a command line; Ctrl+C ends it quietly."""
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(self.serve_forever(port, banner))

    def _spawn(self, coro) -> asyncio.Task[None]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Until ``predicate()`` holds (checked whenever the fake records something)."""
        async with asyncio.timeout(timeout):
            async with self.changed:
                await self.changed.wait_for(predicate)

    def _notify(self) -> None:
        async def notify() -> None:
            async with self.changed:
                self.changed.notify_all()

        self._spawn(notify())

    # -- fault switches ----------------------------------------------------------------------

    @property
    def live(self) -> list:
        return [c for c in self.connections if c.ws.state.name == "OPEN"]

    async def _ping_watch(self) -> None:
        """Close a connection whose client has not pinged for ``ping_cutoff`` seconds, as the
        vendors do (iTick, 脉动数据); the subclass sets ``ping_cutoff`` and spawns this."""
        while True:
            await asyncio.sleep(min(1.0, self.ping_cutoff / 4))
            now = time.monotonic()
            for conn in self.live:
                if now - conn.last_ping > self.ping_cutoff:
                    self.refusals.append("no ping")
                    await conn.ws.close(1000, "no ping")

    async def go_away(self) -> None:
        """An outage: every connection is cut and the port stops listening (connections are
        refused) until :meth:`come_back`."""
        self.drop_all()
        assert self._front is not None
        await self._front.aclose()

    async def come_back(self) -> None:
        """The end of :meth:`go_away`: the same port listens again."""
        assert self._front is not None
        await self._front.start(self._front.port)

    def drop_all(self) -> None:
        for conn in self.connections:
            if conn.ws.transport is not None:
                conn.ws.transport.abort()

    def hostile_frames(self, subject: str) -> list:
        """The vendor's hostile frames for ``subject`` (its symbol or code), in its format."""
        raise NotImplementedError

    def _interleave(self, conn: WireConnection, subject: str) -> None:
        """After a good push of ``subject`` on ``conn``: its next hostile frame, if ``hostile``."""
        if not self.hostile:
            return
        index = self._hostile_next.get(id(conn), 0)
        frames = self.hostile_frames(subject)
        if index >= len(frames):
            return
        self._hostile_next[id(conn)] = index + 1
        conn.outbox.put_nowait(frames[index].frame)
        self.hostile_sent.append(frames[index])
        self._notify()

    def inject(self, frame: str | bytes) -> None:
        """Send ``frame`` verbatim on every live connection (malformed, oversized …)."""
        for conn in self.live:
            conn.outbox.put_nowait(frame)

    # -- sending -----------------------------------------------------------------------------

    def _start_writer(self, conn: WireConnection) -> asyncio.Task[None]:
        return self._spawn(self._write(conn))

    async def _write(self, conn: WireConnection) -> None:
        """Drain the connection's outbox; ``silent`` swallows text, ``drop_after`` cuts."""
        with contextlib.suppress(ConnectionClosed):
            while True:
                frame = await conn.outbox.get()
                if self.silent and not isinstance(frame, bytes):
                    continue
                await conn.ws.send(frame)
                conn.sent += 1
                if self.drop_after is not None and conn.sent >= self.drop_after:
                    conn.ws.transport.abort()
                    return
