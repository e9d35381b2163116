"""Throughput of the 脉动数据 push path: raw WebSocket frames → canonical events.

Run: ``python -m tests.bench.bench_maidong_decoder``. Each frame is one product's whole state as
the vendor sends it (quote fields, five depth levels per side as one-entry numbered objects,
two recent prints, string ``LastTime``), for ten products, the prints changing in one frame in
three. Every frame becomes a quote, a book and its new trades. Two paths, each the median of
several rounds:

- ``msgspec typed``: ``MaidongFeed._on_message`` end to end (typed decode, the holders of the
  code, quote, depth levels by number, print de-duplication, trades, the sink);
- ``json + dicts``: ``json.loads`` then reading dicts into the same events, side by side.
"""

from __future__ import annotations

import json
import random

from app.core.types import Book, Channel, Quote, Side, Trade
from app.feeds.maidong import MaidongFeed
from app.feeds.maidong.codes import to_maidong
from app.feeds.maidong.feed import _Holder
from tests.bench.common import median_rate

ROUNDS = 7
FRAMES = 100_000
SYMBOLS = ["CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "CRYPTO:XRPUSDT", "FX:GBPUSD", "FX:EURUSD",
           "MD:HX_HSI", "MD:HX_NQ", "MD:HX_ES", "MD:ZY_DAX", "MD:DCE_i"]


def make_frames(n: int, seed: int = 1) -> list[bytes]:
    rng = random.Random(seed)
    frames = []
    prints: dict[str, list[dict]] = {}
    for i in range(n):
        code = to_maidong(rng.choice(SYMBOLS))
        price = round(rng.uniform(100, 30000), 2)
        second = 1685259831 + i // 50
        clock = f"{(15 + second // 3600) % 24:02d}:{second // 60 % 60:02d}:{second % 60:02d}"
        if code not in prints or rng.random() < 0.33:
            prints[code] = [{"time": clock, "price": price, "size": round(rng.uniform(0.01, 5), 2),
                             "direction": rng.choice((1, 2))} for _ in range(2)]
        body = {
            "StockCode": code, "Price": price, "Open": 26689.98, "LastClose": price,
            "High": price + 80, "Low": price - 80, "Time": "2023-05-28 15:43:51",
            "LastTime": str(second), "BP1": price, "BV1": 0.21, "SP1": price + 0.01, "SV1": 0.78,
            "TotalVol": 2293.14 + i,
            "Depth": {"Buy": [{f"BP{k}": price - k * 0.01, f"BV{k}": 0.39} for k in range(1, 6)],
                      "Sell": [{f"SP{k}": price + k * 0.01, f"SV{k}": 0.78} for k in range(1, 6)]},
            "BS": prints[code], "Info": [], "lastSize": 0.055118, "Diff": 516.04, "DiffRate": 1.93,
        }
        frames.append(json.dumps({"body": body}, separators=(",", ":")).encode())
    return frames


def _levels(entries: list[dict], p: str, v: str) -> list[tuple[float, float]]:
    out = []
    for k, entry in enumerate(entries, 1):
        size = entry.get(f"{v}{k}")
        if size:
            out.append((entry[f"{p}{k}"], size))
    return out


def json_baseline(frames: list[bytes], sink, symbols: dict[str, str]) -> None:
    last_prints: dict[str, list] = {}
    for frame in frames:
        b = json.loads(frame)["body"]
        code = b["StockCode"]
        symbol = symbols[code]
        ts = int(b["LastTime"]) * 1000
        sink(Quote("maidong", symbol, ts, b["Price"], b["Price"] - b["Diff"], b["Open"], b["High"],
                   b["Low"], b["TotalVol"], None, None))
        depth = b["Depth"]
        sink(Book("maidong", symbol, ts, _levels(depth["Buy"], "BP", "BV"),
                  _levels(depth["Sell"], "SP", "SV")))
        keys = [(p["time"], p["price"], p["size"], p["direction"]) for p in b["BS"]]
        before = last_prints.get(code, [])
        last_prints[code] = keys
        for key in keys:
            if key not in before:
                sink(Trade("maidong", symbol, ts, key[1], key[2],
                           Side.SELL if key[3] == 1 else Side.BUY))


def main() -> None:
    frames = make_frames(FRAMES)
    feed = MaidongFeed()
    count = [0]

    def sink(_event) -> None:
        count[0] += 1

    feed.set_sink(sink)
    for symbol in SYMBOLS:
        feed.book.want(to_maidong(symbol), [symbol])
        feed._holders[symbol] = _Holder({Channel.QUOTE, Channel.DEPTH, Channel.TRADE})
    symbols = {to_maidong(s): s for s in SYMBOLS}
    feed._on_message(frames[0])
    assert feed.bad_messages.total == 0 and count[0] >= 2
    print(f"脉动数据 push path, {len(frames):,} frames (quote + 5×2 depth levels + 2 prints each), "
          f"median of {ROUNDS} rounds (frames/second)")
    fast = median_rate(lambda batch: [feed._on_message(f) for f in batch], frames, ROUNDS)
    slow = median_rate(lambda batch: json_baseline(batch, sink, symbols), frames, ROUNDS)
    print(f"  msgspec typed {fast:>10,.0f}/s ({1e6 / fast:.2f} µs/frame)   "
          f"json + dicts {slow:>10,.0f}/s ({1e6 / slow:.2f} µs/frame)   ratio {fast / slow:.2f}×")


if __name__ == "__main__":
    main()
