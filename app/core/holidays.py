"""Exchange holidays, half days and session-time changes, as a small pandas-free table.

exchange-calendars knows every exchange's holidays but pulls pandas, far too heavy for the
start-up path. :mod:`app.core.exchange_table` turns it into this table once (in a worker, or
on the command line); the table is cached as a small JSON file and installed here, where the
session calendars consult it. Until a table is installed every weekday trades, as before.

Times are wall-clock minutes from the session's local midnight, like the sessions themselves.
"""

from __future__ import annotations

import bisect
import contextlib
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


class VendorDays(msgspec.Struct, frozen=True):
    """What a vendor's own calendar says of one exchange's days in [first, last]: the days it
    trades (QOS lists them; None when the vendor lists closures instead), its half days and
    its closed days (iTick lists holidays)."""

    vendor: str
    exchange: str
    first: date
    last: date
    trading: frozenset[date] | None = None
    half: frozenset[date] = frozenset()
    closed: frozenset[date] = frozenset()


def vendor_date(text: str) -> date | None:
    """A day as vendors' calendars spell it, ``YYYY-MM-DD`` (iTick) or ``YYYYMMDD`` (QOS);
    None for anything else, so one odd entry does not lose the whole calendar."""
    with contextlib.suppress(ValueError):
        if len(text) == 10 and text.isascii():
            return date.fromisoformat(text)
        if len(text) == 8 and text.isdigit():
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return None


class Merged(msgspec.Struct, frozen=True):
    table: CalendarTable
    closed: list[date]  # trading days per exchange-calendars that the vendor closed
    halved: list[date]  # full days the vendor made half days
    ignored: list[date]  # days the vendor says trade that exchange-calendars closes


def merge_vendor_days(table: CalendarTable, days: VendorDays) -> Merged:
    """Add a vendor's closures and half days to a table.

    A vendor may know of a closure the library does not yet (a typhoon, a day of mourning), so
    a day it closes or halves is taken; but it never reopens a day exchange-calendars closes
    (a vendor's list is for its own service and is often sloppy): such days are reported in
    ``ignored``. A half day takes the exchange's usual half-day hours from the table (US 13:00
    close, HK morning only); an exchange without half days ignores the flag.
    """
    exchange = table.exchanges.get(days.exchange)
    if exchange is None:
        return Merged(table, [], [], [])
    index = _Index(exchange)
    holidays, special = set(exchange.holidays), dict(exchange.special)
    half_spans = _usual_half_day(exchange)
    closed, halved, ignored = [], [], []
    day = max(days.first, exchange.first)
    while day <= min(days.last, exchange.last):
        spans = index.regular_spans(day)
        vendor_trades = day in days.half or (day.weekday() < 5 if days.trading is None else day in days.trading)
        if spans and (day in days.closed or not vendor_trades):
            closed.append(day)
            special.pop(day, None)
            if day.weekday() < 5:
                holidays.add(day)
        elif spans and day in days.half and half_spans and sum(b - a for a, b in spans) > _length(half_spans):
            halved.append(day)
            special[day] = list(half_spans)
        elif not spans and days.trading is not None and day in days.trading:
            ignored.append(day)
        day = date.fromordinal(day.toordinal() + 1)
    if not closed and not halved:
        return Merged(table, [], [], ignored)
    merged = msgspec.structs.replace(exchange, holidays=sorted(holidays),
                                     special=sorted(special.items()))
    tables = dict(table.exchanges, **{days.exchange: merged})
    return Merged(msgspec.structs.replace(table, exchanges=tables), closed, halved, ignored)


def _usual_half_day(days: ExchangeDays) -> tuple[Span, ...] | None:
    """The most frequent shortened day of an exchange (None if it has none)."""
    counts: dict[tuple[Span, ...], int] = {}
    for _day, spans in days.special:
        key = tuple(tuple(s) for s in spans)
        counts[key] = counts.get(key, 0) + 1
    era = tuple(tuple(s) for s in days.eras[-1][1]) if days.eras else ()
    shorter = [k for k in counts if _length(k) < _length(era)]
    return max(shorter, key=lambda k: counts[k]) if shorter else None


def _length(spans) -> int:
    return sum(b - a for a, b in spans)
