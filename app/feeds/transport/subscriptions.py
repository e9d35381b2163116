"""One connection's subscriptions: what it should carry and what it does carry.

Vendors forget subscriptions when a connection drops, and some have no unsubscribe at all, so
a :class:`SubscriptionBook` keeps, per wire key (a vendor code), the set of tags (channel types,
command kinds, the symbols spelled with that code) the user holds (``wanted``) apart from what
the open connection was sent (``carried``). A fresh connection sends the :meth:`delta`; a
vendor without unsubscribe drops symbols by a debounced re-connection (:meth:`prune_later`)
once the wire carries more than is wanted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Iterable


class SubscriptionBook:
    def __init__(self) -> None:
        self.wanted: dict[str, set[Hashable]] = {}  # in the order keys were first wanted
        self.carried: dict[str, set[Hashable]] = {}
        self._prune: asyncio.TimerHandle | None = None

    def want(self, key: str, tags: Iterable[Hashable]) -> set[Hashable]:
        """Want ``tags`` for ``key``; returns those the open connection does not carry."""
        bucket = self.wanted.setdefault(key, set())
        bucket.update(tags)
        return bucket - self.carried.get(key, set())

    def unwant(self, key: str, tags: Iterable[Hashable]) -> bool:
        """Stop wanting ``tags``; True when ``key`` is no longer wanted at all."""
        bucket = self.wanted.get(key)
        if bucket is None:
            return False
        bucket.difference_update(tags)
        if bucket:
            return False
        del self.wanted[key]
        return True

    def keys(self, tag: Hashable) -> list[str]:
        """The keys that want ``tag``, in order."""
        return [key for key, tags in self.wanted.items() if tag in tags]

    def delta(self) -> dict[str, set[Hashable]]:
        """What is wanted and not carried: what the open connection must still be sent."""
        delta = {key: tags - self.carried.get(key, set()) for key, tags in self.wanted.items()}
        return {key: tags for key, tags in delta.items() if tags}

    def carry(self, keys: Iterable[str], tags: Iterable[Hashable] | None = None) -> None:
        """The wire now carries ``tags`` (default: all that is wanted) for ``keys``."""
        for key in keys:
            self.carried.setdefault(key, set()).update(self.wanted.get(key, ()) if tags is None else tags)

    def extra(self) -> bool:
        """Whether the wire carries something no longer wanted (a prune is due)."""
        return any(tags - self.wanted.get(key, set()) for key, tags in self.carried.items())

    def stale(self, whole_list: bool = False) -> bool:
        """Whether the connection needs replacing: it carries something no longer wanted, or
        (``whole_list``: a vendor sent the complete list once per connection) its keys are not
        the wanted ones."""
        return self.wanted.keys() != self.carried.keys() if whole_list else self.extra()

    def lost(self) -> None:
        """The connection closed: it carries nothing."""
        self.carried.clear()

    def prune_later(self, delay: float, action: Callable[[], None], *, restart: bool = False) -> None:
        """Run ``action`` (a re-connection with exactly the wanted set) after ``delay``,
        debounced: a burst of clicks costs one re-connection. The first change sets the time,
        so a steady stream of changes cannot postpone it forever; ``restart`` counts the delay
        from this change instead."""
        if self._prune is not None:
            if not restart:
                return
            self._prune.cancel()
        self._prune = asyncio.get_running_loop().call_later(delay, self._pruned, action)

    def _pruned(self, action: Callable[[], None]) -> None:
        self._prune = None
        action()

    def cancel_prune(self) -> None:
        if self._prune is not None:
            self._prune.cancel()
            self._prune = None
