"""One rule's live state while it is evaluated, and the alert it makes when it fires.

Two firing modes share this state. *Once* (the default, DESIGN.md's contract): a rule fires at
the first qualifying event, then ``armed`` is False until the price has gone back (by the
rule's hysteresis). *Every* (``rule.every`` seconds): it fires on each qualifying event, at
most once per ``cooldown`` ms of event time. Attributes are plain slots read on the hot path.
"""

from __future__ import annotations

import math

from app.core.alerts.rules import BELOW, LINE, Alert, AlertRule

ARMED, FIRED, EXPIRED = "armed", "fired", "expired"


class Armed:
    """A rule's state: ``armed``; ``cooldown`` ms (-1: once mode); ``back`` the re-arm level;
    ``last`` the event time it last fired (``-inf`` before); ``fired`` how many times."""

    __slots__ = ("rule", "kind", "level", "text", "armed", "cooldown", "back", "last", "fired",
                 "expired", "side", "slope", "t1", "p1", "hysteresis", "mark", "quiet_ask",
                 "quiet_bid")

    def __init__(self, rule: AlertRule) -> None:
        self.rule = rule
        self.kind = rule.kind
        self.level = rule.value
        self.text = rule.text
        self.armed = True
        self.cooldown = -1.0 if rule.every is None else rule.every * 1000.0
        self.hysteresis = rule.hysteresis or 0.0
        # above re-arms at ≤ P − H, below at ≥ P + H, change-pct and spread under X − H
        self.back = self.level + self.hysteresis if rule.kind == BELOW else self.level - self.hysteresis
        self.last = -math.inf
        self.fired = 0
        self.expired = False
        self.side = 0  # line: which side of the line the price is on (+1 above, -1 below, 0 unknown)
        self.slope = self.t1 = self.p1 = 0.0
        if rule.kind == LINE and rule.line is not None:
            t1, p1, t2, p2 = rule.line
            self.t1, self.p1 = float(t1), p1
            self.slope = 0.0 if t1 == t2 else (p2 - p1) / (t2 - t1)
        self.mark: object = None  # volume-spike: the bar it fired on; iceberg: the level
        self.quiet_ask = self.quiet_bid = -math.inf  # sweep: one alert per side per sweep

    def gate(self, ts: int) -> bool:
        """For a qualifying event at ``ts``: may the rule fire now? (once mode: if armed, and
        then it is not; every mode: if the cooldown has run out). Records the firing."""
        if self.cooldown < 0:
            if not self.armed:
                return False
            self.armed = False
        elif ts - self.last < self.cooldown:
            return False
        self.last = ts
        self.fired += 1
        return True

    def count(self, ts: int) -> bool:
        """For an event that fires each time it happens (a big print): the cooldown only."""
        if self.cooldown >= 0 and ts - self.last < self.cooldown:
            return False
        self.last = ts
        self.fired += 1
        return True

    @property
    def state(self) -> str:
        """:data:`EXPIRED`, :data:`FIRED` (fired, waiting to re-arm) or :data:`ARMED`."""
        if self.expired:
            return EXPIRED
        return ARMED if self.armed else FIRED


def make_alert(armed: Armed, ts: int, vendor: str, price: float) -> Alert:
    rule = armed.rule
    return Alert(ts, rule.id, rule.symbol, armed.text, vendor, price, rule.note)
