"""Version 1 of a recording block, read only (:mod:`.codec2` writes version 2 since; files
written before still read): a second (or so) of canonical events, columnar, zstd-compressed.

A block holds ``n`` events with their recorded (arrival) times. Its body is a small msgpack
manifest (the block's string table and where each column lies) followed by one integer stream
(:mod:`.columns`); quotes, trades, books and bars are stored field by field, per symbol, so that a
price is a small step from the same symbol's previous one. An event the columns cannot hold
(a quote with extended-session figures, a type added later) is kept whole as msgpack in the
manifest, at its place. Decoding builds the very events that were written (floats bit for bit).
"""

from __future__ import annotations

import functools
import gc
import operator
from itertools import repeat

import msgspec
import numpy as np

from app.core.types import Bar, Book, Event, Quote, Trade
from app.storage.recording.codec2 import (
    _BAR_FLOATS,
    _HALTED,
    _QUOTE_FLOATS,
    _SIDE_OBJECTS,
    BAR,
    BOOK,
    OTHER,
    QUOTE,
    TRADE,
    _event_decoder,
)
from app.storage.recording.columns import Series, decode_stream, ticks_float, unsort

_LEVELS = 64  # book levels per side a key keeps apart (deeper levels share a series: still exact)


class Manifest(msgspec.Struct, array_like=True):
    n: int  # events in the block
    strings: list[str]  # vendors, symbols, periods, sessions
    columns: list[tuple[str, int]]  # (name, length): the stream's columns, one after another
    size: int  # numbers in the stream
    other: list[tuple[int, bytes]]  # (ordinal, msgpack of the event) of events kept whole
    base: int = 0  # the first recorded time: the time column counts from it (narrower numbers)


_manifest_decoder = msgspec.msgpack.Decoder(Manifest)


def _level_keys(sym: np.ndarray, nb: np.ndarray, na: np.ndarray) -> np.ndarray:
    """Each book level's series: symbol, side, depth (bids then asks of each book, in order)."""
    if len(nb) and nb.min() == nb.max() and na.min() == na.max():  # books of one depth (most feeds): a pattern
        bids, asks = int(nb[0]), int(na[0])
        return np.repeat(sym * (2 * _LEVELS), bids + asks) + np.tile(_level_pattern(bids, asks), len(nb))
    per_book = nb + na
    total = int(per_book.sum())
    book_of = np.repeat(np.arange(len(nb)), per_book)
    first = np.cumsum(per_book) - per_book
    pos = np.arange(total) - first[book_of]
    ask = pos >= nb[book_of]
    depth = np.where(ask, pos - nb[book_of], pos)
    return (sym[book_of] * 2 + ask) * _LEVELS + np.minimum(depth, _LEVELS - 1)


@functools.cache
def _level_pattern(bids: int, asks: int) -> np.ndarray:
    """The level keys of one book of ``bids`` + ``asks`` levels, its symbol aside."""
    depth = np.minimum(np.concatenate([np.arange(bids), np.arange(asks)]), _LEVELS - 1)
    return np.concatenate([np.zeros(bids, np.int64), np.ones(asks, np.int64)]) * _LEVELS + depth


class _Columns:
    """A decoded block's stream, read column by column."""

    def __init__(self, manifest: Manifest, stream: np.ndarray) -> None:
        self.stream = stream
        self.specs: dict[str, tuple[int, int]] = {}
        start = 0
        for name, length in manifest.columns:
            self.specs[name] = (start, start + length)
            start += length
        if start != len(stream):
            raise ValueError("block columns do not match its stream")
        self.strings = np.array(manifest.strings + [None], dtype=object)  # id -1: None

    def has(self, name: str) -> bool:
        return name in self.specs

    def ints(self, name: str, series: Series | None = None) -> np.ndarray:
        start, stop = self.specs[name]
        return unsort(self.stream[start:stop], series)

    def floats(self, name: str, series: Series) -> np.ndarray:
        start, stop = self.specs[name]
        return unsort(ticks_float(self.stream[start:stop], self.ints(name + ".scale"), series), series)

    def texts(self, name: str) -> list:
        return self.strings[self.ints(name)].tolist()

    def nullable(self, name: str, n: int, sym: np.ndarray, series: Series):
        """A nullable float column as a list (or an iterable of None when absent)."""
        if name + "?" not in self.specs:
            return self.floats(name, series).tolist() if name in self.specs else repeat(None, n)
        mask = self.ints(name + "?").astype(bool)
        out = np.full(n, None, dtype=object)
        out[mask] = self.floats(name, Series(sym[mask]))
        return out.tolist()


def block_strings(body: bytes | memoryview) -> list[str]:
    """A block's string table (vendors, symbols — ``MARKET:CODE`` —, periods, sessions), without
    decoding its events; the symbols of events kept whole are added."""
    body = memoryview(body)
    size = int.from_bytes(body[:4], "little")
    manifest = _manifest_decoder.decode(body[4:4 + size])
    return manifest.strings + [getattr(_event_decoder.decode(raw), "symbol", "") for _at, raw in manifest.other]


def decode_block(body: bytes | memoryview) -> tuple[np.ndarray, list[Event]]:
    """The recorded times (int64 epoch ms) and the events of a block body."""
    body = memoryview(body)
    size = int.from_bytes(body[:4], "little")
    manifest = _manifest_decoder.decode(body[4:4 + size])
    cols = _Columns(manifest, decode_stream(body[4 + size:], manifest.size))
    times = cols.ints("time") + manifest.base
    kinds = cols.ints("kind")
    n = manifest.n
    if len(times) != n or len(kinds) != n:
        raise ValueError("block columns do not match its count")
    enabled = gc.isenabled()
    gc.disable()  # millions of fresh tuples and structs: the cycle collector has nothing to find
    try:
        parts: list[list] = [[], [], [], [], []]
        for k, decode in _DECODERS.items():
            if cols.has(f"{k}.sym"):
                parts[k] = decode(cols, k, times[kinds == k])
        parts[OTHER] = [_event_decoder.decode(raw) for _at, raw in manifest.other]
        present = [k for k in range(5) if parts[k]]
        if len(present) == 1:
            events = parts[present[0]]
        else:
            nexts = [iter(p).__next__ for p in parts]
            events = list(map(operator.call, map(nexts.__getitem__, kinds.tolist())))
    finally:
        if enabled:
            gc.enable()
    if len(events) != n:
        raise ValueError("block events do not match its count")
    return times, events


def _common(cols: _Columns, k: int, times: np.ndarray) -> tuple[np.ndarray, Series, list, list, list]:
    sym = cols.ints(f"{k}.sym")
    series = Series(sym)
    return sym, series, cols.strings[cols.ints(f"{k}.ven")].tolist(), cols.strings[sym].tolist(), \
        (cols.ints(f"{k}.ts", series) + times).tolist()




def _decode_quotes(cols: _Columns, k: int, times: np.ndarray) -> list:
    sym, series, vendors, symbols, ts = _common(cols, k, times)
    n = len(sym)
    fl = {name: cols.nullable(f"0.{name}", n, sym, series) for name in _QUOTE_FLOATS}
    halted = _HALTED[cols.ints("0.halted") + 1].tolist() if cols.has("0.halted") else repeat(None, n)
    session = cols.texts("0.session") if cols.has("0.session") else repeat(None, n)
    return list(map(Quote, vendors, symbols, ts, fl["last"], fl["prev_close"], fl["open"], fl["high"],
                    fl["low"], fl["volume"], fl["turnover"], halted, session, repeat(None, n),
                    fl["limit_up"], fl["limit_down"], fl["turnover_rate"], fl["volume_ratio"],
                    fl["market_cap"], fl["float_cap"]))


def _decode_trades(cols: _Columns, k: int, times: np.ndarray) -> list:
    sym, series, vendors, symbols, ts = _common(cols, k, times)
    sides = _SIDE_OBJECTS[cols.ints("1.side")].tolist()
    return list(map(Trade, vendors, symbols, ts, cols.floats("1.price", series).tolist(),
                    cols.floats("1.size", series).tolist(), sides))


def _decode_books(cols: _Columns, k: int, times: np.ndarray) -> list:
    sym, series, vendors, symbols, ts = _common(cols, k, times)
    nb, na = cols.ints("2.nb"), cols.ints("2.na")
    level_series = Series(_level_keys(sym, nb, na))
    levels = list(zip(cols.floats("2.price", level_series).tolist(), cols.floats("2.size", level_series).tolist()))
    ends = np.cumsum(nb + na)
    mids = (ends - na).tolist()
    starts = (ends - na - nb).tolist()
    ends = ends.tolist()
    take = levels.__getitem__
    bids = list(map(take, map(slice, starts, mids)))
    asks = list(map(take, map(slice, mids, ends)))
    crossed = (c == 1 for c in cols.ints("2.crossed").tolist()) if cols.has("2.crossed") else repeat(False)
    return list(map(Book, vendors, symbols, ts, bids, asks, crossed))


def _decode_bars(cols: _Columns, k: int, times: np.ndarray) -> list:
    sym, series, vendors, symbols, ts = _common(cols, k, times)
    n = len(sym)
    fl = {name: cols.nullable(f"3.{name}", n, sym, series) for name in _BAR_FLOATS}
    return list(map(Bar, vendors, symbols, cols.texts("3.period"), ts, fl["open"], fl["high"], fl["low"],
                    fl["close"], fl["volume"]))


_DECODERS = {QUOTE: _decode_quotes, TRADE: _decode_trades, BOOK: _decode_books, BAR: _decode_bars}
