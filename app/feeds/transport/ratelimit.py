"""Client-side limits that keep us inside a vendor's documented plan instead of being refused."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterator, Callable


class SlidingWindowLimiter:
    """At most ``max_calls`` in any ``period`` seconds; :meth:`acquire` waits for a free slot.

    Use :meth:`slot` around a request: the slot is stamped again when the answer arrives, so
    the window counts from a moment after the server saw the request. Stamping only the start
    lets network jitter bunch two requests closer together on the server than on our clock.
    """

    def __init__(
        self, max_calls: int, period: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_calls < 1 or period <= 0:
            raise ValueError("a rate limit needs at least one call per positive period")
        self.max_calls = max_calls
        self.period = period
        self._clock = clock
        self._calls: deque[list[float]] = deque()  # one-item lists: a slot can be re-stamped
        self._lock = asyncio.Lock()
        self._held_until = 0.0
        self._in_flight = 0  # calls sent and not answered yet: not known to be accepted
        self.waited = 0.0  # total seconds spent waiting: lets tests and logs see the limit act

    def _prune(self, now: float) -> None:
        while self._calls and now - self._calls[0][0] >= self.period:
            self._calls.popleft()

    def throttle(self, refused: list[float] | None = None) -> None:
        """The vendor refused a call (HTTP 429) without saying for how long: its real limit is
        below ours, so keep to the number of calls it accepted in this window from now on.
        ``refused`` (the slot of the refused call) leaves the window: the vendor did not count it."""
        if refused is not None:
            with contextlib.suppress(ValueError):
                self._calls.remove(refused)
        self._prune(self._clock())
        self.max_calls = max(1, min(self.max_calls, len(self._calls) - self._in_flight))

    def hold(self, seconds: float) -> None:
        """No calls for ``seconds``: the vendor said we are over its limit (HTTP 429), so every
        queued request waits, not only the one that was refused."""
        self._held_until = max(self._held_until, self._clock() + seconds)

    def delay(self) -> float:
        """Seconds until a call would be allowed (0 when one is free now)."""
        now = self._clock()
        self._prune(now)
        held = max(self._held_until - now, 0.0)
        if len(self._calls) < self.max_calls:
            return held
        return max(self._calls[0][0] + self.period - now, held)

    async def acquire(self) -> list[float]:
        async with self._lock:  # first come, first served
            while (wait := self.delay()) > 0:
                self.waited += wait
                await asyncio.sleep(wait)
            stamp = [self._clock()]
            self._calls.append(stamp)
            return stamp

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[list[float]]:
        """Yields the slot's stamp, which :meth:`throttle` takes to forget a refused call."""
        stamp = await self.acquire()
        self._in_flight += 1
        try:
            yield stamp
        finally:
            self._in_flight -= 1
            stamp[0] = self._clock()


class Pacer:
    """Keeps at least ``interval`` seconds between consecutive sends."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self._clock = clock
        self._last: float | None = None

    async def wait(self) -> None:
        if self._last is not None and self.interval > 0:
            remaining = self._last + self.interval - self._clock()
            if remaining > 0:
                await asyncio.sleep(remaining)
        self._last = self._clock()

    def reset(self) -> None:
        """A new connection starts unpaced."""
        self._last = None


class SpacedLimiter(SlidingWindowLimiter):
    """``per_second`` calls a second as an even spacing: one call at a time, the next one
    ``1 / per_second`` seconds after the previous answer arrived.

    For a vendor that counts its limit in any second of its own clock (脉动数据's lists: 2 a
    second): a sliding window lets two requests go back to back, and the next two a window
    later, so the server can see four within about a second. Waiting from the answer (which
    comes after the server saw the request) keeps the server's gaps at least the spacing,
    whatever the network's delay.
    """

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        if per_second <= 0:
            raise ValueError("a rate limit needs a positive rate")
        super().__init__(1, 1.0 / per_second, clock)
        self._serial = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[list[float]]:
        async with self._serial, super().slot() as stamp:
            yield stamp
