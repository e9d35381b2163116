"""Bars of a recording up to the play position, for ``klines``.

A chart asks the replay for history as it asks a vendor. The bars the recording holds (a
vendor's live bar events of that period) are the vendor's own word and win; where it holds none
of that period, bars are built from the recorded trades (app.core.bars.BarBuilder, the live
bar builder). Only the window the asked-for count covers is read.
"""

from __future__ import annotations

from app.core.bars import BarBuilder
from app.core.periods import Period
from app.core.sessions import Calendar
from app.core.types import Bar, Trade


def recorded_bars(reader, symbol: str, period: Period, count: int, until_ms: int,
                  calendar: Calendar) -> list[Bar]:
    """Up to ``count`` bars of ``symbol`` recorded at or before ``until_ms``, oldest first."""
    start = reader.start_ms
    if start is None:
        return []
    first = max(start, until_ms - (count + 1) * period.nominal_ms)
    recorded: dict[int, Bar] = {}
    builder: BarBuilder | None = None
    built: dict[int, Bar] = {}
    for times, events in reader.timed_blocks(reader.seek_index(first)):
        if len(times) and times[0] > until_ms:
            break
        for t, event in zip(times.tolist(), events):
            if t > until_ms:
                break
            if event.symbol != symbol:
                continue
            kind = type(event)
            if kind is Bar and event.period == period.value:
                recorded[event.ts] = event
            elif kind is Trade:
                if builder is None:
                    builder = BarBuilder(event.vendor, symbol, period, calendar)
                closed = builder.add(event)
                if closed is not None:
                    built[closed.ts] = closed
    if not recorded and builder is not None and builder.current is not None:
        current = builder.current
        built[current.ts] = Bar(current.vendor, current.symbol, current.period, current.ts, current.open,
                                current.high, current.low, current.close, current.volume)
    bars = recorded or built
    return [bars[ts] for ts in sorted(bars)][-count:]
