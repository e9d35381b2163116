"""The alert rules in the interface's language.

A rule's ``text`` (``above 240``) is the command line's contract and stays English there; the
window writes the kinds it knows in the reader's language and any other kind (one added to
``app/core/alerts.py`` later) as its own ``text``, so a new kind shows without a change here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.core.alerts import (
    ABOVE, ARMED, BELOW, BIG_NOTIONAL, BIG_PRINT, CHANGE_PCT, FIRED, ICEBERG, KINDS, LINE, SPREAD_TICKS, STALE,
    SWEEP, VOLUME_SPIKE, AlertRule, number_text,
)
from app.core.alerts.describe import condition, describe
from app.core.text import render

CONTEXT = "AlertWords"
EXPIRED = "expired"  # (the state a rule with an end time reaches; the engine says it)

# The kind as the add dialog offers it.
_KIND_NAMES = {
    ABOVE: QT_TRANSLATE_NOOP("AlertWords", "Price above"),
    BELOW: QT_TRANSLATE_NOOP("AlertWords", "Price below"),
    CHANGE_PCT: QT_TRANSLATE_NOOP("AlertWords", "Change from previous close ≥ ±%"),
    BIG_PRINT: QT_TRANSLATE_NOOP("AlertWords", "Big print: size ≥"),
    BIG_NOTIONAL: QT_TRANSLATE_NOOP("AlertWords", "Big print: price × size ≥"),
    VOLUME_SPIKE: QT_TRANSLATE_NOOP("AlertWords", "Bar volume ≥ (k) × average of 20 bars"),
    SWEEP: QT_TRANSLATE_NOOP("AlertWords", "Sweep through (levels) within 1 s"),
    ICEBERG: QT_TRANSLATE_NOOP("AlertWords", "Iceberg: refills at one price (times)"),
    SPREAD_TICKS: QT_TRANSLATE_NOOP("AlertWords", "Spread wider than (ticks)"),
    STALE: QT_TRANSLATE_NOOP("AlertWords", "No data while open for (seconds)"),
}
# A line rule comes from a drawn line's menu ("Alert on this line"), not from a typed value.
_FROM_DRAWINGS = {LINE}
# The rule as the tables write it; %1 is the value.
_RULE_TEXTS = {
    ABOVE: QT_TRANSLATE_NOOP("AlertWords", "above %1"),
    BELOW: QT_TRANSLATE_NOOP("AlertWords", "below %1"),
    CHANGE_PCT: QT_TRANSLATE_NOOP("AlertWords", "change ≥ ±%1%"),
    BIG_PRINT: QT_TRANSLATE_NOOP("AlertWords", "print size ≥ %1"),
}
_STATES = {
    ARMED: QT_TRANSLATE_NOOP("AlertWords", "armed"),
    FIRED: QT_TRANSLATE_NOOP("AlertWords", "fired"),
    EXPIRED: QT_TRANSLATE_NOOP("AlertWords", "expired"),
}


def _tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def kinds() -> list[str]:
    """Every kind the engine evaluates that takes one typed number, in its order."""
    return [kind for kind in KINDS if kind not in _FROM_DRAWINGS]


def kind_name(kind: str) -> str:
    source = _KIND_NAMES.get(kind)
    return _tr(source) if source else kind


def rule_text(rule: AlertRule) -> str:
    """``above 96,085.47`` in the reader's language (the value as typed, its thousands grouped
    as the panes write prices); other kinds: the engine's sentence for the rule, translated."""
    if rule.hysteresis or rule.every is not None or rule.expires is not None:  # how often, until when
        return render(describe(rule), QCoreApplication.translate)
    source = _RULE_TEXTS.get(rule.kind)
    if source:
        return _tr(source).replace("%1", grouped(number_text(rule.value)))
    return render(condition(rule), QCoreApplication.translate)


def grouped(number: str) -> str:
    """"96085.47" → "96,085.47" (the digits after the point kept as they are)."""
    whole, point, fraction = number.partition(".")
    if not whole.isdigit():  # (an exponent, a sign: left as it is)
        return number
    return f"{int(whole):,}{point}{fraction}"


def state_text(state: str | None) -> str:
    if state is None:
        return ""
    source = _STATES.get(state)
    return _tr(source) if source else state
