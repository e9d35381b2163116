"""The recording file's layout, and the refusals a reader says in words.

A recording is append-only::

    file   = header block*
    header = b"QTREC\\r\\n\\x1a" version:u16 reserved:6 bytes            (16 bytes)
    block  = b"QTBK" length:u32 crc32:u32 count:u32 first_ms:i64 last_ms:i64 payload[length]

``payload`` is a zstd frame of one block body: :mod:`.codec` in version 1, :mod:`.codec2` (the
same numbers laid out for reading) in version 2, which is written now; ``crc32`` covers ``count``,
``first_ms``, ``last_ms`` and the payload, so a block torn by a kill or damaged on disk is known
as such. Each block stands alone (its own string table, its own zstd frame): a reader skips
to any block by its offset, and everything before a damaged block reads.
"""

from __future__ import annotations

import struct
import zlib

from app.core.text import QT_TRANSLATE_NOOP, Text

MAGIC = b"QTREC\r\n\x1a"  # like PNG's: a text-mode transfer or a truncation to 7 bits shows
VERSION = 2  # 2: blocks laid out for reading (.codec2); 1 (.codec) still reads
HEADER = struct.Struct("<8sH6x")
BLOCK_MAGIC = b"QTBK"
BLOCK = struct.Struct("<4sIIIqq")
MAX_PAYLOAD = 1 << 30  # a length beyond this is damage, not data


class RecordingError(ValueError):
    """A recording that cannot be read, said in words (a :class:`~app.core.text.Text`)."""

    @property
    def text(self) -> str:
        return self.args[0] if self.args and isinstance(self.args[0], str) else str(self)


def file_header() -> bytes:
    return HEADER.pack(MAGIC, VERSION)


def check_header(data: bytes, where: str) -> int:
    """The format version of a file starting with ``data``, or a refusal in words."""
    if len(data) < HEADER.size or not data.startswith(MAGIC):
        raise RecordingError(Text(QT_TRANSLATE_NOOP(
            "Recording", "%1 is not a Quote Terminal recording"), where))
    _magic, version = HEADER.unpack_from(data)
    if version > VERSION:
        raise RecordingError(Text(QT_TRANSLATE_NOOP(
            "Recording", "%1 is a recording of format version %2; this program reads up to version %3: update Quote Terminal to open it"),
            where, str(version), str(VERSION)))
    if version < 1:
        raise RecordingError(Text(QT_TRANSLATE_NOOP(
            "Recording", "%1 has an unknown recording format version %2"), where, str(version)))
    return version


def block_header(payload: bytes, count: int, first_ms: int, last_ms: int) -> bytes:
    fields = struct.pack("<Iqq", count, first_ms, last_ms)
    crc = zlib.crc32(payload, zlib.crc32(fields))
    return BLOCK.pack(BLOCK_MAGIC, len(payload), crc, count, first_ms, last_ms)


def block_crc(header: bytes | memoryview, payload: bytes | memoryview) -> int:
    """The checksum a block's fields and payload have (to compare with the one written)."""
    return zlib.crc32(payload, zlib.crc32(header[12:BLOCK.size]))


def damaged(where: str, offset: int) -> RecordingError:
    return RecordingError(Text(QT_TRANSLATE_NOOP(
        "Recording", "%1 is damaged at byte %2: read up to there"), where, str(offset)))
