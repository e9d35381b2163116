"""One paint of a chart view, as a scope: what its items work out from the view's state (each
pane's window of buckets, an axis's labelled ticks) is worked out once, for the first item that
asks, and handed to the others. A paint moves no range, resizes nothing and changes no bar, so
within it the answer cannot change; outside a paint (the y fit, the crosshair, a test) nothing
is kept and each asks afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

_memo: dict | None = None  # what was worked out during the paint under way (None: no paint)


@contextmanager
def painting() -> Iterator[None]:
    """The scope of one paint (nested paints share the outer one's)."""
    global _memo
    outer = _memo
    if outer is None:
        _memo = {}
    try:
        yield
    finally:
        _memo = outer


def once(key: tuple, work: Callable[[], T]) -> T:
    """``work()``, done once a paint for ``key`` (every time outside a paint)."""
    memo = _memo
    if memo is None:
        return work()
    value = memo.get(key, memo)
    if value is memo:
        value = memo[key] = work()
    return value
