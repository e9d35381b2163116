"""``quote-terminal calendar``: a market's trading sessions, one JSON line per session.

Kept apart from ``app/cli.py`` so the command's rules live in one place. Days are trading days
(the ``day`` a session belongs to: a US night session opens the evening before its day); the
range is inclusive and defaults to today … today + 7 in the market's own time zone.
"""

from __future__ import annotations

import logging
import sys
from datetime import date, datetime, timedelta

import msgspec

from app.core.instruments import market_defaults
from app.core.sessions import CALENDARS, DEFAULT_CALENDAR, Calendar, SessionKind, install_table
from app.core.symbols import Market, SymbolError, market_of, normalize

log = logging.getLogger(__name__)

DEFAULT_DAYS = 7
MAX_DAYS = 3660  # ten years: more is a script's mistake, not a question
EARLIEST, LATEST = date(1970, 1, 1), date(2199, 12, 31)  # what a session's epoch ms can say sensibly
CALENDAR_ONLY = {"JP": "JP"}  # Tokyo: no instruments of its own, the calendar of IDX:JPN225
KIND_NAMES = {SessionKind.NIGHT: "night", SessionKind.PRE: "pre", SessionKind.REGULAR: "regular",
              SessionKind.AFTER: "post"}  # DESIGN.md's words


class CalendarArgsError(ValueError):
    """A bad argument, in words (the command line exits 2)."""


class SessionLine(msgspec.Struct, tag="session", tag_field="type"):
    market: str
    day: str
    kind: str
    open: int
    close: int


def choose_calendar(market: str | None, symbol: str | None) -> tuple[str, Calendar]:
    """The label printed as ``market`` and the calendar, from --market or --symbol."""
    if (market is None) == (symbol is None):
        raise CalendarArgsError("give either --market or --symbol")
    if symbol is not None:
        try:
            canonical = normalize(symbol)
        except SymbolError as exc:
            raise CalendarArgsError(str(exc)) from exc
        found = market_of(canonical)
        name = market_defaults(canonical).get("calendar") or DEFAULT_CALENDAR[found]
        return found.value, CALENDARS[str(name)]
    label = (market or "").strip().upper()
    if label in CALENDAR_ONLY:
        return label, CALENDARS[CALENDAR_ONLY[label]]
    try:
        return label, CALENDARS[DEFAULT_CALENDAR[Market(label)]]
    except ValueError:
        known = ", ".join([m.value for m in Market] + list(CALENDAR_ONLY))
        raise CalendarArgsError(f"unknown market {market!r}; markets are {known}") from None


def day_range(first: str | None, last: str | None, today: date) -> tuple[date, date]:
    """The inclusive range of trading days asked for, checked."""
    start = _date(first, "--from") if first is not None else today
    if last is not None:
        end = _date(last, "--to")
    else:
        end = min(start + timedelta(days=DEFAULT_DAYS), LATEST)
    if start > end:
        said = f"--from {start}" if first is not None else f"today ({start}, the default --from)"
        raise CalendarArgsError(f"{said} is after --to {end}")
    if (end - start).days >= MAX_DAYS:
        raise CalendarArgsError(f"at most {MAX_DAYS} days at once; {start} … {end} is {(end - start).days + 1}")
    return start, end


def _date(text: str, option: str) -> date:
    try:
        if len(text) != 10 or not text.isascii():
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise CalendarArgsError(f"{option} wants a date as YYYY-MM-DD, not {text!r}") from None
    if not EARLIEST <= day <= LATEST:
        raise CalendarArgsError(f"{option} {day} is outside {EARLIEST} … {LATEST}")
    return day


def session_lines(label: str, calendar: Calendar, first: date, last: date) -> list[SessionLine]:
    """Every session of the trading days first … last, in time order (a holiday has none)."""
    lines = []
    day = first
    while day <= last:
        for session, opens, closes in calendar.session_bounds(day):
            lines.append(SessionLine(label, day.isoformat(), KIND_NAMES[session.kind], opens, closes))
        day += timedelta(days=1)
    return lines


def known_range(calendar: Calendar) -> tuple[date, date] | None:
    """The days the installed holiday table knows for a calendar (None: it needs none)."""
    from app.core import holidays

    table = holidays.installed()
    if calendar.exchange is None:
        return None
    days = table.exchanges.get(calendar.exchange) if table else None
    return (days.first, days.last) if days else (date.max, date.min)


def run(market: str | None, symbol: str | None, first: str | None, last: str | None) -> int:
    """The command: raises :class:`CalendarArgsError` for bad arguments, prints the lines."""
    label, calendar = choose_calendar(market, symbol)
    known, source = None, ""
    if calendar.exchange is not None:
        table = _holiday_table()
        if table is None:
            print("quote-terminal: exchange-calendars is not installed and no holiday table came "
                  "with the program: holidays unknown", file=sys.stderr)
            return 1
        install_table(table)
        known, source = known_range(calendar), table.source
    start, end = day_range(first, last, datetime.now(calendar.zone).date())
    if known is not None and last is None and start <= known[1] < end:
        end = known[1]  # the default week, cut where the exchange's published holidays end
    if known is not None and not (known[0] <= start and end <= known[1]):
        raise CalendarArgsError(
            f"{calendar.exchange}'s holidays are known from {known[0]} to {known[1]} "
            f"({source}); ask for days within them")
    out = sys.stdout.buffer
    for line in session_lines(label, calendar, start, end):
        out.write(msgspec.json.encode(line) + b"\n")
    out.flush()
    return 0


def _holiday_table():
    """A fresh table from exchange-calendars (cached), else the cached or shipped one when the
    library is missing or fails (logged); None when there is none at all."""
    from app.storage.calendars import load_calendar_table, read_best_table

    try:
        return load_calendar_table()
    except Exception as exc:  # noqa: BLE001 — a library fault must not become a traceback
        log.warning("could not build the holiday table (%s); using the one at hand", exc)
        return read_best_table()
