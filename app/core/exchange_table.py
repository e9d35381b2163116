"""Build the holiday table (:mod:`app.core.holidays`) from exchange-calendars.

exchange-calendars (and the pandas it pulls) is imported inside :func:`build_table` only: this
module may be imported anywhere, but calling it costs a second or two, so the GUI calls it in
a worker thread and caches the result (``app.storage.calendars``).
"""

from __future__ import annotations

import bisect
import warnings
from datetime import date, time

from app.core.holidays import FORMAT, CalendarTable, ExchangeDays, Span

FIRST_YEAR = 2000
EXCHANGES = ("XNYS", "XHKG", "XSHG", "XTKS")  # US (and US_REGULAR), HK, CN (SH and SZ), JP


def build_table(first_year: int = FIRST_YEAR, last_year: int | None = None,
                today: date | None = None) -> CalendarTable:
    """Every listed exchange from 1 January ``first_year`` to 31 December ``last_year``
    (default: two years ahead), each clipped to what exchange-calendars knows."""
    import exchange_calendars as xcals  # lazy: pulls pandas

    # exchange-calendars 4.x on pandas 3 warns of its own deprecated calls: not the user's concern
    # (pandas attributes them to its own modules: filtered by both)
    warnings.filterwarnings("ignore", message=".*is deprecated", module=r"(exchange_calendars|pandas)(\.|$)")

    today = today or date.today()
    last_year = last_year or today.year + 2
    exchanges = {}
    for code in EXCHANGES:
        bounds = type(xcals.get_calendar(code))  # its class knows the years it covers
        low, high = bounds.bound_min(), bounds.bound_max()
        first, last = date(first_year, 1, 1), date(last_year, 12, 31)
        if low is not None:
            first = max(first, low.date())
        if high is not None:
            last = min(last, high.date())
        calendar = xcals.get_calendar(code, start=first.isoformat(), end=last.isoformat())
        exchanges[code] = _exchange_days(calendar, code, first, last)
    return CalendarTable(FORMAT, f"exchange-calendars {xcals.__version__}", today, exchanges)


def _exchange_days(calendar, code: str, first: date, last: date) -> ExchangeDays:
    """One exchange's eras, holidays and special days, all in local wall-clock minutes."""
    import pandas as pd  # lazy, as above

    zone = str(calendar.tz)
    local = calendar.schedule.apply(lambda col: col.dt.tz_convert(zone))
    minutes = {name: (col.dt.hour * 60 + col.dt.minute) for name, col in local.items()}
    eras = _eras(calendar, first)
    era_days = [day for day, _spans in eras]
    special: list[tuple[date, list[Span]]] = []
    sessions: set[date] = set()
    opens, closes = minutes["open"], minutes["close"]
    starts, ends = minutes["break_start"], minutes["break_end"]
    for i, label in enumerate(local.index):
        day = label.date()
        sessions.add(day)
        if pd.isna(starts.iloc[i]) or pd.isna(ends.iloc[i]):
            spans = [(int(opens.iloc[i]), int(closes.iloc[i]))]
        else:
            spans = [(int(opens.iloc[i]), int(starts.iloc[i])), (int(ends.iloc[i]), int(closes.iloc[i]))]
        era = eras[max(0, _era_at(era_days, day))][1]
        if spans != era or day.weekday() >= 5:
            special.append((day, spans))
    weekdays = pd.bdate_range(first, last)
    holidays = [d.date() for d in weekdays if d.date() not in sessions]
    return ExchangeDays(code, zone, first, last, eras, holidays, special)


def _eras(calendar, first: date) -> list[tuple[date, list[Span]]]:
    """The regular sessions in force from each day the exchange changed its hours."""
    columns = [calendar.open_times, calendar.break_start_times or (), calendar.break_end_times or (),
               calendar.close_times]
    changes = sorted({first} | {ts.date() for col in columns for ts, _t in col if ts is not None})
    eras = []
    for day in changes:
        opening, brk, resume, closing = (_in_force(col, day) for col in columns)
        if brk is not None and resume is not None:
            spans = [(_minute(opening), _minute(brk)), (_minute(resume), _minute(closing))]
        else:
            spans = [(_minute(opening), _minute(closing))]
        if day >= first and (not eras or eras[-1][1] != spans):
            eras.append((day, spans))
    return eras


def _in_force(column, day: date) -> time | None:
    chosen = None
    for since, at in column:
        if since is None or since.date() <= day:
            chosen = at
    return chosen


def _minute(at: time) -> int:
    return at.hour * 60 + at.minute


def _era_at(era_days: list[date], day: date) -> int:
    return bisect.bisect_right(era_days, day) - 1
