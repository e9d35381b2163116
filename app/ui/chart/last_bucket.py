"""A live tick changes the last bucket's values and nothing else: the candles', volumes' and
histogram's kept paint (:mod:`kept_paint`) is then patched at that bucket's entry of its
primitive arrays, not worked out again.

A kept paint of columns draws each colour's buckets as one array, in bucket order, so the last
bucket is the last entry of the array of its colour. When the paint differs from the kept one
only by the last bucket's values (the same view, colours, style and scale; every other bucket's
values the same) and that bucket keeps its colour, writing its new entry into that array gives
the arrays a full paint would fill (the entry is worked out with the same NumPy operations, on
the same values), and the kept calls draw them. Anything else (a new bar, a pan, a bucket that
changes colour, a first paint) is painted afresh, as before.
"""

from __future__ import annotations

from collections.abc import Hashable


class LastBucket:
    """What an item's kept paint was made from, split as (``head``: everything but the
    buckets' values; ``prefix``: the values of every bucket but the last; ``side``: the
    batch the last bucket went to). Noted after a full paint, cleared when one starts."""

    __slots__ = ("head", "prefix", "side")

    def __init__(self) -> None:
        self.head: Hashable | None = None
        self.prefix: bytes | None = None
        self.side: Hashable | None = None

    def note(self, head: Hashable, prefix: bytes, side: Hashable) -> None:
        self.head, self.prefix, self.side = head, prefix, side

    def clear(self) -> None:
        self.head = self.prefix = self.side = None

    def only_last_changed(self, head: Hashable, prefix: bytes, side: Hashable) -> bool:
        """True when a paint from ``head``/``prefix``/``side`` differs from the noted one only
        by the last bucket's values, which stay in the same batch."""
        return self.head is not None and head == self.head and side == self.side and prefix == self.prefix
