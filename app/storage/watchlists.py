"""Named watchlists, per vendor, written to disk at every change.

Each change rewrites ``watchlists.json`` through a temp file and a rename (``write_atomic``), so
a crash at any moment leaves either the old file or the new one, never half of one. A file that
cannot be read is set aside (``watchlists.json.damaged-<time>``) and the lists start again
from the defaults; :attr:`WatchlistStore.problem` says so in words for the window to show.

The list made on first use is the *default* list: it is stored under the English name
``DEFAULT_NAME`` with a mark, and shown under the name the interface gives (``default_name``,
"自选" in Chinese), so it reads in whatever language the user runs. Once the user renames it,
the name is the user's and is never translated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import msgspec

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.storage.documents import DocumentStore, unique_name


DEFAULT_NAME = "Watchlist"  # the default list's name on disk, whatever the language shown
VERSION = 2  # 2: the default list is marked (``default``); 1 named it in the language of its day


class Watchlist(msgspec.Struct):
    name: str
    symbols: list[str] = msgspec.field(default_factory=list)
    default: bool = False  # made on first use and never renamed: shown in the interface's language


class VendorLists(msgspec.Struct):
    lists: list[Watchlist]
    current: int = 0


class _File(msgspec.Struct):
    version: int = VERSION
    vendors: dict[str, VendorLists] = msgspec.field(default_factory=dict)


class WatchlistStore(DocumentStore):
    """The user's watchlists. ``seed(vendor)`` gives a vendor's first list the first time it is
    used (the defaults, or what older settings held); ``path`` None keeps them in memory."""

    kind = _File
    what = Text(QT_TRANSLATE_NOOP("Storage", "watchlists"))

    def __init__(self, path: Path | None, seed: Callable[[str], list[str]], default_name: str = DEFAULT_NAME,
                 former_defaults: Iterable[str] = ()):
        super().__init__(path)
        self.seed = seed
        self.default_name = default_name  # the default list's name as the interface shows it
        if self._data.version < VERSION:
            self._mark_default({DEFAULT_NAME, default_name, *former_defaults})

    def _mark_default(self, names: set[str]) -> None:
        """A file from before the mark: a list still called what the first list was called (in
        English, or in a language the interface speaks) is taken for the default one."""
        for lists in self._data.vendors.values():
            for entry in lists.lists:
                if entry.name in names:
                    entry.name, entry.default = DEFAULT_NAME, True
                    break  # one default list per vendor
        self._data.version = VERSION

    # -- reading -------------------------------------------------------------------------------

    def lists(self, vendor: str) -> list[Watchlist]:
        return self._vendor(vendor).lists

    def names(self, vendor: str) -> list[str]:
        """The lists' names as shown: the default list's in the interface's language."""
        return [self.default_name if w.default else w.name for w in self.lists(vendor)]

    def current(self, vendor: str) -> int:
        return self._vendor(vendor).current

    def symbols(self, vendor: str, index: int | None = None) -> list[str]:
        lists = self._vendor(vendor)
        return list(lists.lists[lists.current if index is None else index].symbols)

    # -- changing (each one written at once) ---------------------------------------------------

    def set_current(self, vendor: str, index: int) -> None:
        lists = self._vendor(vendor)
        if 0 <= index < len(lists.lists) and index != lists.current:
            lists.current = index
            self._save()

    def set_symbols(self, vendor: str, index: int, symbols: list[str]) -> None:
        entry = self._vendor(vendor).lists[index]
        clean = list(dict.fromkeys(symbols))
        if clean != entry.symbols:
            entry.symbols = clean
            self._save()

    def add_list(self, vendor: str, name: str, symbols: list[str] | None = None) -> int:
        lists = self._vendor(vendor)
        lists.lists.append(Watchlist(self.unique_name(vendor, name), list(dict.fromkeys(symbols or []))))
        lists.current = len(lists.lists) - 1
        self._save()
        return lists.current

    def rename_list(self, vendor: str, index: int, name: str) -> None:
        """The user's name from now on (a default list's is no longer translated)."""
        entry = self._vendor(vendor).lists[index]
        name = name.strip()
        if name and name != self.names(vendor)[index]:
            entry.name, entry.default = self.unique_name(vendor, name), False
            self._save()

    def remove_list(self, vendor: str, index: int) -> bool:
        """Remove a list; the last one stays (emptied instead). False when nothing changed."""
        lists = self._vendor(vendor)
        if len(lists.lists) == 1:
            if not lists.lists[0].symbols:
                return False
            lists.lists[0].symbols = []
        else:
            del lists.lists[index]
            lists.current = min(lists.current if lists.current < index else max(0, lists.current - 1),
                                len(lists.lists) - 1)
        self._save()
        return True

    def move_list(self, vendor: str, source: int, target: int) -> None:
        lists = self._vendor(vendor)
        if source == target:
            return
        current = lists.lists[lists.current]
        lists.lists.insert(target, lists.lists.pop(source))
        lists.current = lists.lists.index(current)
        self._save()

    def unique_name(self, vendor: str, name: str) -> str:
        return unique_name(name, set(self.names(vendor)), self.default_name)

    def _vendor(self, vendor: str) -> VendorLists:
        lists = self._data.vendors.get(vendor)
        if lists is None or not lists.lists:
            lists = VendorLists([Watchlist(DEFAULT_NAME, list(dict.fromkeys(self.seed(vendor))), default=True)])
            self._data.vendors[vendor] = lists
        lists.current = max(0, min(lists.current, len(lists.lists) - 1))
        return lists
