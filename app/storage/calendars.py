"""The holiday table's cache file: read it (cheap, no pandas) or build and write it.

Building (:func:`app.core.exchange_table.build_table`) imports exchange-calendars and pandas
and takes a second or two, so the GUI does it in a worker thread, and only when the cached
file is missing, damaged, of another format or older than ``MAX_AGE``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from app.core import holidays
from app.core.holidays import CalendarTable
from app.storage.atomic import write_atomic
from app.storage.paths import cache_dir

log = logging.getLogger(__name__)

FILE_NAME = "calendars.json"
MAX_AGE = timedelta(days=30)  # exchanges announce holidays months ahead; a month-old copy is fine
# Built with the package (packaging/build_calendars.py): what a first start and the command line
# use until a cache exists, so no run ever starts on weekday-only calendars.
SHIPPED_TABLE = Path(__file__).with_name("data") / FILE_NAME


def calendar_cache_path() -> Path:
    return cache_dir() / FILE_NAME


def bundled_table_path() -> Path | None:
    """The table built with the installable bundle (which leaves pandas out), if this is one;
    else the one shipped inside the package."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) / "resources" / FILE_NAME if base else SHIPPED_TABLE


def read_shipped_table(path: Path | None = None) -> CalendarTable | None:
    """The table that came with the program (the bundle's or the package's), whatever its
    age; None (logged) when it is missing or unreadable. Cheap: no pandas."""
    path = path or bundled_table_path()
    try:
        return holidays.decode(path.read_bytes())  # type: ignore[union-attr]
    except (OSError, ValueError, AttributeError) as exc:
        log.warning("no holiday table shipped at %s: %s", path, exc)
        return None


def read_best_table(today: date | None = None) -> CalendarTable | None:
    """The fresh cache if there is one, else the shipped table: what a start installs before
    anything is built (the command line never builds; the GUI builds in a worker after)."""
    return read_calendar_cache(today=today) or read_shipped_table()


def read_calendar_cache(path: Path | None = None, today: date | None = None) -> CalendarTable | None:
    """The cached table when it is there, readable and fresh; else None (never raises)."""
    path = path or calendar_cache_path()
    today = today or date.today()
    try:
        table = holidays.decode(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("calendar cache %s unusable, rebuilding it: %s", path, exc)
        return None
    if not table.built <= today < table.built + MAX_AGE:
        return None
    return table


def load_calendar_table(path: Path | None = None, today: date | None = None,
                        build: Callable[[], CalendarTable] | None = None,
                        bundled: Path | None = None) -> CalendarTable:
    """The cached table, or a new one built from exchange-calendars and cached (atomically).
    A cache that cannot be written is logged: the table built is still returned. Without
    exchange-calendars (the installable bundle) the table shipped with it is used; raises
    ``ImportError`` when there is neither. Slow: call it off the GUI thread."""
    path = path or calendar_cache_path()
    table = read_calendar_cache(path, today)
    if table is not None:
        return table
    try:
        if build is None:
            from app.core.exchange_table import build_table

            table = build_table(today=today)
        else:
            table = build()
    except ImportError:
        shipped = bundled or bundled_table_path()
        if shipped is None or not shipped.is_file():
            raise
        return holidays.decode(shipped.read_bytes())
    try:
        write_atomic(path, holidays.encode(table))
    except OSError as exc:
        log.warning("could not cache the calendars at %s: %s", path, exc)
    return table
