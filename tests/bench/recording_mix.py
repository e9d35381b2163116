"""A realistic market-data mix for the recording benchmark: ~20 symbols across markets (US, HK,
A-shares, FX, metals, crypto spot and perpetuals), trades, quotes, 5-level books and 1-minute
bars, prices on each instrument's tick as vendors send them (the float nearest the decimal
string), sizes in lots (crypto in fractions), ~460 events a second (10 million in six hours)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from app.core.types import Bar, Book, Quote, Side, Trade

# symbol, price, tick, decimals, lot, size decimals, weight (share of the traffic)
UNIVERSE = [
    ("US:AAPL", 230.0, 0.01, 2, 1, 0, 8), ("US:NVDA", 140.0, 0.01, 2, 1, 0, 10),
    ("US:TSLA", 350.0, 0.01, 2, 1, 0, 9), ("US:MSFT", 430.0, 0.01, 2, 1, 0, 5),
    ("US:SPY", 600.0, 0.01, 2, 1, 0, 7), ("HK:00700", 420.0, 0.2, 1, 100, 0, 5),
    ("HK:09988", 85.0, 0.05, 2, 100, 0, 4), ("HK:03690", 160.0, 0.1, 1, 100, 0, 3),
    ("SH:600519", 1520.0, 0.01, 2, 100, 0, 2), ("SZ:300750", 260.0, 0.01, 2, 100, 0, 3),
    ("SH:601318", 52.0, 0.01, 2, 100, 0, 2), ("FX:EURUSD", 1.05, 0.00001, 5, 1000, 0, 6),
    ("FX:USDJPY", 150.0, 0.001, 3, 1000, 0, 5), ("CMDTY:XAUUSD", 2650.0, 0.01, 2, 1, 2, 5),
    ("CRYPTO:BTCUSDT", 97000.0, 0.01, 2, 0.0001, 5, 10), ("CRYPTO:ETHUSDT", 3600.0, 0.01, 2, 0.001, 4, 7),
    ("CRYPTO:SOLUSDT", 230.0, 0.01, 2, 0.01, 2, 4), ("PERP:BTCUSDT", 97100.0, 0.1, 1, 0.001, 3, 10),
    ("PERP:ETHUSDT", 3610.0, 0.01, 2, 0.001, 3, 6), ("IDX:HSI", 19800.0, 0.01, 2, 1, 0, 2),
]
VENDOR = "qos"
RATE = 463.0  # events a second: 10 million in six hours
KINDS = np.array([0.40, 0.25, 0.25, 0.10])  # trade, quote, book, bar
MINUTE = 60_000


class _Symbol:
    def __init__(self, rng: np.random.Generator, row) -> None:
        self.symbol, price, self.tick, self.dec, self.lot, self.size_dec, _w = row
        self.ticks = int(price / self.tick)
        self.prev_close = round(self.ticks * self.tick * (1 + rng.normal(0, 0.01)), self.dec)
        self.open = self.high = self.low = self.last = self.price(self.ticks)
        self.volume = 0.0
        self.turnover = 0.0
        self.bar: Bar | None = None

    def price(self, ticks: int) -> float:
        return round(ticks * self.tick, self.dec)

    def size(self, lots: int) -> float:
        return round(lots * self.lot, self.size_dec)


def generate(count: int, seed: int = 22, start_ms: int = 1_764_579_600_000) -> Iterator[tuple[int, object]]:
    """(recorded ms, event) pairs, ``count`` of them, in recorded order."""
    rng = np.random.default_rng(seed)
    symbols = [_Symbol(rng, row) for row in UNIVERSE]
    weights = np.array([row[6] for row in UNIVERSE], float)
    weights /= weights.sum()
    made = 0
    second = start_ms
    while made < count:
        n = min(int(rng.poisson(RATE)), count - made)
        times = np.sort(rng.integers(second, second + 1000, n)).tolist()
        which = rng.choice(len(symbols), n, p=weights).tolist()
        kinds = rng.choice(4, n, p=KINDS).tolist()
        steps = rng.choice([-1, 0, 0, 1], n).tolist()
        lots = rng.geometric(0.15, n).tolist()
        books = rng.geometric(0.08, (n, 10)).tolist()
        for t, s, kind, step, lot, levels in zip(times, which, kinds, steps, lots, books):
            sym = symbols[s]
            sym.ticks = max(sym.ticks + step, 10)
            if kind == 0:
                side = Side.BUY if step >= 0 else Side.SELL
                price = sym.price(sym.ticks + (1 if side is Side.BUY else 0))
                size = sym.size(lot)
                sym.last = price
                sym.high, sym.low = max(sym.high, price), min(sym.low, price)
                sym.volume = round(sym.volume + size, sym.size_dec)
                sym.turnover = round(sym.turnover + size * price, 2)
                yield t, Trade(VENDOR, sym.symbol, t - 40, price, size, side)
            elif kind == 1:
                yield t, Quote(VENDOR, sym.symbol, t - 40, sym.last, sym.prev_close, sym.open, sym.high,
                               sym.low, sym.volume, sym.turnover, False)
            elif kind == 2:
                bids = [(sym.price(sym.ticks - i), sym.size(levels[i])) for i in range(5)]
                asks = [(sym.price(sym.ticks + 1 + i), sym.size(levels[5 + i])) for i in range(5)]
                yield t, Book(VENDOR, sym.symbol, t - 40, bids, asks)
            else:
                start = t - t % MINUTE
                bar = sym.bar
                if bar is None or bar.ts != start:
                    bar = sym.bar = Bar(VENDOR, sym.symbol, "1m", start, sym.last, sym.last, sym.last, sym.last, 0.0)
                bar = Bar(VENDOR, sym.symbol, "1m", start, bar.open, max(bar.high, sym.last),
                          min(bar.low, sym.last), sym.last, sym.volume - (sym.volume % 1000))
                sym.bar = bar
                yield t, bar
        made += n
        second += 1000
