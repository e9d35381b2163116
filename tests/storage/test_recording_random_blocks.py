"""Recording version 2 decodes any block to exactly the events written (issue 22: the reader's
fast paths — books of one depth chunked from one level iterator, a book's depths from its sides'
counts, raw series found among the scales' bytes, the stream's zigzag undone at its narrow width —
must give the same events as the events themselves): seeded random blocks of every shape, tiny
and empty books, one-sided and mixed depths, masks, absent fields, several vendors, floats no
decimal scale holds, compared bit for bit with what was encoded."""

from __future__ import annotations

import math
import random

import msgspec
import numpy as np

from app.core.types import Bar, Book, Event, Quote, SessionQuote, Side, Trade
from app.storage.recording.codec2 import decode_block, encode_block
from app.storage.recording.columns import StreamWriter, decode_patched

_bits = msgspec.msgpack.encode  # floats compared by their bits (-0.0, nan, 1/3 ...)
T0 = 1_764_579_600_000
_AWKWARD = [math.nan, math.inf, -math.inf, -0.0, 0.0, 1 / 3, 5e-324, 1.7976931348623157e308, 2.0**60, 0.1 + 0.2]


def _price(rng: random.Random, base: float, decimals: int) -> float:
    if rng.random() < 0.03:
        return rng.choice(_AWKWARD)
    return round(base + rng.randint(-50, 50) * 10.0**-decimals, decimals)


def _maybe(rng: random.Random, value: float, none: float) -> float | None:
    return None if rng.random() < none else value


def _book(rng: random.Random, vendor: str, symbol: str, ts: int, base: float, decimals: int, shape: str) -> Book:
    if shape == "one":
        bids = asks = 5
    elif shape == "uneven":  # one depth a side, bids deeper than asks
        bids, asks = 5, 3
    else:
        bids, asks = rng.choice([(0, 0), (0, 2), (3, 0), (1, 1), (10, 7), (2, 5), (5, 5)])
    def level() -> tuple[float, float]:
        return _price(rng, base, decimals), float(rng.randint(1, 9999)) / rng.choice([1, 10, 1000])

    return Book(vendor, symbol, ts, [level() for _ in range(bids)], [level() for _ in range(asks)], rng.random() < 0.1)


def _event(rng: random.Random, i: int, symbols: list[tuple[str, float, int]], vendors: list[str],
           book_shape: str, none: float) -> Event:
    symbol, base, decimals = rng.choice(symbols)
    vendor = rng.choice(vendors)
    ts = T0 + i - rng.randint(0, 5000)
    kind = rng.random()
    if kind < 0.3:
        return Trade(vendor, symbol, ts, _price(rng, base, decimals), float(rng.randint(1, 500)),
                     rng.choice([Side.BUY, Side.SELL, Side.UNKNOWN]))
    if kind < 0.55:
        p = lambda: _maybe(rng, _price(rng, base, decimals), none)  # noqa: E731
        extended = {"pre": SessionQuote(ts, p())} if rng.random() < 0.05 else None  # kept whole
        return Quote(vendor, symbol, ts, p(), p(), p(), p(), p(), _maybe(rng, float(rng.randint(0, 10**9)), none),
                     p(), rng.choice([None, False, True]) if none else False,
                     rng.choice([None, "pre", "regular"]) if none else None, extended,
                     *(p() if rng.random() < none else None for _ in range(6)))
    if kind < 0.85:
        return _book(rng, vendor, symbol, ts, base, decimals, book_shape)
    o = _price(rng, base, decimals)
    return Bar(vendor, symbol, rng.choice(["1m", "1m", "5m", "1d"]), ts - ts % 60_000, o, max(o, base), min(o, base),
               _price(rng, base, decimals), _maybe(rng, float(rng.randint(0, 10**6)), none))


def _blocks() -> list[list[Event]]:
    rng = random.Random(2022)
    universe = [("US:AAPL", 230.0, 2), ("FX:EURUSD", 1.05, 5), ("HK:00700", 420.0, 1), ("CRYPTO:BTCUSDT", 97000.0, 2),
                ("SH:600519", 1520.0, 2), ("IDX:HSI", 19800.0, 0), ("PERP:ETHUSDT", 3610.0, 3)]
    blocks = []
    for b in range(90):
        size = rng.choice([1, 2, 3, 7, 40, 200, 463])
        symbols = rng.sample(universe, rng.randint(1, len(universe)))
        vendors = ["qos"] if b % 3 else rng.sample(["qos", "itick", "maidong"], rng.randint(1, 3))
        shape = ["one", "uneven", "mixed"][b % 3]
        none = [0.0, 0.0, 0.3, 0.9][b % 4]  # no field absent, some, most
        blocks.append([_event(rng, i, symbols, vendors, shape, none) for i in range(size)])
    return blocks


def test_random_blocks_decode_to_the_very_events_encoded():
    shapes = set()
    for events in _blocks():
        times = np.arange(T0, T0 + len(events), dtype=np.int64) + np.sort(np.random.default_rng(len(events)).integers(
            0, 1000, len(events)))
        got_times, got = decode_block(encode_block(events, times))
        assert got_times.tolist() == times.tolist()
        assert [type(e) for e in got] == [type(e) for e in events]
        assert [_bits(e) for e in got] == [_bits(e) for e in events]
        for e in got:
            if isinstance(e, Book):
                assert all(type(level) is tuple for level in e.bids + e.asks)  # levels are tuples, as written
                shapes.add((len(e.bids), len(e.asks)))
    assert {(5, 5), (5, 3), (0, 0), (0, 2), (3, 0), (10, 7)} <= shapes  # every shape of book went through


def test_the_stream_reads_back_at_every_width_with_its_patches():
    rng = np.random.default_rng(7)
    for spread in (3, 100, 20_000, 3_000_000, 2**40):
        for size in (1, 5, 300):
            values = np.cumsum(rng.integers(-spread, spread + 1, size))
            values[rng.integers(0, size, max(size // 20, 1))] += 2**50  # a few jumps: patched
            out = StreamWriter()
            out.add("x", values)
            data, width, patches = out.encode_patched()
            assert decode_patched(data, out.size, width, patches).tolist() == values.tolist()
