"""``volume-spike K,N``: the current bar's volume ≥ K × the average volume of the last N bars.

Evaluated on bar events, per symbol and period (the period is the event's own): a bar with a
later start closes the current one into the history. A rule needs N closed bars before it can
fire (the watch seeds them from history, :meth:`AlertEngine.seed`), and fires once per bar.
"""

from __future__ import annotations

from collections import deque

from app.core.alerts.armed import Armed, make_alert
from app.core.alerts.rules import DEFAULT_BARS, MAX_BARS, Alert
from app.core.types import Bar


class Bars:
    """One symbol's bars of one period: the current bar and the closed volumes before it."""

    __slots__ = ("ts", "volume", "closed", "first", "_averages")

    def __init__(self) -> None:
        self.ts: int | None = None
        self.volume = 0.0
        self.closed: deque[float] = deque(maxlen=MAX_BARS)
        self.first: int | None = None  # the first bar's start: history goes before it
        self._averages: dict[int, float] = {}

    def seed(self, bars: list[Bar]) -> None:
        """History (oldest first), even when live bars came first: only what is older than
        the first bar already seen is taken, before what was seen."""
        if self.first is None:
            for bar in bars:
                self.update(bar)
            return
        older = [bar.volume or 0.0 for bar in bars if bar.ts < self.first]
        self.closed = deque([*older, *self.closed], maxlen=MAX_BARS)
        self.first = min(self.first, *(bar.ts for bar in bars)) if older else self.first
        self._averages.clear()

    def update(self, bar: Bar) -> bool:
        """Take a bar event; False for an older bar (nothing to evaluate)."""
        if self.ts is not None and bar.ts < self.ts:
            return False
        if self.ts is not None and bar.ts > self.ts:
            self.closed.append(self.volume)
            self._averages.clear()
        self.ts, self.volume = bar.ts, bar.volume or 0.0
        if self.first is None:
            self.first = bar.ts
        return True

    def average(self, n: int) -> float | None:
        """The mean volume of the last ``n`` closed bars, None until there are ``n``."""
        found = self._averages.get(n)
        if found is None:
            closed = self.closed
            if len(closed) < n:
                return None
            found = self._averages[n] = sum(closed[i] for i in range(len(closed) - n, len(closed))) / n
        return found


def on_bar(rules: list[Armed], periods: dict[str, Bars], bar: Bar, fired: list[Alert]) -> None:
    bars = periods.get(bar.period)
    if bars is None:
        bars = periods[bar.period] = Bars()
    if not bars.update(bar) or bar.volume is None:
        return
    for armed in rules:
        average = bars.average(armed.rule.bars or DEFAULT_BARS)
        if not average or bars.volume < armed.level * average:
            continue
        mark = (bar.period, bar.ts)
        if armed.cooldown < 0:
            if armed.mark == mark:
                continue  # once per bar
            armed.mark = mark
        if armed.count(bar.ts):
            fired.append(make_alert(armed, bar.ts, bar.vendor, bar.close))
