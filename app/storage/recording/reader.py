"""Reading a recording: its block index, seeking by time or ordinal, events in bulk.

Opening scans the block headers (32 bytes each, read through ``mmap``: a 6-hour recording of
20,000 blocks indexes in a few ms) into NumPy arrays of offsets, counts and times; a seek is a
binary search there plus one block decoded. A torn last block (a kill while writing) ends the
recording; a damaged block (its checksum wrong, its body undecodable) ends the reading there,
said in :attr:`RecordingReader.damage` (never a traceback). A file still being written can be
read as it grows (:meth:`RecordingReader.refresh`).
"""

from __future__ import annotations

import mmap
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import zstandard

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Event
from app.storage.recording import codec, codec2
from app.storage.recording.format import (
    BLOCK,
    BLOCK_MAGIC,
    HEADER,
    MAX_PAYLOAD,
    RecordingError,
    block_crc,
    check_header,
    damaged,
)

Block = tuple[np.ndarray, list[Event]]  # recorded times (epoch ms) and the events
_READ_AHEAD = 16  # blocks read at one opening of the file when reading on (a few hundred kB)


class EventReading:
    """Events read on from a moment or an ordinal, for any reader that has ``seek_index`` and
    ``timed_blocks`` (one recording, or the rolling recording's segments as one)."""

    def seek_index(self, ms: int) -> int:
        raise NotImplementedError

    def timed_blocks(self, start_ordinal: int = 0) -> Iterator[Block]:
        raise NotImplementedError

    def events(self, start_ms: int | None = None) -> Iterator[Event]:
        """Every event from the first recorded at or after ``start_ms`` (default: all)."""
        start = 0 if start_ms is None else self.seek_index(start_ms)
        for _times, events in self.timed_blocks(start):
            yield from events

    def timed(self, start_ordinal: int = 0) -> Iterator[tuple[int, Event]]:
        """(recorded ms, event) pairs from ``start_ordinal``: a GUI steps one event at a time."""
        for times, events in self.timed_blocks(start_ordinal):
            yield from zip(times.tolist(), events)


class RecordingReader(EventReading):
    """One recording file, read-only."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        where = str(self.path)
        try:
            with open(self.path, "rb") as file:
                head = file.read(HEADER.size)
        except OSError as exc:
            raise RecordingError(Text(QT_TRANSLATE_NOOP("Recording", "cannot read %1: %2"),
                                      where, exc.strerror or str(exc))) from None
        self.version = check_header(head, where)
        self._codec = codec if self.version == 1 else codec2  # the block layout of this version
        self.damage: RecordingError | None = None  # where the reading stopped early, in words
        self._decompress = zstandard.ZstdDecompressor().decompress
        self._offsets: list[int] = []
        self._stops: list[int] = []  # where each block ends (the next one starts)
        self._counts: list[int] = []
        self._firsts: list[int] = []
        self._lasts: list[int] = []
        self._scanned = HEADER.size
        self._cache: tuple[int, Block] | None = None
        self.refresh()

    # -- index -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Index the blocks appended since the last look (a recording still being written)."""
        with open(self.path, "rb") as file:
            size = file.seek(0, 2)
            if size <= self._scanned:
                self._arrays()
                return
            with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as view:
                offset = self._scanned
                while offset + BLOCK.size <= size:
                    magic, length, _crc, count, first, last = BLOCK.unpack_from(view, offset)
                    end = offset + BLOCK.size + length
                    if magic != BLOCK_MAGIC or length > MAX_PAYLOAD or first > last:
                        self.damage = damaged(str(self.path), offset)
                        break
                    if end > size:
                        break  # torn: being written, or cut by a kill
                    self._offsets.append(offset)
                    self._stops.append(end)
                    self._counts.append(count)
                    self._firsts.append(first)
                    self._lasts.append(last)
                    offset = end
                self._scanned = offset if self.damage is None else size
        self._arrays()

    def _arrays(self) -> None:
        self._first_arr = np.asarray(self._firsts, np.int64)
        self._last_arr = np.asarray(self._lasts, np.int64)
        self._ends = np.cumsum(np.asarray(self._counts, np.int64))  # ordinal after each block

    @property
    def count(self) -> int:
        """Events in the readable blocks."""
        return int(self._ends[-1]) if len(self._ends) else 0

    @property
    def start_ms(self) -> int | None:
        return self._firsts[0] if self._firsts else None

    @property
    def end_ms(self) -> int | None:
        return self._lasts[-1] if self._lasts else None

    @property
    def blocks(self) -> int:
        return len(self._offsets)

    # -- blocks ----------------------------------------------------------------------------

    def block(self, index: int) -> Block | None:
        """Block ``index`` decoded (the latest one kept), or None when it is damaged (said in
        :attr:`damage`; the blocks after it are then left unread)."""
        cache = self._cache  # (read once: a request's thread may read beside the player)
        if cache is not None and cache[0] == index:
            return cache[1]
        head, payload = self._raw_blocks(index, 1)[0]  # (cut short since indexed: damage, said)
        return self._decoded(index, head, payload)

    def _decoded(self, index: int, head: bytes, payload: bytes) -> Block | None:
        """Block ``index`` from its header and payload as read (see :meth:`block`)."""
        offset = self._offsets[index]
        try:
            if block_crc(head, payload) != BLOCK.unpack_from(head)[2]:
                raise ValueError("checksum")
            decoded = self._codec.decode_block(self._decompress(payload))
        except Exception:  # any damage inside a block: the reading ends there, in words
            self.damage = damaged(str(self.path), offset)
            del self._offsets[index:], self._stops[index:], self._counts[index:]
            del self._firsts[index:], self._lasts[index:]
            self._arrays()
            return None
        self._cache = (index, decoded)
        return decoded

    def block_of_time(self, ms: int) -> int:
        """The first block holding an event recorded at or after ``ms`` (``blocks`` if none)."""
        return int(np.searchsorted(self._last_arr, ms, side="left"))

    def block_of_ordinal(self, ordinal: int) -> int:
        return int(np.searchsorted(self._ends, ordinal, side="right"))

    def first_ordinal(self, index: int) -> int:
        return int(self._ends[index - 1]) if index > 0 else 0

    # -- events ----------------------------------------------------------------------------

    def seek_index(self, ms: int) -> int:
        """The ordinal of the first event recorded at or after ``ms`` (``count`` if none)."""
        index = self.block_of_time(ms)
        if index >= self.blocks:
            return self.count
        block = self.block(index)
        if block is None:
            return self.count
        return self.first_ordinal(index) + int(np.searchsorted(block[0], ms, side="left"))

    def timed_blocks(self, start_ordinal: int = 0) -> Iterator[Block]:
        """(times, events) per block from event ``start_ordinal`` on, in recorded order."""
        index = self.block_of_ordinal(start_ordinal)
        skip = start_ordinal - self.first_ordinal(index) if index < self.blocks else 0
        while index < self.blocks:
            for head, payload in self._raw_blocks(index, _READ_AHEAD):
                cache = self._cache
                block = cache[1] if cache is not None and cache[0] == index else self._decoded(index, head, payload)
                if block is None:
                    return
                times, events = block
                yield (times[skip:], events[skip:]) if skip else block
                skip = 0
                index += 1

    def _raw_blocks(self, index: int, most: int) -> list[tuple[memoryview, memoryview]]:
        """Up to ``most`` blocks from ``index`` on, as read (header, payload): one opening of
        the file and one read for several blocks (opening it costs as much as decoding a tenth
        of a block), closed again before they are decoded (a paused replay holds no file open).
        A file cut short since it was indexed gives short blocks (their checksums fail)."""
        offsets, stops = self._offsets[index:index + most], self._stops[index:index + most]
        if not offsets:
            return []
        start = offsets[0]
        with open(self.path, "rb") as file:
            file.seek(start)
            data = memoryview(file.read(stops[-1] - start))
        return [(data[offset - start:offset - start + BLOCK.size], data[offset - start + BLOCK.size:stop - start])
                for offset, stop in zip(offsets, stops)]

    def event_at(self, ordinal: int) -> tuple[int, Event]:
        """The recorded time and event with this ordinal (0-based)."""
        if not 0 <= ordinal < self.count:
            raise IndexError(ordinal)
        index = self.block_of_ordinal(ordinal)
        block = self.block(index)
        if block is None:
            raise IndexError(ordinal)
        at = ordinal - self.first_ordinal(index)
        return int(block[0][at]), block[1][at]

    @property
    def symbols(self) -> set[str]:
        """Every symbol recorded: from the blocks' string tables (decompressed, not decoded into
        events: a 10-million-event recording answers in well under a second); kept."""
        if getattr(self, "_symbols", None) is None:
            found: set[str] = set()
            with open(self.path, "rb") as file:
                for offset in list(self._offsets):
                    file.seek(offset)
                    try:  # (a file cut short since it was indexed: a short header too)
                        length = BLOCK.unpack(file.read(BLOCK.size))[1]
                        found.update(s for s in self._codec.block_strings(self._decompress(file.read(length)))
                                     if ":" in s)
                    except Exception:  # damage: said when the events are read
                        break
            self._symbols = found
        return self._symbols

    def block_spans(self) -> tuple[np.ndarray, np.ndarray]:
        """Each readable block's middle time (ms) and event count, from the index."""
        return (self._first_arr + self._last_arr) / 2.0, np.asarray(self._counts, np.float64)

    def activity(self, buckets: int) -> list[int]:
        """Events per equal slice of the recorded time, for a time slider's drawing: from the
        block index alone (each block's events counted at its middle; a block spans at most
        the writer's ``flush_ms``), so a 10-million-event recording answers at once."""
        if buckets <= 0 or not self.blocks:
            return [0] * max(buckets, 0)
        start, end = self.start_ms, self.end_ms
        span = max(end - start, 1)
        mids, counts = self.block_spans()
        slot = np.minimum(((mids - start) / span * buckets).astype(np.int64), buckets - 1)
        return np.bincount(slot, weights=counts, minlength=buckets).round().astype(np.int64).tolist()
