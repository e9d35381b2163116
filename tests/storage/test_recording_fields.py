"""Recording version 2 read back field by field (issue 22's read speed work must not change one
event): a mixed recording of more blocks than one read of the file takes — quotes with NaN,
None and halted fields, trades of every side, books of mixed and of one depth, bars with and
without volume — gives back every field as written, floats by their bits; a file cut short
after it was indexed is read up to the cut and said."""

from __future__ import annotations

import math
import random
import struct

import pytest

from app.core.types import Bar, Book, Quote, SessionQuote, Side, Trade
from app.storage.recording import RecordingReader, RecordingWriter
from app.storage.recording.reader import _READ_AHEAD
from tests.support.recordings import T0

SYMBOLS = ["US:AAPL", "HK:00700", "SH:600519", "FX:EURUSD", "CRYPTO:BTCUSDT"]
NAN = math.nan


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


def _same(wrote, read, where: str) -> None:
    """Field by field: the same type, floats by their bits (NaN, -0.0), None, bools and sides
    as themselves, books' levels as lists of tuples."""
    assert type(read) is type(wrote), where
    if isinstance(wrote, float):
        assert _bits(read) == _bits(wrote), f"{where}: {read!r} != {wrote!r}"
    elif wrote is None or isinstance(wrote, (bool, Side)):
        assert read is wrote, f"{where}: {read!r} is not {wrote!r}"
    elif isinstance(wrote, (list, tuple)):
        assert len(read) == len(wrote), where
        for i, (w, r) in enumerate(zip(wrote, read)):
            _same(w, r, f"{where}[{i}]")
    elif isinstance(wrote, dict):
        assert read.keys() == wrote.keys(), where
        for key in wrote:
            _same(wrote[key], read[key], f"{where}.{key}")
    elif hasattr(wrote, "__struct_fields__"):
        for name in wrote.__struct_fields__:
            _same(getattr(wrote, name), getattr(read, name), f"{where}.{name}")
    else:
        assert read == wrote, f"{where}: {read!r} != {wrote!r}"


def _maybe(rng: random.Random, value: float) -> float | None:
    roll = rng.random()
    return None if roll < 0.15 else NAN if roll < 0.2 else value


def _mixed(rng: random.Random, b: int, n: int, one_depth: bool) -> list:
    events = []
    for i in range(n):
        sym, ts = rng.choice(SYMBOLS), T0 + b * 2000 + i
        price = round(100 + rng.randint(-500, 500) * 0.01, 2)
        kind = rng.random()
        if kind < 0.3:
            events.append(Trade(rng.choice(["qos", "itick"]), sym, ts, rng.choice([price, price, -0.0, NAN]),
                                float(rng.randint(1, 900)) * rng.choice([1, 0.001]), rng.choice(list(Side))))
        elif kind < 0.55:
            events.append(Quote("qos", sym, ts, _maybe(rng, price), _maybe(rng, 99.5), _maybe(rng, 100.0),
                                _maybe(rng, price + 1), _maybe(rng, price - 1), _maybe(rng, 1e6 + i),
                                _maybe(rng, 1 / 3), rng.choice([None, False, True]),
                                rng.choice([None, "pre", "regular"]), None,
                                *(_maybe(rng, rng.random()) if rng.random() < 0.3 else None for _ in range(6))))
        elif kind < 0.85:
            bids, asks = (5, 5) if one_depth else (rng.randint(0, 12), rng.randint(0, 12))
            events.append(Book("qos", sym, ts,
                               [(round(price - 0.01 * d, 2), float(rng.randint(1, 99))) for d in range(bids)],
                               [(round(price + 0.01 * (d + 1), 2), rng.choice([0.5, 2.0, NAN])) for d in range(asks)],
                               crossed=rng.random() < 0.05))
        elif kind < 0.97:
            events.append(Bar("qos", sym, rng.choice(["1m", "5m", "1d"]), ts - ts % 60_000, price, price + 2,
                              price - 2, price + 0.5, rng.choice([None, 1234.0, NAN])))
        else:  # kept whole
            events.append(Quote("itick", sym, ts, price, extended={"pre": SessionQuote(ts, price, volume=3.0)}))
    return events


def _write(path, blocks: list[list]) -> tuple[list[int], list]:
    times, events = [], []
    with RecordingWriter(path) as writer:
        for b, chunk in enumerate(blocks):
            for i, event in enumerate(chunk):
                writer.write(event, T0 + b * 2000 + i)
                times.append(T0 + b * 2000 + i)
                events.append(event)
            writer.flush()
    return times, events


@pytest.fixture
def mixed(tmp_path):
    rng = random.Random(22)
    blocks = [_mixed(rng, b, rng.randint(1, 120), one_depth=b % 3 == 0) for b in range(2 * _READ_AHEAD + 5)]
    path = tmp_path / "mixed.qtrec"
    return path, *_write(path, blocks)


def test_a_mixed_recording_reads_back_field_by_field(mixed):
    path, times, events = mixed
    reader = RecordingReader(path)
    assert reader.damage is None and reader.blocks > 2 * _READ_AHEAD
    got = list(reader.timed())
    assert [t for t, _e in got] == times
    assert len(got) == len(events)
    for i, (wrote, (_t, read)) in enumerate(zip(events, got)):
        _same(wrote, read, f"event {i}")
    middle = len(events) // 2  # reading on from a moment inside a read of the file
    again = list(RecordingReader(path).timed(middle))
    for i, (wrote, (_t, read)) in enumerate(zip(events[middle:], again)):
        _same(wrote, read, f"event {middle + i}")
    assert len(again) == len(events) - middle


def test_a_file_cut_after_it_was_indexed_reads_up_to_the_cut(mixed):
    path, _times, events = mixed
    reader = RecordingReader(path)
    cut_block = _READ_AHEAD + 3  # inside the second read of the file
    cut = reader._offsets[cut_block] + 40
    with open(path, "r+b") as file:
        file.truncate(cut)
    read = list(reader.events())
    before = reader.first_ordinal(cut_block)
    assert len(read) == before
    for i, (wrote, got) in enumerate(zip(events, read)):
        _same(wrote, got, f"event {i}")
    assert reader.damage is not None and f"damaged at byte {cut - 40}" in str(reader.damage)


def test_a_file_cut_inside_a_block_header_is_damage_for_every_way_in(mixed):
    """A seek, an event by its ordinal and the symbols list, on readers that indexed the file
    before it was cut, meet the cut as the reading on does: damage said in words, never a
    struct error."""
    path, _times, events = mixed
    by_seek, by_ordinal, by_symbols = (RecordingReader(path) for _ in range(3))
    cut_block = 5
    cut = by_seek._offsets[cut_block] + 10  # inside the block's header
    inside_ms = int(by_seek._first_arr[cut_block])
    with open(path, "r+b") as file:
        file.truncate(cut)
    assert by_seek.seek_index(inside_ms) == by_seek.count  # nothing readable from there on
    with pytest.raises(IndexError):
        by_ordinal.event_at(by_ordinal.first_ordinal(cut_block))
    symbols = by_symbols.symbols  # the blocks before the cut
    assert symbols and symbols <= {e.symbol for e in events if hasattr(e, "symbol")}
    for reader in (by_seek, by_ordinal):
        assert reader.damage is not None and f"damaged at byte {cut - 10}" in str(reader.damage)
