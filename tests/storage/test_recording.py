"""Recording files (app/storage/recording): exact round trips, seeking, damage read up to the
damage or refused in words, the wall-time flush."""

from __future__ import annotations

import random

import pytest

from app.core.types import Bar, Book, Quote, SessionQuote, Side, Trade
from app.storage.recording import RecordingError, RecordingReader, RecordingWriter
from app.storage.recording.format import BLOCK, HEADER, VERSION
from tests.support.recordings import T0, sim_events, write_recording


@pytest.fixture(scope="module")
def timed():
    return sim_events()


def test_simulator_round_trip_gives_the_same_events_and_times(tmp_path, timed):
    path = write_recording(tmp_path / "sim.qtrec", timed)
    reader = RecordingReader(path)
    assert reader.version == VERSION and reader.damage is None
    assert reader.count == len(timed) and reader.blocks >= 15  # one block per recorded second
    assert list(reader.events()) == [e for _t, e in timed]
    assert [t for t, _e in reader.timed()] == [t for t, _e in timed]
    assert reader.start_ms == timed[0][0] and reader.end_ms == timed[-1][0]
    assert reader.symbols == {e.symbol for _t, e in timed}
    assert {type(e) for _t, e in timed} == {Quote, Trade, Book, Bar}
    assert path.stat().st_size / len(timed) <= 20  # compact: the whole file, headers and all


def test_awkward_values_round_trip_bit_for_bit(tmp_path):
    third = 1 / 3
    events = [
        Quote("qos", "US:AAPL", T0, 0.1 + 0.2, None, 1e-9, 123456789.123, None, 5e15, None, None,
              "pre", None, 1.5, None, 0.25),
        Quote("qos", "US:AAPL", T0 + 1, 239.07, 235.33, None, None, third, None, 1.0, True),
        Quote("itick", "HK:00700", T0 + 2, 534.0, extended={"pre": SessionQuote(T0, 533.5, volume=10.0)}),
        Trade("maidong", "MD:HX_HSI", T0 + 3, third, 2.0**60, Side.SELL),
        Trade("maidong", "MD:HX_HSI", T0 - 5000, 1.7976931348623157e308, 0.0, Side.UNKNOWN),
        Book("qos", "SH:600519", T0 + 4, [(1520.91, 20.0)], [(1521.0, 11.0), (1521.01, third)]),
        Book("qos", "SH:600519", T0 + 5, [(1521.0, 1.0)], [(1520.0, 2.0)], crossed=True),
        Book("qos", "SH:600519", T0 + 6, [], [(1520.0, 2.0)]),
        Bar("qos", "PERP:BTCUSDT", "1d", T0 - 86_400_000, 81085.5, 83856.0, 80772.0, 83504.1, None),
        Bar("qos", "PERP:BTCUSDT", "1m", T0, 81085.5, 83856.0, 80772.0, 83504.1, 103162.63),
    ]
    path = tmp_path / "odd.qtrec"
    with RecordingWriter(path) as writer:
        for i, event in enumerate(events):
            writer.write(event, T0 + i)
    back = list(RecordingReader(path).events())
    assert back == events
    assert [type(e) for e in back] == [type(e) for e in events]
    assert back[0].last.hex() == (0.1 + 0.2).hex() and back[1].low.hex() == third.hex()


def test_seek_lands_on_the_first_event_at_or_after_the_time(tmp_path, timed):
    reader = RecordingReader(write_recording(tmp_path / "sim.qtrec", timed))
    times = [t for t, _e in timed]
    rng = random.Random(3)
    for ms in [times[0] - 1, times[0], times[-1], times[-1] + 1] + [rng.randint(times[0], times[-1]) for _ in range(30)]:
        expected = next((i for i, t in enumerate(times) if t >= ms), len(times))
        assert reader.seek_index(ms) == expected
        assert list(reader.events(ms)) == [e for _t, e in timed[expected:]]
        if expected < len(times):
            assert reader.event_at(expected) == timed[expected]
    assert sum(reader.activity(37)) == len(timed)


def test_a_torn_last_block_is_left_out_and_the_rest_reads(tmp_path, timed):
    path = write_recording(tmp_path / "sim.qtrec", timed)
    whole = RecordingReader(path)
    data = path.read_bytes()
    last = whole._offsets[-1]
    path.write_bytes(data[:last + BLOCK.size + 10])  # killed in the middle of the last block
    torn = RecordingReader(path)
    assert torn.count == whole.count - whole._counts[-1] and torn.damage is None
    assert list(torn.events()) == [e for _t, e in timed[:torn.count]]


def test_a_damaged_block_is_read_up_to_and_said(tmp_path, timed):
    path = write_recording(tmp_path / "sim.qtrec", timed)
    whole = RecordingReader(path)
    data = bytearray(path.read_bytes())
    middle = whole._offsets[5]
    data[middle + BLOCK.size + 40] ^= 0xFF  # one bit of the sixth block's payload flipped
    path.write_bytes(bytes(data))
    damaged = RecordingReader(path)
    events = list(damaged.events())
    assert events == [e for _t, e in timed[:sum(whole._counts[:5])]]
    assert f"damaged at byte {middle}" in str(damaged.damage)


def test_garbage_after_the_blocks_is_said_and_the_blocks_read(tmp_path, timed):
    path = write_recording(tmp_path / "sim.qtrec", timed)
    with open(path, "ab") as file:
        file.write(b"\x00garbage that is no block header at all" * 3)
    reader = RecordingReader(path)
    assert list(reader.events()) == [e for _t, e in timed]
    assert "damaged" in str(reader.damage)


def test_a_newer_version_or_another_file_is_refused_in_words(tmp_path, timed):
    path = write_recording(tmp_path / "sim.qtrec", timed)
    data = bytearray(path.read_bytes())
    data[8:10] = (VERSION + 1).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(RecordingError) as newer:
        RecordingReader(path)
    assert f"format version {VERSION + 1}" in str(newer.value) and "update Quote Terminal" in str(newer.value)
    assert newer.value.text.template.context == "Recording"  # translatable
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(RecordingError, match="is not a Quote Terminal recording"):
        RecordingReader(other)
    with pytest.raises(RecordingError, match="cannot read"):
        RecordingReader(tmp_path / "missing.qtrec")
    header_only = tmp_path / "empty.qtrec"
    header_only.write_bytes(data[:HEADER.size - 1])
    with pytest.raises(RecordingError):
        RecordingReader(header_only)


def test_a_quiet_feed_still_reaches_the_file_on_the_owners_timer(tmp_path):
    path = tmp_path / "quiet.qtrec"
    writer = RecordingWriter(path, flush_ms=1000)
    writer.write(Trade("sim", "US:AAPL", T0, 1.0, 1.0), T0)
    assert RecordingReader(path).count == 0  # gathered, not yet due
    wall = writer._opened_wall
    assert not writer.maybe_flush(wall + 999)
    assert writer.maybe_flush(wall + 1000)  # a second of wall time with nothing new: written
    assert RecordingReader(path).count == 1
    writer.write(Trade("sim", "US:AAPL", T0 + 10, 1.0, 1.0), T0 + 10)
    writer.write(Trade("sim", "US:AAPL", T0 + 1010, 2.0, 1.0), T0 + 1010)  # a second recorded later
    assert RecordingReader(path).count == 3  # the recorded time made the block due
    writer.close()


def test_recorded_times_never_go_back(tmp_path):
    path = tmp_path / "clock.qtrec"
    with RecordingWriter(path) as writer:
        for t in (T0, T0 + 5, T0 + 2, T0 + 9):  # the clock stepped back once
            writer.write(Trade("sim", "US:AAPL", t, 1.0, 1.0), t)
    assert [t for t, _e in RecordingReader(path).timed()] == [T0, T0 + 5, T0 + 5, T0 + 9]
