"""The user's own JSON documents (watchlists, workspaces): read typed, written whole.

A document that cannot be read is set aside as ``<name>.damaged-<time>`` (never overwritten,
never lost) and the problem comes back in words for the window to show once.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TypeVar

import msgspec

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.storage.atomic import write_atomic

log = logging.getLogger(__name__)
T = TypeVar("T")


def read_document(path: Path | None, kind: type[T], what: str) -> tuple[T | None, str | None]:
    """(the document, None), or (None, None) when there is none yet, or (None, the problem).
    A problem whose file is still in place (unreadable, or a folder that refused the rename)
    is a :class:`KeptProblem`: writing over that file would lose it."""
    if path is None or not path.exists():
        return None, None
    try:
        data = path.read_bytes()
    except OSError as exc:  # permissions, a folder: not damaged, so not moved
        problem = KeptProblem(QT_TRANSLATE_NOOP("Storage", "the %1 file %2 could not be read (%3); it is "
                                                "left as it is"), what, path, exc)
        log.warning("%s", problem)
        return None, problem
    try:
        return msgspec.json.decode(data, type=kind), None
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.replace(aside)
        except OSError as failed:  # a read-only folder: a sentence, and the file stays where it is
            problem = KeptProblem(QT_TRANSLATE_NOOP(
                "Storage", "the %1 file %2 could not be read (%3); it is left where it is: it could not be "
                "renamed (%4)"), what, path, exc, failed)
        else:
            problem = Text(QT_TRANSLATE_NOOP("Storage", "the %1 file could not be read (%2); it was kept "
                                             "as %3"), what, exc, aside.name)
        log.warning("%s", problem)
        return None, problem


class KeptProblem(Text):
    """A problem with a file left in place: the store keeps its changes in memory only."""


def write_document(path: Path | None, value: object, what: str) -> str | None:
    """Write through a temp file and a rename; the problem in words if the disk refused."""
    if path is None:
        return None
    try:
        write_atomic(path, msgspec.json.format(msgspec.json.encode(value), indent=1))
    except OSError as exc:  # a full disk: said once, the data stays in memory
        problem = Text(QT_TRANSLATE_NOOP("Storage", "the %1 could not be saved to %2: %3"), what, path, exc)
        log.warning("%s", problem)
        return problem
    return None


def unique_name(name: str, taken: set[str], default: str) -> str:
    """``name`` (or ``default`` when blank), numbered when already taken: "Crypto 2"."""
    name = name.strip() or default
    if name not in taken:
        return name
    n = 2
    while f"{name} {n}" in taken:
        n += 1
    return f"{name} {n}"


class DocumentStore:
    """A store kept whole in one JSON document: ``self._data`` of type ``kind``, read at
    start, written at every change; ``problem`` holds the last trouble in words."""

    kind: type = object
    what = Text(QT_TRANSLATE_NOOP("Storage", "document"))

    def __init__(self, path: Path | None) -> None:
        self.path = path
        data, self.problem = read_document(path, self.kind, self.what)
        self._data = data if data is not None else self.kind()

    def _save(self) -> None:
        if isinstance(self.problem, KeptProblem):  # never over the file the user may still need
            return
        problem = write_document(self.path, self._data, self.what)
        if problem:
            self.problem = problem
