"""What the replay reads: a recording as ``app.storage.recording`` presents it.

The feeds layer may not import storage; the replay is handed a reader (or an opener that makes
one) of this shape, which :class:`app.storage.recording.RecordingReader` and its segments
reader (a rolling recording) both have.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

import numpy as np

from app.core.types import Event


class Recording(Protocol):
    """A recording read in time order; ordinals number its events from 0."""

    damage: ValueError | None  # where reading stopped early (a Text inside), None when whole

    @property
    def count(self) -> int: ...

    @property
    def start_ms(self) -> int | None: ...

    @property
    def end_ms(self) -> int | None: ...

    def refresh(self) -> None:
        """Take in what was appended since."""

    def seek_index(self, ms: int) -> int:
        """The ordinal of the first event recorded at or after ``ms``."""

    def timed_blocks(self, start_ordinal: int = 0) -> Iterator[tuple[np.ndarray, list[Event]]]:
        """(recorded times, events) a block at a time from an ordinal."""

    def timed(self, start_ordinal: int = 0) -> Iterator[tuple[int, Event]]:
        """(recorded ms, event) pairs from an ordinal."""
