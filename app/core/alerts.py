"""Alert rules and their evaluation on every event (pure: no Qt, no I/O).

DESIGN.md's contract: ``above P`` fires at the first event (a quote's ``last`` or a trade's
``price``) above P after it is armed — at once if the price already is — and re-arms only once
a price has gone back to P or below; ``below P`` is the mirror; ``change-pct X`` does the same
on |change from the previous close| in percent (fires at ≥ X, re-arms under X); ``big-print N``
fires for each trade of size ≥ N. Rules are indexed by symbol, so an event costs only the few
rules of its own symbol (the hot path is a dict lookup and a loop over them).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import msgspec

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Quote, Trade

ABOVE, BELOW, CHANGE_PCT, BIG_PRINT = "above", "below", "change-pct", "big-print"
KINDS = (ABOVE, BELOW, CHANGE_PCT, BIG_PRINT)
ARMED, FIRED = "armed", "fired"  # a rule's state, as :meth:`AlertEngine.state` says it


class AlertRuleError(ValueError):
    """A rule that cannot be evaluated, in words (the command line exits 2)."""


class AlertRule(msgspec.Struct, frozen=True):
    """A saved rule: ``kind`` one of :data:`KINDS`, ``value`` its level (price, percent or size)."""

    id: str
    symbol: str
    kind: str
    value: float
    note: str | None = None

    @property
    def text(self) -> str:
        """The rule as DESIGN.md writes it: ``above 240``, ``change-pct 2.5``."""
        return f"{self.kind} {number_text(self.value)}"


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


def check_rule(kind: str, value: object) -> float:
    """The rule's level as a float, or :class:`AlertRuleError` saying what is wrong."""
    if kind not in KINDS:
        raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
            "Alerts", "unknown alert rule '%1': use above, below, change-pct or big-print"), kind))
    try:  # float() also reads '١٢٣' and '1_0': a typed number is plain ASCII digits
        plain = not isinstance(value, str) or (value.isascii() and "_" not in value)
        level = float(value) if plain else math.nan  # type: ignore[arg-type]
    except (TypeError, ValueError):
        level = math.nan
    if isinstance(value, bool) or not math.isfinite(level) or level <= 0:
        raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
            "Alerts", "alert rule %1 needs a finite number above zero, not '%2'"), kind, value))
    return level


class _Armed:
    """One rule's live state; ``armed`` False once it fired until the price goes back."""

    __slots__ = ("rule", "kind", "level", "armed", "text")

    def __init__(self, rule: AlertRule) -> None:
        self.rule = rule
        self.kind = rule.kind
        self.level = rule.value
        self.armed = True
        self.text = rule.text


class AlertEngine:
    """Evaluates rules on events; :meth:`on_event` returns the alerts an event fired."""

    def __init__(self, rules: Iterable[AlertRule] = ()) -> None:
        self._prices: dict[str, list[_Armed]] = {}  # above / below / change-pct: on every price
        self._prints: dict[str, list[_Armed]] = {}  # big-print: trades only
        self._prev_close: dict[str, float] = {}
        self.set_rules(rules)

    def set_rules(self, rules: Iterable[AlertRule]) -> None:
        """Replace the rules; a rule kept (same id and definition) keeps its armed state."""
        old = {a.rule: a for armed in (*self._prices.values(), *self._prints.values()) for a in armed}
        self._prices, self._prints = {}, {}
        for rule in rules:
            check_rule(rule.kind, rule.value)
            armed = old.get(rule) or _Armed(rule)
            index = self._prints if rule.kind == BIG_PRINT else self._prices
            index.setdefault(rule.symbol, []).append(armed)

    @property
    def symbols(self) -> list[str]:
        """Every symbol a rule watches, sorted."""
        return sorted(set(self._prices) | set(self._prints))

    def state(self, rule_id: str) -> str | None:
        """``ARMED`` (it fires at the next crossing), ``FIRED`` (it fired and waits for the price
        to go back), or None for an id it does not hold: what the window's Alerts pane shows."""
        for index in (self._prices, self._prints):
            for rules in index.values():
                for armed in rules:
                    if armed.rule.id == rule_id:
                        return ARMED if armed.armed else FIRED
        return None

    def on_event(self, event: object) -> list[Alert]:
        """The alerts ``event`` fires (most events fire none; other event types are ignored)."""
        kind = type(event)
        if kind is Quote:
            if event.prev_close is not None:  # type: ignore[union-attr]
                self._prev_close[event.symbol] = event.prev_close  # type: ignore[union-attr]
            rules = self._prices.get(event.symbol)  # type: ignore[union-attr]
            price = event.last  # type: ignore[union-attr]
            if rules is None or price is None:
                return []
            return self._on_price(rules, event, price)
        if kind is Trade:
            fired = []
            rules = self._prices.get(event.symbol)  # type: ignore[union-attr]
            if rules is not None:
                fired = self._on_price(rules, event, event.price)  # type: ignore[union-attr]
            prints = self._prints.get(event.symbol)  # type: ignore[union-attr]
            if prints is not None:
                for armed in prints:
                    if event.size >= armed.level:  # type: ignore[union-attr]
                        fired.append(_alert(armed, event, event.price))  # type: ignore[union-attr]
            return fired
        return []

    def _on_price(self, rules: list[_Armed], event, price: float) -> list[Alert]:
        fired = []
        for armed in rules:
            kind = armed.kind
            if kind == ABOVE:
                beyond = price > armed.level
            elif kind == BELOW:
                beyond = price < armed.level
            else:
                prev = self._prev_close.get(event.symbol)
                if not prev:
                    continue  # no previous close yet: no change to measure
                beyond = abs(price - prev) / prev * 100.0 >= armed.level
            if beyond:
                if armed.armed:
                    armed.armed = False
                    fired.append(_alert(armed, event, price))
            elif not armed.armed:
                armed.armed = True
        return fired


def _alert(armed: _Armed, event, price: float) -> Alert:
    rule = armed.rule
    return Alert(event.ts, rule.id, rule.symbol, armed.text, event.vendor, price, rule.note)
