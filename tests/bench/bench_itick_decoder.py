"""Throughput of the iTick push path: raw WebSocket frames → canonical events.

Run: ``python -m tests.bench.bench_itick_decoder``. Frames are a realistic mix (quotes and ticks,
plus some depth and K-line pushes) for ten symbols of one connection, shaped like the current
docs' examples (JSON numbers, millisecond times, bare code plus ``r``). Two paths, each the
median of several rounds:

- ``msgspec typed``: ``ShardConnection._on_message`` end to end (one-pass decode with the
  ``type`` tag, symbol lookup, the user's filter, the canonical struct, the sink);
- ``json + dicts``: ``json.loads`` then reading dicts into the same canonical events, as a
  baseline run side by side.
"""

from __future__ import annotations

import asyncio
import json
import random

from app.core.types import Bar, Book, Quote, Side, Trade
from app.feeds.itick import ItickFeed
from app.feeds.itick.codes import to_itick
from tests.bench.common import median_rate

ROUNDS = 7
FRAMES = 200_000
SYMBOLS = ["US:AAPL", "US:TSLA", "US:NVDA", "US:MSFT", "HK:00700", "HK:09988", "SH:600519",
           "SZ:002594", "SZ:300750", "HK:03690"]


def make_frames(n: int, seed: int = 1) -> tuple[list[bytes], list[bytes]]:
    rng = random.Random(seed)
    wire = {s: (to_itick(s).code, to_itick(s).region) for s in SYMBOLS}
    frames, qt = [], []
    for i in range(n):
        code, region = wire[rng.choice(SYMBOLS)]
        price = round(rng.uniform(10, 900), 2)
        ts = 1741960000000 + i * 7
        roll = rng.random()
        if roll < 0.45:
            data = {"s": code, "r": region, "ld": price, "o": 226.27, "h": 226.92, "l": 224.44,
                    "t": ts, "v": rng.randint(1, 10**8), "tu": 3774688301.452, "type": "quote"}
        elif roll < 0.9:
            data = {"s": code, "r": region, "ld": price, "v": rng.randint(1, 5000), "t": ts,
                    "type": "tick"}
        elif roll < 0.97:
            levels = [{"po": k + 1, "p": price, "v": rng.randint(1, 900), "o": 3} for k in range(5)]
            data = {"s": f"{code}${region}", "r": region, "a": levels, "b": levels, "type": "depth"}
        else:
            data = {"s": code, "r": region, "o": price, "c": price, "h": price, "l": price,
                    "v": 28, "tu": 157513, "t": ts - ts % 60000, "type": "kline@1"}
        frame = json.dumps({"code": 1, "data": data}, separators=(",", ":")).encode()
        frames.append(frame)
        if data["type"] in ("quote", "tick"):
            qt.append(frame)
    return frames, qt


def json_baseline(frames: list[bytes], sink, symbols: dict[str, str]) -> None:
    for frame in frames:
        d = json.loads(frame)["data"]
        kind = d["type"]
        code, _, region = d["s"].partition("$")
        symbol = symbols[f"{code}${d.get('r') or region}"]
        if kind == "quote":
            sink(Quote("itick", symbol, d["t"], d.get("ld"), None, d.get("o"), d.get("h"),
                       d.get("l"), d.get("v"), d.get("tu"), None))
        elif kind == "tick":
            sink(Trade("itick", symbol, d["t"], float(d["ld"]), float(d["v"]), Side.UNKNOWN))
        elif kind == "depth":
            sink(Book("itick", symbol, 0, [(x["p"], x["v"]) for x in d["b"]],
                      [(x["p"], x["v"]) for x in d["a"]]))
        else:
            sink(Bar("itick", symbol, "1m", d["t"], d["o"], d["h"], d["l"], d["c"], d.get("v")))



async def main() -> None:
    frames, qt = make_frames(FRAMES)
    feed = ItickFeed(api_key="bench")
    count = [0]

    def sink(_event) -> None:
        count[0] += 1

    feed.set_sink(sink)
    conn = feed._new_connection("stock")
    await conn.session.aclose()  # the push path only: no socket
    for symbol in SYMBOLS:
        conn.add(feed.code_of(symbol), symbol, {"quote", "tick", "depth", "kline@1"})
    symbols = dict(conn.symbols)
    count[0] = 0  # the closed session's status line is not a push

    def typed(batch: list[bytes]) -> None:
        on_message = conn._on_message
        for frame in batch:
            on_message(frame)

    typed(frames[:1000])
    assert feed.bad_messages.total == 0 and count[0] == 1000
    print(f"iTick push path, {len(frames):,} frames, median of {ROUNDS} rounds (messages/second)")
    for label, subset in (("quote+tick", qt), ("full mix", frames)):
        fast = median_rate(typed, subset, ROUNDS)
        slow = median_rate(lambda b: json_baseline(b, sink, symbols), subset, ROUNDS)
        print(f"  {label:11s} msgspec typed {fast:>12,.0f}/s ({1e6 / fast:.2f} µs/msg)   "
              f"json + dicts {slow:>12,.0f}/s ({1e6 / slow:.2f} µs/msg)   ratio {fast / slow:.2f}×")


if __name__ == "__main__":
    asyncio.run(main())
