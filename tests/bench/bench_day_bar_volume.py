"""How much of a week's volume the live day bars keep, and how many day bars are wrong.

Run: ``python -m tests.bench.bench_day_bar_volume``

A print of size 1 every 10 s (its price its running number, so open, high, low and close name the
first and last print of a bar) through every session of one week (2025-03-09 → 03-14, New York):
FX from Sunday 17:00 to Friday 17:00, US stocks from the Sunday 20:00 night session to Friday's
20:00 close (03:50–04:00 is a break). The expected day bars group the prints by trading day
counted here without our calendar code (FX: the New York date of the instant + 7 h; US: + 4 h),
keyed at that day's New York midnight; a day bar is wrong when its key, open, high, low, close or
volume differs. Prints one JSON line per market:
``{"market":…,"prints":N,"kept_pct":…,"day_bars":N,"wrong_day_bars":N}``.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.core.bars import BarBuilder
from app.core.periods import Period
from app.core.sessions import CALENDARS

NY = ZoneInfo("America/New_York")
SUNDAY = date(2025, 3, 9)


def _ms(day: date, hh: int, mm: int) -> int:
    return int(datetime.combine(day, time(hh, mm), NY).timestamp() * 1000)


def _sessions(market: str) -> list[tuple[int, int]]:
    days = [SUNDAY + timedelta(days=i) for i in range(6)]
    if market == "FX":
        return [(_ms(d, 17, 0), _ms(d + timedelta(days=1), 17, 0)) for d in days[:5]]
    spans = [(_ms(d, 20, 0), _ms(d + timedelta(days=1), 3, 50)) for d in days[:5]]
    spans += [(_ms(d, 4, 0), _ms(d, 20, 0)) for d in days[1:]]
    return sorted(spans)


def measure(market: str, shift_hours: int) -> dict:
    prints = [t for a, b in _sessions(market) for t in range(a, b, 10_000)]
    expected: dict[int, tuple] = {}
    for i, t in enumerate(prints):
        day = (datetime.fromtimestamp(t / 1000, NY) + timedelta(hours=shift_hours)).date()
        key = _ms(day, 0, 0)
        o, h, lo, c, v = expected.get(key, (i, i, i, i, 0))
        expected[key] = (o, max(h, i), min(lo, i), i, v + 1)
    builder = BarBuilder("m", market, Period.D1, CALENDARS[market])
    bars = []
    for i, t in enumerate(prints):
        closed = builder.add_price(t, float(i), 1.0)
        if closed is not None:
            bars.append(closed)
    bars.append(builder.current)
    got = {b.ts: (b.open, b.high, b.low, b.close, b.volume) for b in bars}
    wrong = sum(1 for k in expected.keys() | got.keys() if expected.get(k) != got.get(k))
    kept = sum(v[-1] for v in got.values())
    return {"market": market, "prints": len(prints),
            "kept_pct": round(100 * kept / len(prints), 2),
            "day_bars": len(expected), "wrong_day_bars": wrong}


def main() -> None:
    for market, shift in (("FX", 7), ("US", 4)):
        print(json.dumps(measure(market, shift)))


if __name__ == "__main__":
    main()
