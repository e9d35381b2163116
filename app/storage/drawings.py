"""The user's chart drawings in ``drawings.json`` (data folder), keyed by symbol.

Written whole through a temp file and a rename at every change (``DocumentStore``), so a crash
leaves the old file or the new one; a damaged file is set aside as
``drawings.json.damaged-<time>`` and said in :attr:`DrawingStore.problem`. Ids are ``d1``,
``d2`` … from a counter kept in the file, so an id is never given twice (undo brings one back).
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from app.core.drawings import Drawing
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.storage.documents import DocumentStore
from app.storage.paths import data_dir

FILE_NAME = "drawings.json"
VERSION = 1


class _File(msgspec.Struct):
    version: int = VERSION
    next_id: int = 1
    symbols: dict[str, list[Drawing]] = msgspec.field(default_factory=dict)


def default_path() -> Path:
    return data_dir() / FILE_NAME


class DrawingStore(DocumentStore):
    """Drawings per symbol, oldest first; ``path`` None keeps them in memory (tests)."""

    kind = _File
    what = Text(QT_TRANSLATE_NOOP("Storage", "drawings"))

    def drawings(self, symbol: str) -> list[Drawing]:
        return list(self._data.symbols.get(symbol, ()))

    def symbols(self) -> list[str]:
        return [s for s, drawings in self._data.symbols.items() if drawings]

    def new_id(self) -> str:
        """The next unused id (not saved until a drawing with it is)."""
        taken = {d.id for drawings in self._data.symbols.values() for d in drawings}
        number = self._data.next_id
        while f"d{number}" in taken:
            number += 1
        self._data.next_id = number + 1
        return f"d{number}"

    def put(self, symbol: str, drawing: Drawing, at: int | None = None) -> None:
        """Add ``drawing``, or replace the one with its id (in place); saved at once."""
        drawings = self._data.symbols.setdefault(symbol, [])
        for k, old in enumerate(drawings):
            if old.id == drawing.id:
                drawings[k] = drawing
                break
        else:
            drawings.insert(len(drawings) if at is None else at, drawing)
        self._save()

    def remove(self, symbol: str, drawing_id: str) -> int | None:
        """Remove a drawing; its place in the list (for an undo), or None if there was none."""
        drawings = self._data.symbols.get(symbol, [])
        for k, old in enumerate(drawings):
            if old.id == drawing_id:
                del drawings[k]
                if not drawings:
                    del self._data.symbols[symbol]
                self._save()
                return k
        return None

    def replace_all(self, symbol: str, drawings: list[Drawing]) -> None:
        """Every drawing of ``symbol`` at once (show or hide them all): one write."""
        if drawings:
            self._data.symbols[symbol] = list(drawings)
        else:
            self._data.symbols.pop(symbol, None)
        self._save()
