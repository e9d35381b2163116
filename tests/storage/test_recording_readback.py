"""Reading recordings back fast (issue 22) without changing what is read: a file written by the
first version of the writer reads the very same events, bit for bit; the book levels' shortcut
for books of one depth keys levels exactly as the general way; reading on across the reader's
read-ahead starts anywhere and still stops at a damaged block."""

from __future__ import annotations

from pathlib import Path

import msgspec
import numpy as np

from app.core.types import Event
from app.storage.recording import RecordingReader
from app.storage.recording.codec import _level_keys
from app.storage.recording.format import BLOCK
from tests.support.recordings import T0, write_recording

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "recordings" / "v1_written_before"


def test_a_recording_written_before_reads_the_same_events_bit_for_bit():
    # written by the starting commit's writer (make_v1_written_before.py): awkward values, books
    # of one depth over several symbols, deeper than 64 levels, without bids, of mixed depths
    times, events = msgspec.msgpack.decode(FIXTURE.with_suffix(".events").read_bytes(),
                                           type=tuple[list[int], list[Event]])
    reader = RecordingReader(FIXTURE.with_suffix(".qtrec"))
    assert reader.version == 1 and reader.damage is None and reader.blocks == 6
    got = list(reader.timed())
    assert [t for t, _e in got] == times
    assert [type(e) for _t, e in got] == [type(e) for e in events]
    encode = msgspec.msgpack.encode  # floats compared by their bits (-0.0, 1/3, 2**60 ...)
    assert [encode(e) for _t, e in got] == [encode(e) for e in events]


def test_books_of_one_depth_are_keyed_as_books_of_any_depth():
    rng = np.random.default_rng(22)
    for bids, asks in ((5, 5), (0, 3), (1, 0), (70, 66), (64, 65)):
        sym = rng.integers(0, 30, 40)
        nb, na = np.full(40, bids), np.full(40, asks)
        one_depth = _level_keys(sym, nb, na)
        # one more book of another depth at the end: the general way for all; its levels come last
        general = _level_keys(np.append(sym, 0), np.append(nb, bids + 1), np.append(na, asks))[:len(one_depth)]
        assert one_depth.dtype == general.dtype and one_depth.tolist() == general.tolist()


def _many_blocks(tmp_path: Path) -> tuple[Path, list]:
    from app.core.types import Trade
    timed = [(T0 + i * 100, Trade("qos", "US:AAPL", T0 + i * 100 - 3, 200.0 + i * 0.01, 1.0 + i % 7))
             for i in range(400)]  # over 32 one-second blocks: beyond the reader's read-ahead
    return write_recording(tmp_path / "many.qtrec", timed), timed


def test_reading_on_starts_at_any_event_across_the_read_ahead(tmp_path):
    path, timed = _many_blocks(tmp_path)
    reader = RecordingReader(path)
    assert reader.blocks > 32  # (a block rolls a second after its first event)
    for start in (0, 5, 159, 160, 161, 170, 399):
        got = [e for _times, events in reader.timed_blocks(start) for e in events]
        assert got == [e for _t, e in timed[start:]]
    reader.block(17)  # a block kept from a seek is used as is
    assert [e for _t, events in reader.timed_blocks(170) for e in events] == [e for _t, e in timed[170:]]


def test_reading_on_stops_at_a_damaged_block_beyond_the_read_ahead(tmp_path):
    path, timed = _many_blocks(tmp_path)
    whole = RecordingReader(path)
    offset, before = whole._offsets[20], sum(whole._counts[:20])
    data = bytearray(path.read_bytes())
    data[offset + BLOCK.size + 20] ^= 0xFF
    path.write_bytes(bytes(data))
    reader = RecordingReader(path)
    assert [e for _t, events in reader.timed_blocks(0) for e in events] == [e for _t, e in timed[:before]]
    assert f"damaged at byte {offset}" in str(reader.damage) and reader.blocks == 20
