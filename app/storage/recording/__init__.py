"""Recordings of the canonical event stream (issue 22): written as events arrive, read back at
millions of events a second, seekable by time. Storage layer: no Qt, no feeds."""

from app.storage.recording.format import VERSION, RecordingError
from app.storage.recording.reader import RecordingReader
from app.storage.recording.rolling import RollingRecorder
from app.storage.recording.writer import RecordingWriter

__all__ = ["VERSION", "RecordingError", "RecordingReader", "RecordingWriter", "RollingRecorder", "opener"]


def opener(source):
    """What ``ReplayFeed`` takes: a function making a fresh reader of ``source`` (a recording's
    path, or a :class:`RollingRecorder`: its kept segments, up to the latest event)."""
    from pathlib import Path

    if isinstance(source, RollingRecorder):
        return source.reader
    path = Path(source)
    return lambda: RecordingReader(path)
