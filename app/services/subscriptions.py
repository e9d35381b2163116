"""Reference counts of who wants which live data, so a feed subscribes once per need."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable


class RefCounter:
    """Counts holders per key; reports only the keys whose first holder came or last one left."""

    def __init__(self) -> None:
        self._counts: Counter[Hashable] = Counter()

    def acquire(self, keys: Iterable[Hashable]) -> list[Hashable]:
        started = []
        for key in keys:
            self._counts[key] += 1
            if self._counts[key] == 1:
                started.append(key)
        return started

    def release(self, keys: Iterable[Hashable]) -> list[Hashable]:
        stopped = []
        for key in keys:
            if self._counts[key] <= 0:
                continue  # releasing what was never held is a caller bug, but not ours to crash
            self._counts[key] -= 1
            if self._counts[key] == 0:
                del self._counts[key]
                stopped.append(key)
        return stopped

    def count(self, key: Hashable) -> int:
        return self._counts.get(key, 0)

    def __len__(self) -> int:
        return len(self._counts)
