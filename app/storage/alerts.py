"""The user's alert rules in ``alerts.json`` (data folder), shared by the GUI and the CLI.

Written whole through a temp file and a rename at every change (``DocumentStore``); a damaged
file is set aside as ``alerts.json.damaged-<time>`` and said in :attr:`AlertStore.problem`.
Ids are ``a1``, ``a2`` … from a counter kept in the file, so a removed id is never given again.
Another process may change the file: :meth:`AlertStore.refresh` reads it again when its mtime
moved, and every change starts from the file as it is on disk.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from app.core.alerts import AlertRule, checked_rule, validate
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.storage.documents import DocumentStore, KeptProblem, read_document, write_document
from app.storage.paths import data_dir

FILE_NAME = "alerts.json"
VERSION = 1


class _File(msgspec.Struct):
    version: int = VERSION
    next_id: int = 1
    rules: list[AlertRule] = msgspec.field(default_factory=list)


def default_path() -> Path:
    return data_dir() / FILE_NAME


class AlertStore(DocumentStore):
    """Alert rules on disk; ``path`` None keeps them in memory (tests)."""

    kind = _File
    what = Text(QT_TRANSLATE_NOOP("Storage", "alerts"))

    def __init__(self, path: Path | None) -> None:
        super().__init__(path)
        self.unsaved: str | None = None
        self._stamp = self._mtime()

    def rules(self) -> list[AlertRule]:
        """The valid rules, in the order they were added (a hand-edited bad one is skipped)."""
        good = []
        for rule in self._data.rules:
            try:
                good.append(validate(rule))
            except ValueError:
                continue
        return good

    def add(self, symbol: str, kind: str, value: object, note: str | None = None,
            **parts: object) -> AlertRule:
        """A new rule with the next id, saved at once; :class:`AlertRuleError` if it is bad.
        ``parts``: ``line``, ``bars``, ``hysteresis``, ``every``, ``expires``
        (:func:`app.core.alerts.checked_rule`)."""
        checked_rule("a0", symbol, kind, value, note, **parts)  # refuse before reading the file
        self.refresh()
        taken = max((_number(r.id) for r in self._data.rules), default=0)
        number = max(self._data.next_id, taken + 1)
        rule = checked_rule(f"a{number}", symbol, kind, value, note, **parts)
        self._data.rules.append(rule)
        self._data.next_id = number + 1
        self._save()
        return rule

    def remove(self, rule_id: str) -> bool:
        """Remove a rule by id; False when there is none."""
        self.refresh()
        kept = [r for r in self._data.rules if r.id != rule_id]
        if len(kept) == len(self._data.rules):
            return False
        self._data.rules = kept
        self._save()
        return True

    def refresh(self) -> bool:
        """Read the file again if another process changed it; True when it did."""
        stamp = self._mtime()
        if stamp == self._stamp:
            return False
        data, problem = read_document(self.path, self.kind, self.what)
        self._data = data if data is not None else self.kind()
        self.problem = problem
        self._stamp = self._mtime()
        return True

    def _save(self) -> None:
        """Write now; :attr:`unsaved` says why the last change is only in memory (else None)."""
        if isinstance(self.problem, KeptProblem):  # never over a file the user may still need
            self.unsaved = self.problem
            return
        self.unsaved = write_document(self.path, self._data, self.what)
        if self.unsaved:
            self.problem = self.unsaved
        self._stamp = self._mtime()

    def _mtime(self) -> tuple[int, int, int] | None:
        """mtime, and the inode a rename gives a new file (two writes within one clock tick)."""
        try:
            found = self.path.stat() if self.path is not None else None
        except OSError:
            return None
        return (found.st_mtime_ns, found.st_ino, found.st_size) if found else None


def _number(rule_id: str) -> int:
    digits = rule_id[1:]
    return int(digits) if rule_id.startswith("a") and digits.isascii() and digits.isdigit() else 0
