"""Alert rules and their evaluation on every event (pure: no Qt, no I/O).

:mod:`.rules` says what a rule is and checks it; :mod:`.parse` reads a rule's parts as typed;
:mod:`.describe` says a rule in a translatable sentence; :mod:`.engine` evaluates the rules
(:mod:`.price` price rules, :mod:`.tape` trade and book rules, :mod:`.volume` bar volume).
"""

from app.core.alerts.armed import ARMED, EXPIRED, FIRED
from app.core.alerts.describe import describe
from app.core.alerts.engine import AlertEngine, RuleStatus
from app.core.alerts.rules import (
    ABOVE, BELOW, BIG_NOTIONAL, BIG_PRINT, CHANGE_PCT, DEFAULT_BARS, ICEBERG, KINDS, LINE,
    SPREAD_TICKS, STALE, SWEEP, VOLUME_SPIKE, Alert, AlertRule, AlertRuleError, check_line,
    check_rule, checked_rule, number_text, validate,
)

__all__ = [
    "ABOVE", "ARMED", "BELOW", "BIG_NOTIONAL", "BIG_PRINT", "CHANGE_PCT", "DEFAULT_BARS", "EXPIRED",
    "FIRED", "ICEBERG", "KINDS", "LINE", "SPREAD_TICKS", "STALE", "SWEEP", "VOLUME_SPIKE", "Alert",
    "AlertEngine", "AlertRule", "AlertRuleError", "RuleStatus", "check_line", "check_rule",
    "checked_rule", "describe", "number_text", "validate",
]
