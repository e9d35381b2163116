"""The set of live subscriptions a connection must carry, so a reconnect restores exactly it.

Vendors forget subscriptions when a connection drops; the registry is our memory of what the
user holds. Keys are vendor-specific (a QOS command type plus K-line type, an iTick asset
class …); values are the vendor codes, in the order they were first added.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator


class SubscriptionRegistry:
    def __init__(self) -> None:
        self._active: dict[Hashable, dict[str, None]] = {}

    def add(self, key: Hashable, codes: Iterable[str]) -> list[str]:
        """Record codes under ``key``; returns those that were not active yet."""
        bucket = self._active.setdefault(key, {})
        new = [c for c in dict.fromkeys(codes) if c not in bucket]
        for code in new:
            bucket[code] = None
        return new

    def remove(self, key: Hashable, codes: Iterable[str]) -> list[str]:
        """Forget codes under ``key``; returns those that were active."""
        bucket = self._active.get(key)
        if not bucket:
            return []
        gone = [c for c in dict.fromkeys(codes) if c in bucket]
        for code in gone:
            del bucket[code]
        if not bucket:
            del self._active[key]
        return gone

    def codes(self, key: Hashable) -> list[str]:
        return list(self._active.get(key, ()))

    def items(self) -> Iterator[tuple[Hashable, list[str]]]:
        """Every non-empty key with its codes: what a fresh connection must re-send."""
        for key, bucket in self._active.items():
            yield key, list(bucket)

    def all_codes(self) -> set[str]:
        return {c for bucket in self._active.values() for c in bucket}

    def clear(self) -> None:
        self._active.clear()

    def __bool__(self) -> bool:
        return bool(self._active)
