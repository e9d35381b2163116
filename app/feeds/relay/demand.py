"""What the desk wants from the vendor: each terminal's lease, ref-counted into one set.

A terminal's lease names everything it wants (symbol, channel, bar period) and for how long; it
renews by sending the same again (the whole set each time: a renewal after a relay restart is
a fresh start). The relay subscribes upstream to the union and lets a symbol go when the last
lease naming it ends (released, or not renewed within its ttl). Within the vendor's cap of
symbols at once: a symbol beyond it is refused, with words, to the terminal that asked, and
the symbols already held stay. Pure bookkeeping: every time is passed in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from app.core.text import QT_TRANSLATE_NOOP, Text


class Want(NamedTuple):
    """One live stream: ``period`` is the bar period for the ``bar`` channel, else ""."""

    symbol: str
    channel: str
    period: str = ""


@dataclass
class Lease:
    wants: frozenset[Want]
    expires: float  # seconds, on the caller's clock


@dataclass
class Granted:
    """The answer to a lease: what is refused (symbol → words); the rest is served."""

    refused: dict[str, str] = field(default_factory=dict)


class DemandBook:
    """Leases by terminal id, and the ref-counted union of their wants."""

    def __init__(self, vendor: str, cap: int | None = None) -> None:
        self.vendor = vendor
        self.cap = cap  # distinct symbols the vendor serves at once (None: no known cap)
        self.leases: dict[str, Lease] = {}
        self.counts: Counter[Want] = Counter()
        self.refusals: dict[str, str] = {}  # symbol → the vendor's words (a Text), when it refused one

    @property
    def wanted(self) -> set[Want]:
        return set(self.counts)

    def symbols(self) -> set[str]:
        return {w.symbol for w in self.counts}

    def lease(self, terminal: str, wants: set[Want], ttl: float, now: float) -> Granted:
        """Replace ``terminal``'s lease with ``wants`` for ``ttl`` seconds from ``now``."""
        granted = Granted()
        old = self.leases.get(terminal)
        mine = {w.symbol for w in old.wants} if old else set()
        # what the other terminals hold (the counts without this terminal's lease)
        others = {w.symbol for w, n in (self.counts - Counter(old.wants if old else ())).items() if n > 0}
        budget = None if self.cap is None else self.cap - len(others)
        asked = sorted({w.symbol for w in wants}, key=lambda s: (s not in mine, s))  # held first
        taken: set[str] = set()
        used = 0
        for symbol in asked:
            if symbol in self.refusals:
                granted.refused[symbol] = self.refusals[symbol]
            elif symbol in others:
                taken.add(symbol)  # the vendor sends it already: it costs nothing more
            elif budget is None or used < budget:
                taken.add(symbol)
                used += 1
            else:
                granted.refused[symbol] = Text(QT_TRANSLATE_NOOP(
                    "Feed", "the relay holds %1 symbols of %2 at once, the plan's limit; not subscribed: %3 "
                    "(the desk's terminals hold the others)"), str(self.cap), self.vendor, symbol)
        accepted = {w for w in wants if w.symbol in taken}
        self._drop(terminal)
        self.leases[terminal] = Lease(frozenset(accepted), now + ttl)
        self.counts.update(accepted)
        return granted

    def release(self, terminal: str) -> None:
        self._drop(terminal)

    def expire(self, now: float) -> list[str]:
        """End the leases not renewed in time; the terminals whose lease ended."""
        ended = [t for t, lease in self.leases.items() if lease.expires <= now]
        for terminal in ended:
            self._drop(terminal)
        return ended

    def refuse(self, symbols: list[str], words: str) -> None:
        """The vendor refused ``symbols`` (an unknown symbol, its own plan limit): said to
        every terminal that asks for them, until the refusal is forgotten (a new relay)."""
        for symbol in symbols:
            self.refusals[symbol] = words
        for terminal, lease in list(self.leases.items()):
            left = frozenset(w for w in lease.wants if w.symbol not in self.refusals)
            if left != lease.wants:
                self.counts.subtract(lease.wants - left)
                self.leases[terminal] = Lease(left, lease.expires)
        self.counts = +self.counts

    def _drop(self, terminal: str) -> None:
        lease = self.leases.pop(terminal, None)
        if lease is not None:
            self.counts.subtract(lease.wants)
            self.counts = +self.counts  # drops the zeros
