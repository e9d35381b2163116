"""The relay's added latency and CPU on loopback: a real nats-server, the relay in a process of its
own over a synthetic vendor, terminals (RelayFeeds) in other processes.

Run: ``python -m tests.bench.bench_relay [--terminals 50] [--processes 5] [--symbols 100] [--rate 200]
[--seconds 8] [--cpu-rate 10000]``

Latency: each trade the synthetic vendor hands the relay (its sink: the relay's input) is stamped
(``time.time_ns``, one clock for every process on the machine) and numbered (its price); each
terminal stamps it in its sink (after decoding and the validator, as a terminal's service
receives it). Added latency = terminal stamp − relay input stamp, for every delivery, p50/p99.
``--terminals`` RelayFeeds each lease every symbol, spread over ``--processes`` processes
(phase ``fan-out``: every delivery counts, so terminals sharing a process queue behind each
other); phase ``fan-out-probe``: the same desk, but one terminal in a process of its own and only
its deliveries counted (a terminal on its own computer while the relay serves all 50).
CPU: the relay process's CPU time (``time.process_time``: its own work plus the synthetic vendor's
making of events) over the emitting seconds at ``--cpu-rate`` events/s with one terminal, scaled
to CPU % per 10k events/s (read it on the ``cpu`` phase: at the fan-out phase's low rate the
fixed cost, 50 terminals renewing 100-symbol leases, dominates). One JSON line per phase. The
terminals share this machine's cores with the relay and the server: their own decoding queues
count in the figure (on a desk each terminal has its own computer).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from app.core.periods import Period
from app.core.types import Channel, ConnectionState, Quote, Status, Trade
from app.feeds.base import Feed

REPO = Path(__file__).resolve().parents[2]
TICK = 0.005  # the synthetic vendor emits a batch every 5 ms


def symbols(n: int) -> list[str]:
    return [f"US:B{i:03d}" for i in range(n)]


class BenchVendor(Feed):
    """Trades at ``rate`` a second, round-robin over the subscribed symbols, from ``begin`` (epoch s)
    for ``seconds``; ``stamps[i]`` is when trade ``i`` (its price) was handed to the sink."""

    vendor = "bench"

    def __init__(self, rate: float, begin: float, seconds: float) -> None:
        super().__init__()
        self.rate, self.begin, self.seconds = rate, begin, seconds
        self.subscribed: list[str] = []
        self.stamps: list[int] = []
        self.cpu: tuple[float, float] | None = None  # (cpu seconds, wall seconds) while emitting
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self.emit(Status(self.vendor, ConnectionState.CONNECTED, "synthetic"))
        self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        await asyncio.sleep(max(self.begin - time.time(), 0))
        cpu0, wall0 = time.process_time(), time.perf_counter()
        emitted, sink, stamps = 0, self.emit, self.stamps
        while (elapsed := time.perf_counter() - wall0) < self.seconds:
            due = int(elapsed * self.rate)
            subs = self.subscribed
            while emitted < due and subs:
                symbol = subs[emitted % len(subs)]
                stamps.append(time.time_ns())
                sink(Trade("bench", symbol, int(time.time() * 1000), float(emitted + 1), 1.0))
                emitted += 1
            await asyncio.sleep(TICK)
        self.cpu = (time.process_time() - cpu0, time.perf_counter() - wall0)

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def subscribe(self, syms: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1) -> None:
        self.subscribed = sorted(set(self.subscribed) | set(syms))

    async def unsubscribe(self, syms: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1) -> None:
        return None

    async def snapshot(self, syms: Iterable[str]) -> list[Quote]:
        return []

    async def klines(self, symbol: str, period: Period, count: int, end: datetime | None = None) -> list:
        return []

    async def categories(self) -> list:
        return []

    async def instruments(self, category: str | None = None) -> list:
        return []


async def _relay(url: str, rate: float, begin: float, seconds: float, out: Path) -> None:
    from app.feeds.relay.server import Relay

    vendor = BenchVendor(rate, begin, seconds)
    relay = Relay("bench", url, None, lambda: vendor)
    stop = asyncio.Event()
    task = asyncio.ensure_future(relay.run(stop))
    await asyncio.sleep(max(begin - time.time(), 0) + seconds + 1.5)
    stop.set()
    await asyncio.wait_for(task, 10)
    out.write_text(json.dumps({"stamps": vendor.stamps, "cpu": vendor.cpu, "published": relay.published}))


async def _terminals(url: str, count: int, n_symbols: int, until: float, out: Path) -> None:
    from app.feeds.relay.feed import RelayFeed

    got: list[list[int]] = []
    feeds = []
    for _ in range(count):
        feed = RelayFeed(url, relay_vendor="bench")
        received: list[int] = []

        def sink(event, received=received) -> None:
            if type(event) is Trade:
                received.append(int(event.price))
                received.append(time.time_ns())

        feed.set_sink(sink)
        got.append(received)
        feeds.append(feed)
    await asyncio.gather(*(f.start() for f in feeds))
    await asyncio.gather(*(f.subscribe(symbols(n_symbols), [Channel.TRADE]) for f in feeds))
    await asyncio.sleep(max(until - time.time(), 0))
    await asyncio.gather(*(f.aclose() for f in feeds), return_exceptions=True)
    out.write_text(json.dumps(got))


def _percentile(values: list[int], q: float) -> float:
    return values[min(len(values) - 1, max(0, math.ceil(q * len(values)) - 1))] / 1e6


def phase(url: str, tmp: Path, *, terminals: int, processes: int, n_symbols: int, rate: float,
          seconds: float, name: str, probe: bool = False) -> dict:
    """One run; with ``probe`` one terminal has a process of its own and only its latencies
    count (a terminal on its own computer, while the relay serves all the others too)."""
    begin = time.time() + 4.0 + terminals * 0.03  # everyone connected and leased by then
    outs = [tmp / f"{name}-t{i}.json" for i in range(processes)]
    relay_out = tmp / f"{name}-relay.json"
    me = [sys.executable, "-m", "tests.bench.bench_relay"]
    relay = subprocess.Popen(me + ["--role", "relay", "--url", url, "--rate", str(rate), "--begin", str(begin),
                                   "--seconds", str(seconds), "--out", str(relay_out)], cwd=REPO)
    if probe:
        rest, others = terminals - 1, processes - 1
        per = [1] + [rest // others + (1 if i < rest % others else 0) for i in range(others)]
    else:
        per = [terminals // processes + (1 if i < terminals % processes else 0) for i in range(processes)]
    clients = [subprocess.Popen(me + ["--role", "terminals", "--url", url, "--terminals", str(n),
                                      "--symbols", str(n_symbols), "--until", str(begin + seconds + 1.0),
                                      "--out", str(out)], cwd=REPO) for n, out in zip(per, outs)]
    for process in [*clients, relay]:
        process.wait(timeout=seconds + 60)
    sent = json.loads(relay_out.read_text())
    stamps = sent["stamps"]
    latencies: list[int] = []
    delivered = 0
    for out in outs[:1] if probe else outs:
        for received in json.loads(out.read_text()):
            for i in range(0, len(received), 2):
                seq, at = received[i], received[i + 1]
                latencies.append(at - stamps[seq - 1])
                delivered += 1
    latencies.sort()
    cpu_s, wall_s = sent["cpu"]
    emitted = len(stamps)
    in_rate = emitted / wall_s
    return {"bench": "relay", "phase": name, "terminals": terminals, "symbols": n_symbols,
            "events_in_per_s": round(in_rate), "deliveries": delivered,
            "expected_deliveries": emitted * (1 if probe else terminals),
            "p50_ms": round(_percentile(latencies, 0.50), 3), "p99_ms": round(_percentile(latencies, 0.99), 3),
            "max_ms": round(latencies[-1] / 1e6, 3) if latencies else None,
            "relay_cpu_pct": round(100 * cpu_s / wall_s, 1),
            "relay_cpu_pct_per_10k_per_s": round(100 * cpu_s / wall_s / (in_rate / 10_000), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", choices=("bench", "relay", "terminals"), default="bench")
    parser.add_argument("--url")
    parser.add_argument("--terminals", type=int, default=50)
    parser.add_argument("--processes", type=int, default=5)
    parser.add_argument("--symbols", type=int, default=100)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--cpu-rate", type=float, default=10_000.0)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--begin", type=float)
    parser.add_argument("--until", type=float)
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.role == "relay":
        asyncio.run(_relay(args.url, args.rate, args.begin, args.seconds, Path(args.out)))
        return
    if args.role == "terminals":
        asyncio.run(_terminals(args.url, args.terminals, args.symbols, args.until, Path(args.out)))
        return
    from app.feeds.relay.natsbin import NatsServerProcess

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        server = NatsServerProcess(tmp / "nats")
        server.start()
        try:
            print(json.dumps(phase(server.url, tmp, terminals=args.terminals, processes=args.processes,
                                   n_symbols=args.symbols, rate=args.rate, seconds=args.seconds,
                                   name="fan-out")), flush=True)
            print(json.dumps(phase(server.url, tmp, terminals=args.terminals, processes=args.processes + 1,
                                   n_symbols=args.symbols, rate=args.rate, seconds=args.seconds,
                                   name="fan-out-probe", probe=True)), flush=True)
            print(json.dumps(phase(server.url, tmp, terminals=1, processes=1, n_symbols=args.symbols,
                                   rate=args.cpu_rate, seconds=args.seconds, name="cpu")), flush=True)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
