"""Bars of two vendors stitched without a seam: the primary's wherever it has them, the
backup's only for the bars the primary missed while a symbol was failed over.

Pure (no I/O): :class:`app.feeds.failover.FailoverFeed` hands it both vendors' answers and the
windows during which the symbol was served by the backup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.core.periods import Period
from app.core.types import Bar

Window = tuple[float, float | None]  # (from, until) epoch ms; until None: still failed over


def period_ms(period: Period) -> int | None:
    """A fixed-length period's length in ms; None for calendar periods (day and longer), whose
    bars are never stitched (a vendor's day bars follow its own boundaries)."""
    seconds = {Period.M1: 60, Period.M5: 300, Period.M15: 900, Period.M30: 1800,
               Period.H1: 3600, Period.H2: 7200, Period.H4: 14400}.get(period)
    return None if seconds is None else seconds * 1000


def in_windows(start_ms: int, length_ms: int, windows: Iterable[Window], now_ms: float) -> bool:
    """Whether the bar starting at ``start_ms`` overlaps one of the failover windows."""
    end = start_ms + length_ms
    for since, until in windows:
        if start_ms < (now_ms if until is None else until) and end > since:
            return True
    return False


def stitch(primary: Sequence[Bar], backup: Sequence[Bar], windows: Sequence[Window],
           length_ms: int, now_ms: float, count: int) -> list[Bar]:
    """The last ``count`` bars, oldest first: every bar of ``primary``, plus the bars of
    ``backup`` whose start the primary lacks and which overlap a failover window (the backup
    never adds history the primary simply does not keep, nor replaces one of its bars). Bars
    between the primary's oldest and newest only, or after its newest (a primary whose history
    stops at the outage), never before its oldest (that is the primary's depth, not a gap)."""
    have = {bar.ts for bar in primary}
    oldest = min(have) if have else None
    merged = list(primary)
    for bar in backup:
        if bar.ts in have or (oldest is not None and bar.ts < oldest):
            continue
        if in_windows(bar.ts, length_ms, windows, now_ms):
            merged.append(bar)
            have.add(bar.ts)
    merged.sort(key=lambda bar: bar.ts)
    return merged[-count:] if count > 0 else []
