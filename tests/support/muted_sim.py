"""A simulator one symbol of which can be silenced for real: its events never leave the feed,
so the feed's health sees the silence as it would a vendor's (a silent-but-connected symbol)."""

from __future__ import annotations

from app.core.health import STALE_FLOOR_MS
from app.core.types import Status
from app.feeds.sim import SimFeed


class MutedSim(SimFeed):
    """The always-open simulator; the symbols in ``muted`` send nothing while muted;
    ``floor_ms`` is the feed's stale floor (a test lowers it so that it waits a second, not five)."""

    def __init__(self, floor_ms: float = STALE_FLOOR_MS, step_ms: int = 20, **kwargs) -> None:
        super().__init__(always_open=True, step_ms=step_ms, **kwargs)
        self.muted: set[str] = set()
        self.health.watch.floor_ms = floor_ms

    def emit(self, event) -> None:
        if type(event) is not Status and event.symbol in self.muted:
            return
        super().emit(event)
