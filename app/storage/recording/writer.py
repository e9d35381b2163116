"""Recording canonical events as they arrive: append-only, a block at least every second.

The hot path, :meth:`RecordingWriter.write`, only appends the event and its time to two lists
and compares the time with the block's due time (≈ 0.2 µs); encoding and compressing happen once
per block. A block is written when the recorded time has moved ``flush_ms`` past the block's
first event, or when the owner's timer calls :meth:`maybe_flush` and ``flush_ms`` of wall time
have passed since it (so a quiet feed's last events still reach the file): the owner must call
``maybe_flush`` every few hundred ms (the CLI's loop, the GUI's timer). A kill loses at most the
events of the block being gathered: one ``flush_ms``.

With ``threaded=True`` the encoding runs on one worker thread (NumPy and zstd release the GIL
for the bulk of it), blocks still written in order; the GUI records that way.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import msgspec
import numpy as np
import zstandard

from app.core.types import Bar, Event, Status
from app.storage.recording.codec2 import encode_block
from app.storage.recording.format import block_header, file_header

_clock = time.time
_copy = msgspec.structs.replace
LEVEL = 3  # zstd's default: ~4× the speed of level 9 for a few % of size on these columns


class RecordingWriter:
    """Writes one recording file (replacing what ``path`` held)."""

    def __init__(self, path: Path, *, flush_ms: int = 1000, threaded: bool = False) -> None:
        self.path = Path(path)
        self.flush_ms = flush_ms
        self.count = 0  # events written to the file so far
        self.first_ms: int | None = None
        self.last_ms: int | None = None
        # the file appears with its header already in it (a reader opening it at once must not
        # find it empty: "not a recording"), then is appended to
        part = self.path.with_name(self.path.name + ".part")
        with open(part, "wb") as head:
            head.write(file_header())
        os.replace(part, self.path)
        self._file: BinaryIO | None = open(self.path, "ab")  # noqa: SIM115 (closed by close())
        self._events: list[Event] = []
        self._times: list[float] = []
        self._due = -math.inf  # recorded time at which the gathering block is written
        self._opened_wall = 0.0
        self._floor = 0  # recorded times never go back (a clock stepped back holds)
        self._compress = zstandard.ZstdCompressor(level=LEVEL).compress
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="recording") if threaded else None
        self._pending: Future | None = None

    def write(self, event: Event, at_ms: float | None = None) -> None:
        """Record ``event``, received at ``at_ms`` (epoch ms; default now). Status lines are not
        recorded (they describe this connection, not the market)."""
        t = _clock() * 1000.0 if at_ms is None else at_ms
        if type(event) is Bar:  # a live bar is its builder's own object, changed by later prints
            event = _copy(event)
        self._events.append(event)
        self._times.append(t)
        if t >= self._due:
            self._roll(t)

    def _roll(self, t: float) -> None:
        if len(self._events) == 1:  # the block's first event: it is due flush_ms from now
            self._due = t + self.flush_ms
            self._opened_wall = _clock() * 1000.0
        else:
            self.flush()

    def maybe_flush(self, now_ms: float | None = None) -> bool:
        """Write the gathering block when ``flush_ms`` of wall time have passed since its first
        event (call this from a timer). True when a block was written."""
        now = _clock() * 1000.0 if now_ms is None else now_ms
        if self._events and now - self._opened_wall >= self.flush_ms:
            self.flush()
            return True
        return False

    def flush(self) -> None:
        """Write every event gathered so far as one block."""
        if self._file is None:
            return
        events, times = self._events, self._times
        self._events, self._times = [], []
        self._due = -math.inf
        if any(type(e) is Status for e in events):  # said by this connection, not the market
            kept = [(e, t) for e, t in zip(events, times) if type(e) is not Status]
            events, times = [e for e, _t in kept], [t for _e, t in kept]
        if not events:
            return
        stamps = np.maximum.accumulate(np.maximum(np.asarray(times, np.float64).astype(np.int64), self._floor))
        self._floor = int(stamps[-1])
        self.count += len(events)
        self.first_ms = int(stamps[0]) if self.first_ms is None else self.first_ms
        self.last_ms = int(stamps[-1])
        if self._pool is None:
            self._append(events, stamps)
        else:
            self._pending = self._pool.submit(self._append, events, stamps)

    def _append(self, events: Sequence[Event], stamps: np.ndarray) -> None:
        payload = self._compress(encode_block(events, stamps))
        file = self._file
        if file is None:
            return
        file.write(block_header(payload, len(events), int(stamps[0]), int(stamps[-1])) + payload)
        file.flush()

    def sync(self) -> None:
        """Write what is gathered and wait until it is in the file (a reader sees it then)."""
        self.flush()
        pending = self._pending
        if pending is not None:
            pending.result()

    def close(self) -> None:
        """Write what is gathered and close the file; idempotent."""
        if self._file is None:
            return
        self.flush()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        file, self._file = self._file, None
        file.close()

    def __enter__(self) -> RecordingWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
