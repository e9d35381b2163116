"""Recordings for the tests: the simulator's events on a fake clock (quick, reproducible), and
a recording file written from them."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.core.periods import Period
from app.core.types import Channel, Status
from app.feeds.sim.feed import SimFeed
from app.storage.recording import RecordingWriter

T0 = 1_764_600_000_000  # 2025-12-01 14:40 UTC
SYMBOLS = ("US:AAPL", "HK:00700", "SH:600519", "CRYPTO:BTCUSDT", "PERP:BTCUSDT", "FX:EURUSD",
           "CMDTY:XAUUSD", "IDX:HSI")


def sim_events(steps: int = 400, step_ms: int = 50, symbols=SYMBOLS, seed: int = 5) -> list[tuple[int, object]]:
    """(arrival ms, event) of the simulator stepped ``steps`` times on a fake clock: quotes,
    trades, books (5 to 20 levels) and 1-minute bars, as a live recording receives them."""
    async def run() -> list[tuple[int, object]]:
        now = [T0]
        feed = SimFeed(always_open=True, seed=seed, clock=lambda: now[0])
        got: list[tuple[int, object]] = []
        feed.set_sink(lambda e: got.append((now[0], e)))
        await feed.start()
        await feed.subscribe(symbols, list(Channel), Period.M1)
        for _ in range(steps):
            feed.advance(now[0], now[0] + step_ms)
            now[0] += step_ms
        await feed.aclose()
        return [(t, e) for t, e in got if type(e) is not Status]

    return asyncio.run(run())


def write_recording(path: Path, timed: list[tuple[int, object]], flush_ms: int = 1000) -> Path:
    with RecordingWriter(path, flush_ms=flush_ms) as writer:
        for t, event in timed:
            writer.write(event, t)
    return path
