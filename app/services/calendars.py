"""Loads the holiday table off the GUI thread and installs it for every calendar.

Building the table imports exchange-calendars and pandas (a second or two, and far too much
for the start-up path), so it runs in a daemon thread once the window is up; a quit while it
runs does not wait for it (the cache is written atomically, so a cut-short build leaves no
half file). A start that finds a fresh cache file reads it at once instead: a few ms.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from app.core.holidays import CalendarTable
from app.core.sessions import install_table
from app.storage.calendars import load_calendar_table, read_calendar_cache

log = logging.getLogger(__name__)
T = TypeVar("T")


class CalendarLoader(QObject):
    """``sig_installed`` fires on the GUI thread once a table is installed (views that show
    market status refresh then)."""

    sig_installed = Signal()

    def __init__(self, load: Callable[[], CalendarTable] = load_calendar_table,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._load = load
        self.table: CalendarTable | None = None

    def install_cached(self) -> bool:
        """Install the cached table if a fresh one is on disk (cheap: no pandas)."""
        table = read_calendar_cache()
        if table is not None:
            self._install(table)
        return table is not None

    async def load(self) -> bool:
        """Read or build the table in a worker thread, then install it; False (logged) when it
        cannot be had: the calendars then keep to weekdays."""
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

    def _install(self, table: CalendarTable) -> None:
        install_table(table)
        self.table = table
        self.sig_installed.emit()


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
