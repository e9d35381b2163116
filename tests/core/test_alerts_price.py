"""Price rules beyond above/below: a drawn line crossed either way, and the firing modes
(hysteresis, cooldown, expiry) on every price rule."""

from __future__ import annotations

import pytest

from app.core.alerts import AlertEngine, AlertRule, AlertRuleError, checked_rule
from app.core.alerts.price import line_at
from app.core.types import Quote, Trade

S = "US:AAPL"
T1, T2 = 1_741_381_200_000, 1_741_467_600_000  # a day apart: 240 → 250


def quote(last, ts, prev_close=200.0):
    return Quote("sim", S, ts, last=last, prev_close=prev_close)


def trade(price, ts):
    return Trade("sim", S, ts, price, 1.0)


def rule(kind, value, **parts):
    return checked_rule("a1", S, kind, value, **parts)


def fired(engine, events):
    return [(a.ts, a.price) for e in events for a in engine.on_event(e)]


def test_a_trend_line_is_priced_linearly_in_time_and_extended_both_ways():
    engine = AlertEngine([rule("line", 0, line=(T1, 240.0, T2, 250.0))])
    armed = engine._armed["a1"]
    assert line_at(armed, T1) == 240.0 and line_at(armed, T2) == 250.0
    assert line_at(armed, (T1 + T2) // 2) == pytest.approx(245.0)
    assert line_at(armed, T2 + (T2 - T1)) == pytest.approx(260.0)  # extended to the right
    assert line_at(armed, T1 - (T2 - T1)) == pytest.approx(230.0)  # and to the left


def test_a_line_fires_at_the_first_price_across_it_either_way_and_only_once_per_crossing():
    engine = AlertEngine([rule("line", 0, line=(T1, 240.0, T2, 250.0))])
    mid = (T1 + T2) // 2  # the line is at 245 here
    events = [quote(244.0, mid), trade(244.9, mid + 1), quote(245.0, mid + 2),  # below, then on it
              quote(245.5, mid + 3), trade(246.0, mid + 4),  # crosses up at 245.5: once
              quote(244.5, mid + 5), quote(244.0, mid + 6),  # crosses down: once
              quote(246.0, mid + 7)]  # and up again
    assert fired(engine, events) == [(mid + 3, 245.5), (mid + 5, 244.5), (mid + 7, 246.0)]


def test_a_line_records_its_side_on_arming_and_never_fires_for_the_first_price():
    engine = AlertEngine([rule("line", 0, line=(T1, 240.0, T2, 250.0))])
    assert fired(engine, [quote(300.0, T1), quote(299.0, T1 + 1)]) == []
    # the line rises through a still price: that is a crossing too (the price ends below it)
    engine = AlertEngine([rule("line", 0, line=(T1, 240.0, T2, 250.0))])
    assert fired(engine, [quote(245.0, T1), quote(245.0, (T1 + T2) // 2 - 1000),
                          quote(245.0, (T1 + T2) // 2 + 1000)]) == [((T1 + T2) // 2 + 1000, 245.0)]


def test_a_horizontal_line_is_flat_at_its_price():
    engine = AlertEngine([rule("line", 0, line=(0, 100.0, 0, 100.0))])
    assert fired(engine, [quote(99.0, 1), quote(100.0, 2), quote(100.5, 3), quote(99.5, 4)]) == [
        (3, 100.5), (4, 99.5)]
    assert rule("line", 0, line=(0, 100.0, 0, 100.0)).text == "line 100"
    assert rule("line", 0, line=(T1, 240.0, T2, 250.0)).text == f"line {T1},240,{T2},250"


def test_a_line_with_hysteresis_counts_a_crossing_only_after_being_that_far_beyond():
    engine = AlertEngine([rule("line", 0, line=(0, 100.0, 0, 100.0), hysteresis=1.0)])
    events = [quote(99.0, 1), quote(100.2, 2),  # crosses up: fires
              quote(99.8, 3), quote(100.3, 4), quote(99.9, 5),  # chatter inside 1.0: silent
              quote(101.0, 6),  # 1.0 above: re-armed
              quote(99.9, 7)]  # crosses down: fires
    assert fired(engine, events) == [(2, 100.2), (7, 99.9)]


def test_above_with_hysteresis_rearms_only_at_the_level_minus_x():
    engine = AlertEngine([rule("above", 240.0, hysteresis=0.5)])
    events = [quote(241.0, 1), quote(239.9, 2), quote(240.5, 3),  # back to 239.9 is not 239.5
              quote(239.5, 4), quote(240.1, 5)]  # at 239.5 re-armed: fires again
    assert fired(engine, events) == [(1, 241.0), (5, 240.1)]


def test_below_and_change_pct_with_hysteresis_mirror_it():
    engine = AlertEngine([rule("below", 100.0, hysteresis=1.0)])
    assert fired(engine, [quote(99.0, 1), quote(100.5, 2), quote(99.0, 3), quote(101.0, 4),
                          quote(99.9, 5)]) == [(1, 99.0), (5, 99.9)]
    engine = AlertEngine([rule("change-pct", 2.0, hysteresis=0.5)])
    # 204 is +2 %; 203 (+1.5 %) does not re-arm; 202.9 (+1.45 %) does; 196 is -2 %
    assert fired(engine, [quote(204.0, 1), quote(203.0, 2), quote(204.0, 3), quote(202.9, 4),
                          quote(196.0, 5)]) == [(1, 204.0), (5, 196.0)]


def test_every_fires_on_each_qualifying_event_at_most_once_per_cooldown():
    engine = AlertEngine([rule("above", 100.0, every=2)])  # 2 s of event time
    events = [quote(101.0, 0), quote(102.0, 500), trade(101.0, 1999), quote(99.0, 2100),
              quote(101.0, 2200), quote(101.5, 4199), quote(101.5, 4200)]
    assert fired(engine, events) == [(0, 101.0), (2200, 101.0), (4200, 101.5)]


def test_every_zero_fires_on_every_qualifying_event():
    engine = AlertEngine([rule("below", 100.0, every=0)])
    assert [ts for ts, _ in fired(engine, [quote(99.0, t) for t in range(5)])] == [0, 1, 2, 3, 4]


def test_an_expired_rule_never_fires_and_says_so():
    engine = AlertEngine([rule("above", 100.0, expires=1000)])
    assert fired(engine, [quote(101.0, 999)]) == [(999, 101.0)]
    assert engine.status("a1").state == "fired"
    assert fired(engine, [quote(99.0, 1000), quote(101.0, 1001)]) == []
    assert engine.status("a1").state == "expired"
    engine = AlertEngine([rule("below", 100.0, expires=1000)])
    assert engine.on_clock(1000) == [] and engine.status("a1").state == "expired"
    assert fired(engine, [quote(99.0, 500)]) == []  # expired by the clock: never again


def test_status_counts_firings_and_rearms():
    engine = AlertEngine([rule("above", 100.0)])
    assert (engine.status("a1").state, engine.status("a1").fired) == ("armed", 0)
    fired(engine, [quote(101.0, 5)])
    status = engine.status("a1")
    assert (status.state, status.fired, status.last) == ("fired", 1, 5)
    fired(engine, [quote(99.0, 6)])
    assert engine.status("a1").state == "armed" and engine.status("nope") is None


def test_a_bad_rule_given_to_set_rules_changes_nothing():
    engine = AlertEngine([rule("above", 100.0)])
    with pytest.raises(AlertRuleError):
        engine.set_rules([rule("below", 50.0), AlertRule("a2", S, "above", -1.0)])
    assert engine.symbols == [S] and fired(engine, [quote(101.0, 1)]) == [(1, 101.0)]
