"""Reading a vendor's paged list (a symbol list, say) as far as it is needed, whatever the
server does with paging.

A server may serve fewer items a page than asked (its own cap, at offsets of that cap), say a
total that is wrong or none at all, or ignore paging and answer the same page every time. A
:class:`PagedList` keeps what its pages said, item by position, and asks only for pages that
hold a position not yet known; it learns a cap from a short first page whose total says more,
and ends at the total, a short page, an empty page or a page with nothing new. One reader at
a time, so no page is asked twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

Entry = tuple[str, str]  # (key, what the list says of it), e.g. (symbol, name)
# (page, 1-based, and its size) → its entries (None: an item no key can spell), and the
# total the server says (None when it says none)
PageReader = Callable[[int, int], Awaitable[tuple[list[Entry | None], int | None]]]


@dataclass
class PagedList:
    """One list as far as its pages have been read: the server's items by position."""

    fetch: PageReader
    label: str = ""  # for the log
    entries: dict[int, Entry | None] = field(default_factory=dict)
    total: int | None = None  # None: not known (the server said none and pages came full)
    said_total: int | None = None  # the server's last word, for the log
    cap: int | None = None  # the largest page the server serves, once a page showed it
    proven: int = 0  # the largest page size the server has served in full
    ended: bool = False  # a page showed where the list ends
    complete: bool = False  # read to its end (or to the page bound): not asked again
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def end(self, at: int) -> None:
        self.total = at if not self.ended or self.total is None else min(self.total, at)
        self.ended = True

    def known_total(self) -> int:
        """The total to show: with none known, one more than read (there may be more)."""
        return self.total if self.total is not None else len(self.entries) + 1

    def items(self, start: int, stop: int) -> list[Entry]:
        """The entries at positions ``[start, stop)`` that are known, each key once."""
        out: dict[str, Entry] = {}
        if self.total is not None:
            stop = min(stop, self.total)
        for position in sorted(p for p in self.entries if start <= p < stop):
            entry = self.entries[position]
            if entry is not None and entry[0] not in out:
                out[entry[0]] = entry
        return list(out.values())

    def find(self, key: str) -> Entry | None:
        return next((e for e in self.entries.values() if e is not None and e[0] == key), None)

    async def read(self, start: int, stop: int, size: int, max_pages: int) -> None:
        """Ask for pages (``size`` items, or the server's cap) until positions ``[start,
        stop)`` are known or the list has ended; at most ``max_pages`` pages a call, whatever
        the total says."""
        async with self.lock:
            for _ in range(max_pages):
                end = stop if self.total is None else min(stop, self.total)
                missing = next((i for i in range(start, end) if i not in self.entries), None)
                if missing is None:
                    return
                step = self.cap or size
                page = missing // step + 1
                if self.cap is None and page > 1 and step > self.proven:
                    page = 1  # a capped server's page 2 starts at its cap: learn the cap first
                await self._read_page(page, step)
            log.warning("stopped listing %s after %d pages (%d items, the server says %s)",
                        self.label, max_pages, len(self.entries), self.said_total)

    async def _read_page(self, page: int, step: int) -> None:
        codes, said = await self.fetch(page, step)
        self.said_total = said
        offset = (page - 1) * step
        count = len(codes)
        if page == 1 and self.cap is None and 0 < count < step and (said is None or count < said):
            self.cap = count  # a short first page that is not the whole list (or may not be)
        elif count == step:
            self.proven = max(self.proven, step)
        known = {entry[0] for entry in self.entries.values() if entry is not None}
        unread = {p: e for p, e in enumerate(codes, offset) if p not in self.entries}
        again = bool(unread) and all(e is not None and e[0] in known for e in unread.values())
        if count == 0 or again:
            self.end(offset)  # an empty page, or the same items again (paging ignored)
            return
        self.entries.update(unread)
        if count < step and self.cap != count:
            self.end(offset + count)  # a short page is the last one
        elif not self.ended:
            self.total = max(said, offset + count) if said is not None else None
