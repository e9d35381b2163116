"""The alert rules in the interface's language.

A rule's ``text`` (``above 240``) is the command line's contract and stays English there; the
window writes the kinds it knows in the reader's language and any other kind (one added to
``app/core/alerts.py`` later) as its own ``text``, so a new kind shows without a change here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.core.alerts import ABOVE, ARMED, BELOW, BIG_PRINT, CHANGE_PCT, FIRED, KINDS, AlertRule, number_text

CONTEXT = "AlertWords"
EXPIRED = "expired"  # (the state a rule with an end time reaches; the engine says it)

# The kind as the add dialog offers it.
_KIND_NAMES = {
    ABOVE: QT_TRANSLATE_NOOP("AlertWords", "Price above"),
    BELOW: QT_TRANSLATE_NOOP("AlertWords", "Price below"),
    CHANGE_PCT: QT_TRANSLATE_NOOP("AlertWords", "Change from previous close ≥ ±%"),
    BIG_PRINT: QT_TRANSLATE_NOOP("AlertWords", "Big print: size ≥"),
}
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
    """Every kind the engine evaluates, in its order."""
    return list(KINDS)


def kind_name(kind: str) -> str:
    source = _KIND_NAMES.get(kind)
    return _tr(source) if source else kind


def rule_text(rule: AlertRule) -> str:
    """``above 96,085.47`` in the reader's language (the value as typed, its thousands grouped
    as the panes write prices); a kind not known here: the rule's own text."""
    source = _RULE_TEXTS.get(rule.kind)
    return _tr(source).replace("%1", grouped(number_text(rule.value))) if source else rule.text


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
