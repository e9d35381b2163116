"""Reconnect timing: jittered exponential backoff that only resets after a stable connection.

websockets' built-in reconnect resets its delay after every successful handshake, so a server
that accepts and drops at once gets a handshake storm. Here the delay resets only once a
connection has stayed up for ``stable_after`` seconds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class ReconnectPolicy:
    initial: float = 2.0
    factor: float = 1.5
    maximum: float = 30.0
    jitter: float = 0.2  # each delay is scaled by a random factor in [1 - jitter, 1 + jitter]
    stable_after: float = 10.0

    def scaled(self, scale: float) -> ReconnectPolicy:
        """The same policy on a compressed clock (tests run a "minute" in a fraction of a second)."""
        return ReconnectPolicy(
            self.initial * scale, self.factor, self.maximum * scale, self.jitter,
            self.stable_after * scale,
        )


class Backoff:
    """Delays between connection attempts under a :class:`ReconnectPolicy`."""

    def __init__(self, policy: ReconnectPolicy, rng: random.Random | None = None) -> None:
        self.policy = policy
        self._rng = rng or random.Random()
        self._next = policy.initial
        self.attempts = 0  # failed or short-lived connections since the last stable one

    def next_delay(self) -> float:
        p = self.policy
        base = self._next
        self._next = min(self._next * p.factor, p.maximum)
        self.attempts += 1
        return base * self._rng.uniform(1.0 - p.jitter, 1.0 + p.jitter)

    def connection_lasted(self, seconds: float) -> None:
        """Report how long the last connection stayed up; only a stable one resets the delay."""
        if seconds >= self.policy.stable_after:
            self._next = self.policy.initial
            self.attempts = 0
