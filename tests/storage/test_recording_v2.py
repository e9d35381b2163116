"""Recording format version 2 (issue 22: read back at a million events a second): the block laid
out for reading gives back exactly the events written (floats by their bits, books' levels in
order at any depth), a damaged block reads up to the damage, a reader of version 1 refuses it in
words, and version-1 files (a rolling folder from before the upgrade) still read beside it."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import msgspec
import numpy as np
import pytest

from app.core.types import Bar, Book, Event, Quote, SessionQuote, Side, Trade
from app.storage.recording import RecordingError, RecordingReader, RecordingWriter, format
from app.storage.recording.columns import StreamWriter, decode_patched
from app.storage.recording.format import BLOCK
from app.storage.recording.rolling import SegmentsReader
from tests.support.recordings import T0

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "recordings" / "v1_written_before"
_bits = msgspec.msgpack.encode  # floats compared by their bits (-0.0, nan, 1/3 ...)


def _write(path: Path, blocks: list[list[Event]]) -> tuple[list[int], list[Event]]:
    times, events = [], []
    with RecordingWriter(path) as writer:
        for b, chunk in enumerate(blocks):
            for i, event in enumerate(chunk):
                t = T0 + b * 2000 + i
                writer.write(event, t)
                times.append(t)
                events.append(event)
            writer.flush()
    return times, events


def _book(sym: str, i: int, bids: int, asks: int, crossed: bool = False, vendor: str = "qos") -> Book:
    # every level distinct: its symbol, side, depth and book can be read back from it
    base = 100.0 + 10 * (len(sym) % 7)
    return Book(vendor, sym, T0 + i, [(round(base - 0.01 * d, 2), float(1000 * i + d + 1)) for d in range(bids)],
                [(round(base + 0.01 * (d + 1), 2), float(1000 * i + 500 + d)) for d in range(asks)], crossed)


def _awkward_block() -> list[Event]:
    third = 1 / 3
    return [
        Quote("qos", "US:AAPL", T0, 0.1 + 0.2, None, 1e-9, 123456789.123, None, 5e15, None, None, "pre", None, 1.5,
              None, 0.25),
        Trade("maidong", "MD:HX_HSI", T0 + 3, third, 2.0**60, Side.SELL),  # a second vendor in the block
        Quote("qos", "US:AAPL", T0 + 1, 239.07, 235.33, None, None, third, None, 1.0, True),
        Quote("itick", "HK:00700", T0 + 2, 534.0, extended={"pre": SessionQuote(T0, 533.5, volume=10.0)}),  # whole
        Quote("qos", "HK:00700", T0 + 2, 534.5, volume=12.0, halted=False),
        Trade("qos", "US:MSFT", T0 + 3, -0.0, 2.0, Side.BUY),  # -0.0 keeps its sign (== 0.0, fits 2 decimals)
        Trade("qos", "US:MSFT", T0 + 3, 400.25, 3.0, Side.BUY),
        Trade("qos", "US:BRK.A", T0 + 3, 1e15, math.inf, Side.BUY),
        Trade("qos", "US:BRK.A", T0 + 3, math.nan, 0.0, Side.UNKNOWN),
        Trade("qos", "US:AAPL", T0 - 5000, 1.7976931348623157e308, 5e-324),
        Bar("qos", "PERP:BTCUSDT", "1d", T0 - 86_400_000, 81085.5, 83856.0, 80772.0, 83504.1, None),
        Bar("qos", "PERP:BTCUSDT", "1m", T0, 81085.5, 83856.0, 80772.0, 83504.1, 103162.63),
        Book("qos", "SH:600519", T0 + 4, [(1520.91, 20.0)], [(1521.0, 11.0), (1521.01, third)]),
        Book("qos", "SH:600519", T0 + 5, [(1521.0, 1.0)], [(1520.0, 2.0)], crossed=True),
        Book("qos", "SH:600519", T0 + 6, [], [(1520.0, 2.0)]),
    ]


def test_version_2_round_trip_gives_the_events_written_bit_for_bit(tmp_path):
    blocks = [
        _awkward_block(),
        [_book(s, i, 5, 5) for i, s in enumerate(["US:AAPL", "HK:00700", "US:AAPL", "SH:600519"] * 5)],  # one depth
        [_book("US:AAPL", 0, 0, 0), _book("US:AAPL", 1, 0, 0)],  # books with no levels at all
        [Trade("qos", "US:AAPL", T0 + i, 200.0 + i * 0.01, 1.0) for i in range(3)],  # one kind, one vendor
        [Quote("itick", "HK:00700", T0, 534.0, extended={"post": SessionQuote(T0, 534.5)})],  # only events kept whole
    ]
    path = tmp_path / "v2.qtrec"
    times, events = _write(path, blocks)
    reader = RecordingReader(path)
    assert reader.version == format.VERSION == 2 and reader.damage is None and reader.blocks == len(blocks)
    got = list(reader.timed())
    assert [t for t, _e in got] == times
    assert [type(e) for _t, e in got] == [type(e) for e in events]
    assert [_bits(e) for _t, e in got] == [_bits(e) for e in events]
    assert got[5][1].price.hex() == "-0x0.0p+0" and math.isnan(got[8][1].price)
    assert reader.symbols == {e.symbol for e in events}


def test_books_levels_come_back_in_order_at_any_depth(tmp_path):
    depths = [(5, 5), (20, 20), (0, 3), (3, 0), (70, 66), (1, 2), (5, 5)]  # mixed: padded to the deepest
    symbols = ["US:AAPL", "HK:00700", "SH:600519"]
    mixed = []
    for i in range(42):
        bids, asks = depths[i % len(depths)]
        mixed.append(_book(symbols[i % 3], i, bids, asks, crossed=i % 11 == 0))
        if i % 4 == 0:  # other kinds between the books
            mixed.append(Trade("qos", symbols[(i + 1) % 3], T0 + i, 10.0 + i, 1.0))
    path = tmp_path / "books.qtrec"
    _times, events = _write(path, [mixed])
    back = list(RecordingReader(path).events())
    assert back == events
    for wrote, read in zip(events, back):
        if type(wrote) is Book:
            assert type(read.bids) is list and all(type(level) is tuple for level in read.bids + read.asks)
            assert read.bids == wrote.bids and read.asks == wrote.asks and read.crossed == wrote.crossed


def test_a_damaged_version_2_block_is_read_up_to_the_damage(tmp_path):
    blocks = [[Trade("qos", "US:AAPL", T0 + b * 2000 + i, 200.0 + b + i * 0.01, 1.0 + i) for i in range(30)]
              + [_book("US:AAPL", b * 100 + i, 5, 5) for i in range(10)] for b in range(6)]
    path = tmp_path / "damaged.qtrec"
    _times, events = _write(path, blocks)
    whole = RecordingReader(path)
    offset = whole._offsets[3]
    data = bytearray(path.read_bytes())
    data[offset + BLOCK.size + 30] ^= 0x5A  # the fourth block's payload
    path.write_bytes(bytes(data))
    reader = RecordingReader(path)
    assert reader.version == 2
    assert list(reader.events()) == events[:3 * 40]
    assert f"damaged at byte {offset}" in str(reader.damage)


def test_a_reader_of_version_1_refuses_version_2_in_words(tmp_path, monkeypatch):
    path = tmp_path / "new.qtrec"
    _write(path, [[Trade("qos", "US:AAPL", T0, 1.0, 1.0)]])
    monkeypatch.setattr(format, "VERSION", 1)  # the program before this format
    with pytest.raises(RecordingError) as older:
        RecordingReader(path)
    said = str(older.value)
    assert "format version 2" in said and "reads up to version 1" in said and "update Quote Terminal" in said


def test_a_rolling_folder_from_before_the_upgrade_reads_on_into_version_2(tmp_path):
    old, new = tmp_path / "1.qtrec", tmp_path / "2.qtrec"
    shutil.copy(FIXTURE.with_suffix(".qtrec"), old)  # written by the version-1 writer
    times_v1, events_v1 = msgspec.msgpack.decode(FIXTURE.with_suffix(".events").read_bytes(),
                                                 type=tuple[list[int], list[Event]])
    later = [[Trade("qos", "US:AAPL", T0 + i, 200.0 + i * 0.01, 1.0) for i in range(5)]]
    times_v2, events_v2 = _write(new, later)
    assert times_v2[0] > times_v1[-1]
    segments = SegmentsReader([old, new])
    assert [r.version for r in segments.readers] == [1, 2]
    got = list(segments.timed())
    assert [t for t, _e in got] == times_v1 + times_v2
    assert [_bits(e) for _t, e in got] == [_bits(e) for e in events_v1 + events_v2]


def test_the_narrow_stream_patches_what_does_not_fit():
    rng = np.random.default_rng(22)
    extremes = np.array([0, 1, -1, 127, -128, 128, 32767, -32768, 2**31 - 1, -2**31, 2**62, -2**62,
                         np.iinfo(np.int64).max, np.iinfo(np.int64).min, 0], np.int64)
    for values in (extremes, rng.integers(-300, 300, 5000), np.cumsum(rng.integers(-3, 4, 4000)) + 10**12,
                   np.zeros(0, np.int64)):
        out = StreamWriter()
        out.add("x", values)
        data, width, patches = out.encode_patched()
        assert decode_patched(data, len(values), width, patches).tolist() == values.tolist()
    small = StreamWriter()
    walk = np.cumsum(rng.integers(-50, 51, 1000))
    walk[[100, 400, 700]] += 10**9  # three jumps out and back: six steps too wide for a byte
    small.add("x", walk)
    data, width, patches = small.encode_patched()
    assert (width, patches) == (1, 6)  # a byte a step, the six patched
    assert decode_patched(data, 1000, width, patches).tolist() == walk.tolist()
    with pytest.raises(ValueError):
        decode_patched(data[:-1], 1000, width, patches)
