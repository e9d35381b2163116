"""Throughput of the QOS decoder: raw WebSocket frames → canonical events.

Run: ``python -m tests.bench.bench_qos_decoder``. Frames are a realistic mix (snapshots and
trades, plus some depth and K-line pushes) for ten products, shaped like the vendor's own
examples (decimal strings, second timestamps). Three paths are timed, each the median of
several rounds:

- ``msgspec typed``: ``QosFeed._on_message`` end to end (decode, map symbol, build the
  canonical struct, hand it to a sink);
- ``json + dicts``: the straightforward alternative (``json.loads`` then reading a dict) building
  the same canonical events, as a baseline run side by side.
"""

from __future__ import annotations

import json
import random

from app.core.types import Bar, Book, Quote, Side, Trade
from app.feeds.qos import QosFeed
from tests.bench.common import median_rate

ROUNDS = 7
FRAMES = 200_000
CODES = ["US:AAPL", "US:TSLA", "HK:700", "HK:9988", "SH:600519", "SZ:002594", "CF:BTCUSDT",
         "CF:ETHUSDT", "FX:EURUSD", "CM:XAUUSD"]


def make_frames(n: int, seed: int = 1) -> tuple[list[bytes], list[bytes]]:
    """All frames, and the snapshot+trade subset the target is stated for."""
    rng = random.Random(seed)
    frames, st = [], []
    for i in range(n):
        code = rng.choice(CODES)
        price = f"{rng.uniform(10, 90000):.2f}"
        ts = 1741960000 + i // 100
        roll = rng.random()
        if roll < 0.45:
            msg = {"tp": "S", "c": code, "lp": price, "yp": "246.10", "o": "243.36", "h": "250.01",
                   "l": "239.24", "ts": ts, "v": str(rng.randint(1, 10**8)),
                   "t": "364182449.1850000024", "s": 0}
        elif roll < 0.9:
            msg = {"tp": "T", "c": code, "p": price, "v": str(rng.randint(1, 5000)), "ts": ts,
                   "d": rng.choice((0, 1, 2))}
        elif roll < 0.97:
            levels = [{"p": price, "v": str(rng.randint(1, 900))} for _ in range(5)]
            msg = {"tp": "D", "c": code, "b": levels, "a": levels, "ts": ts}
        else:
            msg = {"tp": "K", "c": code, "o": price, "cl": price, "h": price, "l": price,
                   "v": "103162.630", "ts": ts - ts % 60, "kt": 1}
        frame = json.dumps(msg, separators=(",", ":")).encode()
        frames.append(frame)
        if msg["tp"] in ("S", "T"):
            st.append(frame)
    return frames, st


def _num(value) -> float | None:
    return None if value is None else float(value)


def json_baseline(frames: list[bytes], sink) -> None:
    """The obvious hand-written decoder, for comparison."""
    sides = {1: Side.BUY, 2: Side.SELL}
    for frame in frames:
        m = json.loads(frame)
        tp, code = m["tp"], m["c"]
        market, _, rest = code.partition(":")
        symbol = {"CF": "PERP", "CM": "CMDTY", "IX": "IDX"}.get(market, market) + ":" + (
            rest.zfill(5) if market == "HK" else rest)
        if tp == "S":
            sink(Quote("qos", symbol, m["ts"] * 1000, _num(m.get("lp")), _num(m.get("yp")),
                       _num(m.get("o")), _num(m.get("h")), _num(m.get("l")), _num(m.get("v")),
                       _num(m.get("t")), m.get("s") == 1))
        elif tp == "T":
            sink(Trade("qos", symbol, m["ts"] * 1000, float(m["p"]), float(m["v"]),
                       sides.get(m.get("d"), Side.UNKNOWN)))
        elif tp == "D":
            sink(Book("qos", symbol, m["ts"] * 1000, [(float(x["p"]), float(x["v"])) for x in m["b"]],
                      [(float(x["p"]), float(x["v"])) for x in m["a"]]))
        else:
            sink(Bar("qos", symbol, "1m", m["ts"] * 1000, float(m["o"]), float(m["h"]),
                     float(m["l"]), float(m["cl"]), _num(m.get("v"))))



def main() -> None:
    frames, st = make_frames(FRAMES)
    feed = QosFeed(api_key="bench")
    count = [0]

    def sink(_event) -> None:
        count[0] += 1

    feed.set_sink(sink)

    def typed(batch: list[bytes]) -> None:
        on_message = feed._on_message
        for frame in batch:
            on_message(frame)

    typed(frames[:1000])  # warm the symbol cache
    assert feed.bad_messages.total == 0
    print(f"QOS decoder, {len(frames):,} frames, median of {ROUNDS} rounds (messages/second)")
    results = {}
    for label, subset in (("snapshot+trade", st), ("full mix", frames)):
        fast = median_rate(typed, subset, ROUNDS)
        slow = median_rate(lambda b: json_baseline(b, sink), subset, ROUNDS)
        results[label] = fast
        print(f"  {label:15s} msgspec typed {fast:>12,.0f}/s ({1e6 / fast:.2f} µs/msg)   "
              f"json + dicts {slow:>12,.0f}/s ({1e6 / slow:.2f} µs/msg)   ratio {fast / slow:.2f}×")
    target = 1_000_000
    verdict = "meets" if results["snapshot+trade"] >= target else "misses"
    print(f"  target {target:,}/s per core for snapshot+trade pushes: {verdict}")


if __name__ == "__main__":
    main()
