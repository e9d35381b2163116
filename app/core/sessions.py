"""Market sessions and trading days, per calendar, in the exchange's own time zone.

A calendar is a list of sessions given as wall-clock minutes relative to the *trading day's*
local midnight; a negative start means the session opens the evening before (the US night
session, FX's Sunday open). Working in wall-clock minutes keeps DST right by construction:
09:30 New York is 09:30 on both sides of a switch.

Holidays, half days and changes of hours come from a table built from exchange-calendars
(:mod:`app.core.holidays`), installed once it is loaded; before that every weekday trades.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

from app.core import holidays
from app.core.symbols import Market

UTC = ZoneInfo("UTC")


class SessionKind(StrEnum):
    NIGHT = "night"
    PRE = "pre"
    REGULAR = "regular"
    AFTER = "after"


@dataclass(frozen=True, slots=True)
class Session:
    kind: SessionKind
    start: int  # wall-clock minutes from the trading day's local midnight; may be negative
    end: int


@dataclass(frozen=True, slots=True)
class Calendar:
    """A market's sessions. ``exchange`` names its table of holidays and half days
    (:mod:`app.core.holidays`); until one is installed, or outside the years it covers, every
    day in ``weekdays`` trades ``sessions``.

    Trading days tile the time line: the instants ``trading_day_begin(D) <= t <
    trading_day_end(D)`` all belong to trading day D, and one day's end is the next trading
    day's begin. A day begins at ``day_start_minute`` of the calendar day after the previous
    trading day, so an evening session (US night from 20:00 New York, FX from 17:00) and any
    closed time before it (a weekend, a holiday) belong to the *next* trading day.
    """

    name: str
    zone: ZoneInfo
    sessions: tuple[Session, ...]
    weekdays: frozenset[int] = frozenset(range(5))  # Monday=0
    exchange: str | None = None  # exchange-calendars' code of its holiday table

    def __hash__(self) -> int:  # cheap (the per-day cache hashes it on every lookup); eq-consistent
        return hash((self.name, self.exchange))

    @property
    def always_open(self) -> bool:
        return len(self.weekdays) == 7 and any(
            s.start <= 0 and s.end >= 1440 for s in self.sessions
        )

    def day_sessions(self, day: date) -> tuple[Session, ...]:
        """The sessions of a trading day (a half day's shortened), () on a day without trading."""
        return _day_sessions(self, day, holidays.generation())

    def is_trading_day(self, day: date) -> bool:
        return bool(self.day_sessions(day))

    def next_trading_day(self, day: date) -> date:
        """The first trading day after ``day``."""
        return self._step(day, 1)

    def previous_trading_day(self, day: date) -> date:
        """The last trading day before ``day``."""
        return self._step(day, -1)

    def _step(self, day: date, direction: int) -> date:
        for n in range(1, MAX_CLOSED_DAYS + 1):
            candidate = day + timedelta(days=n * direction)
            if self.is_trading_day(candidate):
                return candidate
        raise ValueError(f"calendar {self.name} has no trading day within {MAX_CLOSED_DAYS} days of {day}")

    def session_at(self, ts_ms: int) -> Session | None:
        """The session trading at an instant, or None when the market is closed."""
        local = datetime.fromtimestamp(ts_ms / 1000, self.zone)
        minute = local.hour * 60 + local.minute + local.second / 60
        day = local.date()
        for session in self.day_sessions(day):
            if session.start <= minute < session.end:
                return session
        for session in self.day_sessions(day + timedelta(days=1)):
            if session.start < 0 and session.start <= minute - 1440 < session.end:
                return session
        return None

    def is_open(self, ts_ms: int) -> bool:
        return self.session_at(ts_ms) is not None

    @property
    def day_start_minute(self) -> int:
        """Where a trading day begins, in minutes from its local midnight (≤ 0)."""
        return min(0, min(s.start for s in self.sessions))

    def trading_day(self, ts_ms: int) -> date:
        """The trading day an instant belongs to: an evening session counts for the next
        trading day, and so does any closed time (a weekend, a holiday) before it."""
        local = datetime.fromtimestamp(ts_ms / 1000, self.zone)
        start = self.day_start_minute
        day = local.date()
        if start < 0 and local.hour * 60 + local.minute >= 1440 + start:
            day += timedelta(days=1)
        return day if self.is_trading_day(day) else self.next_trading_day(day)

    def trading_day_begin(self, day: date) -> int:
        """Epoch ms at which a trading day begins (the previous trading day's end). For a day
        without trading, the begin of the next trading day: no instant belongs to it."""
        if not self.is_trading_day(day):
            return self.trading_day_begin(self.next_trading_day(day))
        return self.local_ms(self.previous_trading_day(day) + timedelta(days=1), self.day_start_minute)

    def trading_day_end(self, day: date) -> int:
        """Epoch ms at which a trading day ends (where the next trading day begins). For a day
        without trading, equal to its :meth:`trading_day_begin`."""
        if not self.is_trading_day(day):
            return self.trading_day_begin(day)
        return self.local_ms(day + timedelta(days=1), self.day_start_minute)

    def local_ms(self, day: date, minute: int) -> int:
        """Epoch ms of a wall-clock minute offset from a day's local midnight."""
        base = day + timedelta(days=minute // 1440)
        m = minute % 1440
        local = datetime.combine(base, time(m // 60, m % 60), self.zone)
        return int(local.timestamp() * 1000)

    def session_bounds(self, day: date) -> list[tuple[Session, int, int]]:
        """Each session of a trading day with its [start, end) epoch ms; empty if no trading."""
        return [(s, self.local_ms(day, s.start), self.local_ms(day, s.end)) for s in self.day_sessions(day)]

    def last_close_before(self, ts_ms: int) -> int:
        """End (epoch ms) of the latest session that ended at or before an instant."""
        day = self.trading_day(ts_ms) + timedelta(days=1)
        for _ in range(MAX_CLOSED_DAYS):
            for _s, _start, end in reversed(self.session_bounds(day)):
                if end <= ts_ms:
                    return end
            day -= timedelta(days=1)
        raise ValueError(f"calendar {self.name} has no session in {MAX_CLOSED_DAYS} days")


MAX_CLOSED_DAYS = 60  # the longest closure searched for (Golden Week is 9 days; 2001's 9/11 was 4)


@lru_cache(maxsize=8192)
def _day_sessions(calendar: Calendar, day: date, _generation: int) -> tuple[Session, ...]:
    """A day's sessions per the installed holiday table (cached per table generation)."""
    spans = holidays.regular_spans(calendar.exchange, day) if calendar.exchange else None
    if spans is None:
        return calendar.sessions if day.weekday() in calendar.weekdays else ()
    return _fit(calendar.sessions, spans)


def _fit(sessions: tuple[Session, ...], spans: tuple[tuple[int, int], ...]) -> tuple[Session, ...]:
    """A day's sessions when its regular sessions are ``spans``: sessions before the regular
    ones end by the (maybe late) open; a session after them starts at the (maybe early) close
    and lasts no longer than usual (Nasdaq's post-market runs 13:00–17:00 on a half day)."""
    regular = [s for s in sessions if s.kind is SessionKind.REGULAR]
    if not spans:
        return ()
    if [(s.start, s.end) for s in regular] == list(spans):
        return sessions
    opening, closing = regular[0].start, regular[-1].end
    fitted = [Session(SessionKind.REGULAR, a, b) for a, b in spans]
    for s in sessions:
        if s.kind is SessionKind.REGULAR:
            continue
        if s.end <= opening and s.start < spans[0][0]:
            fitted.append(Session(s.kind, s.start, min(s.end, spans[0][0])))
        elif s.start >= closing:
            start = spans[-1][1]
            fitted.append(Session(s.kind, start, min(s.end, start + s.end - s.start)))
    return tuple(sorted(fitted, key=lambda s: s.start))


def install_table(table: holidays.CalendarTable | None) -> None:
    """Make every calendar follow a holiday table (None: weekdays only, as before loading)."""
    holidays.install(table)
    _day_sessions.cache_clear()


class Phase(StrEnum):
    """What a market is doing now, as a watchlist column says it."""

    PRE = "pre"
    OPEN = "open"
    LUNCH = "lunch"  # between two sessions of a trading day (HK, A-shares)
    AFTER = "after"
    NIGHT = "night"
    CLOSED = "closed"


_PHASE_OF_SESSION = {SessionKind.PRE: Phase.PRE, SessionKind.REGULAR: Phase.OPEN,
                     SessionKind.AFTER: Phase.AFTER, SessionKind.NIGHT: Phase.NIGHT}


def market_phase(calendar: Calendar, ts_ms: int) -> Phase:
    """The phase at an instant: a session's kind, a break inside a trading day, or closed."""
    session = calendar.session_at(ts_ms)
    if session is not None:
        return _PHASE_OF_SESSION[session.kind]
    bounds = calendar.session_bounds(calendar.trading_day(ts_ms))
    regular = [(start, end) for s, start, end in bounds if s.kind is SessionKind.REGULAR]
    if len(regular) > 1 and regular[0][1] <= ts_ms < regular[-1][0]:
        return Phase.LUNCH
    return Phase.CLOSED


def _cal(name: str, zone: str, *spans: tuple[SessionKind, str, str], weekdays=range(5),
         exchange: str | None = None) -> Calendar:
    def minutes(text: str) -> int:
        sign = -1 if text.startswith("-") else 1
        hh, mm = text.lstrip("-").split(":")
        return sign * (int(hh) * 60 + int(mm))

    sessions = tuple(Session(kind, minutes(a), minutes(b)) for kind, a, b in spans)
    return Calendar(name, ZoneInfo(zone), sessions, frozenset(weekdays), exchange)


R = SessionKind.REGULAR
CALENDARS: dict[str, Calendar] = {
    # Night 20:00 the evening before → 03:50 (QOS docs); it runs Sunday–Thursday evenings.
    "US": _cal(
        "US",
        "America/New_York",
        (SessionKind.NIGHT, "-04:00", "03:50"),
        (SessionKind.PRE, "04:00", "09:30"),
        (R, "09:30", "16:00"),
        (SessionKind.AFTER, "16:00", "20:00"),
        exchange="XNYS",
    ),
    "US_REGULAR": _cal("US_REGULAR", "America/New_York", (R, "09:30", "16:00"), exchange="XNYS"),
    "HK": _cal("HK", "Asia/Hong_Kong", (R, "09:30", "12:00"), (R, "13:00", "16:00"), exchange="XHKG"),
    "CN": _cal("CN", "Asia/Shanghai", (R, "09:30", "11:30"), (R, "13:00", "15:00"), exchange="XSHG"),
    # Tokyo closes at 15:30 since 5 November 2024 (15:00 before: the holiday table knows).
    "JP": _cal("JP", "Asia/Tokyo", (R, "09:00", "11:30"), (R, "12:30", "15:30"), exchange="XTKS"),
    "CRYPTO": _cal("CRYPTO", "UTC", (R, "00:00", "24:00"), weekdays=range(7)),
    # FX and metals: Sunday 17:00 New York to Friday 17:00, the day rolling at 17:00.
    "FX": _cal("FX", "America/New_York", (R, "-07:00", "17:00")),
    # 脉动数据's own products: sessions undocumented, bars and times on Beijing time (UTC+8).
    "MD": _cal("MD", "Asia/Shanghai", (R, "00:00", "24:00"), weekdays=range(7)),
}

DEFAULT_CALENDAR: dict[Market, str] = {
    Market.US: "US",
    Market.HK: "HK",
    Market.SH: "CN",
    Market.SZ: "CN",
    Market.FX: "FX",
    Market.CMDTY: "FX",
    Market.IDX: "US_REGULAR",
    Market.CRYPTO: "CRYPTO",
    Market.PERP: "CRYPTO",
    Market.MD: "MD",
}


def calendar_for(market: Market, name: str | None = None) -> Calendar:
    """The named calendar, else the market's default."""
    return CALENDARS[name or DEFAULT_CALENDAR[market]]
