"""The watchdogs :class:`~app.feeds.transport.ws.WsSession` keeps for every adapter, over a real
loopback socket: unanswered pings end a connection even while other traffic keeps it looking
alive, and data going quiet ends one only while a watched market is open."""

from __future__ import annotations

import asyncio
import contextlib

from websockets.asyncio.server import serve

from app.core.types import ConnectionState
from app.feeds.transport.backoff import ReconnectPolicy
from app.feeds.transport.ws import SessionConfig, WsSession

FAST = ReconnectPolicy().scaled(0.01)


class _Always:
    def __init__(self, open_: bool) -> None:
        self.open = open_

    def is_open(self, _now_ms: int) -> bool:
        return self.open


async def _chatty_server(handshakes: list[int]):
    """A peer that talks (a frame every 20 ms) but never answers a ping."""
    async def handler(ws):
        handshakes.append(1)
        with contextlib.suppress(Exception):
            while True:
                await ws.send('{"hello":1}')
                await asyncio.sleep(0.02)

    return await serve(handler, "127.0.0.1", 0)


async def _until(predicate, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


def _run(config: dict, *, answer_pongs: bool = False, market_open: bool = False, data: bool = False,
         expect_restart: bool):
    """Until the session reconnected (``expect_restart``), or through 12 heartbeats without."""
    async def scenario() -> tuple[list[int], list[str]]:
        handshakes: list[int] = []
        beats: list[int] = []
        server = await _chatty_server(handshakes)
        port = server.sockets[0].getsockname()[1]
        reasons: list[str] = []
        session: WsSession

        def on_message(_raw) -> None:
            if answer_pongs:
                session.pong()
            if data:
                session.note_data()

        session = WsSession(
            SessionConfig(url=f"ws://127.0.0.1:{port}", name="Test", policy=FAST,
                          heartbeat_interval=0.05, watch_interval=0.01, **config),
            on_message=on_message, heartbeat=lambda: beats.append(1) or '{"ping":1}',
            on_state=lambda state, detail: reasons.append(detail)
            if state is ConnectionState.RECONNECTING else None,
            watched=lambda: ["CRYPTO:BTCUSDT"], calendar=lambda _symbol: _Always(market_open),
        )
        session.start()
        try:
            await session.wait_connected(5)
            await _until((lambda: len(handshakes) >= 2) if expect_restart else (lambda: len(beats) >= 12))
        finally:
            await session.aclose()
            server.close()
            await server.wait_closed()
        return handshakes, [str(r) for r in reasons]

    return asyncio.run(scenario())


def test_unanswered_pings_replace_a_connection_that_still_talks():
    handshakes, reasons = _run({"missed_pongs": 2}, expect_restart=True)
    assert len(handshakes) >= 2
    assert any("Test stopped answering pings" in r for r in reasons)


def test_answered_pings_keep_the_connection():
    handshakes, reasons = _run({"missed_pongs": 2}, answer_pongs=True, expect_restart=False)
    assert len(handshakes) == 1 and not reasons


def test_quiet_data_reconnects_only_while_a_watched_market_is_open():
    handshakes, reasons = _run({"idle_limit": 0.15}, market_open=True, expect_restart=True)
    assert len(handshakes) >= 2 and any("no market data" in r for r in reasons)
    handshakes, reasons = _run({"idle_limit": 0.15}, market_open=False, expect_restart=False)
    assert len(handshakes) == 1 and not reasons
    handshakes, reasons = _run({"idle_limit": 0.15}, market_open=True, data=True, expect_restart=False)
    assert len(handshakes) == 1 and not reasons
