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

An indicator line's kept path likewise has its last point moved (:func:`patched_path`).
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import numpy as np
from PySide6.QtGui import QPainterPath


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


def patched_path(kept: tuple | None, key: tuple, x: np.ndarray, y: np.ndarray) -> QPainterPath | None:
    """The kept path with its last point moved to the last of ``x``, ``y``, when that makes the
    path of ``key`` = (the window's key, ``y``'s bytes): the kept one (``kept`` = (key, path,
    whole)) is one piece through every point (a move, then a line to each next: the elements a
    new one would have), of the same buckets, and only the last value changed, to a finite one.
    None otherwise: the caller makes the path afresh."""
    if kept is None or not kept[2] or kept[0][0] != key[0] or len(y) < 2:
        return None
    last = float(y[-1])
    if not math.isfinite(last) or kept[0][1][:-y.itemsize] != key[1][:-y.itemsize]:
        return None
    path = kept[1]
    path.setElementPositionAt(len(y) - 1, float(x[-1]), last)
    return path
