"""Version 2 of a recording block: the numbers of :mod:`.codec` (version 1) laid out for reading.

The ingredients are version 1's: a msgpack manifest (the block's string table, where each column
lies, the events kept whole) followed by one delta-coded integer stream (:mod:`.columns`), floats
as integer ticks with a decimal scale per series. What changed is the order. Every per-event
column (vendor, own time, prices, sizes, sides…) is stored with the block's events sorted by
(kind, symbol) — a stable sort, so a symbol's events keep their order and neighbours are
successive values of one series (as compact as version 1). A reader builds each kind's events in
that order from whole columns, with a fixed number of NumPy calls per kind, where version 1 made
several per column and gathered every column back to arrival order (some 500 calls a block):

- the float fields of a kind are one matrix (field × event): scaled by one ``repeat`` and one
  division, turned into Python floats by one ``tolist``;
- a book's levels are stored per symbol, depth by depth across its books (a depth's successive
  values side by side, one symbol's depths a tick apart); one ``take`` puts them book by book (a
  fancy index costs five times its instructions), and books of one depth (most feeds) take their
  bids and asks as chunks of one iterator of level tuples (no object array); books of mixed
  depths are padded with zeros to the block's deepest sides;
- the built events are put back in arrival order by one scatter into an object array (the sort
  inverted);
- the stream's deltas are stored at the narrowest width that suits most of them (a byte or two),
  the few wider ones patched after: the zigzag undone at that width, widened by one ``astype``
  instead of eight byte planes, and accumulated into a new array (in place, NumPy copies first).

Only the time, kind and symbol columns stay in arrival order (the sort is made from them again).
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from itertools import chain, repeat
from operator import add, attrgetter

import msgspec
import numpy as np

from app.core.types import Bar, Book, Event, Quote, Side, Trade
from app.storage.recording.columns import StreamWriter, decode_patched, matrix_floats, matrix_ticks

QUOTE, TRADE, BOOK, BAR, OTHER = range(5)
_EDGES = np.arange(6)  # where each kind's keys start, and the end
_KIND = {Quote: QUOTE, Trade: TRADE, Book: BOOK, Bar: BAR}
_SIDE_CODE = {Side.UNKNOWN: 0, Side.BUY: 1, Side.SELL: 2}
_SIDE_OBJECTS = np.array([Side.UNKNOWN, Side.BUY, Side.SELL], dtype=object)
_HALTED = np.array([None, False, True], dtype=object)  # stored as -1, 0, 1
_QUOTE_FLOATS = ("last", "prev_close", "open", "high", "low", "volume", "turnover", "limit_up",
                 "limit_down", "turnover_rate", "volume_ratio", "market_cap", "float_cap")
_TRADE_FLOATS = ("price", "size")
_BAR_FLOATS = ("open", "high", "low", "close", "volume")


class Manifest(msgspec.Struct, array_like=True):
    n: int  # events in the block
    strings: list[str]  # vendors, symbols, periods, sessions
    columns: list[tuple[str, int]]  # (name, length): the stream's columns, one after another
    size: int  # numbers in the stream
    other: list[bytes]  # msgpack of the events kept whole, in arrival order
    base: int  # the first recorded time: the time column counts from it
    fields: list[list[str]]  # per kind (quote, trade, book, bar): the float fields of its matrix
    width: int  # bytes a number in the stream (:func:`.columns.decode_patched`)
    patches: int  # numbers too wide for it, patched after


_encoder = msgspec.msgpack.Encoder()
_manifest_decoder = msgspec.msgpack.Decoder(Manifest)
_event_decoder = msgspec.msgpack.Decoder(Event)


def _sort(kinds: np.ndarray, sym: np.ndarray, symbols: int) -> tuple[np.ndarray, list[int], list[np.ndarray]]:
    """The events' order by (kind, symbol), stable; where each kind starts and ends in it
    (``bounds[k]:bounds[k + 1]``); each kind's series lengths (its symbols' runs)."""
    width = max(symbols, 1)
    key = kinds * width + sym
    if 5 * width < 1 << 16:
        key = key.astype(np.uint16)  # NumPy's stable sort of 16-bit keys is a radix sort: O(n)
    order = key.argsort(kind="stable")
    counts = np.bincount(key, minlength=5 * width)
    present = counts.nonzero()[0]
    lengths = counts[present]
    cut = (present // width).searchsorted(_EDGES).tolist()  # (methods: NumPy's function wrappers cost)
    ends = [0] + lengths.cumsum().tolist()
    bounds = [ends[c] for c in cut]
    return order, bounds, [lengths[cut[k]:cut[k + 1]] for k in range(5)]


# -- writing ---------------------------------------------------------------------------------


def encode_block(events: Sequence[Event], times: Sequence[int]) -> bytes:
    """The block body (before compression) of ``events`` recorded at ``times`` (epoch ms)."""
    n = len(events)
    table: dict[str, int] = {}
    ids = table.setdefault
    kinds = np.fromiter((_KIND.get(type(e), OTHER) for e in events), np.int64, n)
    quotes_at = np.flatnonzero(kinds == QUOTE)
    if quotes_at.size:  # a quote with extended-session figures is kept whole
        extended = np.fromiter((events[i].extended is not None for i in quotes_at.tolist()), bool, quotes_at.size)
        kinds[quotes_at[extended]] = OTHER
    sym = np.fromiter((0 if k == OTHER else ids(e.symbol, len(table)) for e, k in zip(events, kinds.tolist())),
                      np.int64, n)
    order, bounds, lengths = _sort(kinds, sym, len(table))
    stamps = np.asarray(times, np.int64)
    base = int(stamps[0]) if n else 0
    out = StreamWriter()
    out.add("time", stamps - base)
    out.add("kind", kinds)
    out.add("sym", sym)
    sorted_at = order[:bounds[OTHER]]
    rows = list(map(events.__getitem__, sorted_at.tolist()))
    vendors = np.fromiter((ids(v, len(table)) for v in map(attrgetter("vendor"), rows)), np.int64, len(rows))
    if len(vendors) and vendors.min() == vendors.max():  # one vendor (a recording mostly is): said once
        out.add("ven1", vendors[:1])
    else:
        out.add("ven", vendors)
    out.add("ts", np.fromiter(map(attrgetter("ts"), rows), np.int64, len(rows)) - stamps[sorted_at])
    fields: list[list[str]] = [[], [], [], []]
    for k, encode in enumerate((_encode_quotes, _encode_trades, _encode_books, _encode_bars)):
        if bounds[k] < bounds[k + 1]:
            fields[k] = encode(out, rows[bounds[k]:bounds[k + 1]], lengths[k], table)
    other = [_encoder.encode(events[i]) for i in order[bounds[OTHER]:].tolist()]  # stable: arrival order
    body, width, patches = out.encode_patched()
    manifest = Manifest(n, list(table), [(name, stop - start) for name, start, stop in out.specs], out.size,
                        other, base, fields, width, patches)
    head = _encoder.encode(manifest)
    return len(head).to_bytes(4, "little") + head + body


def _matrix(out: StreamWriter, kind: str, columns: list[tuple[str, list]], lengths: np.ndarray) -> list[str]:
    """A kind's float fields as one matrix; a field all None is left out, a field partly None
    gets a mask column (its None rows hold 0.0: every scale fits it)."""
    names, values = [], []
    for name, column in columns:
        nones = column.count(None)
        if nones == len(column):
            continue
        if nones:
            out.add(f"{kind}.{name}?", np.fromiter((v is not None for v in column), np.int64, len(column)))
            column = [0.0 if v is None else v for v in column]
        names.append(name)
        values.append(column)
    if values:
        ticks, scales = matrix_ticks(np.array(values, np.float64), lengths)
        out.add(f"{kind}.scale", scales.ravel())
        out.add(f"{kind}.floats", ticks.ravel())
    return names


def _codes(values: list, table: dict[str, int]) -> np.ndarray:
    """Strings (or None, -1) as ids in the block's table."""
    ids = table.setdefault
    return np.fromiter((-1 if v is None else ids(v, len(table)) for v in values), np.int64, len(values))


def _encode_quotes(out: StreamWriter, rows: list, lengths: np.ndarray, table: dict[str, int]) -> list[str]:
    names = _matrix(out, "0", [(name, list(map(attrgetter(name), rows))) for name in _QUOTE_FLOATS], lengths)
    halted = list(map(attrgetter("halted"), rows))
    if halted.count(None) != len(halted):
        out.add("0.halted", np.fromiter((-1 if h is None else int(h) for h in halted), np.int64, len(rows)))
    sessions = list(map(attrgetter("session"), rows))
    if sessions.count(None) != len(sessions):
        out.add("0.session", _codes(sessions, table))
    return names


def _encode_trades(out: StreamWriter, rows: list, lengths: np.ndarray, table: dict[str, int]) -> list[str]:
    out.add("1.side", np.fromiter((_SIDE_CODE[s] for s in map(attrgetter("side"), rows)), np.int64, len(rows)))
    return _matrix(out, "1", [(name, list(map(attrgetter(name), rows))) for name in _TRADE_FLOATS], lengths)


def _encode_bars(out: StreamWriter, rows: list, lengths: np.ndarray, table: dict[str, int]) -> list[str]:
    out.add("3.period", _codes(list(map(attrgetter("period"), rows)), table))
    return _matrix(out, "3", [(name, list(map(attrgetter(name), rows))) for name in _BAR_FLOATS], lengths)


def _encode_books(out: StreamWriter, rows: list, lengths: np.ndarray, table: dict[str, int]) -> list[str]:
    bids = list(map(attrgetter("bids"), rows))
    asks = list(map(attrgetter("asks"), rows))
    nb = np.fromiter(map(len, bids), np.int64, len(rows))
    na = np.fromiter(map(len, asks), np.int64, len(rows))
    out.add("2.nb", nb)
    out.add("2.na", na)
    crossed = list(map(attrgetter("crossed"), rows))
    if any(crossed):
        out.add("2.crossed", np.array(crossed, np.int64))
    deep_bids, deep_asks = int(nb.max()), int(na.max())
    depth = deep_bids + deep_asks
    if not depth:
        return []
    if nb.min() == deep_bids and na.min() == deep_asks:  # books of one depth (most feeds): no padding
        flat = np.array(list(chain.from_iterable(chain.from_iterable(zip(bids, asks)))), np.float64)
        levels = flat.reshape(len(rows) * depth, 2)
    else:  # padded with zeros: a symbol's missing depths are runs of zeros in the stream
        padded = np.zeros((len(rows), depth, 2))
        for j, (b, a) in enumerate(zip(bids, asks)):
            if b:
                padded[j, :len(b)] = b
            if a:
                padded[j, deep_bids:deep_bids + len(a)] = a
        levels = padded.reshape(len(rows) * depth, 2)
    stored = np.empty((2, len(levels)))
    stored[:, _level_places(lengths, depth)] = levels.T
    ticks, scales = matrix_ticks(stored, np.repeat(lengths, depth))
    out.add("2.scale", scales.ravel())
    out.add("2.levels", ticks.ravel())
    return []


def _level_places(lengths: np.ndarray, depth: int) -> np.ndarray:
    """Where each book level (book-major: book ``j``'s depth ``d`` at ``j * depth + d``, books in
    symbol order) lies in the stream: per symbol, depth by depth, across its books — a depth's
    successive values side by side, and a symbol's depths next to each other (a step of a tick
    from one to the next, not a jump to another symbol's price). Book ``j``, the ``i``-th of its
    symbol's ``n`` (the first of which is book ``f``), has its depth ``d`` at
    ``f * depth + d * n + i`` = ``f * (depth - 1) + j + d * n``: sums of whole-array steps, no
    broadcasting (a NumPy call here costs as much as building a few events)."""
    size = int(lengths.sum()) * depth
    book, level = _level_patterns(depth, size)
    per_symbol = lengths * depth
    places = ((lengths.cumsum() - lengths) * (depth - 1)).repeat(per_symbol)
    places += book[:size]
    places += lengths.repeat(per_symbol) * level[:size]
    return places


_PATTERNS: dict[int, tuple[np.ndarray, np.ndarray]] = {}
_PATTERN_DEPTHS = 8  # depths kept at most (a feed whose depth changes from block to block would add one each)
_PATTERN_LEVELS = 16_384  # levels made at least per depth (a block's; a larger one makes more)


def _level_patterns(depth: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """For a book depth, each level's book (0, 0, …, 1, 1, …) and depth (0, 1, …, 0, 1, …), book-major,
    for at least ``size`` levels (kept: the few depths a recording has)."""
    found = _PATTERNS.get(depth)
    if found is None or len(found[0]) < size:
        if found is None and len(_PATTERNS) >= _PATTERN_DEPTHS:
            _PATTERNS.clear()
        books = -(-max(size, _PATTERN_LEVELS) // depth)
        found = _PATTERNS[depth] = (np.arange(books).repeat(depth), np.tile(np.arange(depth), books))
    return found


# -- reading ---------------------------------------------------------------------------------


def block_strings(body: bytes | memoryview) -> list[str]:
    """A block's string table (vendors, symbols — ``MARKET:CODE`` —, periods, sessions), without
    decoding its events; the symbols of events kept whole are added."""
    body = memoryview(body)
    size = int.from_bytes(body[:4], "little")
    manifest = _manifest_decoder.decode(body[4:4 + size])
    return manifest.strings + [getattr(_event_decoder.decode(raw), "symbol", "") for raw in manifest.other]


def decode_block(body: bytes | memoryview) -> tuple[np.ndarray, list[Event]]:
    """The recorded times (int64 epoch ms) and the events of a block body."""
    body = memoryview(body)
    size = int.from_bytes(body[:4], "little")
    manifest = _manifest_decoder.decode(body[4:4 + size])
    stream = decode_patched(body[4 + size:], manifest.size, manifest.width, manifest.patches)
    col: dict[str, np.ndarray] = {}
    start = 0
    for name, length in manifest.columns:
        col[name] = stream[start:start + length]
        start += length
    n = manifest.n
    if start != len(stream) or len(col["time"]) != n or len(col["kind"]) != n or len(col["sym"]) != n:
        raise ValueError("block columns do not match its count")
    times = col["time"] + manifest.base
    sym = col["sym"]
    order, bounds, lengths = _sort(col["kind"], sym, len(manifest.strings))
    strings = np.array(manifest.strings + [None], dtype=object)  # id -1: None
    sorted_at = order[:bounds[OTHER]]
    one_vendor = "ven1" in col
    vendors = repeat(strings[col["ven1"][0]]) if one_vendor else strings[col["ven"]].tolist() if bounds[OTHER] else []
    symbols = strings[sym[sorted_at]].tolist()
    stamps = (col["ts"] + times[sorted_at]).tolist() if bounds[OTHER] else []
    enabled = gc.isenabled()
    gc.disable()  # thousands of fresh tuples and structs: the cycle collector has nothing to find
    try:
        built: list = []
        for k, decode in enumerate(_DECODERS):
            a, b = bounds[k], bounds[k + 1]
            if a < b:
                built += decode(col, manifest.fields[k], lengths[k], strings, vendors if one_vendor else vendors[a:b],
                                symbols[a:b], stamps[a:b])
        built += map(_event_decoder.decode, manifest.other)
        if len(built) != n:
            raise ValueError("block events do not match its count")
        events = np.empty(n, object)
        events[order] = np.fromiter(built, object, n)  # put back in arrival order by one scatter
        events = events.tolist()
    finally:
        if enabled:
            gc.enable()
    return times, events


def _floats(col: dict[str, np.ndarray], kind: str, fields: list[str], lengths: np.ndarray) -> dict[str, list]:
    """A kind's float fields as lists (None where a mask says so)."""
    if not fields:
        return {}
    matrix = matrix_floats(col[kind + ".floats"].reshape(len(fields), -1),
                           col[kind + ".scale"].reshape(len(fields), -1), lengths)
    values = dict(zip(fields, matrix.tolist()))
    for i, name in enumerate(fields):
        mask = col.get(f"{kind}.{name}?")
        if mask is not None:
            values[name] = np.where(mask != 0, matrix[i], None).tolist()
    return values


_NONE = repeat(None)  # an absent field: None for every event (map stops at the shortest column)


def _decode_quotes(col, fields, lengths, strings, vendors, symbols, stamps) -> list:
    fl = _floats(col, "0", fields, lengths).get
    halted = _HALTED[col["0.halted"] + 1].tolist() if "0.halted" in col else _NONE
    session = strings[col["0.session"]].tolist() if "0.session" in col else _NONE
    columns = [vendors, symbols, stamps, fl("last", _NONE), fl("prev_close", _NONE), fl("open", _NONE),
               fl("high", _NONE), fl("low", _NONE), fl("volume", _NONE), fl("turnover", _NONE), halted, session,
               _NONE, fl("limit_up", _NONE), fl("limit_down", _NONE), fl("turnover_rate", _NONE),
               fl("volume_ratio", _NONE), fl("market_cap", _NONE), fl("float_cap", _NONE)]
    while columns[-1] is _NONE:  # trailing absent fields left to their default (None): fewer arguments a quote
        columns.pop()
    return list(map(Quote, *columns))


def _decode_trades(col, fields, lengths, strings, vendors, symbols, stamps) -> list:
    fl = _floats(col, "1", fields, lengths)
    return list(map(Trade, vendors, symbols, stamps, fl.get("price", _NONE), fl.get("size", _NONE),
                    _SIDE_OBJECTS[col["1.side"]].tolist()))


def _decode_bars(col, fields, lengths, strings, vendors, symbols, stamps) -> list:
    fl = _floats(col, "3", fields, lengths).get
    return list(map(Bar, vendors, symbols, strings[col["3.period"]].tolist(), stamps, fl("open", _NONE),
                    fl("high", _NONE), fl("low", _NONE), fl("close", _NONE), fl("volume", _NONE)))


def _decode_books(col, fields, lengths, strings, vendors, symbols, stamps) -> list:
    nb, na = col["2.nb"].tolist(), col["2.na"].tolist()  # (small ints: a list's count and max beat NumPy's calls)
    books = len(nb)
    crossed = ((col["2.crossed"] != 0).tolist(),) if "2.crossed" in col else ()  # (absent: its default)
    one_depth = books and nb.count(nb[0]) == books == na.count(nb[0])  # (bids as deep as asks too)
    deep_bids = nb[0] if one_depth else max(nb, default=0)
    depth = 2 * deep_bids if one_depth else deep_bids + max(na, default=0)
    if not depth:
        return list(map(Book, vendors, symbols, stamps, [[] for _ in range(books)], [[] for _ in range(books)],
                        *crossed))
    matrix = matrix_floats(col["2.levels"].reshape(2, -1), col["2.scale"].reshape(2, -1), lengths.repeat(depth))
    prices, sizes = matrix.take(_level_places(lengths, depth), axis=1).tolist()  # book-major again
    levels = zip(prices, sizes)  # book j's depth d at j * depth + d: bids from 0, asks from deep_bids
    if one_depth:  # (most feeds): sides chunked from the one iterator
        sides = map(list, zip(*repeat(levels, deep_bids)))  # a book's bids, its asks, the next book's bids…
        return list(map(Book, vendors, symbols, stamps, sides, sides, *crossed))
    take = list(levels).__getitem__
    firsts = range(0, books * depth, depth)
    asks_at = range(deep_bids, deep_bids + books * depth, depth)
    bids = list(map(take, map(slice, firsts, map(add, firsts, nb))))
    asks = list(map(take, map(slice, asks_at, map(add, asks_at, na))))
    return list(map(Book, vendors, symbols, stamps, bids, asks, *crossed))


_DECODERS = (_decode_quotes, _decode_trades, _decode_books, _decode_bars)
