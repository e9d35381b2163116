"""Recordings of the canonical event stream (issue 22): written as events arrive, read back at
millions of events a second, seekable by time. Storage layer: no Qt, no feeds."""

from app.storage.recording.format import VERSION, RecordingError
from app.storage.recording.reader import RecordingReader
from app.storage.recording.rolling import RollingRecorder
from app.storage.recording.writer import RecordingWriter

__all__ = ["VERSION", "RecordingError", "RecordingReader", "RecordingWriter", "RollingRecorder"]
