"""Minutes on which our regular sessions disagree with exchange-calendars, 2024–2026.

Run from a checkout: python -m tests.bench.calendar_agreement   (prints one line per market)
The holiday table is built and installed first, as the program does after start-up (a checkout
without one measures weekday calendars: 67,650 minutes before issue 17).
"""
from __future__ import annotations

from datetime import date, timedelta

import exchange_calendars as xcals
import pandas as pd

from app.core.sessions import CALENDARS, SessionKind

PAIRS = {"US": ("US_REGULAR", "XNYS"), "HK": ("HK", "XHKG"), "SH/SZ": ("CN", "XSHG"), "JP": ("JP", "XTKS")}
FIRST, LAST = date(2024, 1, 1), date(2026, 12, 31)


def _ours(cal, day: date) -> set[int]:
    minutes: set[int] = set()
    for session, start, end in cal.session_bounds(day):
        if session.kind is SessionKind.REGULAR:
            minutes.update(range(start // 60000, end // 60000))
    return minutes


def _theirs(xc, day: date) -> set[int]:
    ts = pd.Timestamp(day)
    if ts > xc.last_session or not xc.is_session(ts):
        return set()
    def ms(x) -> int:
        return int(x.value // 10**6)
    open_, close = ms(xc.session_open(ts)), ms(xc.session_close(ts))
    bs, be = xc.session_break_start(ts), xc.session_break_end(ts)
    if bs is not pd.NaT and not pd.isna(bs):
        spans = [(open_, ms(bs)), (ms(be), close)]
    else:
        spans = [(open_, close)]
    out: set[int] = set()
    for a, b in spans:
        out.update(range(a // 60000, b // 60000))
    return out


def main() -> None:
    try:
        from app.core.exchange_table import build_table
        from app.core.sessions import install_table
    except ImportError:
        print("no holiday table in this checkout: weekday calendars")
    else:
        install_table(build_table())
    total = 0
    for market, (ours_name, xname) in PAIRS.items():
        cal = CALENDARS[ours_name]
        try:
            xc = xcals.get_calendar(xname, start="2023-01-01", end="2027-01-31")
        except ValueError:  # XSHG's holidays are recorded only to 2026
            xc = xcals.get_calendar(xname, start="2023-01-01", end="2026-12-31")
        minutes = days = 0
        day = FIRST
        while day <= LAST:
            a, b = _ours(cal, day), _theirs(xc, day)
            diff = len(a ^ b)
            minutes += diff
            days += diff > 0
            day += timedelta(days=1)
        total += minutes
        print(f"{market:6} {xname}: {days} days differ, {minutes} minutes")
    print(f"total: {total} minutes")


if __name__ == "__main__":
    main()
