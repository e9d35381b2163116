"""What an alert rule is: its kinds, its saved shape, its checks, and the alert it makes.

A rule is ``kind`` + ``value`` (the level: a price, a percent, a size, a count …) and a few
optional parts: a drawn ``line`` for ``line`` rules, ``bars`` averaged by ``volume-spike``, and
the firing mode (``hysteresis`` to re-arm only some way back, ``every`` seconds of cooldown
instead of once per crossing, ``expires`` after which it never fires). Everything a user can
type is checked here, so the command line and the window refuse a bad rule with the same words.
"""

from __future__ import annotations

import math

import msgspec

from app.core.text import QT_TRANSLATE_NOOP, Text

ABOVE, BELOW, CHANGE_PCT, BIG_PRINT = "above", "below", "change-pct", "big-print"
LINE, BIG_NOTIONAL, VOLUME_SPIKE = "line", "big-notional", "volume-spike"
SWEEP, ICEBERG, SPREAD_TICKS, STALE = "sweep", "iceberg", "spread-ticks", "stale"
KINDS = (ABOVE, BELOW, CHANGE_PCT, BIG_PRINT, LINE, BIG_NOTIONAL, VOLUME_SPIKE, SWEEP, ICEBERG,
         SPREAD_TICKS, STALE)
PRICE_KINDS = frozenset({ABOVE, BELOW, CHANGE_PCT, LINE})  # on every quote last / trade price
TRADE_KINDS = frozenset({BIG_PRINT, BIG_NOTIONAL})  # on every trade
BOOK_KINDS = frozenset({SWEEP, ICEBERG, SPREAD_TICKS})  # on every book (sweep, iceberg: trades too)
BAR_KINDS = frozenset({VOLUME_SPIKE})  # on every bar
CLOCK_KINDS = frozenset({STALE})  # on the clock
# Kinds that hold a state (beyond, or not) and so re-arm: a hysteresis means something for them.
HYSTERESIS_KINDS = frozenset({ABOVE, BELOW, CHANGE_PCT, LINE, SPREAD_TICKS})
WHOLE_KINDS = frozenset({SWEEP, ICEBERG})  # counts: whole numbers
DEFAULT_BARS = 20  # volume-spike: bars averaged when the rule does not say
MAX_BARS = 1000
SWEEP_WINDOW_MS = 1000  # a sweep takes its levels within one second


class AlertRuleError(ValueError):
    """A rule that cannot be evaluated, in words (the command line exits 2)."""


class AlertRule(msgspec.Struct, frozen=True, omit_defaults=True):
    """A saved rule: ``kind`` one of :data:`KINDS`, ``value`` its level (price, percent, size,
    notional, multiple, levels, refills, ticks or seconds). ``line`` is (t1_ms, p1, t2_ms, p2):
    the price at a moment is linear in time through the two anchors, extended both ways
    (t1 == t2: a horizontal line at p1). ``bars``: volume-spike's N. ``hysteresis``: re-arm
    only that far back (price, percent points or ticks). ``every``: fire on every qualifying
    event, at most once per that many seconds. ``expires``: epoch ms after which it never fires."""

    id: str
    symbol: str
    kind: str
    value: float
    note: str | None = None
    line: tuple[int, float, int, float] | None = None
    bars: int | None = None
    hysteresis: float | None = None
    every: float | None = None
    expires: int | None = None

    @property
    def text(self) -> str:
        """The rule as DESIGN.md writes it: ``above 240``, ``sweep 3``, ``volume-spike 3,20``,
        ``line 1741381200000,240,1741467600000,250`` (a horizontal line: ``line 240``)."""
        if self.kind == LINE and self.line is not None:
            t1, p1, t2, p2 = self.line
            if t1 == t2:
                return f"{LINE} {number_text(p1)}"
            return f"{LINE} {t1},{number_text(p1)},{t2},{number_text(p2)}"
        if self.kind == VOLUME_SPIKE:
            return f"{VOLUME_SPIKE} {number_text(self.value)},{self.bars or DEFAULT_BARS}"
        return f"{self.kind} {number_text(self.value)}"

    def expired(self, now_ms: int) -> bool:
        """True from the moment the rule expires (it never fires again)."""
        return self.expires is not None and now_ms >= self.expires


class Alert(msgspec.Struct, tag="alert", tag_field="type"):
    """An alert that fired: the ``{"type":"alert",…}`` line of the contract."""

    ts: int
    id: str
    symbol: str
    rule: str
    vendor: str
    price: float
    note: str | None = None


def number_text(value: float) -> str:
    """240.0 → "240", 240.5 → "240.5" (shortest repr, never an exponent for a price)."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _number(value: object) -> float:
    """``value`` as a float, NaN when it is not a plain number (float() also reads '١٢٣' and
    '1_0': a typed number is plain ASCII digits; a bool is no number)."""
    if isinstance(value, bool):
        return math.nan
    try:
        plain = not isinstance(value, str) or (value.isascii() and "_" not in value)
        return float(value) if plain else math.nan  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return math.nan


def check_rule(kind: str, value: object) -> float:
    """The rule's level as a float, or :class:`AlertRuleError` saying what is wrong."""
    if kind not in KINDS:
        raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
            "Alerts", "unknown alert rule '%1': use above, below, change-pct, big-print, line, "
                      "big-notional, volume-spike, sweep, iceberg, spread-ticks or stale"), kind))
    level = _number(value)
    if not math.isfinite(level) or level <= 0:
        raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
            "Alerts", "alert rule %1 needs a finite number above zero, not '%2'"), kind, value))
    if kind in WHOLE_KINDS and not level.is_integer():
        raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
            "Alerts", "alert rule %1 needs a whole number of at least 1, not '%2'"), kind, value))
    return level


def check_line(line: object) -> tuple[int, float, int, float]:
    """A drawn line's anchors (t1_ms, p1, t2_ms, p2): times whole epoch ms, prices above zero."""
    parts = list(line) if isinstance(line, (list, tuple)) else []
    if len(parts) == 4:
        t1, p1, t2, p2 = (_number(p) for p in parts)
        times_ok = all(math.isfinite(t) and t.is_integer() and 0 <= t < 1e14 for t in (t1, t2))
        if times_ok and all(math.isfinite(p) and p > 0 for p in (p1, p2)):
            return int(t1), p1, int(t2), p2
    raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
        "Alerts", "a line is T1,P1,T2,P2: two epoch-millisecond times and two prices above zero, "
                  "not '%1'"), ",".join(str(p) for p in parts) if parts else line))


def checked_rule(rule_id: str, symbol: str, kind: str, value: object, note: str | None = None, *,
                 line: object = None, bars: object = None, hysteresis: object = None,
                 every: object = None, expires: object = None) -> AlertRule:
    """A rule whose every part is checked (:class:`AlertRuleError` in words when one is bad).
    A ``line`` rule's value is the line's first price (its level where it is horizontal)."""
    anchors = None
    if kind == LINE:
        anchors = check_line(line)
        value = anchors[1]
    elif line is not None:
        raise AlertRuleError(Text(QT_TRANSLATE_NOOP("Alerts", "only a line rule takes a line")))
    level = check_rule(kind, value)
    count = None
    if bars is not None:
        count = _number(bars)
        if kind != VOLUME_SPIKE or not (count.is_integer() and 1 <= count <= MAX_BARS):
            raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
                "Alerts", "volume-spike averages 1 to %1 bars, not '%2'"), MAX_BARS, bars))
        count = int(count)
    elif kind == VOLUME_SPIKE:
        count = DEFAULT_BARS
    back = None
    if hysteresis is not None:
        back = _number(hysteresis)
        if kind not in HYSTERESIS_KINDS:
            raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
                "Alerts", "a hysteresis applies to above, below, change-pct, line and spread-ticks, "
                          "not to %1"), kind))
        if not math.isfinite(back) or back < 0:
            raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
                "Alerts", "a hysteresis is a finite number of zero or more, not '%1'"), hysteresis))
    cooldown = None
    if every is not None:
        cooldown = _number(every)
        if not math.isfinite(cooldown) or cooldown < 0:
            raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
                "Alerts", "a cooldown is a finite number of seconds, zero or more, not '%1'"), every))
    if back is not None and cooldown is not None:
        raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
            "Alerts", "a rule fires either once per crossing (with a hysteresis) or every time "
                      "(with a cooldown), not both")))
    until = None
    if expires is not None:
        moment = _number(expires)
        if not (math.isfinite(moment) and moment.is_integer() and 0 <= moment < 1e14):
            raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
                "Alerts", "an expiry is an epoch-millisecond time, not '%1'"), expires))
        until = int(moment)
    return AlertRule(rule_id, symbol, kind, level, note or None, anchors, count, back, cooldown, until)


def validate(rule: AlertRule) -> AlertRule:
    """The rule if every part is good (a hand-edited file may hold anything), else raises."""
    return checked_rule(rule.id, rule.symbol, rule.kind, rule.value, rule.note, line=rule.line,
                        bars=rule.bars if rule.kind == VOLUME_SPIKE else None,
                        hysteresis=rule.hysteresis, every=rule.every, expires=rule.expires)
