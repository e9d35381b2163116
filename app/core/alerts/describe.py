"""A rule in a sentence for people (the Alerts pane, a toast), translatable above Qt.

:func:`describe` returns a :class:`Text`: English here and in logs, rendered again in the
user's language by the interface (``render(text, translate)``). Times are written in UTC with
the zone's name; numbers as the user typed them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import reduce

from app.core.alerts.rules import (
    ABOVE, BELOW, BIG_NOTIONAL, BIG_PRINT, CHANGE_PCT, DEFAULT_BARS, ICEBERG, LINE, SPREAD_TICKS,
    STALE, SWEEP, TRADE_KINDS, VOLUME_SPIKE, AlertRule, number_text,
)
from app.core.text import QT_TRANSLATE_NOOP, Text, joined

_SENTENCES = {
    ABOVE: QT_TRANSLATE_NOOP("Alerts", "Price above %1"),
    BELOW: QT_TRANSLATE_NOOP("Alerts", "Price below %1"),
    CHANGE_PCT: QT_TRANSLATE_NOOP("Alerts", "Change from the previous close beyond ±%1 %"),
    BIG_PRINT: QT_TRANSLATE_NOOP("Alerts", "A trade of size %1 or more"),
    BIG_NOTIONAL: QT_TRANSLATE_NOOP("Alerts", "A trade worth %1 or more (price × size)"),
    SWEEP: QT_TRANSLATE_NOOP("Alerts", "The best level swept through %1 or more levels within one second"),
    ICEBERG: QT_TRANSLATE_NOOP("Alerts", "A level refilled %1 or more times at one price (iceberg)"),
    SPREAD_TICKS: QT_TRANSLATE_NOOP("Alerts", "Spread wider than %1 ticks"),
    STALE: QT_TRANSLATE_NOOP("Alerts", "No data for %1 s while the market is open"),
}
_HORIZONTAL = QT_TRANSLATE_NOOP("Alerts", "Price crosses %1")
_TREND = QT_TRANSLATE_NOOP("Alerts", "Price crosses the line from %1 at %2 to %3 at %4")
_SPIKE = QT_TRANSLATE_NOOP("Alerts", "Bar volume at least %1 × the average of the last %2 bars")
_ONCE = QT_TRANSLATE_NOOP("Alerts", "once per crossing, re-arms when it goes back")
_ONCE_BACK = QT_TRANSLATE_NOOP("Alerts", "once per crossing, re-arms %1 back")
_CROSSINGS = QT_TRANSLATE_NOOP("Alerts", "each crossing, either way")
_CROSSINGS_BACK = QT_TRANSLATE_NOOP("Alerts", "each crossing, either way, once %1 beyond the line")
_ONCE_BAR = QT_TRANSLATE_NOOP("Alerts", "once per bar")
_ONCE_LEVEL = QT_TRANSLATE_NOOP("Alerts", "once per level")
_ONCE_SILENCE = QT_TRANSLATE_NOOP("Alerts", "once per silence")
_EACH = QT_TRANSLATE_NOOP("Alerts", "every time")
_EVERY = QT_TRANSLATE_NOOP("Alerts", "every time, at most once per %1 s")
_UNTIL = QT_TRANSLATE_NOOP("Alerts", "expires %1")
_EXPIRED = QT_TRANSLATE_NOOP("Alerts", "expired %1")


def moment_text(ms: int) -> str:
    """An epoch-ms time as ``2026-03-07 16:00 UTC`` (seconds only when it has some)."""
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC" if moment.second else "%Y-%m-%d %H:%M UTC")


def condition(rule: AlertRule) -> Text:
    """What the rule watches for, in a sentence."""
    if rule.kind == LINE and rule.line is not None:
        t1, p1, t2, p2 = rule.line
        if t1 == t2:
            return Text(_HORIZONTAL, number_text(p1))
        return Text(_TREND, number_text(p1), moment_text(t1), number_text(p2), moment_text(t2))
    if rule.kind == VOLUME_SPIKE:
        return Text(_SPIKE, number_text(rule.value), rule.bars or DEFAULT_BARS)
    return Text(_SENTENCES[rule.kind], number_text(rule.value))


def mode(rule: AlertRule) -> Text:
    """How often it fires."""
    if rule.every is not None:
        return Text(_EVERY, number_text(rule.every))
    if rule.kind in TRADE_KINDS or rule.kind == SWEEP:
        return Text(_EACH)
    if rule.kind == VOLUME_SPIKE:
        return Text(_ONCE_BAR)
    if rule.kind == ICEBERG:
        return Text(_ONCE_LEVEL)
    if rule.kind == STALE:
        return Text(_ONCE_SILENCE)
    if rule.kind == LINE:
        return Text(_CROSSINGS_BACK, number_text(rule.hysteresis)) if rule.hysteresis else Text(_CROSSINGS)
    if rule.hysteresis:
        return Text(_ONCE_BACK, number_text(rule.hysteresis))
    return Text(_ONCE)


def describe(rule: AlertRule, now_ms: int | None = None) -> Text:
    """The whole rule: condition; mode; expiry (said as past once ``now_ms`` is beyond it)."""
    parts = [condition(rule), mode(rule)]
    if rule.expires is not None:
        past = now_ms is not None and rule.expired(now_ms)
        parts.append(Text(_EXPIRED if past else _UNTIL, moment_text(rule.expires)))
    return reduce(joined, parts)
