"""A rule's parts as a user types them (the command line's options; the window may reuse them).

Each function returns the values :func:`app.core.alerts.rules.checked_rule` takes, or raises
:class:`AlertRuleError` with words; they never guess (a number is plain ASCII, a time says its
zone or is UTC).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from app.core.alerts.rules import AlertRuleError, check_line
from app.core.text import QT_TRANSLATE_NOOP, Text

_DURATION = re.compile(r"([0-9]+(?:\.[0-9]+)?)([smhdw])")
_UNIT_MS = {"s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000}


def line_anchors(text: str) -> tuple[int, float, int, float]:
    """``T1,P1,T2,P2`` (epoch ms, price, epoch ms, price) → the line's anchors."""
    return check_line([part.strip() for part in text.split(",")])


def horizontal(price: str) -> tuple[str, str, str, str]:
    """``--cross P``: a horizontal line at P (both anchors at time 0)."""
    return ("0", price.strip(), "0", price.strip())


def spike(text: str) -> tuple[str, str | None]:
    """``K[,N]`` → (K, N or None): the multiple and the bars averaged."""
    multiple, _, bars = text.partition(",")
    return multiple.strip(), (bars.strip() or None) if bars else None


def expiry(text: str, now_ms: int) -> int:
    """``--expires``: an ISO 8601 time (UTC when it names no zone) or a duration from now
    (``90s``, ``30m``, ``2h``, ``1d``, ``1w``, or several: ``1h30m``) → epoch ms."""
    words = text.strip()
    if words.isascii() and words and _DURATION.sub("", words) == "":
        ms = sum(float(n) * _UNIT_MS[unit] for n, unit in _DURATION.findall(words))
        if ms > 0:
            return now_ms + round(ms)
    elif words.isascii() and words:
        try:
            moment = datetime.fromisoformat(words.replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None:
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            return round(moment.timestamp() * 1000)
    raise AlertRuleError(Text(QT_TRANSLATE_NOOP(
        "Alerts", "an expiry is an ISO 8601 time (2026-03-07T16:00:00Z) or a duration such as "
                  "90s, 30m, 2h or 1d, not '%1'"), text))
