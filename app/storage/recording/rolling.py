"""A rolling recording of the last hours (rewind): ten-minute segment files, the oldest deleted.

:class:`RollingRecorder` writes like :class:`~.writer.RecordingWriter` (same hot path, same
``maybe_flush`` from the owner's timer) into ``folder/<start>.qtrec`` files, starting a new one
every ``segment_minutes`` of recorded time and deleting those that ended more than
``keep_hours`` ago. :class:`SegmentsReader` reads a run of segments as one recording (ordinals
and times run on across files), so a rewind seeks the last hours as it would one file.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from app.core.types import Event
from app.storage.recording.format import RecordingError
from app.storage.recording.reader import Block, EventReading, RecordingReader
from app.storage.recording.writer import RecordingWriter

SUFFIX = ".qtrec"
_clock = time.time


class SegmentsReader(EventReading):
    """Several recordings, in time order, read as one (the interface of RecordingReader)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.readers: list[RecordingReader] = []
        for path in paths:
            try:
                self.readers.append(RecordingReader(path))
            except RecordingError:
                continue  # a segment cut before its header: nothing of it to read
        self.version = max((r.version for r in self.readers), default=1)
        self.damage = None
        self._bases()

    def _bases(self) -> None:
        counts = [r.count for r in self.readers]
        self._ends = np.cumsum(np.asarray(counts, np.int64))

    def refresh(self) -> None:
        for reader in self.readers:
            reader.refresh()
        self._bases()

    @property
    def count(self) -> int:
        return int(self._ends[-1]) if len(self._ends) else 0

    @property
    def start_ms(self) -> int | None:
        return next((r.start_ms for r in self.readers if r.start_ms is not None), None)

    @property
    def end_ms(self) -> int | None:
        return next((r.end_ms for r in reversed(self.readers) if r.end_ms is not None), None)

    @property
    def symbols(self) -> set[str]:
        return set().union(*(r.symbols for r in self.readers)) if self.readers else set()

    def _base(self, i: int) -> int:
        return int(self._ends[i - 1]) if i > 0 else 0

    def seek_index(self, ms: int) -> int:
        for i, reader in enumerate(self.readers):
            if reader.end_ms is not None and reader.end_ms >= ms:
                return self._base(i) + reader.seek_index(ms)
        return self.count

    def timed_blocks(self, start_ordinal: int = 0) -> Iterator[Block]:
        for i, reader in enumerate(self.readers):
            base, end = self._base(i), int(self._ends[i])
            if end <= start_ordinal:
                continue
            yield from reader.timed_blocks(max(start_ordinal - base, 0))

    def event_at(self, ordinal: int) -> tuple[int, Event]:
        i = int(np.searchsorted(self._ends, ordinal, side="right"))
        if not 0 <= ordinal < self.count:
            raise IndexError(ordinal)
        return self.readers[i].event_at(ordinal - self._base(i))

    def activity(self, buckets: int) -> list[int]:
        start, end = self.start_ms, self.end_ms
        if buckets <= 0 or start is None or end is None:
            return [0] * max(buckets, 0)
        total = np.zeros(buckets, np.float64)
        span = max(end - start, 1)
        for reader in self.readers:
            mids, counts = reader.block_spans()
            if not len(mids):
                continue
            slot = np.clip(((mids - start) / span * buckets).astype(np.int64), 0, buckets - 1)
            total += np.bincount(slot, weights=counts, minlength=buckets)
        return total.round().astype(np.int64).tolist()


class RollingRecorder:
    """The last ``keep_hours`` of events, in segment files under ``folder``."""

    def __init__(self, folder: Path, *, keep_hours: float = 2.0, segment_minutes: float = 10.0,
                 flush_ms: int = 1000, threaded: bool = False) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.keep_ms = int(keep_hours * 3_600_000)
        self.segment_ms = int(segment_minutes * 60_000)
        self.flush_ms = flush_ms
        self._threaded = threaded
        self._writer: RecordingWriter | None = None
        self._segment_end = float("-inf")
        self._closed = False

    def segments(self) -> list[Path]:
        """The segment files, oldest first (their names are their start times)."""
        return sorted(self.folder.glob(f"*{SUFFIX}"), key=lambda p: (len(p.stem), p.stem))

    def write(self, event: Event, at_ms: float | None = None) -> None:
        """Record ``event`` (the writer's hot path, plus one comparison for the segment)."""
        t = _clock() * 1000.0 if at_ms is None else at_ms
        if t >= self._segment_end:
            self._next_segment(t)
        self._writer.write(event, t)  # type: ignore[union-attr]

    def _next_segment(self, t: float) -> None:
        if self._closed:
            raise ValueError("the rolling recorder is closed")
        if self._writer is not None:
            self._writer.close()
        start = int(t)
        path = self.folder / f"{start}{SUFFIX}"
        self._writer = RecordingWriter(path, flush_ms=self.flush_ms, threaded=self._threaded)
        self._segment_end = start + self.segment_ms
        self.prune(start)

    def prune(self, now_ms: float) -> None:
        """Delete the segments wholly older than ``keep_hours`` before ``now_ms``."""
        segments = self.segments()
        for path, after in zip(segments, segments[1:]):
            try:
                ended = int(after.stem)  # a segment ends where the next begins
            except ValueError:
                continue
            if ended < now_ms - self.keep_ms:
                path.unlink(missing_ok=True)

    def maybe_flush(self, now_ms: float | None = None) -> bool:
        return self._writer.maybe_flush(now_ms) if self._writer is not None else False

    def flush(self) -> None:
        if self._writer is not None:
            self._writer.flush()

    def close(self) -> None:
        self._closed = True
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    @property
    def start_ms(self) -> int | None:
        return self.reader().start_ms

    @property
    def end_ms(self) -> int | None:
        if self._writer is not None and self._writer.last_ms is not None:
            return self._writer.last_ms
        return self.reader().end_ms

    def reader(self) -> SegmentsReader:
        """Everything kept, up to the latest event written (the gathering block is written
        first, so a rewind sees up to this moment)."""
        if self._writer is not None:
            self._writer.sync()
        return SegmentsReader(self.segments())

    def reader_from(self, ms: int) -> Iterator[Event]:
        """The events recorded at or after ``ms``, across segments."""
        return self.reader().events(ms)
