"""Price rules, on every price (a quote's ``last``, a trade's ``price``).

``above P`` is beyond at a price > P and back at ≤ P − hysteresis; ``below P`` the mirror;
``change-pct X`` is beyond at |change from the previous close| ≥ X % and back under X − H.
``line`` records which side of the line the first price is on (arming), and fires when a price
is strictly on the other side: every crossing, either way; with a hysteresis H a crossing
counts only once the price has been H beyond the line on its side since the last one. The line's
price at an event is linear in the event's time through its anchors.
"""

from __future__ import annotations

from app.core.alerts.armed import Armed, make_alert
from app.core.alerts.rules import ABOVE, BELOW, CHANGE_PCT, Alert


def on_price(rules: list[Armed], ts: int, vendor: str, price: float, prev_close: float | None,
             fired: list[Alert]) -> list[Alert]:
    """Evaluate ``rules`` at one price; alerts are appended to ``fired``, which is returned."""
    for armed in rules:
        kind = armed.kind
        if kind == ABOVE:
            if price > armed.level:
                if armed.gate(ts):
                    fired.append(make_alert(armed, ts, vendor, price))
            elif not armed.armed and price <= armed.back:
                armed.armed = True
        elif kind == BELOW:
            if price < armed.level:
                if armed.gate(ts):
                    fired.append(make_alert(armed, ts, vendor, price))
            elif not armed.armed and price >= armed.back:
                armed.armed = True
        elif kind == CHANGE_PCT:
            if not prev_close:
                continue  # no previous close yet: no change to measure
            change = abs(price - prev_close) / prev_close * 100.0
            if change >= armed.level:
                if armed.gate(ts):
                    fired.append(make_alert(armed, ts, vendor, price))
            elif not armed.armed and change < armed.back:
                armed.armed = True
        elif _crossed(armed, ts, price):
            fired.append(make_alert(armed, ts, vendor, price))
    return fired


def line_at(armed: Armed, ts: int) -> float:
    """The line's price at ``ts`` (extended both ways; flat for a horizontal line)."""
    return armed.p1 + armed.slope * (ts - armed.t1)


def _crossed(armed: Armed, ts: int, price: float) -> bool:
    """Move a line rule's side along; True when this price fires it."""
    distance = price - (armed.p1 + armed.slope * (ts - armed.t1))
    side = armed.side
    if side == 0:  # arming: record the side (a price on the line says nothing yet)
        if distance:
            armed.side = 1 if distance > 0 else -1
        return False
    if (distance > 0 > side) or (distance < 0 < side):
        armed.side = -side
        if armed.cooldown < 0 and not armed.armed:  # not yet H beyond since the last one:
            armed.armed = distance * armed.side >= armed.hysteresis  # the side moves, no alert
            return False
        fires = armed.gate(ts)
        armed.armed = armed.cooldown >= 0 or distance * armed.side >= armed.hysteresis
        return fires
    if not armed.armed and distance * side >= armed.hysteresis:
        armed.armed = True
    return False
