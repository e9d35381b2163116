"""Loads the holiday table off the GUI thread and installs it for every calendar.

Building the table imports exchange-calendars and pandas (a second or two, and far too much
for the start-up path), so it runs in a daemon thread once the window is up; a quit while it
runs does not wait for it (the cache is written atomically, so a cut-short build leaves no
half file). A start that finds a fresh cache file reads it at once instead: a few ms.

Then the vendor's own calendar, when it has one (:meth:`app.feeds.base.Feed.exchange_days`),
adds the closures and half days it knows (:func:`app.core.holidays.merge_vendor_days`); on a
vendor switch the table goes back to exchange-calendars' and takes the new vendor's.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from app.core.holidays import CalendarTable, VendorDays, merge_vendor_days
from app.core.sessions import install_table
from app.feeds.base import Feed
from app.storage.calendars import load_calendar_table, read_calendar_cache, read_shipped_table

log = logging.getLogger(__name__)
T = TypeVar("T")

VENDOR_TIMEOUT_S = 15.0  # one HTTP request; the calendars work without it
BUILD_DELAY_S = 10.0  # a fresh table is built this long after start when one is installed already


class CalendarLoader(QObject):
    """``sig_installed`` fires on the GUI thread once a table is installed (views that show
    market status refresh then)."""

    sig_installed = Signal()

    def __init__(self, load: Callable[[], CalendarTable] = load_calendar_table,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._load = load
        self.base: CalendarTable | None = None  # exchange-calendars' own
        self.table: CalendarTable | None = None  # installed: the base and the vendor's days
        self._feed = None
        self._merging: asyncio.Task[int] | None = None

    def install_cached(self) -> bool:
        """Install the best table at hand before the first paint (cheap: no pandas): a fresh
        cache (True: nothing to build), else the one shipped with the program (False: a fresh
        one is still built by :meth:`load`), so no start shows a holiday as a trading day."""
        table = read_calendar_cache()
        if table is not None:
            self._install(table)
            return True
        shipped = read_shipped_table()
        if shipped is not None:
            self._install(shipped)
        return False

    async def load(self, delay: float = 0.0) -> bool:
        """Read or build the table in a worker thread, then install it; False (logged) when it
        cannot be had: the calendars then keep to weekdays. ``delay``: seconds to wait first,
        so that importing pandas (which holds the interpreter for a second) never competes with
        the first paint when a table is already installed."""
        if delay > 0:
            await asyncio.sleep(delay)
        try:
            table = await in_daemon_thread(self._load)
        except ImportError as exc:
            log.warning("exchange holidays unknown (exchange-calendars missing): %s", exc)
            return False
        except Exception:
            log.exception("could not load the exchange holidays")
            return False
        self._install(table)
        return True

    def _install(self, table: CalendarTable, *, base: bool = True) -> None:
        install_table(table)
        if base:
            self.base = table
            _warn_where_it_ends(table, date.today())
        self.table = table
        self.sig_installed.emit()
        if base and self._feed is not None:
            self.use_vendor(self._feed)

    def use_vendor(self, feed) -> None:
        """Merge this feed's own calendar (if it has one) into the table, now or once the
        table is there; a previous vendor's days are dropped."""
        self._feed = feed
        if self._merging is not None:
            self._merging.cancel()
        if self.base is not None:
            if self.table is not self.base:
                self._install(self.base)  # (back to exchange-calendars' alone; merges below)
                return
            self._merging = asyncio.ensure_future(self._merge(feed))

    async def _merge(self, feed) -> int:
        """The number of days the vendor changed (logged); 0 when it has no calendar or does
        not answer in time."""
        try:
            found = await asyncio.wait_for(vendor_days(feed), VENDOR_TIMEOUT_S)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a refusal, a timeout, garbage: the base table stays
            log.info("no calendar from %s: %s", getattr(feed, "vendor", "?"), exc)
            return 0
        if self.base is None or feed is not self._feed:
            return 0
        table, changed = self.base, 0
        for days in found:
            merged = merge_vendor_days(table, days)
            table, changed = merged.table, changed + len(merged.closed) + len(merged.halved)
            if merged.closed or merged.halved or merged.ignored:
                log.info("%s's calendar for %s: closes %s, halves %s; says trading but %s is "
                         "closed per exchange-calendars (ignored): %s", days.vendor, days.exchange,
                         merged.closed, merged.halved, days.exchange, merged.ignored)
        if changed:
            self._install(table, base=False)
        return changed

    async def aclose(self) -> None:
        if self._merging is not None:
            self._merging.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._merging


def _warn_where_it_ends(table: CalendarTable, today: date) -> None:
    """Say (once a table) which exchanges' holidays stop within a month: past that day their
    weekdays are taken as trading days until exchange-calendars publishes more."""
    for code, days in table.exchanges.items():
        if days.last < today + timedelta(days=31):
            log.warning("%s holidays are known only up to %s (%s): later weekdays are taken as "
                        "trading days", code, days.last, table.source)


async def vendor_days(feed) -> list[VendorDays]:
    """A feed's own calendar as :class:`VendorDays` per exchange ([] when it has none)."""
    return await feed.exchange_days() if isinstance(feed, Feed) else []


async def in_daemon_thread(work: Callable[[], T]) -> T:
    """``work()`` in a thread that never holds up the program's exit (unlike the default
    executor, which is joined at shutdown)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(setter: Callable[[object], None], value: object) -> None:
        if not future.done():
            setter(value)

    def run() -> None:
        try:
            result = work()
        except BaseException as exc:  # handed to the awaiting task
            outcome, value = future.set_exception, exc
        else:
            outcome, value = future.set_result, result
        try:
            loop.call_soon_threadsafe(deliver, outcome, value)
        except RuntimeError:  # the loop closed while we worked: nobody is waiting
            pass

    threading.Thread(target=run, name="calendars", daemon=True).start()
    return await future
