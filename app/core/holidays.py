"""Exchange holidays, half days and session-time changes, as a small pandas-free table.

exchange-calendars knows every exchange's holidays but pulls pandas, far too heavy for the
start-up path. :mod:`app.core.exchange_table` turns it into this table once (in a worker, or
on the command line); the table is cached as a small JSON file and installed here, where the
session calendars consult it. Until a table is installed every weekday trades, as before.

Times are wall-clock minutes from the session's local midnight, like the sessions themselves.
"""

from __future__ import annotations

import bisect
import threading
from datetime import date

import msgspec

FORMAT = 1  # bump when the layout changes: an older cache file is then rebuilt

Span = tuple[int, int]  # [start, end) wall-clock minutes of one regular session


class ExchangeDays(msgspec.Struct, frozen=True):
    """One exchange's exceptions to "every weekday trades the regular sessions"."""

    exchange: str  # exchange-calendars' code: XNYS, XHKG, XSHG, XTKS
    zone: str
    first: date  # the table knows [first, last]; outside it the calendar's own rule applies
    last: date
    eras: list[tuple[date, list[Span]]]  # the regular sessions from that day on (sorted)
    holidays: list[date]  # weekdays without a session
    special: list[tuple[date, list[Span]]]  # days whose sessions differ from their era's


class CalendarTable(msgspec.Struct, frozen=True):
    format: int
    source: str  # "exchange-calendars 4.13.2": what it was built from
    built: date
    exchanges: dict[str, ExchangeDays]


class _Index:
    """An :class:`ExchangeDays` arranged for lookups on every quote (sets, not lists)."""

    __slots__ = ("_era_days", "_era_spans", "first", "holidays", "last", "special")

    def __init__(self, days: ExchangeDays):
        self.first, self.last = days.first, days.last
        self.holidays = frozenset(days.holidays)
        self.special = {day: tuple(tuple(s) for s in spans) for day, spans in days.special}
        self._era_days = [day for day, _spans in days.eras]
        self._era_spans = [tuple(tuple(s) for s in spans) for _day, spans in days.eras]

    def regular_spans(self, day: date) -> tuple[Span, ...] | None:
        """The regular sessions of a day: () when it does not trade, None when the table does
        not know the day (the calendar then uses its own rule)."""
        if not self.first <= day <= self.last:
            return None
        special = self.special.get(day)
        if special is not None:
            return special
        if day.weekday() >= 5 or day in self.holidays:
            return ()
        i = bisect.bisect_right(self._era_days, day) - 1
        return self._era_spans[max(i, 0)]


_lock = threading.Lock()
_installed: dict[str, _Index] = {}
_table: CalendarTable | None = None
_generation = 0


def install(table: CalendarTable | None) -> None:
    """Make a table the one every calendar consults (None: back to weekdays only)."""
    global _installed, _table, _generation
    index = {code: _Index(days) for code, days in table.exchanges.items()} if table else {}
    with _lock:
        _installed, _table = index, table
        _generation += 1


def installed() -> CalendarTable | None:
    return _table


def generation() -> int:
    """Changes with every :func:`install`, so caches of derived sessions know to refresh."""
    return _generation


def regular_spans(exchange: str, day: date) -> tuple[Span, ...] | None:
    """An exchange's regular sessions on a day per the installed table (see ``_Index``)."""
    index = _installed.get(exchange)
    return index.regular_spans(day) if index is not None else None


def encode(table: CalendarTable) -> bytes:
    return msgspec.json.encode(table)


def decode(data: bytes) -> CalendarTable:
    """The table in a cache file; raises ``ValueError`` when the file is not one (or is of
    another format)."""
    try:
        table = msgspec.json.decode(data, type=CalendarTable)
    except msgspec.DecodeError as exc:
        raise ValueError(f"not a calendar table: {exc}") from exc
    if table.format != FORMAT:
        raise ValueError(f"calendar table format {table.format}, expected {FORMAT}")
    return table
