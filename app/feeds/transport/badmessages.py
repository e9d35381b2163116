"""Counting and logging messages we could not use, without flooding the log."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import msgspec

EXCERPT_BYTES = 200


def excerpt(raw: bytes | str, limit: int = EXCERPT_BYTES) -> str:
    """At most ``limit`` bytes of a message, printable, for a log line."""
    data = raw.encode("utf-8", "replace") if isinstance(raw, str) else raw
    text = data[:limit].decode("utf-8", "replace")
    return text + (f"… ({len(data)} bytes)" if len(data) > limit else "")


class BadMessageLog:
    """Counts skipped messages per kind and logs each kind at most once per ``interval``."""

    def __init__(
        self, logger: logging.Logger, interval: float = 10.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._log = logger
        self.interval = interval
        self._clock = clock
        self.counts: Counter[str] = Counter()
        self._last_logged: dict[str, float] = {}
        self._unlogged: Counter[str] = Counter()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def record(self, kind: str, raw: object, reason: object) -> None:
        """Count one; log it unless its kind was logged within ``interval``. ``raw``: the
        message (bytes or text), or any object, whose ``repr`` is made only when logged."""
        self.counts[kind] += 1
        now = self._clock()
        last = self._last_logged.get(kind)
        if last is not None and now - last < self.interval:
            self._unlogged[kind] += 1
            return
        skipped = self._unlogged.pop(kind, 0)
        more = f" (+{skipped} more since the last report)" if skipped else ""
        shown = raw if isinstance(raw, bytes | str) else repr(raw)
        self._log.warning("skipped %s message: %s%s: %s", kind, reason, more, excerpt(shown))
        self._last_logged[kind] = now

    def decode_push(self, decoder: msgspec.json.Decoder, raw: bytes | str,
                    otherwise: Callable[[bytes, msgspec.ValidationError], None]) -> Any:
        """A push through the vendor's fast decoder, or None: JSON of another shape goes to
        ``otherwise`` as bytes (a reply, a control message, or a broken push: the vendor's
        slow path), what is no JSON at all is skipped as malformed."""
        try:
            return decoder.decode(raw)
        except msgspec.ValidationError as exc:
            otherwise(raw if isinstance(raw, bytes) else raw.encode(), exc)
        except msgspec.DecodeError as exc:
            self.record("malformed", raw, exc)
        return None

    def decode(self, decoder: msgspec.json.Decoder, data: bytes | str, kind: str, raw: object = None) -> Any:
        """``data`` decoded, or None when it cannot be: then skipped, counted and logged as
        ``kind`` (with ``raw``, the whole message, when ``data`` is a part of it)."""
        try:
            return decoder.decode(data)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            self.record(kind, data if raw is None else raw, exc)
            return None
